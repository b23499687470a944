"""Prompt templates as files in prompts/: loaded by name and language, variables declared and checked.

A prompt file is `prompts/<name>.<lang>.md`: YAML front matter that declares its variables, then the
text with `{{variable}}` placeholders. Loading fails when the text uses a variable it does not declare
(or declares one it never uses); rendering fails when a declared variable is missing or an unknown one
is passed. Values are inserted in one pass, so a `{{…}}` inside a question or a passage stays literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.models import Language

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
_FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n(?P<body>.*)\Z", re.DOTALL)


class PromptError(ValueError):
    """A prompt file is missing or malformed, or was rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    language: Language
    variables: tuple[str, ...]
    text: str
    description: str = ""

    def render(self, **values: object) -> str:
        missing = [v for v in self.variables if v not in values]
        extra = [k for k in values if k not in self.variables]
        if missing or extra:
            problems = []
            if missing:
                problems.append(f"missing {', '.join(missing)}")
            if extra:
                problems.append(f"undeclared {', '.join(extra)}")
            raise PromptError(
                f"prompt {self.name}.{self.language}: {'; '.join(problems)} "
                f"(declared: {', '.join(self.variables) or 'none'})"
            )
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.text).strip()


def parse_prompt(name: str, language: Language, source: str) -> Prompt:
    """Parse one prompt file's text; raise PromptError when its declarations and its text disagree."""
    m = _FRONT.match(source.replace("\r\n", "\n"))
    if m is None:
        raise PromptError(f"prompt {name}.{language}: no front matter (--- variables: [...] ---)")
    meta = yaml.safe_load(m.group("meta")) or {}
    if not isinstance(meta, dict):
        raise PromptError(f"prompt {name}.{language}: the front matter is not a mapping")
    declared = tuple(meta.get("variables") or ())
    used = set(_PLACEHOLDER.findall(m.group("body")))
    if undeclared := sorted(used - set(declared)):
        raise PromptError(f"prompt {name}.{language} uses undeclared variable(s): {', '.join(undeclared)}")
    if unused := sorted(set(declared) - used):
        raise PromptError(f"prompt {name}.{language} declares unused variable(s): {', '.join(unused)}")
    return Prompt(name, language, declared, m.group("body"), str(meta.get("description", "")))


@lru_cache(maxsize=64)
def load_prompt(name: str, language: Language, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.{language}.md"
    if not path.is_file():
        raise PromptError(f"no prompt {name!r} in {language!r}: expected {path}")
    return parse_prompt(name, language, path.read_text(encoding="utf-8"))


def render(name: str, language: Language, **values: object) -> str:
    """The named prompt in the given language with its declared variables filled in."""
    return load_prompt(name, language).render(**values)


def prompt_names(directory: Path = PROMPTS_DIR) -> list[tuple[str, Language]]:
    """Every (name, language) pair present in the prompts folder."""
    out = []
    for path in sorted(directory.glob("*.*.md")):
        name, lang = path.name.removesuffix(".md").rsplit(".", 1)
        if lang in ("zh", "en"):
            out.append((name, lang))  # type: ignore[arg-type]
    return out
