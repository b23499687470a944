"""With no LLM configured, answering opens no socket to anything but this machine; with one configured,
only to the configured endpoint."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from assistant.config import Settings
from tests.llm.scripts import GOOD_ANSWER, QUESTION, RUT_WINDOW, call, run


@pytest.fixture
def connections(monkeypatch) -> list[object]:
    """Every address a socket connects to during the test."""
    seen: list[object] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self, address):
        seen.append(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        seen.append(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return seen


def _outside(addresses: list[object]) -> list[object]:
    out = []
    for address in addresses:
        if isinstance(address, (str, bytes)):  # a unix socket stays on this machine
            continue
        host = address[0]
        try:
            if ipaddress.ip_address(host).is_loopback:
                continue
        except ValueError:  # a host name: not resolved here, so not known to be local
            pass
        out.append(address)
    return out


def test_offline_answer_opens_no_outside_socket(llm_data_dir, connections, monkeypatch):
    from assistant.engine import make_engine

    for name in ("CITED_LLM_BASE_URL", "CITED_LLM_MODEL", "CITED_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-present-but-not-a-reason-to-call")  # a key alone is not a config
    settings = Settings(data_dir=llm_data_dir, embedder="hash", llm_base_url=None, llm_model=None)
    engine = make_engine(settings)
    answer, _ = run(engine, QUESTION)
    assert answer.mode == "offline" and "7.83" in answer.text
    assert _outside(connections) == []


def test_llm_answer_connects_only_to_the_configured_endpoint(server, llm_engine, connections):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", GOOD_ANSWER)
    answer, _ = run(llm_engine())
    assert answer.mode == "llm"
    assert connections and _outside(connections) == []
    assert {a[1] for a in connections if isinstance(a, tuple)} == {server.port}


def test_asking_for_the_llm_without_configuring_one_is_a_clear_error(llm_data_dir, monkeypatch):
    from assistant.engine import make_engine
    from assistant.llm.client import LLMConfigError

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = Settings(data_dir=llm_data_dir, llm_base_url=None, llm_model=None, llm_api_key=None)
    with pytest.raises(LLMConfigError, match="CITED_LLM_MODEL"):
        make_engine(settings, mode="llm")
    with pytest.raises(LLMConfigError, match="CITED_LLM_BASE_URL"):
        make_engine(settings.model_copy(update={"llm_model": "gpt-4o-mini"}), mode="llm")
