"""Deep research over the API: plan, edit, run (JSON and SSE), one global numbering, Markdown export."""

from __future__ import annotations

import re

from tests.api.conftest import sse_events


def _check_report(report):
    numbers = [r["n"] for r in report["references"]]
    assert numbers == list(range(1, len(numbers) + 1)), "one global numbering, 1..N"
    chunks = [r["chunk_id"] for r in report["references"] if r["kind"] == "passage"]
    assert len(chunks) == len(set(chunks)), "a passage is listed once however many sections cite it"
    cited_anywhere: set[int] = set()
    for s in report["sections"]:
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", s["text"])}
        assert cited <= set(numbers), (s["key"], cited)
        assert set(s["references"]) == cited
        for n in cited:
            assert f'data-ref="{n}"' in s["html"]
        cited_anywhere |= cited
    assert cited_anywhere == set(numbers), "every listed reference is cited somewhere"
    with_refs = [s for s in report["sections"] if s["references"]]
    assert len(with_refs) >= 5, [s["key"] for s in report["sections"] if not s["references"]]


def test_plan_then_run_as_json_and_export(client):
    r = client.post("/api/research", json={"doc_id": "rut-record-close-en"})
    assert r.status_code == 200, r.text
    research = r.json()
    plan = research["plan"]
    assert research["status"] == "planned" and plan["topic"].startswith("Russell 2000 closes")
    keys = [s["key"] for s in plan["sections"]]
    assert keys[:1] == ["performance"] and keys[-1] == "summary" and len(keys) >= 6
    assert "price_return" in plan["sections"][0]["tools"][0], "the plan shows the tools each question calls"
    assert client.get(f"/api/research/{research['id']}/export.md").status_code == 409

    done = client.post(f"/api/research/{research['id']}/run").json()
    assert done["status"] == "done"
    report = done["report"]
    _check_report(report)
    assert report["language"] == "en" and report["disclaimer"]
    md = client.get(f"/api/research/{research['id']}/export.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    text = md.text
    assert text.startswith("# Russell 2000") and "## 1. Performance" in text and "## References" in text
    assert f"\n{len(report['references'])}. " in text
    listed = client.get("/api/research").json()
    assert listed[0]["id"] == research["id"] and listed[0]["status"] == "done"
    ref = client.get(f"/api/references/{research['id']}/1").json()
    assert ref["n"] == 1 and ref["owner_id"] == research["id"]


def test_edited_plan_runs_over_sse(client):
    research = client.post("/api/research", json={"topic": "罗素2000 小盘股行情"}).json()
    assert research["plan"]["language"] == "zh"
    sections = [{"key": "performance", "title": "表现", "questions": ["罗素2000过去20个交易日涨了多少？"]},
                {"key": "valuation", "title": "估值", "questions": ["标普500和罗素2000的远期市盈率各是多少？"]},
                {"key": "summary", "title": "总结", "questions": []}]
    with client.stream("POST", f"/api/research/{research['id']}/run?stream=true",
                       json={"sections": sections}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = sse_events(r)
    kinds = [k for k, _ in events]
    assert kinds[0] == "plan" and kinds[-1] == "report"
    assert kinds.count("section_start") == 3 and kinds.count("section") == 3 and "step" in kinds
    report = events[-1][1]["report"]
    assert [s["title"] for s in report["sections"]] == ["表现", "估值", "总结"]
    summary = report["sections"][-1]
    assert summary["references"] and set(summary["references"]) <= {r["n"] for r in report["references"]}


def test_research_errors(client):
    assert client.post("/api/research", json={}).status_code == 422
    assert client.post("/api/research", json={"doc_id": "nope"}).status_code == 404
    assert client.get("/api/research/nope").status_code == 404
    assert client.post("/api/research/nope/run").status_code == 404
    rid = client.post("/api/research", json={"topic": "small caps"}).json()["id"]
    r = client.post(f"/api/research/{rid}/run", json={"sections": []})
    assert r.status_code == 422 and "no sections" in r.json()["error"]
    r = client.post(f"/api/research/{rid}/run", json={"sections": [{"key": "x", "title": "X", "questions": [" "]}]})
    assert r.status_code == 422 and "no question" in r.json()["error"]
    r = client.post(f"/api/research/{rid}/run", json={"sections": [{"key": "x", "title": "X",
                                                                     "questions": ["a", "b", "c", "d", "e"]}]})
    assert r.status_code == 422
    assert client.delete(f"/api/research/{rid}").json()["deleted"] is True
