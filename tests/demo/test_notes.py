"""The demo research notes: well-formed front matter, both languages, the seed facts, consistent numbers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.demo import notes_dir

FIELDS = {"id", "title", "date", "source", "url", "tickers", "tags", "lang"}
MARKET_TICKERS = {"^RUT", "IWM", "^GSPC", "SPY", "IJS", "IJR", "QQQ"}


def parse(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path.name
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, f"{path.name}: front matter is not closed"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), path.name
    return meta, body


NOTES = {p.name: parse(p) for p in sorted(notes_dir().glob("*.md"))}


def is_market_note(meta: dict[str, Any]) -> bool:
    return any(t in MARKET_TICKERS or str(t).startswith("XL") for t in meta["tickers"])


def all_text() -> str:
    return "\n".join(body for _, body in NOTES.values())


def test_notes_dir_exists() -> None:
    assert notes_dir().is_dir()


@pytest.mark.parametrize("name", sorted(NOTES))
def test_front_matter(name: str) -> None:
    meta, body = NOTES[name]
    assert set(meta) == FIELDS, f"{name}: {set(meta) ^ FIELDS}"
    assert meta["id"] == Path(name).stem and re.fullmatch(r"[a-z0-9-]+", meta["id"])
    assert isinstance(meta["title"], str) and meta["title"].strip()
    assert isinstance(meta["date"], date) and date(2025, 10, 1) <= meta["date"] <= date(2026, 1, 20)
    assert isinstance(meta["source"], str)
    assert "synthetic" in meta["source"] or "合成" in meta["source"]
    assert meta["url"] is None or meta["url"] == f"/notes/{meta['id']}"
    assert isinstance(meta["tickers"], list) and all(isinstance(t, str) for t in meta["tickers"])
    assert isinstance(meta["tags"], list) and meta["tags"]
    assert meta["lang"] in ("zh", "en")
    assert body.lstrip().startswith("# "), f"{name}: no top heading"
    paragraphs = [
        b for b in re.split(r"\n\s*\n", body) if b.strip() and not b.lstrip().startswith(("#", "|"))
    ]
    assert 3 <= len(paragraphs) <= 6, f"{name}: {len(paragraphs)} paragraphs"


def test_language_of_text_matches_lang() -> None:
    for name, (meta, body) in NOTES.items():
        han = len(re.findall(r"[\u4e00-\u9fff]", body))
        assert (han > 100) == (meta["lang"] == "zh"), name


def test_counts_and_ids() -> None:
    metas = [m for m, _ in NOTES.values()]
    assert len(metas) >= 22
    assert sum(m["lang"] == "zh" for m in metas) >= 7
    assert sum(m["lang"] == "en" for m in metas) >= 7
    ids = [m["id"] for m in metas]
    assert len(ids) == len(set(ids))
    market = [m for m in metas if is_market_note(m)]
    other = [m for m in metas if not is_market_note(m)]
    assert len(market) >= 18
    assert len(other) >= 4
    assert sum(m["lang"] == "zh" for m in other) >= 2 and sum(m["lang"] == "en" for m in other) >= 2
    assert any("|" in body and "---" in body for _, body in NOTES.values()), "no note has a table"


@pytest.mark.parametrize(
    "fact",
    [
        "2692.23",
        "2496.72",
        "7.83%",
        "0.86%",
        "11",
        "2.85%",
        "40%",
        "18",
        "31",
        "17%",
        "22%",
        "0.43%",
        "0.30%",
    ],
)
def test_key_facts_present_in_both_languages(fact: str) -> None:
    for lang in ("zh", "en"):
        text = "\n".join(body for meta, body in NOTES.values() if meta["lang"] == lang)
        assert fact in text, (fact, lang)


def test_sector_moves_with_signs() -> None:
    text = all_text()
    for fact in ("0.25%", "0.18%", "0.79%", "0.69%", "0.51%"):
        assert fact in text
    assert "-1.16" in text or "−1.16" in text
    assert "罗素2000指数于2026年1月16日收于2692.23点的历史新高" in text
    assert "连续11个交易日跑赢标普500" in text


def test_no_premium_figure_and_no_unanswerable_facts() -> None:
    for name, (meta, body) in NOTES.items():
        text = meta["title"] + "\n" + body
        assert not re.search(r"(?<![\d.])72(?:\.\d+)?\s*%", text), name
        assert "1.72" not in text and "72.2" not in text, name
        assert "2030" not in text, name
        assert "苹果" not in text and "Apple" not in text, name


def test_percentages_in_market_notes_are_the_shared_facts() -> None:
    """Every percentage in a market note is one of the facts all notes share, so no two notes disagree."""
    facts = "7.83 0.86 17 22 40 2.85 0.43 0.30 0.25 0.18 1.16 0.79 0.69 0.51"
    allowed = set(facts.split()) | {"0.19"}  # 0.18 and 0.19 are also the expense ratios of IJS and IWM
    for name, (meta, body) in NOTES.items():
        if not is_market_note(meta):
            continue
        found = set(re.findall(r"(\d+(?:\.\d+)?)\s*%", meta["title"] + body))
        assert found <= allowed, (name, found - allowed)


def test_record_close_only_in_notes_written_after_it() -> None:
    for name, (meta, body) in NOTES.items():
        if "2692.23" in body or "1月16日" in body or "2026-01-16" in body:
            assert meta["date"] >= date(2026, 1, 16), name
