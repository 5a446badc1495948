"""The README promise: after the demo (`sitrep analyze examples/`), `sitrep serve` shows the
example data in the dashboard. Real CLI server process, real pipeline, headless Chromium."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed"),
]


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Iterator[str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    result = CliRunner().invoke(app, ["analyze", str(ROOT / "examples"), "--db", db])
    assert result.exit_code == 0, result.output
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--db", db, "--port", str(port),
         "--log-level", "warning"],
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            _get(url + "/stories")
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("sitrep serve did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    pw_sync = pytest.importorskip("playwright.sync_api")
    with pw_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        yield pg
        browser.close()
        assert not errors, errors


def test_demo_data_on_the_dashboard(page: Any, server: str) -> None:
    events = _get(server + "/events?limit=100")["items"]
    belgorod = [e for e in events if e.get("admin1") and "Belgorod" in e["admin1"] and e.get("lat")]
    assert belgorod, events
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    page.wait_for_selector("path.event-marker")
    lat, lon = belgorod[0]["lat"], belgorod[0]["lon"]
    offset = page.evaluate(
        """([lat, lon]) => {
        const map = window.sitrep.map, box = map.getContainer().getBoundingClientRect();
        const want = map.latLngToContainerPoint([lat, lon]);
        let best = 1e9;
        document.querySelectorAll('path.event-marker').forEach(p => {
            const r = p.getBoundingClientRect();
            const dx = r.x + r.width / 2 - box.x - want.x, dy = r.y + r.height / 2 - box.y - want.y;
            best = Math.min(best, Math.hypot(dx, dy));
        });
        return best; }""",
        [lat, lon],
    )
    assert offset < 3, offset

    stories = _get(server + "/stories")["items"]
    incursion = max(stories, key=lambda s: s["articles"])
    page.goto(f"{server}/#story={incursion['id']}")
    page.wait_for_selector(".proposition.contested tr.stance-deny", timeout=20_000)
    block = page.locator(".proposition.contested", has=page.locator("tr.stance-deny")).first
    assert block.locator("tr.stance-deny.has-contradiction").count() >= 1
    assert block.locator("tr.has-contradiction:not(.stance-deny)").count() >= 1

    page.goto(f"{server}/#article=belgorod-incursion")
    page.wait_for_selector("#quotes li[data-quote]", timeout=20_000)
    quote = page.locator("#quotes li[data-quote]").first
    quote.click()
    page.wait_for_selector("#article-text .active")
    assert page.locator("#article-text .active").count() >= 1
    page.goto(f"{server}/#story={incursion['id']}")
    page.wait_for_selector(".proposition.contested")
    page.evaluate("window.scrollTo(0, 0)")
    shots = ROOT / "test-artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "dashboard-examples.png"), full_page=False)
