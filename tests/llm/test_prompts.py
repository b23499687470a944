"""Prompt files: every one exists in both languages, declares exactly the variables it uses, and renders."""

from __future__ import annotations

import pytest

from assistant.prompts import PromptError, load_prompt, parse_prompt, prompt_names

NAMES = ["system", "planner", "composer", "repair", "refusal", "research_plan", "research_section"]


@pytest.mark.parametrize("name", NAMES)
def test_each_prompt_exists_in_both_languages_with_the_same_variables(name):
    en, zh = load_prompt(name, "en"), load_prompt(name, "zh")
    assert en.variables == zh.variables
    assert en.text.strip() and zh.text.strip()


def test_every_prompt_file_parses():
    found = prompt_names()
    assert {(n, lang) for n in NAMES for lang in ("en", "zh")} <= set(found)
    for name, lang in found:
        load_prompt(name, lang)


def test_rendering_checks_the_declared_variables():
    prompt = load_prompt("repair", "en")
    with pytest.raises(PromptError, match="missing refusal"):
        prompt.render(findings="- x")
    with pytest.raises(PromptError, match="undeclared question"):
        prompt.render(findings="- x", refusal="The sources do not say", question="?")


def test_values_are_inserted_literally():
    prompt = parse_prompt("t", "en", "---\nvariables: [a, b]\n---\nA={{a}} B={{ b }}\n")
    assert prompt.render(a="{{b}} $1 \\1", b="2") == "A={{b}} $1 \\1 B=2"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("no front matter {{a}}", "no front matter"),
        ("---\nvariables: [a]\n---\n{{a}} {{b}}", "undeclared variable(s): b"),
        ("---\nvariables: [a, c]\n---\n{{a}}", "unused variable(s): c"),
    ],
)
def test_a_prompt_whose_declarations_and_text_disagree_does_not_load(source, problem):
    with pytest.raises(PromptError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        parse_prompt("t", "en", source)
