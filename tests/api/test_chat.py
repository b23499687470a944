"""POST /api/chat: JSON and SSE answers, persistence, follow-ups, and clear 4xx errors for bad input."""

from __future__ import annotations

import re

from tests.api.conftest import sse_events

Q_ZH = "罗素2000指数从2025年12月1日到2026年1月16日涨了多少?"
Q_EN = "Has the Russell 2000 outperformed the S&P 500 lately, and for how many days in a row?"


def _cited(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_json_answer_has_references_and_safe_html(client):
    r = client.post("/api/chat", json={"question": Q_ZH})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["conversation_id"] and a["language"] == "zh" and a["disclaimer"]
    numbers = {ref["n"] for ref in a["references"]}
    assert numbers == set(range(1, len(numbers) + 1)) and _cited(a["text"]) <= numbers
    assert "7.83" in a["text"]
    assert any(ref["kind"] == "data" and ref["demo"] for ref in a["references"])
    for n in _cited(a["text"]):
        assert f'data-ref="{n}"' in a["html"]
    assert "<script" not in a["html"]


def test_stream_events_in_order_and_final_answer_replaces_tokens(client):
    with client.stream("POST", "/api/chat?stream=true", json={"question": Q_EN}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = sse_events(r)
    kinds = [k for k, _ in events]
    assert kinds[0] == "plan" and kinds[-1] == "answer"
    assert "tool_call" in kinds and "tool_result" in kinds and "token" in kinds and "reference" in kinds
    assert kinds.index("tool_call") < kinds.index("token") < kinds.index("answer")
    answer = events[-1][1]
    streamed = "".join(d["text"] for k, d in events if k == "token")
    assert streamed.strip() and answer["text"].strip()
    assert re.search(r"(?<!\d)11(?!\d)", answer["text"])
    assert answer["html"] and answer["timings"]["first_token"] > 0
    assert [d["n"] for k, d in events if k == "reference"] == [ref["n"] for ref in answer["references"]]


def test_conversation_is_persisted_with_its_references(client):
    first = client.post("/api/chat", json={"question": Q_EN}).json()
    cid = first["conversation_id"]
    follow = client.post("/api/chat", json={"question": "And its volatility over that window?",
                                            "conversation_id": cid}).json()
    assert follow["conversation_id"] == cid
    assert any(c["name"] == "volatility" for c in follow["tool_calls"]), "a follow-up keeps the subject"
    conv = client.get(f"/api/conversations/{cid}").json()
    assert [a["id"] for a in conv["answers"]] == [first["id"], follow["id"]]
    assert conv["answers"][0]["references"] == first["references"]
    assert conv["answers"][0]["html"] == first["html"]
    listed = client.get("/api/conversations").json()
    assert listed[0]["id"] == cid and listed[0]["n_answers"] == 2
    ref = client.get(f"/api/references/{first['id']}/1").json()
    assert ref["n"] == 1 and ref["owner_id"] == first["id"]


def test_scoped_to_an_article(client):
    a = client.post("/api/chat", json={"question": "What forward P/E does the S&P 500 trade at?",
                                       "doc_id": "valuation-gap-en"}).json()
    passages = [r for r in a["references"] if r["kind"] == "passage"]
    assert passages and all(r["doc_id"] == "valuation-gap-en" for r in passages)
    conv = client.get(f"/api/conversations/{a['conversation_id']}").json()
    assert conv["doc_id"] == "valuation-gap-en"


def test_delete_conversation(client):
    cid = client.post("/api/chat", json={"question": Q_ZH}).json()["conversation_id"]
    assert client.delete(f"/api/conversations/{cid}").json() == {"id": cid, "deleted": True}
    r = client.get(f"/api/conversations/{cid}")
    assert r.status_code == 404 and "no conversation" in r.json()["error"]
    assert client.delete(f"/api/conversations/{cid}").status_code == 404


def test_bad_input_is_a_clear_4xx(client):
    cases = [
        ({"question": "   "}, 422, "empty"),
        ({"question": "x" * 5000}, 422, "limit"),
        ({"question": "hi", "conversation_id": "nope"}, 404, "no conversation"),
        ({"question": "hi", "doc_id": "no-such-doc"}, 404, "no article"),
        ({"question": "hi", "mode": "turbo"}, 422, "mode"),
        ({"question": 42}, 422, "question"),
        ({}, 422, "question"),
    ]
    for body, status, words in cases:
        r = client.post("/api/chat", json=body)
        assert r.status_code == status, (body, r.text)
        assert words in r.json()["error"].lower(), r.json()
        assert "Traceback" not in r.text
    r = client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "not valid JSON" in r.json()["error"]
    r = client.post("/api/chat?stream=true", json={"question": ""})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/json")
    for r in (client.get("/api/chat"), client.get("/api/nothing-here")):
        assert r.status_code in (404, 405) and r.json()["error"]
