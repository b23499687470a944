// DOM helpers, number formats and the two small SVG charts (sparkline, reference chart). No innerHTML
// here except `trustedHTML`, used only for HTML the server rendered and sanitized.

import { lang, t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, v);
  append(el, children);
  return el;
}

// Server-rendered, nh3-sanitized HTML (answers, article bodies) — never user or model text directly.
export function trustedHTML(el, html) {
  el.innerHTML = html;
  return el;
}

export function clear(el) { while (el.firstChild) el.firstChild.remove(); return el; }

export function num(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  return Number(x).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function pct(x) {
  if (x === null || x === undefined) return "—";
  return `${x > 0 ? "+" : ""}${num(x, 2)}%`;
}

export function dir(x) { return x > 0 ? "up" : x < 0 ? "down" : "flat"; }

export function ms(x) {
  if (x === null || x === undefined) return "";
  return x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`;
}

export function dateText(d) {
  if (!d) return "";
  const [y, m, day] = String(d).slice(0, 10).split("-");
  return lang() === "zh" ? `${y}年${Number(m)}月${Number(day)}日` : `${y}-${m}-${day}`;
}

export function ago(iso) {
  const then = new Date(iso).getTime();
  const sec = Math.max(0, (Date.now() - then) / 1000);
  const zh = lang() === "zh";
  if (sec < 60) return zh ? "刚刚" : "just now";
  if (sec < 3600) return zh ? `${Math.floor(sec / 60)} 分钟前` : `${Math.floor(sec / 60)} min ago`;
  if (sec < 86400) return zh ? `${Math.floor(sec / 3600)} 小时前` : `${Math.floor(sec / 3600)} h ago`;
  return String(iso).slice(0, 10);
}

export function sparkline(points, { width = 96, height = 32, direction = "flat" } = {}) {
  const svg = s("svg", { class: `spark ${direction}`, viewBox: `0 0 ${width} ${height}`, width, height,
    preserveAspectRatio: "none", role: "img", "aria-label": "sparkline" });
  if (!points || points.length < 2) return svg;
  const lo = Math.min(...points), hi = Math.max(...points);
  const span = hi - lo || 1;
  const xy = points.map((p, i) => [
    (i / (points.length - 1)) * (width - 2) + 1,
    height - 2 - ((p - lo) / span) * (height - 4),
  ]);
  const line = xy.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  svg.append(s("path", { d: `${line} L${width - 1},${height} L1,${height} Z`, class: "spark-fill" }));
  svg.append(s("path", { d: line, class: "spark-line" }));
  const [lx, ly] = xy[xy.length - 1];
  svg.append(s("circle", { cx: lx, cy: ly, r: 2.2, class: "spark-dot" }));
  return svg;
}

// A line chart of closes with the reference's window shaded, for the source panel.
export function lineChart(chart, window, { width = 320, height = 150 } = {}) {
  const pts = chart.points;
  const pad = { l: 44, r: 8, t: 10, b: 22 };
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `${chart.symbol} chart` });
  if (pts.length < 2) return svg;
  const closes = pts.map((p) => p.close);
  const lo = Math.min(...closes), hi = Math.max(...closes);
  const span = hi - lo || 1;
  const X = (i) => pad.l + (i / (pts.length - 1)) * (width - pad.l - pad.r);
  const Y = (v) => pad.t + (1 - (v - lo) / span) * (height - pad.t - pad.b);
  if (window) {
    const i0 = pts.findIndex((p) => p.date >= window[0]);
    let i1 = pts.length - 1;
    while (i1 > 0 && pts[i1].date > window[1]) i1--;
    if (i0 >= 0 && i1 >= i0) {
      svg.append(s("rect", { x: X(i0), y: pad.t, width: Math.max(1, X(i1) - X(i0)), height: height - pad.t - pad.b,
        class: "chart-window" }));
    }
  }
  for (const v of [lo, (lo + hi) / 2, hi]) {
    svg.append(s("line", { x1: pad.l, x2: width - pad.r, y1: Y(v), y2: Y(v), class: "chart-grid" }));
    svg.append(s("text", { x: pad.l - 6, y: Y(v) + 3, class: "chart-label", "text-anchor": "end" }, num(v, v >= 1000 ? 0 : 2)));
  }
  const d = pts.map((p, i) => `${i ? "L" : "M"}${X(i).toFixed(1)},${Y(p.close).toFixed(1)}`).join(" ");
  svg.append(s("path", { d, class: "chart-line" }));
  svg.append(s("text", { x: pad.l, y: height - 6, class: "chart-label" }, pts[0].date));
  svg.append(s("text", { x: width - pad.r, y: height - 6, class: "chart-label", "text-anchor": "end" }, pts[pts.length - 1].date));
  return svg;
}

export function toast(message, kind = "error") {
  const box = document.getElementById("toasts");
  const el = h("div", { class: `toast ${kind}`, role: "status" }, message);
  box.append(el);
  setTimeout(() => el.classList.add("gone"), 4500);
  setTimeout(() => el.remove(), 5000);
}

export function tickerCard(q, { compact = false } = {}) {
  const d = dir(q.change_pct);
  return h("div", { class: `ticker-card ${compact ? "compact" : ""}`, dataset: { symbol: q.symbol } },
    h("div", { class: "tk-head" },
      h("span", { class: "tk-symbol" }, q.symbol.replace(/^\^/, "")),
      q.demo ? h("span", { class: "badge demo", title: t("demo_note") }, t("demo")) : null),
    h("div", { class: "tk-name" }, q.name),
    h("div", { class: "tk-row" },
      h("div", {},
        h("div", { class: "tk-last" }, num(q.last)),
        h("div", { class: `tk-change ${d}` }, pct(q.change_pct))),
      sparkline(q.sparkline, { direction: d, width: compact ? 64 : 88, height: compact ? 26 : 34 })));
}

export function icon(name) {
  const paths = {
    send: "M3 11.5 21 3l-8.5 18-2-7.5L3 11.5Z",
    menu: "M3 6h18M3 12h18M3 18h18",
    close: "M6 6l12 12M18 6 6 18",
    check: "M5 12.5 10 17l9-10",
    spark: "M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6",
    upload: "M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3",
    trash: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
    doc: "M7 3h7l5 5v13H7zM14 3v5h5",
    chat: "M4 5h16v11H9l-5 4z",
    plus: "M12 5v14M5 12h14",
    download: "M12 4v12M7 11l5 5 5-5M4 20h16",
    warn: "M12 4 2 20h20L12 4Zm0 6v4m0 3v.5",
    stop: "M7 7h10v10H7z",
  };
  const svg = s("svg", { class: `icon icon-${name}`, viewBox: "0 0 24 24", "aria-hidden": "true" });
  svg.append(s("path", { d: paths[name] || "" }));
  return svg;
}
