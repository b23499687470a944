"""The LLM path end to end through the real openai SDK against the scripted server: planning, tool calls,
streamed composition, verification and the repair round."""

from __future__ import annotations

import pytest

from tests.llm.scripts import (
    GOOD_ANSWER,
    RUT_WINDOW,
    SPX_WINDOW,
    call,
    restarts,
    run,
    streamed_text,
    tool_messages,
)


def test_model_calls_price_return_then_answers_citing_it(server, llm_engine):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", GOOD_ANSWER)
    answer, events = run(llm_engine())

    assert answer.mode == "llm" and answer.model == "scripted-model"
    assert answer.grounded and not answer.warnings
    assert answer.text == GOOD_ANSWER
    (ref,) = answer.references
    assert ref.tool == "price_return" and ref.demo and "2692.23 / 2496.72" in (ref.computation or "")
    assert [c.name for c in answer.tool_calls] == ["price_return"]
    # three requests: plan, follow-up (DONE), the streamed answer; usage summed over all of them
    assert len(server.requests) == 3 and answer.usage["requests"] == 3
    assert answer.usage["total_tokens"] > 0
    # the answer arrived as several token events, the way a chat box shows it
    tokens = [e for e in events if e.type == "token"]
    assert len(tokens) > 3 and streamed_text(events) == GOOD_ANSWER
    assert server.requests[2]["stream"] is True


def test_the_model_sees_tool_schemas_and_numbered_results(server, llm_engine):
    from tools.registry import openai_tools

    server.script({"tool_calls": [call("price_return", RUT_WINDOW, id="call_a")]}, "DONE", GOOD_ANSWER)
    run(llm_engine())
    first, second, compose = server.requests
    assert first["tools"] == openai_tools()
    assert first["messages"][0]["role"] == "system"
    (result,) = tool_messages(second)
    assert result["tool_call_id"] == "call_a"
    assert result["content"].startswith("[1] ") and "2692.23 / 2496.72 - 1 = 7.83 %" in result["content"]
    # the composer is shown the ledger's evidence, numbered, and no tools
    assert "tools" not in compose
    assert "[1] Russell 2000" in compose["messages"][-1]["content"]


def test_parallel_tool_calls_all_run_and_are_answered_in_order(server, llm_engine):
    server.script(
        {"tool_calls": [call("price_return", RUT_WINDOW, id="a"), call("price_return", SPX_WINDOW, id="b")]},
        "DONE",
        "The Russell 2000 rose 7.83% [1], more than the S&P 500 [2].",
    )
    answer, _ = run(llm_engine())
    assert [c.arguments["ticker"] for c in answer.tool_calls] == ["^RUT", "^GSPC"]
    results = tool_messages(server.requests[1])
    assert [m["tool_call_id"] for m in results] == ["a", "b"]
    assert results[0]["content"].startswith("[1] ") and results[1]["content"].startswith("[2] ")
    assert answer.grounded and len(answer.references) == 2
    assert {t.symbol for t in answer.related_tickers} >= {"^RUT", "^GSPC"}


def test_invented_reference_and_number_are_repaired_in_one_round(server, llm_engine):
    bad = "The Russell 2000 rose 7.83% [1], and it is 12.5% above its old high [7]."
    fixed = "The Russell 2000 rose 7.83% [1]."
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", bad, fixed)
    answer, events = run(llm_engine())

    assert answer.text == fixed and answer.grounded and not answer.warnings
    assert any("sent back once" in n and "[7]" in n for n in answer.notes)
    repair = server.requests[3]["messages"]
    assert repair[-2] == {"role": "assistant", "content": bad}
    assert "[7]" in repair[-1]["content"] and "12.5%" in repair[-1]["content"]
    # the client was told to drop the first draft before the repaired one streamed
    assert restarts(events) == 1 and streamed_text(events) == fixed


def test_what_the_repair_does_not_fix_is_removed_or_flagged(server, llm_engine):
    bad = "The Russell 2000 rose 7.83% [1], and it is 12.5% above its old high [7]."
    still_bad = "The Russell 2000 rose 7.83% [1], and 12.5% above its old high [7]."
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", bad, still_bad)
    answer, _ = run(llm_engine())

    assert "[7]" not in answer.text and "7.83% [1]" in answer.text
    assert not answer.grounded
    assert any("removed citation" in w and "[7]" in w for w in answer.warnings)
    assert any("untraceable" in w and "12.5%" in w for w in answer.warnings)
    assert all(r.n == 1 for r in answer.references)


def test_repair_that_makes_things_worse_keeps_the_first_draft(server, llm_engine):
    bad = "The Russell 2000 rose 7.83% [1] and 12.5% on the week [7]."
    worse = "It rose 9.1% [4] and 12.5% [7] and 3.3% [8]."
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", bad, worse)
    answer, events = run(llm_engine())
    assert "7.83% [1]" in answer.text and "9.1" not in answer.text
    assert any("no better" in n for n in answer.notes)
    assert restarts(events) == 2


@pytest.mark.parametrize(
    ("bad_call", "error_says"),
    [
        (call("price_return", '{"ticker": "^RUT", "start": "2025-12-01"', id="bad"), "not valid JSON"),
        (call("price_return", '["^RUT"]', id="bad"), "must be a JSON object"),
        (call("price_return", {"ticker": "^RUT", "trading_days": -3}, id="bad"), "invalid arguments"),
        (call("price_return", {"ticker": "^RUT", "window": "1y"}, id="bad"), "window"),
        (call("stock_picker", {"sector": "tech"}, id="bad"), "unknown tool 'stock_picker'"),
        (call("price_return", {"ticker": "NOSUCHINDEX", "trading_days": 5}, id="bad"), "NOSUCHINDEX"),
    ],
    ids=[
        "malformed-json",
        "not-an-object",
        "pydantic-invalid",
        "unknown-field",
        "unknown-tool",
        "tool-error",
    ],
)
def test_bad_tool_calls_are_returned_to_the_model_which_corrects_itself(
    server, llm_engine, bad_call, error_says
):
    server.script(
        {"tool_calls": [bad_call]},
        {"tool_calls": [call("price_return", RUT_WINDOW, id="good")]},
        "DONE",
        GOOD_ANSWER,
    )
    answer, _ = run(llm_engine())

    (feedback,) = tool_messages(server.requests[1])
    assert feedback["tool_call_id"] == "bad"
    assert feedback["content"].startswith("error: ") and error_says in feedback["content"]
    assert answer.grounded and answer.text == GOOD_ANSWER
    assert answer.tool_calls[-1].name == "price_return" and answer.tool_calls[-1].ok


def test_rejected_calls_are_told_to_the_user_not_dropped_silently(server, llm_engine):
    server.script(
        {"tool_calls": [call("price_return", "{oops", id="x"), call("price_return", RUT_WINDOW, id="y")]},
        "DONE",
        GOOD_ANSWER,
    )
    answer, _ = run(llm_engine())
    # the valid call of the same round ran; the rejected one is in the notes and went back to the model
    assert [c.name for c in answer.tool_calls] == ["price_return"]
    assert any("rejected" in n and "not valid JSON" in n for n in answer.notes)
    assert [m["tool_call_id"] for m in tool_messages(server.requests[1])] == ["x", "y"]


def test_tool_round_limit_stops_planning_and_says_so(server, llm_engine):
    server.script(
        *[{"tool_calls": [call("price_return", {"ticker": "^RUT", "trading_days": n})]} for n in (5, 6, 7)],
        "The Russell 2000 rose [1].",
    )
    answer, _ = run(llm_engine(llm_max_tool_rounds=2))
    assert len(answer.tool_calls) == 2
    assert any("round limit" in w for w in answer.warnings)
    # two planning requests, then the composer's; the third scripted tool round was never asked for
    assert len(server.requests) == 3 and "stream" in server.requests[2]


def test_evidence_that_does_not_fit_is_cut_by_rank_and_said(server, llm_engine):
    tickers = ["^RUT", "^GSPC", "IWM", "SPY", "QQQ", "IJS"]
    server.script(
        {"tool_calls": [call("volatility", {"ticker": t, "trading_days": 30}) for t in tickers]},
        "DONE",
        "Small caps were volatile [1].",
    )
    answer, _ = run(llm_engine(llm_context_tokens=900))
    (warning,) = [w for w in answer.warnings if "context window" in w]
    prompt = server.requests[-1]["messages"][-1]["content"]
    assert "[1] " in prompt and "[6] " not in prompt and "[6]" in warning
    assert answer.grounded


def test_server_side_context_overflow_halves_the_evidence_once(server, llm_engine):
    tickers = ["^RUT", "^GSPC", "IWM", "SPY"]
    server.script(
        {"tool_calls": [call("price_return", {"ticker": t, "trading_days": 10}) for t in tickers]},
        "DONE",
        {
            "status": 400,
            "error": "This model's maximum context length is 512 tokens",
            "error_code": "context_length_exceeded",
        },
        "Small caps moved [1].",
    )
    answer, _ = run(llm_engine())
    assert answer.mode == "llm" and answer.text == "Small caps moved [1]."
    first, second = (
        server.requests[2]["messages"][-1]["content"],
        server.requests[3]["messages"][-1]["content"],
    )
    assert len(second) < len(first)
    assert any("context window" in w for w in answer.warnings)


def test_no_evidence_means_a_refusal_that_starts_with_the_sentinel(server, llm_engine):
    refusal = (
        "The sources do not say: no note covers coffee futures in 1990, and there are no prices for them."
    )
    server.script("DONE", refusal)
    answer, _ = run(llm_engine(), "What did arabica futures do in 1990?")
    assert answer.refused and answer.text == refusal and not answer.references
    assert "The sources do not say" in server.requests[-1]["messages"][-1]["content"]


def test_a_refusal_without_the_sentinel_is_replaced_by_the_offline_one(server, llm_engine):
    server.script("DONE", "Coffee probably rose about 20% that year.")
    answer, events = run(llm_engine(), "What did arabica futures do in 1990?")
    assert answer.refused and "20%" not in answer.text
    assert restarts(events) == 1


def test_a_chinese_question_gets_chinese_prompts(server, llm_engine):
    zh = "罗素2000指数从2025年12月1日到2026年1月16日上涨了7.83% [1]（演示数据）。"
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", zh)
    answer, _ = run(llm_engine(), "罗素2000指数从2025年12月1日到2026年1月16日涨了多少?")
    assert answer.language == "zh" and answer.text == zh and answer.grounded
    system, user = server.requests[0]["messages"]
    assert "你是 Cited" in system["content"] and "问题：罗素2000" in user["content"]
    assert "请用中文回答" in server.requests[2]["messages"][-1]["content"]
