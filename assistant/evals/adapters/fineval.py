"""FinEval "Financial Rigor Test" CSVs (SUFE-AIFLM-Lab; Apache-2.0) -> Chinese items with their passages.

Numerical Calculation: the gold answer with its unit ("71.28元") becomes a number. Index Extraction:
the reference facts are atomic sentences; the fact that names the metric the question asks for
gives a number, and questions without such a fact keep all facts as a text answer.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from assistant.evals.adapters.common import AdapterError, parse_number, split_of
from assistant.evals.dataset import ContextDoc, EvalItem

_PASSAGE = re.compile(
    r"(?:权威金融查询检索|平台服务卡片检索|全网搜索内容检索|[\u4e00-\u9fff]{2,8}检索)\d+\s*[:：]"
)
_FACT_VALUE = re.compile(r"为\s*([-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|元|万|亿)?)")


def passages(prompt: str) -> list[str]:
    """The retrieved passages inside a FinEval prompt (between 检索内容是 and 当前时间是)."""
    body = prompt.split("检索内容是：", 1)[-1]
    body = re.split(r"\s*当前时间是", body, maxsplit=1)[0]
    parts = [p.strip() for p in _PASSAGE.split(body)]
    return [p for p in parts if p]


def _metric(question: str, entity_hint: str = "") -> str:
    q = re.sub(r"(是多少|多少|是什么|为多少|怎么样|如何|\?|？|吗)$", "", question.strip())
    return q.split("的")[-1].strip() if "的" in q else q


def _read(src: Path) -> list[dict[str, str]]:
    try:
        with Path(src).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AdapterError(f"{src} is not a readable FinEval CSV: {exc}") from None


def convert_fineval(src: Path) -> list[EvalItem]:
    rows = _read(src)
    if not rows or "端到端query" not in rows[0]:
        raise AdapterError(
            f"{src} does not look like a FinEval Financial Rigor Test CSV (no 端到端query column)"
        )
    prompt_col = "基座query" if "基座query" in rows[0] else "基座大模型query"
    items: list[EvalItem] = []
    for row in rows:
        kind = "calc" if "标准答案" in row else "extract"  # the two files number their rows independently
        rid = f"{kind}-{row['序号'].strip()}"
        doc_id = f"fineval:{rid}"
        context = [
            ContextDoc(id=f"{doc_id}#{i}", doc_id=doc_id, text=p, lang="zh")
            for i, p in enumerate(passages(row[prompt_col]), 1)
        ]
        common = dict(
            id=f"fineval-{rid}",
            question=row["端到端query"].strip(),
            lang="zh",
            context=context,
            expected_sources=[doc_id],
            split=split_of(doc_id),
        )
        if "标准答案" in row:  # numerical calculation
            parsed = parse_number(row["标准答案"])
            meta = {"source": "FinEval Financial Rigor Test", "formula": row.get("题目答案计算逻辑", "")}
            if parsed is None:
                items.append(
                    EvalItem(
                        answer=row["标准答案"].strip(),
                        answer_type="text",
                        category="fineval-calculation",
                        meta=meta,
                        **common,
                    )
                )
            else:
                value, unit = parsed
                items.append(
                    EvalItem(
                        answer=value,
                        answer_type="percent" if unit == "%" else "number",
                        tolerance=max(abs(value) * 0.005, 0.01),
                        category="fineval-calculation",
                        meta=meta,
                        **common,
                    )
                )
            continue
        facts = [str(f) for f in json.loads(row["参考答案"])] if row.get("参考答案", "").strip() else []
        metric = _metric(common["question"])
        hit = next((f for f in facts if metric and metric in f and _FACT_VALUE.search(f)), None)
        meta = {"source": "FinEval Financial Rigor Test", "type": row.get("类型", ""), "facts": len(facts)}
        if hit is not None and (parsed := parse_number(_FACT_VALUE.search(hit).group(1))) is not None:
            value, unit = parsed
            items.append(
                EvalItem(
                    answer=value,
                    answer_type="percent" if unit == "%" else "number",
                    tolerance=max(abs(value) * 0.001, 0.01),
                    category="fineval-extraction",
                    meta={**meta, "fact": hit},
                    **common,
                )
            )
        elif facts:
            items.append(
                EvalItem(
                    answer="；".join(facts),
                    answer_type="text",
                    category="fineval-extraction-facts",
                    meta=meta,
                    **common,
                )
            )
    return items
