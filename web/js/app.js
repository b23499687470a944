// Cited's web app: routes (#/, #/a/<doc>[/c/<conversation>], #/c/<conversation>, #/r/<research>),
// the history sidebar, the upload dialog and the language switch.

import { getJSON, rememberToken, upload } from "./api.js";
import { closeReference, createComposer, deleteConversation, languageOf, Thread } from "./chat.js";
import { applyStatic, lang, onLangChange, setLang, t } from "./i18n.js";
import { reportCard, startResearch } from "./research.js";
import { clear, dateText, h, icon, tickerCard, toast, trustedHTML, ago } from "./ui.js";
import { send } from "./api.js";

const main = () => document.getElementById("main");
const MARKET = ["^RUT", "^GSPC", "QQQ", "IWM", "IJS"];
let articlesCache = null;

// -- pages ------------------------------------------------------------------------------------------

function chatSection({ docId = null, conversationId = null, placeholderKey, topicFallback = "" }) {
  const thread = new Thread({ docId, conversationId, onConversation: (cid) => {
    const path = docId ? `#/a/${encodeURIComponent(docId)}/c/${cid}` : `#/c/${cid}`;
    history.replaceState(null, "", path);
    refreshHistory();
  } });
  const composer = createComposer({
    placeholderKey,
    onSubmit: async (text, { research, autoAccept }) => {
      if (research) {
        await startResearch(thread.el, { topic: text || topicFallback, docId, autoAccept,
          language: text ? languageOf(text) : lang() });
        refreshHistory();
      } else {
        await thread.ask(text);
      }
    },
  });
  return { thread, composer };
}

function suggestionChips(questions, composer) {
  return h("div", { class: "suggestions" }, h("span", { class: "muted small" }, t("suggestions")),
    questions.map((q) => h("button", { type: "button", class: "chip suggestion", onclick: () => composer.setText(q) }, q)));
}

function articleCard(a) {
  return h("a", { class: "article-card", href: `#/a/${encodeURIComponent(a.id)}`, dataset: { id: a.id } },
    h("div", { class: "tags" }, a.tags.slice(0, 3).map((x) => h("span", { class: "tag" }, x))),
    h("h3", {}, a.title),
    h("p", { class: "excerpt" }, a.excerpt),
    h("div", { class: "meta" }, h("span", {}, dateText(a.date)),
      h("span", { class: "tickers-inline" }, a.tickers.slice(0, 3).map((x) => h("span", { class: "tk-chip" }, x.replace(/^\^/, ""))))));
}

async function homePage() {
  // closing the upload dialog re-renders home to list the new note: keep what the user had typed
  const typing = main().querySelector(".hero #question")?.value || "";
  const root = clear(main());
  const { thread, composer } = chatSection({ placeholderKey: "ask_placeholder" });
  if (typing) composer.setText(typing);
  const market = h("div", { class: "market-strip" });
  const grid = h("div", { class: "article-grid" });
  const filters = h("div", { class: "filters" });
  const zh = lang() === "zh";
  root.append(
    h("section", { class: "hero" },
      h("h1", {}, t("hero_title")),
      h("p", { class: "hero-sub" }, t("hero_sub")),
      composer.el,
      suggestionChips(zh ? ["罗素2000最近跑赢标普500了吗？连续跑赢了几天？", "标普500相对罗素2000的远期市盈率溢价是多少？", "2026年1月16日哪个板块涨得最好？"]
        : ["Has the Russell 2000 outperformed the S&P 500 lately?", "What forward P/E premium does the S&P 500 carry over the Russell 2000?", "Which sectors did best on 2026-01-16?"], composer),
      thread.el),
    market,
    h("section", { class: "notes" }, h("div", { class: "section-head" }, h("h2", {}, t("latest_notes")), filters), grid),
    h("p", { class: "disclaimer page-disclaimer" }, t("disclaimer")));
  getJSON(`/api/quotes?symbols=${encodeURIComponent(MARKET.join(","))}`)
    .then((r) => r.quotes.forEach((q) => market.append(tickerCard(q))))
    .catch(() => market.remove());
  try {
    articlesCache = await getJSON("/api/articles");
  } catch (err) {
    grid.append(h("p", { class: "error-text" }, err.message));
    return;
  }
  let active = lang();
  const draw = () => {
    clear(grid);
    articlesCache.filter((a) => active === "all" || a.lang === active).forEach((a) => grid.append(articleCard(a)));
    filters.querySelectorAll(".chip").forEach((c) => c.classList.toggle("active", c.dataset.value === active));
  };
  for (const [value, label] of [["zh", "中文"], ["en", "English"], ["all", t("all")]]) {
    filters.append(h("button", { type: "button", class: "chip", dataset: { value }, onclick: () => { active = value; draw(); } }, label));
  }
  draw();
}

async function articlePage(docId, conversationId) {
  const root = clear(main());
  root.append(h("p", { class: "muted" }, t("loading")));
  let a;
  try {
    a = await getJSON(`/api/articles/${encodeURIComponent(docId)}`);
  } catch (err) {
    clear(root).append(h("div", { class: "empty" }, h("p", {}, err.message), h("a", { href: "#/", class: "btn ghost" }, t("back_home"))));
    return;
  }
  const { thread, composer } = chatSection({ docId, conversationId, placeholderKey: "article_placeholder", topicFallback: a.title });
  const zh = a.lang === "zh";
  const subject = a.tickers[0] ? a.tickers[0] : "";
  const name = (a.quotes[0] && a.quotes[0].name) || subject;
  const ideas = zh
    ? [`${a.quotes[0] ? a.quotes[0].name : "罗素2000"}最近跑赢标普500了吗？`, "这篇文章的核心观点有哪些数据支撑？", "估值溢价是多少？"]
    : [`Has the ${name || "Russell 2000"} outperformed the S&P 500 lately?`, "What figures support this article's main point?", "What is the valuation premium?"];
  clear(root).append(
    h("div", { class: "article-layout" },
      h("article", { class: "article", dataset: { docId } },
        h("nav", { class: "crumbs" }, h("a", { href: "#/" }, t("nav_news")), h("span", {}, "/"), h("span", {}, a.source)),
        h("div", { class: "tags" }, a.tags.map((x) => h("span", { class: "tag" }, x))),
        h("h1", { class: "article-title" }, a.title),
        h("div", { class: "article-meta" }, h("time", { datetime: a.date }, dateText(a.date)), h("span", {}, a.source)),
        a.quotes.length ? h("div", { class: "quote-row", "aria-label": t("related_tickers") }, a.quotes.map((q) => tickerCard(q))) : null,
        trustedHTML(h("div", { class: "article-body" }), a.html),
        h("p", { class: "disclaimer" }, t("disclaimer")),
        h("section", { class: "ask-box", id: "ask" },
          h("div", { class: "ask-head" }, h("span", { class: "a-logo" }, "C"),
            h("div", {}, h("div", { class: "ask-title" }, t("ask_ai")), h("div", { class: "muted small" }, t("ask_ai_sub")))),
          thread.el, composer.el, suggestionChips(ideas, composer))),
      h("aside", { class: "side" },
        h("div", { class: "side-card" }, h("h4", {}, t("related_reading")),
          h("ul", { class: "related" }, a.related.map((r) => h("li", {},
            h("a", { href: `#/a/${encodeURIComponent(r.id)}` }, h("span", { class: "rel-title" }, r.title),
              h("span", { class: "rel-meta" }, dateText(r.date), r.tags[0] ? ` · ${r.tags[0]}` : ""))))))),
    ));
  if (conversationId) await loadConversation(thread, conversationId);
}

async function loadConversation(thread, id) {
  try {
    const conv = await getJSON(`/api/conversations/${encodeURIComponent(id)}`);
    thread.conversationId = conv.id;
    thread.showAnswers(conv.answers);
  } catch (err) {
    toast(err.message);
  }
}

async function conversationPage(id) {
  const root = clear(main());
  let conv;
  try {
    conv = await getJSON(`/api/conversations/${encodeURIComponent(id)}`);
  } catch (err) {
    root.append(h("div", { class: "empty" }, h("p", {}, err.message), h("a", { href: "#/", class: "btn ghost" }, t("back_home"))));
    return;
  }
  if (conv.doc_id) { location.replace(`#/a/${encodeURIComponent(conv.doc_id)}/c/${conv.id}`); return; }
  const { thread, composer } = chatSection({ conversationId: id, placeholderKey: "ask_placeholder" });
  root.append(h("section", { class: "conversation" }, h("h1", { class: "conv-title" }, conv.title), thread.el,
    h("div", { class: "composer-dock" }, composer.el)));
  thread.showAnswers(conv.answers);
}

async function researchPage(id) {
  const root = clear(main());
  let r;
  try {
    r = await getJSON(`/api/research/${encodeURIComponent(id)}`);
  } catch (err) {
    root.append(h("div", { class: "empty" }, h("p", {}, err.message)));
    return;
  }
  const card = reportCard(r.plan);
  root.append(h("section", { class: "conversation" }, card.el));
  if (r.report) card.finish(r.report);
}

// -- sidebar, upload, language ----------------------------------------------------------------------

async function refreshHistory() {
  const box = document.getElementById("history-list");
  let convs = [], reports = [];
  try {
    [convs, reports] = await Promise.all([getJSON("/api/conversations"), getJSON("/api/research")]);
  } catch (err) {
    if (err.status === 401) toast(t("token_needed"));
    return;
  }
  clear(box);
  if (!convs.length && !reports.length) { box.append(h("p", { class: "muted small pad" }, t("no_history"))); return; }
  const item = (href, title, when, kind, onDelete) => h("li", { class: "history-item" },
    h("a", { href }, icon(kind), h("span", { class: "h-title" }, title), h("span", { class: "h-when" }, ago(when))),
    h("button", { type: "button", class: "icon-btn h-del", title: t("delete"), "aria-label": t("delete"), onclick: onDelete }, icon("trash")));
  if (convs.length) {
    box.append(h("div", { class: "history-group" }, t("conversations")));
    box.append(h("ul", {}, convs.map((c) => item(c.doc_id ? `#/a/${encodeURIComponent(c.doc_id)}/c/${c.id}` : `#/c/${c.id}`,
      c.title, c.updated_at, "chat", async () => { await deleteConversation(c.id); refreshHistory(); }))));
  }
  if (reports.length) {
    box.append(h("div", { class: "history-group" }, t("research_reports")));
    box.append(h("ul", {}, reports.map((r) => item(`#/r/${r.id}`, r.topic, r.updated_at, "doc",
      async () => { await send("DELETE", `/api/research/${r.id}`); refreshHistory(); }))));
  }
}

function openUpload() {
  const dialog = document.getElementById("upload-dialog");
  const list = dialog.querySelector(".upload-list");
  const input = dialog.querySelector("input[type=file]");
  const zone = dialog.querySelector(".drop-zone");
  let added = false;
  dialog.onclose = () => { if (added && (location.hash === "" || location.hash === "#/")) route(); };
  async function take(files) {
    for (const file of files) {
      const fill = h("div", { class: "progress-fill" });
      const status = h("span", { class: "up-status" }, t("uploading"));
      const row = h("li", { class: "upload-row" }, h("div", { class: "up-name" }, icon("doc"), h("span", {}, file.name), status),
        h("div", { class: "progress" }, fill));
      list.append(row);
      try {
        const result = await upload(file, (p) => {
          fill.style.width = `${Math.round(p * 90)}%`;
          if (p >= 1) status.textContent = t("indexing");
        });
        fill.style.width = "100%";
        row.classList.add(result.status);
        added = added || result.status === "added";
        status.textContent = result.status === "added" ? t("st_added", { n: result.chunks_added })
          : result.status === "unchanged" ? t("st_unchanged") : `${t("st_failed")}: ${result.message}`;
      } catch (err) {
        row.classList.add("failed");
        fill.style.width = "100%";
        status.textContent = `${t("st_failed")}: ${err.message}`;
      }
    }
    articlesCache = null;
  }
  input.onchange = () => { take([...input.files]); input.value = ""; };
  zone.ondragover = (e) => { e.preventDefault(); zone.classList.add("over"); };
  zone.ondragleave = () => zone.classList.remove("over");
  zone.ondrop = (e) => { e.preventDefault(); zone.classList.remove("over"); take([...e.dataTransfer.files]); };
  dialog.showModal();
}

function route() {
  closeReference();
  document.body.classList.remove("sidebar-open");
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  document.querySelectorAll(".nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === `#/${parts[0] || ""}`));
  window.scrollTo(0, 0);
  if (parts[0] === "a" && parts[1]) return articlePage(parts[1], parts[2] === "c" ? parts[3] : null);
  if (parts[0] === "c" && parts[1]) return conversationPage(parts[1]);
  if (parts[0] === "r" && parts[1]) return researchPage(parts[1]);
  return homePage();
}

function boot() {
  rememberToken();
  applyStatic();
  document.getElementById("lang-toggle").addEventListener("click", () => setLang(lang() === "zh" ? "en" : "zh"));
  onLangChange(() => { route(); refreshHistory(); });
  document.getElementById("menu-btn").addEventListener("click", () => document.body.classList.toggle("sidebar-open"));
  document.getElementById("upload-btn").addEventListener("click", openUpload);
  document.getElementById("new-chat").addEventListener("click", () => { location.hash = "#/"; });
  document.querySelectorAll("[data-close]").forEach((b) => b.addEventListener("click", () => {
    const target = document.getElementById(b.dataset.close);
    if (target.tagName === "DIALOG") target.close(); else closeReference();
  }));
  document.getElementById("scrim").addEventListener("click", () => { closeReference(); document.body.classList.remove("sidebar-open"); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeReference(); });
  window.addEventListener("hashchange", route);
  window.addEventListener("cited:history", refreshHistory);
  route();
  refreshHistory();
}

boot();
