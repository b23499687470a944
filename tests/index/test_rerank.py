"""The reranker: its features, its fitting, the shipped model, and how search applies it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.index import rerank
from assistant.index.bm25 import BM25Index, tokenize
from assistant.index.search import SourceIndex

TABLE = "| | 2019 | 2018 |\n| --- | --- | --- |\n| Cash proceeds received | 6,723 | 5,463 |\n| Other | 3 | 4 |"
CORPUS = [
    TABLE,
    "Cash was received from customers; proceeds from the sale were lower than in 2018.",
    "Tomatoes need six hours of sun.",
]


def _features(question: str, rows: list[int]) -> np.ndarray:
    index = BM25Index.build([tokenize(t) for t in CORPUS])
    scores = index.query_scores(question)
    cosines = np.array([0.8, 0.7, 0.1])[rows]
    return rerank.features(question, rows, [CORPUS[r] for r in rows], index, scores, cosines, 0.9)


def test_features_measure_how_a_chunk_matches_the_question() -> None:
    x = _features("How many years did cash proceeds received exceed 5,000 in 2019?", [1, 0, 2])
    f = {name: x[:, i] for i, name in enumerate(rerank.FEATURES)}
    table, prose, other = 1, 0, 2  # positions in the candidate list
    assert f["log_rank"].tolist() == pytest.approx([0.0, np.log(2), np.log(3)])
    assert f["row_label"][table] == 3 and f["row_label"][prose] == 0  # "cash proceeds received"
    assert f["phrase_run"][table] == 3 and f["phrase_run"][prose] < 3
    assert f["coverage"][table] > f["coverage"][prose] > f["coverage"][other] == 0
    assert f["number_coverage"][table] == pytest.approx(1 / 2)  # 2019 is there, 5000 is not
    assert f["bm25"][table] == pytest.approx(1.0) and f["bm25"][other] == 0
    assert f["cosine_gap"].tolist() == pytest.approx([-0.2, -0.1, -0.8])
    assert np.isfinite(x).all() and x.shape == (3, len(rerank.FEATURES))


def test_features_of_a_question_with_no_known_word() -> None:
    x = _features("？？", [0, 1])
    assert np.isfinite(x).all()
    assert x[:, rerank.FEATURES.index("coverage")].tolist() == [0.0, 0.0]


def test_reorder_moves_only_the_movable_within_their_places() -> None:
    order = rerank.reorder(np.array([0.1, 5.0, 0.3, 9.0]), [True, False, True, True])
    assert order == [3, 1, 2, 0]  # place 1 (another language) keeps its chunk
    assert rerank.reorder(np.array([1.0, 1.0]), [True, True]) == [0, 1]  # ties keep the fused order


def test_fit_pairwise_learns_which_feature_marks_the_gold() -> None:
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(40):
        x = rng.normal(size=(10, len(rerank.FEATURES)))
        gold = np.zeros(10, bool)
        g = rng.integers(10)
        x[g, 4] += 3.0  # coverage marks the gold row; everything else is noise
        gold[g] = True
        groups.append((x, gold))
    model = rerank.fit_pairwise(groups)
    assert int(np.argmax(model.weights)) == 4
    hits = sum(int(np.argmax(model.score(x))) == int(np.flatnonzero(g)[0]) for x, g in groups)
    assert hits >= 30  # chance is 4 of 40
    with pytest.raises(ValueError):
        rerank.fit_pairwise([(np.zeros((3, len(rerank.FEATURES))), np.zeros(3, bool))])


def test_model_file_round_trip_and_stale_file(tmp_path: Path) -> None:
    n = len(rerank.FEATURES)
    model = rerank.RerankModel(np.zeros(n), np.ones(n), np.arange(n, dtype=float), "test")
    model.save(tmp_path / "m.json")
    loaded = rerank.RerankModel.load(tmp_path / "m.json")
    assert loaded.weights.tolist() == model.weights.tolist() and loaded.trained_on == "test"
    stale = (tmp_path / "m.json").read_text().replace('"length"', '"words"')
    (tmp_path / "stale.json").write_text(stale)
    with pytest.raises(ValueError, match="other features"):
        rerank.RerankModel.load(tmp_path / "stale.json")


def test_the_shipped_model_loads_and_rewards_matching() -> None:
    model = rerank.default_model()
    assert model is not None and "tune" in model.trained_on
    w = dict(zip(rerank.FEATURES, model.weights, strict=True))
    assert w["coverage"] > 0 and w["bm25"] > 0 and w["cosine"] > 0


def test_hybrid_search_reranks_and_keeps_scores_falling(notes_index) -> None:  # noqa: ANN001
    index = SourceIndex.open(notes_index)
    question = "What forward P/E does the Russell 2000 trade at?"
    hits = index.search(question, k=5)
    assert [p.doc_id for p in hits if p.lang == "en"][0] == "en-valuation-gap"
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
    fused = index.search(question, k=5, mode="rrf")
    assert {p.chunk_id for p in hits} <= {p.chunk_id for p in index.search(question, k=30, mode="rrf")}
    assert len(fused) == len(hits)
    # the hash embedder's cross-language slot (top of the zh list, weighted up) is not the reranker's to move
    assert [p.lang for p in hits] == [p.lang for p in fused]


def test_only_the_questions_language_moves(notes_index) -> None:  # noqa: ANN001
    index = SourceIndex.open(notes_index)
    passages, x, movable = index.rerank_candidates("small caps 小盘股 浮动利率 debt")
    assert passages and x.shape == (len(passages), len(rerank.FEATURES))
    assert movable == [p.lang == "zh" for p in passages]  # the question reads as Chinese
    assert {p.lang for p in passages} == {"en", "zh"}


def test_rerank_depth_zero_turns_it_off(notes_index) -> None:  # noqa: ANN001
    off = notes_index.model_copy(update={"rerank_depth": 0})
    question = "What forward P/E does the Russell 2000 trade at?"
    plain = SourceIndex.open(off).search(question, k=5)
    assert [p.chunk_id for p in plain] == [p.chunk_id for p in SourceIndex.open(off).search(question, 5, mode="rrf")]


def test_another_embedders_cosines_do_not_count() -> None:
    n = len(rerank.FEATURES)
    weights = np.zeros(n)
    weights[rerank.FEATURES.index("cosine")] = 1.0
    weights[rerank.FEATURES.index("coverage")] = 0.1
    model = rerank.RerankModel(np.zeros(n), np.ones(n), weights, embedder="e5-x")
    x = np.zeros((2, n))
    x[0, rerank.FEATURES.index("cosine")] = 0.9  # first: close in e5 space
    x[1, rerank.FEATURES.index("coverage")] = 1.0  # second: holds the question's words
    assert np.argmax(model.score(x, "e5-x")) == 0
    assert np.argmax(model.score(x, "hash-256")) == 1
    assert model.score(x).tolist() == model.score(x, "e5-x").tolist()
