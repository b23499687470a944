"""HTML to chunkable text: headings become '#' lines, tables become markdown tables, scripts vanish."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "iframe", "form"}
_BLOCK = set(
    "p div section article main header aside blockquote pre ul ol li dl dt dd figure figcaption br hr "
    "table caption".split()
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.title: str | None = None
        self.in_title = False
        self.heading: int | None = None
        self.first_h1: str | None = None
        self.rows: list[list[str]] | None = None  # open table
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.header_row = False

    # -- helpers
    def _newline(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.lines.append(text)
            self.lines.append("")

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _HEADINGS:
            self._newline()
            self.heading = _HEADINGS[tag]
        elif tag == "table":
            self._newline()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.row = []
            self.header_row = False
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.header_row = self.header_row or tag == "th"
        elif tag in _BLOCK and self.cell is None:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in _HEADINGS and self.heading is not None:
            text = re.sub(r"\s+", " ", "".join(self.current)).strip()
            self.current = []
            if text:
                if self.heading == 1 and self.first_h1 is None:
                    self.first_h1 = text
                self.lines += ["#" * self.heading + " " + text, ""]
            self.heading = None
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip().replace("|", "/"))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.rows is not None:
            if any(self.row):
                self.rows.append(self.row)
            self.row = None
        elif tag == "table" and self.rows is not None:
            self._emit_table(self.rows)
            self.rows = None
        elif tag in _BLOCK and self.cell is None:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title = ((self.title or "") + data).strip()
        elif self.skip_depth:
            return
        elif self.cell is not None:
            self.cell.append(data)
        else:
            self.current.append(data)

    def _emit_table(self, rows: list[list[str]]) -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        # the first row is the header: markdown needs the separator to know it
        out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.lines += out + [""]

    def text(self) -> str:
        self._newline()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.lines)).strip()


def html_to_text(html: str) -> tuple[str, str | None]:
    """(text, title): visible text with headings and tables kept; <title> or the first <h1> as title."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.title or parser.first_h1
