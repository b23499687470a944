"""TAT-QA (Zhu et al., ACL 2021; CC BY 4.0) dev file -> items with the table and paragraphs as context.

Each TAT-QA context (one table plus its paragraphs) becomes one document `tatqa:<table uid>`;
its table and each paragraph are chunks (`...#table`, `...#p<order>`). The gold chunks of a
question are its `rel_paragraphs`, plus the table when the answer comes from it (`answer_from`
table or table-text). Contexts are split by a hash of the table uid into a tuning half and a
held-out half, so retrieval changes can be tuned on one and measured on the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.evals.adapters.common import AdapterError, markdown_table, parse_number, read_json, split_of
from assistant.evals.dataset import ContextDoc, EvalItem

SCALES = {"thousand", "million", "billion", "percent"}


def table_caption(rows: list[list[str]], limit: int = 160) -> str:
    """A title for a context from its table: the header cells (what the columns are), de-duplicated."""
    cells: list[str] = []
    for row in rows[:2]:
        for c in row:
            c = " ".join(str(c).split())
            if c and c not in cells:
                cells.append(c)
    return " / ".join(cells)[:limit]


def context_docs(ctx: dict[str, Any], titled: bool = False) -> list[ContextDoc]:
    uid = ctx["table"]["uid"]
    doc_id = f"tatqa:{uid}"
    rows = ctx["table"]["table"]
    title = table_caption(rows) if titled else ""
    docs = [
        ContextDoc(id=f"{doc_id}#table", doc_id=doc_id, title=title, text=markdown_table(rows), kind="table")
    ]
    for p in sorted(ctx.get("paragraphs", []), key=lambda p: p["order"]):
        docs.append(
            ContextDoc(
                id=f"{doc_id}#p{p['order']}", doc_id=doc_id, title=title, text=p["text"], kind="paragraph"
            )
        )
    return docs


def _answer(q: dict[str, Any]) -> tuple[Any, str, str | None, float | None]:
    """(answer, answer_type, scale, tolerance) for one question."""
    raw, kind, scale = q["answer"], q["answer_type"], q.get("scale") or None
    scale = scale if scale in SCALES else None
    if kind in ("arithmetic", "count") or (kind == "span" and isinstance(raw, (int, float))):
        value = float(raw[0] if isinstance(raw, list) else raw)
        tol = max(abs(value) * 0.005, 0.005)  # TAT-QA rounds to two decimals; allow half a percent
        return (
            value,
            "percent" if scale == "percent" else "number",
            None if scale == "percent" else scale,
            tol,
        )
    spans = raw if isinstance(raw, list) else [raw]
    is_year = (
        len(spans) == 1 and str(spans[0]).strip().isdigit() and 1900 <= int(str(spans[0]).strip()) <= 2100
    )
    if kind == "span" and len(spans) == 1 and not is_year and (num := parse_number(spans[0])) is not None:
        value, unit = num
        tol = max(abs(value) * 0.005, 0.005)
        if unit == "%" or scale == "percent":
            return value, "percent", None, tol
        return value, "number", scale, tol
    if kind == "multi-span":
        return ", ".join(str(s) for s in spans), "text", None, None
    return [str(s) for s in spans], "text", None, None


def gold_chunks(ctx: dict[str, Any], q: dict[str, Any]) -> list[str]:
    doc_id = f"tatqa:{ctx['table']['uid']}"
    gold = [f"{doc_id}#p{order}" for order in q.get("rel_paragraphs", [])]
    if q.get("answer_from") in ("table", "table-text"):
        gold.append(f"{doc_id}#table")
    return gold


def convert_tatqa(src: Path, titled: bool = False) -> list[EvalItem]:
    data = read_json(src, "TAT-QA")
    if (
        not isinstance(data, list)
        or not data
        or not isinstance(data[0], dict)
        or not {"table", "questions"} <= set(data[0])
    ):
        raise AdapterError(f"{src} does not look like TAT-QA (a list of {{table, paragraphs, questions}})")
    items: list[EvalItem] = []
    for ctx in data:
        docs = context_docs(ctx, titled)
        doc_id = docs[0].doc_id
        for q in sorted(ctx["questions"], key=lambda q: q["order"]):
            answer, answer_type, scale, tol = _answer(q)
            lookup = q["answer_type"] == "span"  # one table cell or passage phrase answers it
            items.append(
                EvalItem(
                    id=f"tatqa-{q['uid']}",
                    question=q["question"],
                    lang="en",
                    answer=answer,
                    answer_type=answer_type,
                    tolerance=tol,
                    scale=scale,
                    category=f"tatqa-{q['answer_type']}-{q['answer_from']}",
                    expected_sources=[doc_id],
                    expected_chunks=gold_chunks(ctx, q),
                    context=docs,
                    split=split_of(doc_id),  # type: ignore[arg-type]
                    meta={
                        "source": "TAT-QA dev",
                        "derivation": q.get("derivation", ""),
                        "lookup": lookup,
                        "tatqa_scale": q.get("scale", ""),
                    },
                )
            )
    return items
