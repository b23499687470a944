"""Faults on the wire: every one still ends in an answer, with a warning that says what happened."""

from __future__ import annotations

from tests.llm.scripts import GOOD_ANSWER, QUESTION, RUT_WINDOW, call, restarts, run, streamed_text

RATE_LIMITED = {"status": 429, "error": "Rate limit reached", "headers": {"retry-after": "0"}}


def test_429_twice_then_success_is_retried_with_backoff(server, llm_engine):
    server.script(
        RATE_LIMITED, RATE_LIMITED, {"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", GOOD_ANSWER
    )
    answer, _ = run(llm_engine(llm_max_retries=2))
    assert answer.mode == "llm" and answer.text == GOOD_ANSWER and answer.grounded
    assert not answer.warnings
    assert answer.usage["retries"] == 2 and answer.usage["requests"] == 5


def test_5xx_on_the_streamed_answer_is_retried_before_any_token(server, llm_engine):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", {"status": 503}, GOOD_ANSWER)
    answer, events = run(llm_engine())
    assert answer.text == GOOD_ANSWER and not answer.warnings and restarts(events) == 0


def test_retries_exhausted_while_planning_falls_back_to_offline_planning(server, llm_engine):
    server.script(RATE_LIMITED, RATE_LIMITED)
    answer, _ = run(llm_engine(llm_max_retries=1))
    assert answer.mode == "offline" and answer.model is None
    assert any("LLM planning failed" in w and "rate limited" in w for w in answer.warnings)
    assert any("answer composed offline" in w for w in answer.warnings)
    # the rule planner's price_return answers; the composer did not knock again on a refusing endpoint
    assert "7.83" in answer.text and answer.grounded
    assert len(server.requests) == 2


def test_a_model_that_times_out_gets_an_offline_answer_with_a_warning(server, llm_engine):
    server.script({"delay_s": 3}, {"delay_s": 3})
    answer, _ = run(llm_engine(llm_timeout_s=0.3, llm_max_retries=1))
    assert answer.mode == "offline"
    assert any("did not answer in time" in w for w in answer.warnings)
    assert "7.83" in answer.text and answer.references and answer.grounded
    assert len(server.requests) == 2  # one try and one retry, then no more requests


def test_timeout_while_composing_answers_offline_from_the_evidence_gathered(server, llm_engine):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", {"delay_s": 6}, {"delay_s": 6})
    answer, _ = run(llm_engine(llm_timeout_s=2.0, llm_max_retries=1))
    assert answer.mode == "llm"  # the model planned; the template composed
    assert any("answer composed offline" in w and "in time" in w for w in answer.warnings)
    assert [c.name for c in answer.tool_calls] == ["price_return"]
    assert "7.83" in answer.text and answer.grounded


def test_a_stream_that_breaks_midway_is_replaced_by_the_offline_answer(server, llm_engine):
    server.script(
        {"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", {"text": GOOD_ANSWER, "break_after": 3}
    )
    answer, events = run(llm_engine())
    assert any("stream broke off" in w for w in answer.warnings)
    # the partial draft was streamed, then taken back; the final text is the offline composer's
    partial = [e for e in events if e.type == "token" and not e.data.get("restart")]
    assert partial and restarts(events) == 1
    assert streamed_text(events).startswith("Russell 2000 rose 7.83%")
    assert "7.83" in answer.text and answer.grounded
    assert [c.name for c in answer.tool_calls] == ["price_return"]  # nothing gathered was lost


def test_a_stream_that_breaks_before_any_text_is_simply_retried(server, llm_engine):
    server.script(
        {"tool_calls": [call("price_return", RUT_WINDOW)]},
        "DONE",
        {"text": GOOD_ANSWER, "break_after": 0},
        GOOD_ANSWER,
    )
    answer, events = run(llm_engine())
    assert answer.text == GOOD_ANSWER and not answer.warnings and restarts(events) == 0
    assert answer.usage["retries"] == 1


def test_a_failed_repair_round_keeps_the_first_draft_checked(server, llm_engine):
    bad = "The Russell 2000 rose 7.83% [1] and 12.5% on the week [7]."
    server.script(
        {"tool_calls": [call("price_return", RUT_WINDOW)]},
        "DONE",
        bad,
        {"status": 500},
        {"status": 500},
        {"status": 500},
    )
    answer, _ = run(llm_engine())
    assert "[7]" not in answer.text and "7.83% [1]" in answer.text
    assert any("repair round failed" in w for w in answer.warnings)
    assert not answer.grounded


def test_an_endpoint_failing_after_planning_started_keeps_the_evidence(server, llm_engine):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, {"status": 502}, {"status": 502})
    answer, _ = run(llm_engine(llm_max_retries=1))
    assert any("LLM planning stopped" in w for w in answer.warnings)
    assert [c.name for c in answer.tool_calls] == ["price_return"]
    assert "7.83" in answer.text and answer.grounded
    assert len(server.requests) == 3  # no compose request to an endpoint that just failed twice


def test_an_empty_reply_is_answered_offline(server, llm_engine):
    server.script({"tool_calls": [call("price_return", RUT_WINDOW)]}, "DONE", "")
    answer, _ = run(llm_engine(), QUESTION)
    assert any("empty answer" in w for w in answer.warnings)
    assert "7.83" in answer.text
