"""Articles, quotes, references, health, the token check, and the OpenAPI contract of every route."""

from __future__ import annotations

from tests.api.conftest import make_client


def test_health(client):
    h = client.get("/api/health").json()
    assert h["status"] == "ok" and h["mode"] == "offline" and h["embedder"] == "hash"
    assert h["documents"] == 24 and h["price_series"] >= 17 and h["demo_prices"] and h["auth"] is False


def test_articles_list_and_filters(client):
    arts = client.get("/api/articles").json()
    assert len(arts) == 24
    dates = [a["date"] for a in arts]
    assert dates == sorted(dates, reverse=True)
    assert all(a["excerpt"] and a["title"] not in a["excerpt"][:5] for a in arts)
    zh = client.get("/api/articles", params={"lang": "zh"}).json()
    assert zh and all(a["lang"] == "zh" for a in zh)
    tagged = client.get("/api/articles", params={"tag": "valuation"}).json()
    assert tagged and all("valuation" in a["tags"] for a in tagged)
    assert client.get("/api/articles", params={"lang": "fr"}).status_code == 422


def test_article_page_has_quotes_sparklines_and_related_reading(client):
    a = client.get("/api/articles/rut-record-close-en").json()
    assert a["title"].startswith("Russell 2000 closes at a record")
    assert "<h2>" in a["html"] and "<h1>" not in a["html"], "the title is shown once, as the page title"
    rut = next(q for q in a["quotes"] if q["symbol"] == "^RUT")
    assert rut["last"] == 2692.23 and len(rut["sparkline"]) == 30 and rut["demo"]
    assert 1 <= len(a["related"]) <= 4 and all(r["id"] != a["id"] for r in a["related"])
    r = client.get("/api/articles/no-such-note")
    assert r.status_code == 404 and "no article" in r.json()["error"]


def test_quotes(client):
    q = client.get("/api/quotes", params={"symbols": "^RUT, SPY,NOPE"}).json()
    assert [x["symbol"] for x in q["quotes"]] == ["^RUT", "SPY"]
    assert q["errors"][0]["symbol"] == "NOPE" and q["errors"][0]["error"]
    assert client.get("/api/quotes", params={"symbols": "NOPE"}).status_code == 404
    assert client.get("/api/quotes", params={"symbols": " , "}).status_code == 422
    assert client.get("/api/quotes", params={"symbols": ",".join(["SPY"] * 21)}).status_code == 422
    assert client.get("/api/quotes").status_code == 422


def test_references_of_an_answer(client):
    a = client.post("/api/chat", json={"question": "How much did the Russell 2000 rise from 2025-12-01 "
                                                   "to 2026-01-16?"}).json()
    data = next(r for r in a["references"] if r["kind"] == "data")
    ref = client.get(f"/api/references/{a['id']}/{data['n']}").json()
    assert ref["computation"] == data["computation"] and ref["charts"]
    chart = ref["charts"][0]
    assert chart["symbol"] == "^RUT" and chart["points"][0]["date"] <= "2025-12-01"
    passage = next(r for r in a["references"] if r["kind"] == "passage")
    got = client.get(f"/api/references/{a['id']}/{passage['n']}").json()
    assert got["snippet"] == passage["snippet"] and got["charts"] == []
    assert client.get(f"/api/references/{a['id']}/99").status_code == 404
    assert client.get(f"/api/references/{a['id']}/0").status_code == 422
    assert client.get("/api/references/nope/1").status_code == 404


def test_token_required_when_configured(settings):
    with make_client(settings, api_token="s3cret") as c:
        assert c.get("/api/health").json()["auth"] is True
        r = c.get("/api/articles")
        assert r.status_code == 401 and "token" in r.json()["error"]
        assert c.get("/api/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/articles", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/api/articles", headers={"X-API-Token": "s3cret"}).status_code == 200
        assert c.get("/").status_code == 200, "the page itself loads; it then sends the token"


def test_cors_off_unless_configured(settings, client):
    r = client.get("/api/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    with make_client(settings, cors_origins=["http://localhost:3000"]) as c:
        r = c.get("/api/health", headers={"Origin": "http://localhost:3000"})
        assert r.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_security_headers_and_web_ui(client):
    r = client.get("/")
    assert r.status_code == 200 and "<title>Cited" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/js/app.js").headers["content-type"].startswith("text/javascript")


def test_every_route_has_a_response_model_and_a_docstring(client):
    spec = client.get("/openapi.json").json()
    assert spec["paths"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("description") and "\n" not in op["description"].strip(), (method, path)
            ok = op["responses"].get("200", {}).get("content", {})
            assert ok and any("schema" in v for v in ok.values()), (method, path)
    from assistant.api.routes import (
        articles,
        chat,
        conversations,
        health,
        ingest,
        quotes,
        references,
        research,
    )

    checked = 0
    for module in (articles, chat, conversations, health, ingest, quotes, references, research):
        for route in module.router.routes:
            assert route.response_model is not None, route.path
            doc = route.endpoint.__doc__ or ""
            assert doc.strip() and len(doc.strip().splitlines()) == 1, route.path
            checked += 1
    assert checked >= 15
