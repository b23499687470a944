"""Hybrid search: fusion, filters, lookups, the empty index, cross-language retrieval, embedder switch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from assistant.index.embed import HashEmbedder, get_embedder
from assistant.index.ingest import ingest_paths
from assistant.index.search import SourceIndex, rrf
from assistant.index.store import chroma_client
from assistant.models import SearchFilters

NOTES = Path(__file__).parent / "fixtures" / "notes"


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = rrf([[1, 2, 3], [3, 1]], k=60)
    assert [item for item, _ in fused] == [1, 3, 2]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)
    assert rrf([], 60) == []


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_each_mode_finds_the_relevant_note(notes_index, mode: str) -> None:  # noqa: ANN001
    hits = SourceIndex.open(notes_index).search("coffee grams of water ratio", k=3, mode=mode)
    assert hits and hits[0].doc_id == "en-coffee"
    assert hits[0].score > 0 and all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))


def test_passages_carry_source_metadata(notes_index) -> None:  # noqa: ANN001
    hits = SourceIndex.open(notes_index).search("record close 2692.23", k=3)
    hit = next(p for p in hits if "2692.23" in p.text)
    assert hit.title == "Russell 2000 finally sets a new closing high"
    assert hit.date == date(2026, 1, 17) and hit.tickers == ["RUT", "IWM"]
    assert hit.url == "https://example.test/notes/rut-record" and hit.path and hit.path.endswith(".md")
    assert "2692.23" in hit.text and not hit.text.startswith(hit.title + "\n")  # display text is the passage


def test_filters(notes_index) -> None:  # noqa: ANN001
    index = SourceIndex.open(notes_index)
    q = "small caps interest rates record valuation 小盘股 利率"
    for mode in ("hybrid", "bm25", "dense"):
        by_ticker = index.search(q, k=10, filters=SearchFilters(ticker="spx"), mode=mode)
        assert {p.doc_id for p in by_ticker} == {"en-valuation-gap"}
        zh = index.search(q, k=10, filters=SearchFilters(lang="zh"), mode=mode)
        assert zh and all(p.lang == "zh" for p in zh)
        one = index.search(q, k=10, filters=SearchFilters(doc_id="zh-floating-debt"), mode=mode)
        assert one and {p.doc_id for p in one} == {"zh-floating-debt"}
        window = SearchFilters(date_from=date(2026, 1, 1), date_to=date(2026, 1, 15))
        assert {p.doc_id for p in index.search(q, k=10, filters=window, mode=mode)} <= {"zh-floating-debt"}
    since = index.search("小盘股 small caps", k=10, filters=SearchFilters(date_from=date(2026, 1, 12)))
    assert {p.doc_id for p in since} == {"en-rut-record"}
    assert index.search(q, filters=SearchFilters(doc_id="no-such-doc")) == []
    assert index.search(q, filters=SearchFilters(ticker="NOPE")) == []
    # undated documents (the HTML page) never pass a date filter
    assert all(
        p.date for p in index.search("sector energy", k=10, filters=SearchFilters(date_to=date(2030, 1, 1)))
    )


def test_get_document_and_listing(notes_index) -> None:  # noqa: ANN001
    index = SourceIndex.open(notes_index)
    hit = index.search("tomatoes sunlight 番茄", k=1)[0]
    again = index.get(hit.chunk_id)
    assert again is not None and again.text == hit.text and again.doc_id == hit.doc_id
    assert index.get("c-unknown") is None

    docs = {d.doc_id: d for d in index.documents()}
    assert {"en-rut-record", "zh-floating-debt", "en-valuation-gap", "en-coffee", "zh-tomatoes"} <= set(docs)
    assert sum(d.n_chunks for d in docs.values()) == index.count()
    assert docs["zh-floating-debt"].lang == "zh" and docs["zh-floating-debt"].tickers == ["IWM", "RUT"]
    dates = [d.date for d in index.documents() if d.date]
    assert dates == sorted(dates, reverse=True)

    info, passages = index.document("en-rut-record")
    assert info.title.startswith("Russell 2000") and len(passages) == info.n_chunks >= 2
    assert passages[0].text.startswith("# Russell 2000")  # reading order
    with pytest.raises(KeyError):
        index.document("missing")
    assert index.languages() == {"en", "zh"}


def test_empty_index_returns_nothing(settings) -> None:  # noqa: ANN001
    index = SourceIndex.open(settings)
    assert index.count() == 0 and index.documents() == [] and index.languages() == set()
    for mode in ("hybrid", "bm25", "dense"):
        assert index.search("anything at all", mode=mode) == []
    assert index.search("   ") == []


def test_open_index_sees_later_ingests(settings, notes_dir: Path) -> None:  # noqa: ANN001
    index = SourceIndex.open(settings)
    assert index.search("coffee") == []
    ingest_paths([notes_dir / "en_coffee.md"], settings, progress=False)
    assert index.search("coffee")[0].doc_id == "en-coffee"
    assert SourceIndex.open(settings) is index  # reused per process


def test_dense_lists_are_per_language(notes_index) -> None:  # noqa: ANN001
    index = SourceIndex.open(notes_index)
    cache = index._cache
    qvec = index.embedder.embed_queries(["small caps"])[0]
    lists = cache.dense_top(qvec, 100, None, cache.langs)
    assert len(lists) == 2
    for rows, lang in zip(lists, cache.langs, strict=True):
        assert {cache.chunk_lang[r] for r in rows} == {cache.langs.index(lang)}


def test_query_embeddings_are_cached() -> None:
    emb = HashEmbedder()
    first = emb.embed_queries(["same question"])
    assert emb.cache_info() == 1
    second = emb.embed_queries(["same question", "other"])
    assert np.array_equal(first[0], second[0]) and emb.cache_info() == 2


@pytest.fixture(scope="module")
def bilingual_e5(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from assistant.config import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("e5"), embedder="e5", embed_batch=16)
    if get_embedder(settings)[0].name.startswith("use"):
        pytest.skip("e5 cannot run on this CPU")
    ingest_paths([NOTES], settings, progress=False)
    return settings


@pytest.mark.parametrize(
    ("question", "expected", "mode", "k"),
    [
        ("罗素2000指数创下的历史最高收盘点位是多少？", "en-rut-record", "dense", 3),
        ("罗素2000指数创下的历史最高收盘点位是多少？", "en-rut-record", "hybrid", 3),
        ("What share of small-cap debt carries a floating rate?", "zh-floating-debt", "dense", 3),
        ("What share of small-cap debt carries a floating rate?", "zh-floating-debt", "hybrid", 5),
    ],
)
def test_e5_retrieves_across_languages(bilingual_e5, question: str, expected: str, mode: str, k: int) -> None:  # noqa: ANN001
    index = SourceIndex.open(bilingual_e5)
    hits = index.search(question, k=k, mode=mode)
    assert expected in [h.doc_id for h in hits]
    assert not {"en-coffee", "zh-tomatoes"} & {h.doc_id for h in hits[:2]}


def test_switching_embedder_makes_a_new_collection(bilingual_e5, tmp_path: Path) -> None:  # noqa: ANN001
    import shutil

    from assistant.config import Settings

    data = tmp_path / "switch"
    shutil.copytree(bilingual_e5.data_dir, data)
    e5_settings = Settings(data_dir=data, embedder="e5", embed_batch=16)
    n = SourceIndex.open(e5_settings).count()
    hash_settings = Settings(data_dir=data, embedder="hash", embed_batch=16)
    hashed = SourceIndex.open(hash_settings)  # re-embeds from the e5 collection's stored chunks
    assert hashed.count() == n
    assert hashed.store.name != SourceIndex.open(e5_settings).store.name
    names = {c.name for c in chroma_client(hash_settings).list_collections()}
    assert {hashed.store.name, SourceIndex.open(e5_settings).store.name} <= names
    assert hashed.store.collection.metadata["migrated_from"] == SourceIndex.open(e5_settings).store.name
    assert hashed.store.collection.metadata["dim"] == 256
    assert hashed.search("coffee water ratio", k=1)[0].doc_id == "en-coffee"
    # the old collection is untouched: switching back needs no work
    assert SourceIndex.open(e5_settings).count() == n

    # a note ingested while the hash embedder was active is caught up when e5 is opened again
    extra = tmp_path / "extra.md"
    extra.write_text(
        "---\nid: extra-note\n---\n# Gold\n\nGold rose while small caps rallied.", encoding="utf-8"
    )
    ingest_paths([extra], hash_settings, progress=False)
    SourceIndex.forget()
    back = SourceIndex.open(e5_settings)
    assert back.count() == n + 1
    assert back.search("gold", k=1, mode="bm25")[0].doc_id == "extra-note"
