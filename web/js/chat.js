// The composer, the conversation thread, answer cards (streamed, then replaced by the verified answer)
// and the reference panel.

import { stream, getJSON, send } from "./api.js";
import { lang, t, toolLabel } from "./i18n.js";
import { clear, dateText, h, icon, lineChart, ms, tickerCard, toast, trustedHTML } from "./ui.js";

// -- composer ---------------------------------------------------------------------------------------

export function createComposer({ placeholderKey, onSubmit, allowResearch = true, autofocus = false }) {
  const textarea = h("textarea", { id: "question", rows: 2, maxlength: 4000, "data-i18n-placeholder": placeholderKey,
    placeholder: t(placeholderKey), "aria-label": t(placeholderKey) });
  const deep = h("button", { type: "button", id: "deep-toggle", class: "pill-toggle", "aria-pressed": "false" },
    icon("spark"), h("span", { "data-i18n": "deep_research" }, t("deep_research")));
  const autoInput = h("input", { type: "checkbox", id: "auto-accept" });
  const auto = h("label", { class: "switch", hidden: true, for: "auto-accept" }, autoInput,
    h("span", { class: "switch-track" }, h("span", { class: "switch-thumb" })),
    h("span", { "data-i18n": "auto_accept" }, t("auto_accept")));
  const sendBtn = h("button", { type: "submit", id: "send", class: "send-btn", "data-i18n-title": "send",
    title: t("send"), "aria-label": t("send") }, icon("send"));
  const form = h("form", { class: "composer", id: "composer" }, textarea,
    h("div", { class: "composer-bar" },
      allowResearch ? h("div", { class: "composer-tools" }, deep, auto) : h("div"),
      sendBtn));

  deep.addEventListener("click", () => {
    const on = deep.getAttribute("aria-pressed") !== "true";
    deep.setAttribute("aria-pressed", String(on));
    auto.hidden = !on;
    const key = on ? "research_placeholder" : placeholderKey;
    textarea.dataset.i18nPlaceholder = key;
    textarea.placeholder = t(key);
  });
  const grow = () => { textarea.style.height = "auto"; textarea.style.height = `${Math.min(textarea.scrollHeight, 200)}px`; };
  textarea.addEventListener("input", grow);
  textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  let busy = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    const text = textarea.value.trim();
    const research = deep.getAttribute("aria-pressed") === "true";
    if (!text && !research) { textarea.focus(); toast(t("empty_question"), "info"); return; }
    busy = true;
    form.classList.add("busy");
    textarea.value = "";
    grow();
    try {
      await onSubmit(text, { research, autoAccept: autoInput.checked });
    } finally {
      busy = false;
      form.classList.remove("busy");
    }
  });
  if (autofocus) setTimeout(() => textarea.focus(), 0);
  return { el: form, textarea, setText(v) { textarea.value = v; grow(); textarea.focus(); } };
}

// -- thread -----------------------------------------------------------------------------------------

export class Thread {
  constructor({ docId = null, conversationId = null, onConversation = () => {} }) {
    this.docId = docId;
    this.conversationId = conversationId;
    this.onConversation = onConversation;
    this.el = h("div", { class: "thread", id: "thread" });
  }

  async ask(question) {
    const card = answerCard(question);
    this.el.append(card.el);
    card.el.scrollIntoView({ behavior: "smooth", block: "start" });
    const body = { question, conversation_id: this.conversationId, doc_id: this.conversationId ? null : this.docId };
    let final = null;
    try {
      await stream("/api/chat?stream=true", body, (type, data) => {
        if (type === "answer") final = data;
        card.event(type, data);
      });
    } catch (err) {
      card.fail(err.message);
      return;
    }
    if (final && final.conversation_id && final.conversation_id !== this.conversationId) {
      this.conversationId = final.conversation_id;
      this.onConversation(this.conversationId);
    }
  }

  showAnswers(answers) {
    for (const a of answers) {
      const card = answerCard(a.question);
      card.finish(a);
      this.el.append(card.el);
    }
  }
}

function stepArgs(name, args) {
  if (!args) return "";
  if (name === "search_sources") return `“${args.query || ""}”`;
  const parts = [];
  for (const [k, v] of Object.entries(args)) {
    if (v === null || v === undefined || k === "annualize") continue;
    parts.push(typeof v === "object" ? JSON.stringify(v) : String(v));
  }
  return parts.join(" · ");
}

export function answerCard(question) {
  const steps = h("ol", { class: "step-list" });
  const stepsBox = h("details", { class: "steps", open: true },
    h("summary", {}, h("span", { class: "steps-title" }, t("steps")), h("span", { class: "steps-meta" }, t("thinking"))),
    steps);
  const live = h("div", { class: "answer-body streaming", "aria-live": "polite" });
  const refs = h("div", { class: "ref-list" });
  const tickers = h("div", { class: "tickers-strip" });
  const foot = h("div", { class: "a-foot" });
  const notes = h("div", { class: "a-notes" });
  const card = h("div", { class: "a-card" },
    h("div", { class: "a-head" }, h("span", { class: "a-logo" }, "C"), h("span", { class: "a-name" }, "Cited"),
      h("span", { class: "badge mode" })),
    stepsBox, live, notes, refs, tickers, foot);
  const el = h("article", { class: "answer pending" }, h("div", { class: "q-row" }, h("div", { class: "q-bubble" }, question)), card);
  const running = new Map();
  let text = "";
  let answer = null;
  const t0 = performance.now();

  el.addEventListener("click", (e) => {
    const target = e.target.closest("a.cite, .ref-item");
    if (!target || !answer) return;
    e.preventDefault();
    const n = Number(target.dataset.ref);
    openReference(answer.id, n, answer.references.find((r) => r.n === n));
  });

  function addStep(kind, label, detail) {
    const li = h("li", { class: `step ${kind}` }, h("span", { class: "step-icon" }),
      h("div", { class: "step-main" }, h("span", { class: "step-label" }, label),
        detail ? h("span", { class: "step-detail" }, detail) : null),
      h("span", { class: "step-ms" }));
    steps.append(li);
    return li;
  }

  return {
    el,
    event(type, data) {
      el.dataset[`seen_${type}`] = String(Number(el.dataset[`seen_${type}`] || 0) + 1);  // what streamed in, for tests
      if (type === "plan") {
        const what = [...(data.tickers || []).map((x) => x.replace(/^\^/, "")), ...(data.intents || [])].join(" · ");
        addStep("done", toolLabel("plan"), what);
      } else if (type === "tool_call") {
        const li = addStep("running", toolLabel(data.name), stepArgs(data.name, data.arguments));
        running.set(data.name + JSON.stringify(data.arguments), li);
      } else if (type === "tool_result") {
        const key = data.name + JSON.stringify(data.arguments);
        const li = running.get(key) || addStep("running", toolLabel(data.name), "");
        running.delete(key);
        li.className = `step ${data.ok ? "done" : "failed"}`;
        li.querySelector(".step-ms").textContent = ms(data.ms);
        const summary = data.ok ? data.summary : data.error;
        if (summary) li.querySelector(".step-main").append(h("span", { class: "step-result" }, summary));
      } else if (type === "token") {
        if (data.restart) text = "";
        text += data.text || "";
        live.textContent = text;
        stepsBox.querySelector(".steps-meta").textContent = t("writing");
      } else if (type === "answer") {
        this.finish(data, performance.now() - t0);
      } else if (type === "error") {
        this.fail(data.message);
      }
    },
    finish(a, elapsed) {
      answer = a;
      el.classList.remove("pending");
      el.dataset.answerId = a.id;
      live.classList.remove("streaming");
      trustedHTML(live, a.html);
      if (!steps.children.length) {  // a stored answer: rebuild its steps from the tool calls
        for (const c of a.tool_calls) {
          const li = addStep(c.ok ? "done" : "failed", toolLabel(c.name), stepArgs(c.name, c.arguments));
          li.querySelector(".step-ms").textContent = ms(c.ms);
          if (c.summary || c.error) li.querySelector(".step-main").append(h("span", { class: "step-result" }, c.ok ? c.summary : c.error));
        }
      }
      steps.querySelectorAll(".step.running").forEach((li) => li.classList.replace("running", "done"));
      stepsBox.open = false;
      stepsBox.querySelector(".steps-meta").textContent = t("steps_done", { n: a.tool_calls.length, ms: ms(a.timings.total) });
      card.querySelector(".badge.mode").textContent = a.mode === "llm" ? t("mode_llm") : t("mode_offline");
      clear(refs);
      if (a.references.length) {
        refs.append(h("div", { class: "ref-list-title" }, t("references")));
        for (const r of a.references) refs.append(refItem(r));
      }
      clear(tickers);
      for (const q of a.related_tickers) tickers.append(tickerCard(q, { compact: true }));
      clear(notes);
      const lines = [...(a.errors || []), ...(a.warnings || [])];
      if (lines.length) notes.append(h("ul", { class: "warn-list" }, lines.map((w) => h("li", {}, icon("warn"), w))));
      clear(foot);
      foot.append(
        h("span", { class: `badge ${a.grounded ? "ok" : "warn"}` }, a.grounded ? icon("check") : icon("warn"),
          a.grounded ? t("grounded") : t("not_grounded")),
        a.timings.first_token ? h("span", { class: "timing" }, `${t("first_token")} ${ms(a.timings.first_token)}`) : null,
        h("span", { class: "timing" }, `${t("total")} ${ms(elapsed ?? a.timings.total)}`),
        h("p", { class: "disclaimer" }, a.disclaimer));
    },
    fail(message) {
      el.classList.remove("pending");
      el.classList.add("failed");
      live.classList.remove("streaming");
      clear(live).append(h("p", { class: "error-text" }, icon("warn"), message || t("error")));
      stepsBox.open = false;
      stepsBox.querySelector(".steps-meta").textContent = t("error");
    },
  };
}

export function refItem(r) {
  return h("button", { type: "button", class: `ref-item ${r.kind}`, dataset: { ref: r.n } },
    h("span", { class: "ref-n" }, `[${r.n}]`),
    h("span", { class: `badge kind ${r.kind}` }, r.kind === "data" ? t("kind_data") : t("kind_passage")),
    h("span", { class: "ref-title" }, r.title),
    h("span", { class: "ref-meta" }, r.kind === "data" ? (r.window ? `${r.window[0]} → ${r.window[1]}` : "") : dateText(r.date)),
    r.demo ? h("span", { class: "badge demo" }, t("demo")) : null);
}

// -- reference panel --------------------------------------------------------------------------------

let panelToken = 0;

export function closeReference() {
  document.getElementById("ref-panel").classList.remove("open");
  document.getElementById("scrim").classList.remove("show");
}

export async function openReference(ownerId, n, local) {
  const panel = document.getElementById("ref-panel");
  const body = panel.querySelector(".panel-body");
  const token = ++panelToken;
  panel.querySelector(".panel-title").textContent = `[${n}] ${t("source_panel")}`;
  panel.classList.add("open");
  document.getElementById("scrim").classList.add("show");
  if (local) renderReference(body, local, []);
  else clear(body).append(h("p", { class: "muted" }, t("loading")));
  try {
    const ref = await getJSON(`/api/references/${encodeURIComponent(ownerId)}/${n}`);
    if (token === panelToken) renderReference(body, ref, ref.charts || []);
  } catch (err) {
    if (!local && token === panelToken) clear(body).append(h("p", { class: "error-text" }, err.message));
  }
}

function field(label, ...value) {
  return h("div", { class: "field" }, h("div", { class: "field-label" }, label), h("div", { class: "field-value" }, ...value));
}

function renderReference(body, r, charts) {
  clear(body);
  body.dataset.kind = r.kind;
  body.append(h("div", { class: "panel-kind" },
    h("span", { class: `badge kind ${r.kind}` }, r.kind === "data" ? t("kind_data") : t("kind_passage")),
    r.demo ? h("span", { class: "badge demo" }, t("demo")) : null));
  body.append(h("h3", { class: "ref-heading" }, r.title));
  if (r.kind === "passage") {
    const meta = h("div", { class: "fields" });
    if (r.date) meta.append(field(t("date"), dateText(r.date)));
    if (r.source) meta.append(field(t("source"), r.source));
    body.append(meta);
    body.append(h("div", { class: "field-label" }, t("passage")));
    body.append(h("blockquote", { class: "passage-text" }, r.snippet));
    if (r.doc_id) body.append(h("a", { class: "btn ghost", href: `#/a/${encodeURIComponent(r.doc_id)}` }, icon("doc"), t("open_source")));
  } else {
    body.append(field(t("computation"), h("code", { class: "computation" }, r.computation || r.snippet)));
    const meta = h("div", { class: "fields" });
    if (r.series && r.series.length) meta.append(field(t("series"), r.series.join(", ")));
    if (r.window) meta.append(field(t("window"), `${r.window[0]} → ${r.window[1]}`));
    if (r.source) meta.append(field(t("source"), r.source));
    body.append(meta);
    for (const c of charts) {
      body.append(h("figure", { class: "chart-box" }, h("figcaption", {}, `${c.symbol} · ${c.name}`), lineChart(c, r.window)));
    }
    if (r.notes && r.notes.length) body.append(field(t("notes"), h("ul", {}, r.notes.map((x) => h("li", {}, x)))));
  }
}

export async function deleteConversation(id) { return send("DELETE", `/api/conversations/${encodeURIComponent(id)}`); }

export function languageOf(text) {
  const cjk = (text.match(/[\u3400-\u9fff]/g) || []).length;
  const words = (text.match(/[A-Za-z]+/g) || []).length;
  return cjk && cjk >= words ? "zh" : (text.trim() ? "en" : lang());
}
