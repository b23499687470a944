"""Browser fixtures: the app served on 127.0.0.1 over a copy of the demo data, and Debian's chromium
driven by the playwright package. Under CI=true a missing browser is a failure, elsewhere a skip."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAPTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def _need(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (browser tests are mandatory when CI=true; `make browser` installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _need(CHROMIUM.exists(), "chromium not found at /usr/bin/chromium: apt-get install -y chromium fonts-noto-cjk")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the playwright package is not installed: pip install -e '.[dev]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server(demo_settings, tmp_path_factory):
    """The app over a private copy of the e5 demo data dir (uploads in one test must not leak)."""
    import uvicorn

    from assistant.api.main import create_app
    from assistant.config import Settings

    data = tmp_path_factory.mktemp("web") / "data"
    shutil.copytree(demo_settings.data_dir, data)
    settings = Settings(data_dir=data)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, warm=True), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start within 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def open_page(browser, server):
    """Open a page at a viewport; console errors and page errors are collected and must stay empty."""
    contexts = []

    def make(path: str = "/", viewport=LAPTOP, lang: str = "zh"):
        ctx = browser.new_context(viewport=viewport, device_scale_factor=2 if viewport is PHONE else 1,
                                  accept_downloads=True)
        ctx.add_init_script(f"localStorage.setItem('cited.lang', '{lang}')")
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(90_000)  # generous: a loaded 2-core CI machine, first e5 and jieba loads
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (page.errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(server + path)
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def shot(page, name: str, full: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.wait_for_timeout(400)  # let smooth scrolling and transitions settle
    page.screenshot(path=str(path), full_page=full)
    return path
