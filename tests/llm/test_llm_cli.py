"""`cited ask --llm/--offline` and `cited doctor`'s endpoint check, against the scripted server."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.config import get_settings
from tests.llm.scripts import GOOD_ANSWER, QUESTION, RUT_WINDOW, call


@pytest.fixture
def cli_env(server, llm_data_dir, monkeypatch):
    monkeypatch.setenv("CITED_DATA_DIR", str(llm_data_dir))
    monkeypatch.setenv("CITED_EMBEDDER", "hash")
    monkeypatch.setenv("CITED_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("CITED_LLM_MODEL", "scripted-model")
    monkeypatch.setenv("CITED_LLM_API_KEY", "test-key")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _ask(*args: str):
    from assistant.cli import app

    result = CliRunner().invoke(app, ["ask", QUESTION, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ask_uses_the_configured_llm_and_states_model_and_usage(server, cli_env):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", GOOD_ANSWER)
    answer = _ask()
    assert answer["mode"] == "llm" and answer["model"] == "scripted-model"
    assert answer["usage"]["total_tokens"] > 0 and answer["text"] == GOOD_ANSWER


def test_ask_offline_ignores_a_configured_llm(server, cli_env):
    answer = _ask("--offline")
    assert answer["mode"] == "offline" and "7.83" in answer["text"]
    assert server.requests == []


def test_ask_llm_without_a_model_fails_with_a_clear_message(cli_env, monkeypatch):
    from assistant.cli import app

    monkeypatch.delenv("CITED_LLM_MODEL")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["ask", QUESTION, "--llm"])
    assert result.exit_code == 2 and "CITED_LLM_MODEL" in result.output


def test_doctor_checks_the_endpoint_with_one_small_request(server, llm_settings):
    from assistant.llm.doctor import check_llm

    server.script("OK")
    checks = check_llm(llm_settings())
    assert all(c.good for c in checks)
    assert (
        "scripted-model" in checks[0].value and "answered" in checks[-1].value and "'OK'" in checks[-1].value
    )
    (request,) = server.requests
    assert request["max_tokens"] == 5


def test_doctor_reports_an_endpoint_that_fails(server, llm_settings):
    from assistant.llm.doctor import check_llm

    server.script({"status": 401, "error": "Incorrect API key provided"})
    checks = check_llm(llm_settings())
    assert not checks[-1].good and "API key" in checks[-1].value
    assert len(server.requests) == 1  # reported, not retried


def test_doctor_lists_the_models_when_none_is_set(server, llm_settings):
    from assistant.llm.doctor import check_llm

    checks = check_llm(llm_settings(llm_model=None))
    assert not checks[-1].good and "scripted-model" in checks[-1].value


def test_doctor_makes_no_request_when_nothing_is_configured(server, llm_settings):
    from assistant.llm.doctor import check_llm

    (check,) = check_llm(llm_settings(llm_base_url=None, llm_model=None))
    assert "not configured" in check.value and server.requests == []
