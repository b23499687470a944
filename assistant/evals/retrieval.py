"""Retrieval evaluation: every item's context in one index; does each question find its own chunk?

Chunk level: a gold chunk (TAT-QA: a relevant paragraph, or the table when the answer comes from
it) is in the top k. Document level: any chunk of the question's own document is in the top k.
All contexts in the file are indexed whatever the split; only the chosen split's questions are asked.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.config import Settings, get_settings
from assistant.evals import fixtures, scorers
from assistant.evals.dataset import EvalItem


class RetrievalOptions(BaseModel):
    ks: list[int] = Field(default_factory=lambda: [1, 3, 5, 10])
    modes: list[str] = Field(default_factory=lambda: ["bm25", "dense", "rrf", "hybrid"])
    split: str = "all"
    embedder: str | None = None
    with_notes: bool = False
    limit: int | None = None
    workdir: Path | None = None
    progress: bool = True


class LevelScore(BaseModel):
    n: int = 0
    hits: dict[int, float]
    mrr: float


class ModeScore(BaseModel):
    mode: str
    n: int
    chunk: LevelScore
    document: LevelScore
    query_ms: float
    by_group: dict[str, LevelScore] = Field(
        default_factory=dict, description="Chunk level, per item category."
    )
    by_split: dict[str, dict[str, LevelScore]] = Field(
        default_factory=dict,
        description="split -> level (chunk, document) -> score, when items carry a split.",
    )


class RetrievalReport(BaseModel):
    dataset: str = ""
    split: str
    questions: int
    contexts: int
    chunks_indexed: int
    index_seconds: float
    embedder: str
    ks: list[int]
    modes: list[ModeScore]
    misses: dict[str, list[str]] = Field(
        default_factory=dict, description="Item ids missed at the largest k."
    )


def _level(ranks: list[int | None], ks: list[int]) -> LevelScore:
    return LevelScore(
        n=len(ranks), hits={k: scorers.hit_at_k(ranks, k) or 0.0 for k in ks}, mrr=scorers.mrr(ranks) or 0.0
    )


def _golds(item: EvalItem, doc_of: dict[str, str]) -> tuple[set[str], set[str]]:
    chunks = set(item.expected_chunks)
    docs = {doc_of[c] for c in chunks if c in doc_of} | set(item.expected_sources)
    if not chunks:  # a set that names documents only: the document's chunks are all gold
        chunks = {c for c, d in doc_of.items() if d in docs}
    return chunks, docs


def evaluate_retrieval(
    items: list[EvalItem], options: RetrievalOptions, base: Settings | None = None, dataset: str = ""
) -> RetrievalReport:
    from rich.progress import Progress

    base = base or get_settings()
    contexts = fixtures.contexts_of(items)
    doc_of = {c.id: c.doc_id for c in contexts}
    asked = [i for i in items if options.split == "all" or i.split == options.split]
    asked = [i for i in asked if i.expected_chunks or i.expected_sources][: options.limit or None]
    own = options.workdir is None
    root = Path(tempfile.mkdtemp(prefix="cited-retrieval-")) if own else Path(options.workdir)
    try:
        overrides = {"embedder": options.embedder} if options.embedder else {}
        settings = fixtures.settings_for(base, root / "index", **overrides)
        t0 = time.perf_counter()
        report = fixtures.ingest_contexts(contexts, settings, progress=options.progress)
        if options.with_notes:
            from assistant.demo import notes_dir
            from assistant.index.ingest import ingest_paths

            ingest_paths([notes_dir()], settings, progress=False)
        index_seconds = time.perf_counter() - t0
        from assistant.index.search import SourceIndex

        index = SourceIndex.open(settings)
        depth = max(options.ks)
        scores: list[ModeScore] = []
        misses: dict[str, list[str]] = {}
        with Progress(disable=not options.progress, transient=True) as progress:
            for mode in options.modes:
                task = progress.add_task(f"{mode}", total=len(asked))
                chunk_ranks: list[int | None] = []
                doc_ranks: list[int | None] = []
                groups: dict[str, list[int | None]] = defaultdict(list)
                splits: dict[str, tuple[list[int | None], list[int | None]]] = defaultdict(lambda: ([], []))
                spent = 0.0
                for item in asked:
                    gold_chunks, gold_docs = _golds(item, doc_of)
                    t = time.perf_counter()
                    passages = index.search(item.question, k=depth, mode=mode)  # type: ignore[arg-type]
                    spent += time.perf_counter() - t
                    ids = [p.doc_id for p in passages]  # one index document per context chunk
                    cr = scorers.first_hit_rank(ids, gold_chunks)
                    dr = scorers.first_hit_rank([doc_of.get(i, i) for i in ids], gold_docs)
                    chunk_ranks.append(cr)
                    doc_ranks.append(dr)
                    groups[item.category].append(cr)
                    if item.split:
                        splits[item.split][0].append(cr)
                        splits[item.split][1].append(dr)
                    if cr is None:
                        misses.setdefault(mode, []).append(item.id)
                    progress.advance(task)
                scores.append(
                    ModeScore(
                        mode=mode,
                        n=len(asked),
                        chunk=_level(chunk_ranks, options.ks),
                        document=_level(doc_ranks, options.ks),
                        query_ms=1000 * spent / max(1, len(asked)),
                        by_group={g: _level(r, options.ks) for g, r in sorted(groups.items())},
                        by_split={
                            sp: {"chunk": _level(c, options.ks), "document": _level(d, options.ks)}
                            for sp, (c, d) in sorted(splits.items())
                        },
                    )
                )
        return RetrievalReport(
            dataset=dataset,
            split=options.split,
            questions=len(asked),
            contexts=len(contexts),
            chunks_indexed=index.count(),
            index_seconds=round(index_seconds, 2),
            embedder=getattr(report, "embedder", "") or settings.embedder,
            ks=options.ks,
            modes=scores,
            misses={m: v[:50] for m, v in misses.items()},
        )
    finally:
        if own:
            shutil.rmtree(root, ignore_errors=True)


def render_markdown(r: RetrievalReport) -> str:
    head = (
        f"Retrieval: {r.questions} questions ({r.split}), {r.contexts} context chunks -> "
        f"{r.chunks_indexed} indexed chunks, embedder {r.embedder}, indexing {r.index_seconds:.1f} s"
    )
    cols = [f"hit@{k}" for k in r.ks] + ["MRR"]
    lines = [
        head,
        "",
        "| retriever | level | " + " | ".join(cols) + " | query ms |",
        "| --- | --- |" + " --- |" * (len(cols) + 1),
    ]
    for m in r.modes:
        for level, s in (("chunk", m.chunk), ("document", m.document)):
            cells = [f"{s.hits[k]:.3f}" for k in r.ks] + [f"{s.mrr:.3f}"]
            lines.append(f"| {m.mode} | {level} | " + " | ".join(cells) + f" | {m.query_ms:.1f} |")
    splits = sorted({sp for m in r.modes for sp in m.by_split})
    if len(splits) > 1:
        lines += [
            "",
            "By split:",
            "",
            "| retriever | split | level | n | " + " | ".join(cols) + " |",
            "| --- | --- | --- | --- |" + " --- |" * len(cols),
        ]
        for m in r.modes:
            for sp in splits:
                for level, s in m.by_split.get(sp, {}).items():
                    cells = [f"{s.hits[k]:.3f}" for k in r.ks] + [f"{s.mrr:.3f}"]
                    lines.append(f"| {m.mode} | {sp} | {level} | {s.n} | " + " | ".join(cells) + " |")
    groups = sorted({g for m in r.modes for g in m.by_group})
    if 1 < len(groups) <= 12:
        lines += [
            "",
            "Chunk level by group:",
            "",
            "| retriever | group | n | " + " | ".join(cols) + " |",
            "| --- | --- | --- |" + " --- |" * len(cols),
        ]
        for m in r.modes:
            for g in groups:
                s = m.by_group.get(g)
                if s is not None:
                    cells = [f"{s.hits[k]:.3f}" for k in r.ks] + [f"{s.mrr:.3f}"]
                    lines.append(f"| {m.mode} | {g} | {s.n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(r: RetrievalReport, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "retrieval.json").write_text(
        json.dumps(r.model_dump(mode="json"), indent=1, ensure_ascii=False), encoding="utf-8"
    )
    (out / "retrieval.md").write_text(render_markdown(r) + "\n", encoding="utf-8")
