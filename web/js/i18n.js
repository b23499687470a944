// Interface strings in Chinese and English; answers keep the language they were asked in.

const STRINGS = {
  zh: {
    brand_tag: "有据可查的投研助手",
    nav_news: "资讯", nav_research: "深度投研", nav_upload: "上传资料", history: "历史记录",
    conversations: "对话", research_reports: "研究报告", no_history: "还没有记录。提一个问题试试。",
    new_chat: "新对话", delete: "删除", lang_toggle: "EN",
    hero_title: "问市场，得到有出处的答案",
    hero_sub: "每个结论都带编号引用：[1] 基于行情数据的计算，[2] 研究笔记原文。点击即可核对。",
    ask_placeholder: "问一个关于指数、板块或研究笔记的问题…",
    article_placeholder: "基于这条新闻提问，进行深度分析…",
    research_placeholder: "输入研究主题，例如：2026年小盘股 vs 大盘股",
    deep_research: "深度投研", auto_accept: "自动接受计划", send: "发送", stop: "停止",
    latest_notes: "最新研究", all: "全部", related_tickers: "相关标的", related_reading: "相关阅读",
    ask_ai: "AI 问答", ask_ai_sub: "回答基于本文与其他研究笔记，每个结论都附出处",
    disclaimer: "数据基于历史，不代表未来趋势；仅供投资者参考，不构成投资建议。",
    demo: "演示数据", demo_note: "演示行情为合成数据",
    steps: "分析步骤", steps_done: "已完成 {n} 步 · {ms}", thinking: "正在分析…",
    writing: "正在撰写回答…", references: "参考来源", kind_data: "数据", kind_passage: "资料",
    grounded: "已核验", not_grounded: "含未核验数字", mode_offline: "离线", mode_llm: "大模型",
    source_panel: "引用来源", computation: "计算过程", series: "数据序列", window: "区间",
    source: "来源", date: "日期", open_source: "打开原文", passage: "原文段落", notes: "说明",
    close: "关闭", first_token: "首字", total: "总耗时",
    plan_title: "研究计划", plan_hint: "可修改章节与问题，确认后开始研究。",
    accept_plan: "接受计划并开始", cancel: "取消", add_section: "添加章节", remove: "移除",
    section_title: "章节标题", questions_one_per_line: "问题（每行一个）",
    auto_accepted: "已自动接受计划", running: "研究中…", report_done: "研究完成",
    export_md: "导出 Markdown", open_report: "查看报告", section_pending: "等待中", section_running: "进行中",
    tools_planned: "将调用", report_refs: "参考资料（全局编号）", report_label: "深度投研报告",
    upload_title: "上传资料", upload_hint: "拖入或选择文件：Markdown、TXT、HTML、PDF，单个不超过 5 MB。上传后即可被检索和引用。",
    choose_files: "选择文件", st_added: "已加入 · {n} 个段落", st_unchanged: "已在索引中", st_failed: "失败",
    uploading: "上传中…", indexing: "建立索引…", done: "完成",
    empty_question: "请输入问题", error: "出错了", retry: "重试", not_found: "没有找到这个页面。",
    suggestions: "试试这样问", back_home: "返回首页", ask_about_article: "关于本文",
    warnings: "提示", scoped_to: "限定于文章", new_research: "开始深度投研",
    conversation: "对话", loading: "加载中…", token_needed: "此服务器需要访问令牌：在网址后加 ?token=…",
    tool_price_return: "区间涨跌", tool_relative_performance: "相对表现", tool_volatility: "波动率",
    tool_max_drawdown: "最大回撤", tool_record_high: "历史新高", tool_sector_moves: "板块涨跌",
    tool_correlation_beta: "相关性与贝塔", tool_quote: "最新行情", tool_premium: "估值溢价",
    tool_earnings_yield: "盈利收益率", tool_peg: "PEG", tool_implied_growth: "隐含增长率",
    tool_gordon_fair_value: "戈登模型估值", tool_dcf_value: "DCF 估值", tool_cagr: "年化增长率",
    tool_compound: "复利", tool_calculate: "计算", tool_search_sources: "检索研究笔记", tool_get_passage: "读取段落",
    tool_plan: "理解问题",
  },
  en: {
    brand_tag: "Research answers you can check",
    nav_news: "Research", nav_research: "Deep research", nav_upload: "Upload", history: "History",
    conversations: "Conversations", research_reports: "Reports", no_history: "Nothing yet. Ask a question.",
    new_chat: "New chat", delete: "Delete", lang_toggle: "中文",
    hero_title: "Ask the market, get answers with sources",
    hero_sub: "Every claim carries a numbered reference: [1] a computation over market data, [2] a passage of a research note. Click to check.",
    ask_placeholder: "Ask about an index, a sector or the research notes…",
    article_placeholder: "Ask about this article for a deeper analysis…",
    research_placeholder: "A research topic, e.g. small caps vs large caps in 2026",
    deep_research: "Deep research", auto_accept: "Auto-accept plan", send: "Send", stop: "Stop",
    latest_notes: "Latest research", all: "All", related_tickers: "Related tickers", related_reading: "Related reading",
    ask_ai: "Ask AI", ask_ai_sub: "Answers draw on this article and the other notes, every claim with its source",
    disclaimer: "Based on historical data, which does not predict the future; for reference only, not investment advice.",
    demo: "demo data", demo_note: "Demo prices are synthetic",
    steps: "Steps", steps_done: "{n} steps · {ms}", thinking: "Analysing…",
    writing: "Writing the answer…", references: "References", kind_data: "Data", kind_passage: "Source",
    grounded: "Verified", not_grounded: "Unverified figures", mode_offline: "Offline", mode_llm: "LLM",
    source_panel: "Reference", computation: "Computation", series: "Series", window: "Window",
    source: "Source", date: "Date", open_source: "Open source", passage: "Passage", notes: "Notes",
    close: "Close", first_token: "first token", total: "total",
    plan_title: "Research plan", plan_hint: "Edit the sections and questions, then start.",
    accept_plan: "Accept plan and start", cancel: "Cancel", add_section: "Add section", remove: "Remove",
    section_title: "Section title", questions_one_per_line: "Questions (one per line)",
    auto_accepted: "Plan auto-accepted", running: "Researching…", report_done: "Research complete",
    export_md: "Export Markdown", open_report: "Open report", section_pending: "Waiting", section_running: "Running",
    tools_planned: "Will call", report_refs: "References (one numbering)", report_label: "Deep research report",
    upload_title: "Upload documents", upload_hint: "Drop or choose files: Markdown, TXT, HTML, PDF, up to 5 MB each. Once indexed they can be searched and cited.",
    choose_files: "Choose files", st_added: "Added · {n} passages", st_unchanged: "Already indexed", st_failed: "Failed",
    uploading: "Uploading…", indexing: "Indexing…", done: "Done",
    empty_question: "Type a question", error: "Something went wrong", retry: "Retry", not_found: "Page not found.",
    suggestions: "Try asking", back_home: "Home", ask_about_article: "About this article",
    warnings: "Notes", scoped_to: "Scoped to article", new_research: "Start deep research",
    conversation: "Conversation", loading: "Loading…", token_needed: "This server needs an access token: add ?token=… to the address",
    tool_price_return: "Return", tool_relative_performance: "Relative performance", tool_volatility: "Volatility",
    tool_max_drawdown: "Max drawdown", tool_record_high: "Record high", tool_sector_moves: "Sector moves",
    tool_correlation_beta: "Correlation & beta", tool_quote: "Quote", tool_premium: "Valuation premium",
    tool_earnings_yield: "Earnings yield", tool_peg: "PEG", tool_implied_growth: "Implied growth",
    tool_gordon_fair_value: "Gordon fair value", tool_dcf_value: "DCF value", tool_cagr: "CAGR",
    tool_compound: "Compound", tool_calculate: "Calculate", tool_search_sources: "Search the notes",
    tool_get_passage: "Read passage", tool_plan: "Understand the question",
  },
};

const LANG_KEY = "cited.lang";
let current = localStorage.getItem(LANG_KEY) || "zh";
const listeners = [];

export function lang() { return current; }

export function t(key, vars = {}) {
  const s = (STRINGS[current] && STRINGS[current][key]) ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export function setLang(next) {
  current = next === "en" ? "en" : "zh";
  localStorage.setItem(LANG_KEY, current);
  applyStatic();
  listeners.forEach((fn) => fn(current));
}

export function onLangChange(fn) { listeners.push(fn); }

// Elements marked data-i18n="key" (text) or data-i18n-placeholder="key" follow the language.
export function applyStatic(root = document) {
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  document.body.dataset.lang = current;
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll("[data-i18n-title]").forEach((el) => { el.title = t(el.dataset.i18nTitle); el.setAttribute("aria-label", t(el.dataset.i18nTitle)); });
}

export function toolLabel(name) {
  const key = `tool_${name}`;
  const s = t(key);
  return s === key ? name : s;
}
