"""Helpers the adapters share: reading JSON safely, tables as markdown, numbers in answer strings, splits."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any


class AdapterError(ValueError):
    """The source file is not the data set it was said to be; the message says what was expected."""


def read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AdapterError(f"{path} is not a readable {what} JSON file: {exc}") from None


def split_of(key: str) -> str:
    """A stable half of the data: 'tune' or 'heldout', by a hash of the document's id."""
    return "heldout" if int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 2 else "tune"


def markdown_table(rows: list[list[str]]) -> str:
    """A list of rows as a markdown table (cells stripped, pipes escaped, ragged rows padded)."""
    rows = [
        [" ".join(str(c).split()).replace("|", "/") for c in r]
        for r in rows
        if any(str(c).strip() for c in r)
    ]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


_NUM = re.compile(r"^\(?\s*[-+−]?\s*\$?\s*\(?\s*[-+−]?\d[\d,]*(?:\.\d+)?\s*\)?\s*(%|元|万|亿)?\s*\)?$")


def parse_number(text: str) -> tuple[float, str | None] | None:
    """A single number and its unit, or None: '$1,496.5' -> (1496.5, None); '(12.6)' -> (-12.6, None);
    '22.2%' -> (22.2, '%'); '71.28元' -> (71.28, '元').
    """
    s = str(text).strip()
    if not s or not _NUM.match(s):
        return None
    negative = s.startswith("(") and s.endswith(")") or "-" in s or "−" in s
    unit_match = re.search(r"(%|元|万|亿)", s)
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", s)
    if digits is None:
        return None
    value = float(digits.group(0).replace(",", ""))
    unit = unit_match.group(1) if unit_match else None
    if unit == "万":
        value *= 1e4
    elif unit == "亿":
        value *= 1e8
    return (-value if negative else value), unit
