"""Which language a question is in: Chinese when CJK characters make up a real share of its letters."""

from __future__ import annotations

import re

from assistant.models import Language

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Language:
    cjk = len(_CJK.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    return "zh" if cjk and cjk >= latin_words else "en"


def is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))
