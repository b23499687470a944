"""Server-side markdown: citations become links only when they exist; raw HTML never survives."""

from __future__ import annotations

from assistant.api.render import render_answer, render_document, strip_front_matter


def test_citations_link_only_to_existing_references():
    html = render_answer("Up 7.83% [1][2], see [1, 2] and [9]。", {1, 2})
    assert html.count('class="cite"') == 4 and 'data-ref="9"' not in html and "[9]" in html


def test_citation_keeps_following_punctuation_on_its_line():
    assert '<span class="cite-run">' in render_answer("跑赢[1]。", {1})


def test_links_in_markdown_stay_links_but_scripts_do_not():
    html = render_answer("[site](https://example.com) [bad](javascript:alert(1)) <b onclick=x>b</b> "
                         "![i](https://x/y.png)", {1})
    assert 'href="https://example.com"' in html and "javascript:" not in html.replace("[bad](javascript:", "")
    assert "<b" not in html and "onclick" not in html.replace("&lt;b onclick=x&gt;", "") and "<img" not in html


def test_document_html_is_escaped():
    html = render_document("# T\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>")
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_front_matter_is_dropped():
    assert strip_front_matter("---\ntitle: x\n---\n\n# Body\n") == "# Body\n"
    assert strip_front_matter("# Body") == "# Body"
