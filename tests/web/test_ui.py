"""The chat UI in a real browser: article → streamed answer → [n] → source panel → reload; deep research;
language switch; a hostile document; the phone layout. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

from tests.web.conftest import PHONE, shot

pytestmark = pytest.mark.browser

def _ref_titles(page):
    return page.locator(".answer .ref-item .ref-title").all_inner_texts()


def test_article_question_citation_panel_and_reload(open_page):
    page = open_page("/#/a/rut-record-close-zh")
    page.wait_for_selector(".article-body h2")
    assert page.locator(".article .tag").count() >= 3
    assert page.locator(".quote-row .ticker-card svg.spark path").count() >= 2
    assert page.locator(".side .related li").count() >= 2
    assert "基于这条新闻提问" in page.get_attribute("#question", "placeholder")
    assert page.locator("#deep-toggle").inner_text().strip() == "深度投研"
    shot(page, "article-laptop")

    page.fill("#question", "罗素2000最近跑赢标普500了吗？连续跑赢了几天？")
    page.click("#send")
    page.wait_for_selector(".answer[data-answer-id] .answer-body a.cite")
    answer = page.locator(".answer").last
    seen = answer.evaluate("el => ({...el.dataset})")
    for kind in ("seen_plan", "seen_tool_call", "seen_tool_result", "seen_token", "seen_answer"):
        assert int(seen.get(kind, 0)) >= 1, (kind, seen)  # the steps and the text arrived as a stream
    assert answer.locator(".step").count() >= 3  # understand + a market tool + the source search
    body = answer.locator(".answer-body").inner_text()
    assert "11" in body and answer.locator(".a-foot").inner_text().count("已核验") == 1
    titles = _ref_titles(page)
    assert titles
    answer.scroll_into_view_if_needed()
    shot(page, "answer-laptop")

    page.locator(".answer-body a.cite").first.click()
    panel = page.locator("#ref-panel.open")
    panel.wait_for()
    assert panel.locator(".panel-title").inner_text().startswith("[1]")
    page.wait_for_selector("#ref-panel .panel-body .ref-heading")
    if panel.locator(".badge.kind.data").count():
        page.wait_for_selector("#ref-panel .computation")
        page.wait_for_selector("#ref-panel svg.chart path.chart-line")
    else:
        assert panel.locator(".passage-text").inner_text().strip()
    shot(page, "reference-panel-laptop")
    page.keyboard.press("Escape")

    assert "/c/" in page.url, "the address remembers the conversation"
    page.reload()
    page.wait_for_selector(".answer[data-answer-id] .answer-body a.cite")
    assert _ref_titles(page) == titles, "references stay attached after a reload"
    page.locator(".answer-body a.cite").first.click()
    page.locator("#ref-panel.open .ref-heading").wait_for()
    page.keyboard.press("Escape")
    assert page.locator(".history-item").count() >= 1
    assert page.errors == []


def test_deep_research_with_auto_accept(open_page):
    page = open_page("/#/a/rut-record-close-en", lang="en")
    page.wait_for_selector(".article-body")
    page.click("#deep-toggle")
    page.locator("label.switch").click()
    assert page.is_checked("#auto-accept")
    page.click("#send")
    page.wait_for_selector(".plan-card .badge.ok")
    page.wait_for_selector(".research-report .report-section.running, .research-report.done")
    shot(page, "research-running-laptop")
    page.wait_for_selector(".research-report.done", timeout=150_000)
    report = page.locator(".research-report")
    sections = report.locator(".report-section")
    assert sections.count() >= 5
    listed = {int(x) for x in report.locator(".report-refs .ref-item").evaluate_all(
        "els => els.map(e => e.dataset.ref)")}
    assert listed == set(range(1, len(listed) + 1))
    with_refs = 0
    for i in range(sections.count()):
        cited = {int(x) for x in sections.nth(i).locator("a.cite").evaluate_all("els => els.map(e => e.dataset.ref)")}
        assert cited <= listed
        with_refs += bool(cited)
    assert with_refs >= 5
    report.locator(".report-section a.cite").first.scroll_into_view_if_needed()
    shot(page, "research-report-laptop")
    with page.expect_download() as dl:
        page.click("#export-md")
    path = dl.value.path()
    text = open(path, encoding="utf-8").read()
    assert text.startswith("# ") and "## References" in text and "[1]" in text
    report.locator(".report-section a.cite").first.click()
    page.locator("#ref-panel.open .ref-heading").wait_for()
    assert page.errors == []


def test_language_switch(open_page):
    page = open_page("/")
    page.wait_for_selector(".article-card")
    assert page.locator(".hero h1").inner_text() == "问市场，得到有出处的答案"
    page.click("#lang-toggle")
    page.wait_for_selector(".article-card")
    assert page.locator(".hero h1").inner_text() == "Ask the market, get answers with sources"
    assert page.locator("#lang-toggle").inner_text() == "中文"
    assert page.get_attribute("#question", "placeholder").startswith("Ask about")
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "home-en-laptop")
    page.click("#lang-toggle")
    page.wait_for_selector(".hero h1:has-text('问市场')")
    shot(page, "home-zh-laptop")
    assert page.errors == []


XSS_NOTE = """---
id: zebra-fund-xss
title: "Zebra fund review <script>window.__xss = 'title'</script>"
date: 2026-01-10
source: "Uploaded test note"
tags: [zebra]
lang: en
---

# Zebra fund review

The Zebra fund returned 12.5% in 2025 <script>window.__xss = 'body'</script> after fees.
Zebra fund managers <img src=x onerror="window.__xss = 'img'"> kept turnover low in 2025.
"""


def test_hostile_document_runs_nothing(open_page, tmp_path):
    note = tmp_path / "zebra.md"
    note.write_text(XSS_NOTE, encoding="utf-8")
    page = open_page("/", lang="en")
    page.wait_for_selector(".article-card")
    question = "What did the Zebra fund return in 2025?"
    page.fill("#question", question)  # typed before uploading: must survive the re-render below
    page.click("#upload-btn")
    page.set_input_files("#upload-input", str(note))
    page.wait_for_selector(".upload-row.added")
    shot(page, "upload-dialog-laptop")
    page.click("#upload-dialog [data-close]")
    # closing re-renders home to list the new note (its close event comes a moment after the click);
    # the box once lost its text there, and an empty question got no answer card
    page.wait_for_selector(".article-card:has-text('Zebra')")
    assert page.input_value("#question") == question
    page.click("#send")
    page.wait_for_selector(".answer[data-answer-id]")
    body = page.locator(".answer .answer-body")
    assert "<script>" in body.inner_text() or "onerror" in body.inner_text()
    assert body.locator("script, img").count() == 0
    page.locator(".answer .ref-item", has_text="Zebra").first.click()
    page.locator("#ref-panel.open .passage-text").wait_for()
    assert "<script>" in page.locator("#ref-panel .passage-text").inner_text()
    page.keyboard.press("Escape")
    page.goto(page.url.split("#")[0] + "#/a/zebra-fund-xss")
    page.wait_for_selector(".article-title")
    assert "<script>" in page.locator(".article-title").inner_text()
    assert page.locator(".article script, .article img").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.errors == []


def test_phone_layout(open_page):
    page = open_page("/", viewport=PHONE)
    page.wait_for_selector(".article-card")
    shot(page, "home-phone")
    page.goto(page.url.split("#")[0] + "#/a/valuation-gap-zh")
    page.wait_for_selector(".article-body")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "article-phone")
    page.fill("#question", "标普500相对罗素2000的远期市盈率溢价是多少？")
    page.click("#send")
    page.wait_for_selector(".answer[data-answer-id] .answer-body a.cite")
    page.locator(".answer").last.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "answer-phone")
    page.locator(".answer-body a.cite").first.click()
    page.locator("#ref-panel.open .ref-heading").wait_for()
    page.wait_for_timeout(300)
    box = page.locator("#ref-panel").bounding_box()
    assert box["width"] == PHONE["width"] and box["y"] > 0, "a bottom sheet on a phone"
    shot(page, "reference-panel-phone")
    page.keyboard.press("Escape")
    page.click("#menu-btn")
    page.wait_for_timeout(300)
    shot(page, "history-drawer-phone")
    assert page.errors == []
