"""ConvFinQA dev (Chen et al., 2022; MIT; the Program-of-Thoughts reformat) -> items for the final turn.

The earlier turns of a conversation become the item's history, the page's text and table its
context. Only the final turn's answer is given in the file; numeric answers are ratios or amounts
as written by the dataset (0.14 for 14 %), so an answer of "14 %" also counts.
"""

from __future__ import annotations

from pathlib import Path

from assistant.evals.adapters.common import AdapterError, markdown_table, read_json, split_of
from assistant.evals.dataset import ContextDoc, EvalItem


def _table_rows(table: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("|")] for line in table.splitlines() if line.strip()]


def convert_convfinqa(src: Path) -> list[EvalItem]:
    data = read_json(src, "ConvFinQA")
    if (
        not isinstance(data, list)
        or not data
        or not isinstance(data[0], dict)
        or not {"questions", "answer"} <= set(data[0])
    ):
        raise AdapterError(
            f"{src} does not look like ConvFinQA (a list of {{id, questions, answer, text, table}})"
        )
    items: list[EvalItem] = []
    for conv in data:
        doc_id = f"convfinqa:{conv['id']}"
        context = []
        if conv.get("text", "").strip():
            context.append(
                ContextDoc(id=f"{doc_id}#text", doc_id=doc_id, text=conv["text"].strip(), kind="paragraph")
            )
        if conv.get("table", "").strip():
            context.append(
                ContextDoc(
                    id=f"{doc_id}#table",
                    doc_id=doc_id,
                    text=markdown_table(_table_rows(conv["table"])),
                    kind="table",
                )
            )
        answer = conv["answer"]
        gold = [f"{doc_id}#table"] if conv.get("golden_table", "").strip() else []
        gold += [f"{doc_id}#text"] if conv.get("golden_text", "").strip() else []
        common = dict(
            id=f"convfinqa-{conv['id']}",
            question=conv["questions"][-1],
            lang="en",
            history=list(conv["questions"][:-1]),
            context=context,
            expected_sources=[doc_id],
            expected_chunks=gold,
            split=split_of(doc_id),
            category="convfinqa-" + ("single" if conv["id"].startswith("Single") else "double"),
            meta={"source": "ConvFinQA dev (Program-of-Thoughts reformat)", "program": conv["programs"][-1]},
        )
        if isinstance(answer, str):
            items.append(EvalItem(answer=answer.strip().lower(), answer_type="text", **common))
        else:
            value = float(answer)
            items.append(
                EvalItem(answer=value, answer_type="number", tolerance=max(abs(value) * 0.01, 1e-4), **common)
            )
    return items
