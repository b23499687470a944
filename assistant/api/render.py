"""Answer and article markdown → safe HTML: markdown-it-py with raw HTML off, then nh3; [n] become links."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# [3], [1,2], [1, 2], [1、2] — the verifier's forms after renumbering; never followed by "(" (a link)
_CITE = re.compile(r"\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\](?!\()")
_SPLIT = re.compile(r"\s*[,，、]\s*")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "sup", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class", "data-ref", "title"},
    "span": {"class"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    m = _CITE.match(state.src, state.pos, state.posMax)
    if m is None:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"nums": [int(x) for x in _SPLIT.split(m.group(1))], "raw": m.group(0)}
    state.pos = m.end()
    return True


def _render_citation(self, tokens, idx, options, env) -> str:  # noqa: ANN001 - markdown-it's signature
    valid: Collection[int] | None = env.get("valid_refs")
    parts = []
    for n in tokens[idx].meta["nums"]:
        if valid is not None and n not in valid:
            parts.append(f"[{n}]")  # not a reference of this answer: shown as text, never as a link
        else:
            parts.append(f'<a class="cite" href="#ref-{n}" data-ref="{n}">[{n}]</a>')
    return "".join(parts)


@lru_cache(maxsize=2)
def _md(citations: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    if citations:
        md.inline.ruler.before("link", "citation", _citation_rule)
        md.add_render_rule("citation", _render_citation)
    return md


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


# our own citation links followed by punctuation: kept on one line, so "。" never starts a line alone
_CITE_RUN = re.compile(r'(?:<a class="cite" href="#ref-\d+" data-ref="\d+">\[\d+\]</a>)+[。，；：！？、.,;:!?]')


def render_answer(text: str, valid_refs: Collection[int] | None = None) -> str:
    """Markdown with [n] citations → sanitized HTML; citations to unknown numbers stay plain text."""
    env = {"valid_refs": set(valid_refs) if valid_refs is not None else None}
    html = _CITE_RUN.sub(lambda m: f'<span class="cite-run">{m.group(0)}</span>', _md(True).render(text or "", env))
    return sanitize(html)


def render_document(text: str) -> str:
    """A source document's markdown → sanitized HTML (raw HTML in the document is shown as text)."""
    return sanitize(_md(False).render(text or ""))


def strip_front_matter(text: str) -> str:
    """Drop a leading YAML front matter block (--- … ---)."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4:].lstrip("\n")
    return text
