"""`cited serve` refuses to bind off loopback without an API token."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli import app


def test_serve_refuses_a_public_host_without_a_token(monkeypatch):
    monkeypatch.delenv("CITED_API_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 2
    assert "CITED_API_TOKEN" in result.output


def test_serve_help_lists_host_and_port():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--host" in result.output and "--port" in result.output
