"""Tokenizer, the bm25s index, and its on-disk cache beside Chroma."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.index.bm25 import BM25Index, tokenize
from assistant.index.ingest import ingest_paths
from assistant.index.search import SourceIndex, cache_folder

REPO = Path(__file__).resolve().parents[2]


def test_numbers_and_percentages_are_tokens() -> None:
    tokens = tokenize("The index closed at 2,692.23, up 7.83% (small caps +2.85%/yr since 1927).")
    assert {"2692.23", "7.83", "2.85", "1927", "index", "closed", "small", "caps"} <= set(tokens)
    assert "the" not in tokens and "at" not in tokens  # English stopwords


def test_compound_terms_and_case() -> None:
    tokens = tokenize("S&P 500 forward P/E vs EV/EBITDA")
    assert {"s&p", "500", "forward", "p/e", "ev/ebitda", "ev", "ebitda"} <= set(tokens)


def test_chinese_runs_are_segmented_by_jieba() -> None:
    tokens = tokenize("罗素2000最近11个交易日跑赢标普500了吗？远期市盈率约18倍")
    assert {"罗素", "2000", "11", "交易日", "跑赢", "标普", "500", "市盈率", "18"} <= set(tokens)
    assert "的" not in tokenize("小盘股的估值")


def test_full_width_forms_are_normalised() -> None:
    assert tokenize("ＰＥ　１８．５％") == ["pe", "18.5"]


def test_jieba_loads_quietly_once_per_process() -> None:
    code = (
        "import jieba\n"
        "from assistant.index import bm25\n"
        "bm25.tokenize('小盘股跑赢大盘')\n"
        "assert jieba.dt.initialized and bm25._get_jieba() is jieba\n"
        "calls = []\n"
        "jieba.initialize = lambda *a, **k: calls.append(1)\n"
        "bm25.tokenize('市盈率溢价')\n"
        "print(len(calls))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no "Building prefix dict..." chatter
    assert out.stdout.strip() == "0"  # the dictionary is not loaded a second time


def test_bm25_ranks_and_round_trips(tmp_path: Path) -> None:
    corpus = ["small caps closed at a record 2692.23", "标普500 远期市盈率 31 倍", "coffee beans and water"]
    index = BM25Index.build([tokenize(t) for t in corpus])
    assert index.top("record close of 2692.23", 5) == [0]
    assert index.top("市盈率", 5) == [1]
    assert index.top("nothing matches here", 5) == []
    assert index.top("coffee record", 5, mask=__import__("numpy").array([False, True, True])) == [2]
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.top("coffee", 5) == [2]


def test_empty_index_scores_nothing(tmp_path: Path) -> None:
    index = BM25Index.build([])
    assert index.top("anything", 5) == []
    index.save(tmp_path / "e")
    assert BM25Index.load(tmp_path / "e").top("anything", 5) == []


def test_bm25_rebuilt_from_chroma_when_files_are_deleted(settings, notes_dir: Path) -> None:  # noqa: ANN001
    ingest_paths([notes_dir], settings, progress=False)
    index = SourceIndex.open(settings)
    before = [p.chunk_id for p in index.search("floating rate debt", k=3, mode="bm25")]
    folder = cache_folder(settings, index.store)
    assert (folder / "bm25" / "vocab.index.json").exists()

    SourceIndex.forget()
    shutil.rmtree(folder / "bm25")
    reopened = SourceIndex.open(settings)
    assert (folder / "bm25" / "vocab.index.json").exists()
    assert [p.chunk_id for p in reopened.search("floating rate debt", k=3, mode="bm25")] == before

    SourceIndex.forget()
    shutil.rmtree(folder)  # the whole cache folder: vectors too
    again = SourceIndex.open(settings)
    assert again.count() == index.count()
    assert [p.chunk_id for p in again.search("floating rate debt", k=3, mode="bm25")] == before


def test_stale_cache_is_extended_from_chroma(settings, notes_dir: Path) -> None:  # noqa: ANN001
    ingest_paths([notes_dir / "en_coffee.md"], settings, progress=False)
    index = SourceIndex.open(settings)
    assert index.count() == 1
    folder = cache_folder(settings, index.store)
    saved = folder.with_name("saved")
    shutil.copytree(folder, saved)
    ingest_paths([notes_dir], settings, progress=False)
    full = index.count()
    # put the old cache back, as if the process that added chunks died before rewriting it
    SourceIndex.forget()
    shutil.rmtree(folder)
    shutil.copytree(saved, folder)
    reopened = SourceIndex.open(settings)
    assert reopened.count() == full
    assert reopened.search("番茄 阳光", k=1, mode="bm25")[0].doc_id == "zh-tomatoes"


@pytest.mark.parametrize("mode", ["bm25", "hybrid"])
def test_numbers_match_exactly(notes_index, mode: str) -> None:  # noqa: ANN001
    hits = SourceIndex.open(notes_index).search("2692.23", k=1, mode=mode)
    assert hits[0].doc_id == "en-rut-record"


def test_holding_says_which_rows_hold_a_word_or_pair() -> None:
    corpus = ["small caps closed at a record", "large caps lag", "record close for small caps", "coffee"]
    index = BM25Index.build([tokenize(t) for t in corpus])
    rows = np.array([3, 2, 1, 0])
    held, df = index.holding("caps", rows)
    assert held.tolist() == [False, True, True, True] and df == 3
    held, df = index.holding("small_caps", rows)  # the pair, as the index holds it
    assert held.tolist() == [False, True, False, True] and df == 2
    assert index.holding("nowhere", rows)[1] == 0 and not index.holding("nowhere", rows)[0].any()
    assert BM25Index.build([]).holding("caps", rows)[1] == 0
