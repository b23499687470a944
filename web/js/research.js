// Deep research in the thread: a plan card (edit, accept, or auto-accept), then a report card whose
// sections fill in as they are written, with one global reference numbering and a Markdown export.

import { getText, send, stream } from "./api.js";
import { openReference, refItem } from "./chat.js";
import { t, toolLabel } from "./i18n.js";
import { clear, h, icon, ms, toast, trustedHTML } from "./ui.js";

export async function startResearch(container, { topic, docId, autoAccept, language }) {
  let research;
  try {
    research = await send("POST", "/api/research", { topic, doc_id: docId || null, language });
  } catch (err) {
    toast(err.message);
    return;
  }
  const plan = planCard(research.plan, { editable: !autoAccept });
  container.append(plan.el);
  plan.el.scrollIntoView({ behavior: "smooth", block: "start" });
  if (autoAccept) {
    plan.markAccepted(true);
    await runResearch(container, research.plan, null);
    return;
  }
  await new Promise((resolve) => {
    plan.onAccept = async (sections) => {
      plan.markAccepted(false);
      await runResearch(container, research.plan, sections);
      resolve();
    };
    plan.onCancel = () => { plan.el.remove(); resolve(); };
  });
}

function planCard(plan, { editable }) {
  const list = h("ol", { class: "plan-sections" });
  const card = {
    onAccept: null,
    onCancel: null,
    el: h("section", { class: "plan-card", dataset: { researchId: plan.id } }),
  };
  function sectionRow(s) {
    if (!editable) {
      return h("li", { class: "plan-section", dataset: { key: s.key } },
        h("div", { class: "plan-section-title" }, s.title),
        h("ul", { class: "plan-questions" }, s.questions.map((q, i) => h("li", {}, q,
          (s.tools[i] || []).length ? h("span", { class: "plan-tools" }, (s.tools[i] || []).map(toolLabel).join(" · ")) : null))));
    }
    const title = h("input", { class: "plan-title-input", value: s.title, maxlength: 80, "aria-label": t("section_title") });
    const qs = h("textarea", { class: "plan-q-input", rows: Math.max(1, s.questions.length), "aria-label": t("questions_one_per_line") });
    qs.value = s.questions.join("\n");
    const row = h("li", { class: "plan-section editable", dataset: { key: s.key } },
      h("div", { class: "plan-row" }, title,
        h("button", { type: "button", class: "icon-btn", title: t("remove"), "aria-label": t("remove"),
          onclick: () => row.remove() }, icon("trash"))),
      s.key === "summary" ? null : qs);
    return row;
  }
  plan.sections.forEach((s) => list.append(sectionRow(s)));
  const actions = h("div", { class: "plan-actions" });
  if (editable) {
    actions.append(
      h("button", { type: "button", class: "btn ghost", onclick: () => {
        list.append(sectionRow({ key: `custom${list.children.length + 1}`, title: t("section_title"), questions: [""], tools: [] }));
      } }, icon("plus"), t("add_section")),
      h("span", { class: "grow" }),
      h("button", { type: "button", class: "btn ghost", onclick: () => card.onCancel && card.onCancel() }, t("cancel")),
      h("button", { type: "button", class: "btn primary", id: "accept-plan", onclick: () => {
        const sections = [...list.children].map((li) => ({
          key: li.dataset.key,
          title: li.querySelector(".plan-title-input").value.trim() || li.dataset.key,
          questions: li.querySelector(".plan-q-input") ? li.querySelector(".plan-q-input").value.split("\n").map((x) => x.trim()).filter(Boolean) : [],
        }));
        if (card.onAccept) card.onAccept(sections);
      } }, t("accept_plan")));
  }
  const head = h("div", { class: "card-head" }, icon("spark"), h("span", { class: "card-title" }, t("plan_title")),
    h("span", { class: "plan-topic" }, plan.topic));
  if (editable) {
    card.el.append(head, h("p", { class: "muted small" }, t("plan_hint")), list, actions);
  } else {  // auto-accepted: the section names at a glance, the questions one click away
    const chips = h("div", { class: "plan-chips" }, plan.sections.map((s, i) => h("span", { class: "chip static" }, `${i + 1}. ${s.title}`)));
    card.el.append(head, chips, h("details", { class: "plan-details" }, h("summary", {}, t("questions_one_per_line").replace(/（.*|\(.*/, "")), list), actions);
  }
  for (const note of plan.notes || []) head.after(h("p", { class: "muted small plan-note" }, note));
  card.markAccepted = (auto) => {
    clear(actions).append(h("span", { class: "badge ok" }, icon("check"), auto ? t("auto_accepted") : t("accept_plan")));
    card.el.querySelectorAll("input, textarea, .icon-btn").forEach((x) => { x.disabled = true; });
  };
  return card;
}

export function reportCard(plan) {
  const sections = new Map();
  const list = h("div", { class: "report-sections" });
  plan.sections.forEach((s, i) => {
    const status = h("span", { class: "section-status" }, t("section_pending"));
    const body = h("div", { class: "section-body" });
    const el = h("section", { class: "report-section pending", dataset: { key: s.key, index: i } },
      h("h3", {}, h("span", { class: "section-n" }, String(i + 1)), h("span", {}, s.title), status), body);
    sections.set(i, { el, status, body });
    list.append(el);
  });
  const bar = h("div", { class: "progress" }, h("div", { class: "progress-fill" }));
  const refs = h("div", { class: "report-refs" });
  const actions = h("div", { class: "report-actions" });
  const el = h("section", { class: "research-report running", dataset: { researchId: plan.id } },
    h("div", { class: "card-head" }, icon("doc"), h("span", { class: "card-title" }, t("report_label")),
      h("span", { class: "report-state" }, t("running"))),
    h("h2", { class: "report-topic" }, plan.topic), bar, list, refs, actions);
  let references = [];
  el.addEventListener("click", (e) => {
    const target = e.target.closest("a.cite, .ref-item");
    if (!target) return;
    e.preventDefault();
    const n = Number(target.dataset.ref);
    openReference(plan.id, n, references.find((r) => r.n === n));
  });
  const total = plan.sections.length;
  return {
    el,
    event(type, data) {
      if (type === "section_start") {
        const s = sections.get(data.index);
        if (!s) return;
        s.el.className = "report-section running";
        s.status.textContent = t("section_running");
      } else if (type === "step") {
        const s = sections.get(data.index);
        if (s) s.status.textContent = `${toolLabel(data.name)}…`;
      } else if (type === "section") {
        const s = sections.get(data.index);
        if (!s) return;
        references = references.concat(data.references.filter((r) => !references.some((x) => x.n === r.n)));
        this.fillSection(s, data.section);
        bar.firstChild.style.width = `${Math.round(((data.index + 1) / total) * 100)}%`;
      } else if (type === "report") {
        this.finish(data.report);
      } else if (type === "error") {
        el.classList.remove("running");
        el.querySelector(".report-state").textContent = data.message || t("error");
      }
    },
    fillSection(s, section) {
      s.el.className = "report-section done";
      s.status.textContent = section.references.length ? `[${section.references.length}] · ${ms(section.ms)}` : ms(section.ms);
      trustedHTML(s.body, section.html);
    },
    finish(report) {
      references = report.references;
      report.sections.forEach((section, i) => {
        const s = sections.get(i);
        if (s) this.fillSection(s, section);
      });
      bar.firstChild.style.width = "100%";
      el.classList.remove("running");
      el.classList.add("done");
      el.querySelector(".report-state").textContent = `${t("report_done")} · ${ms(report.ms)}`;
      clear(refs).append(h("div", { class: "ref-list-title" }, t("report_refs")), ...report.references.map(refItem));
      clear(actions).append(
        h("button", { type: "button", class: "btn primary", id: "export-md", onclick: () => exportMarkdown(plan.id) },
          icon("download"), t("export_md")),
        h("a", { class: "btn ghost", href: `#/r/${plan.id}` }, t("open_report")),
        h("p", { class: "disclaimer" }, report.disclaimer));
    },
  };
}

async function runResearch(container, plan, sections) {
  const shown = sections ? { ...plan, sections: sections.map((s) => ({ ...s, tools: [] })) } : plan;
  const card = reportCard(shown);
  container.append(card.el);
  try {
    await stream(`/api/research/${plan.id}/run?stream=true`, sections ? { sections } : {}, (type, data) => card.event(type, data));
  } catch (err) {
    card.event("error", { message: err.message });
    toast(err.message);
  }
  window.dispatchEvent(new CustomEvent("cited:history"));
}

async function exportMarkdown(id) {
  try {
    const text = await getText(`/api/research/${id}/export.md`);
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    const a = h("a", { href: url, download: `cited-research-${id}.md` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (err) {
    toast(err.message);
  }
}
