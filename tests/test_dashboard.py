"""The dashboard in headless Chromium (Debian's /usr/bin/chromium through Playwright).

Never downloads a browser: Playwright drives the system Chromium. Screenshots land in
``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixture_articles import HOSTILE, STORY, fixture_articles

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from sitrep.api import create_app
    from sitrep.settings import Settings
    from sitrep.store import Store

    db = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'dash.db'}"
    store = Store(db)
    for article in fixture_articles():
        store.save(article)
    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(db=db), store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pw_sync = pytest.importorskip("playwright.sync_api")
    with pw_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    outside: list[str] = []
    pg.on("request", lambda req: None if req.url.startswith(server) else outside.append(req.url))
    pg.errors = errors
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not outside, f"requests outside the app: {outside}"


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _open(page: Any, server: str, fragment: str = "") -> None:
    page.goto(f"{server}/{fragment}")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)


def test_map_shows_event_markers(page: Any, server: str) -> None:
    _open(page, server)
    page.wait_for_selector("path.event-marker")
    assert page.locator("path.event-marker").count() == 3
    assert page.locator("path.leaflet-interactive").count() >= 3
    countries = page.evaluate("document.querySelectorAll('.leaflet-overlay-pane path').length")
    assert countries > 100, "the bundled Natural Earth basemap is drawn"
    # a marker sits where Belgorod Oblast is (lat 50.7, lon 37.0) on the drawn map
    offset = page.evaluate(
        """() => {
        const map = window.sitrep.map, box = map.getContainer().getBoundingClientRect();
        const want = map.latLngToContainerPoint([50.7, 37.0]);
        let best = 1e9;
        document.querySelectorAll('path.event-marker').forEach(p => {
            const r = p.getBoundingClientRect();
            const dx = r.x + r.width / 2 - box.x - want.x, dy = r.y + r.height / 2 - box.y - want.y;
            best = Math.min(best, Math.hypot(dx, dy));
        });
        return best; }"""
    )
    assert offset < 3, offset
    page.locator("path.event-marker").first.hover(force=True)
    assert page.locator(".leaflet-tooltip").count() >= 1
    assert page.locator("#timeline rect.bar").count() == 2
    assert page.locator("#events tbody tr").count() == 3
    _shot(page, "dashboard-map.png")


def test_story_view_puts_denial_next_to_contradicting_claims(page: Any, server: str) -> None:
    _open(page, server, f"#story={STORY}")
    page.wait_for_selector(".proposition.contested")
    block = page.locator(".proposition.contested").first
    rows = block.locator("tr.claim")
    stances = [c.split()[0] for c in rows.locator("td.stance").all_text_contents()]
    assert stances[0] == "deny" and "assert" in stances[1:]
    denial = block.locator("tr.stance-deny")
    assert "any involvement in the incursion" in denial.locator("td.sentence").inner_text()
    assert "has-contradiction" in (denial.get_attribute("class") or "")
    opposed = block.locator("tr.stance-assert.has-contradiction")
    assert opposed.count() >= 1
    assert "responsible" in opposed.first.locator("td.sentence").inner_text()
    assert "Government of Ukraine" in opposed.first.locator("td.contra").inner_text()
    _shot(page, "dashboard-story.png")


def test_clicking_a_quote_highlights_its_evidence(page: Any, server: str) -> None:
    _open(page, server, "#article=incursion-wire")
    page.wait_for_selector("#quotes li[data-quote='1']")
    assert page.locator("#article-text .hl-entity").count() >= 3
    for kind in ["quote", "cue", "speaker", "place", "time"]:
        assert page.locator(f"#article-text .hl-{kind}").count() >= 1, kind
    assert page.locator("#article-text .active").count() == 0
    page.click("#quotes li[data-quote='1']")
    active = "".join(page.locator("#article-text .active").all_text_contents())
    assert "any involvement in the incursion" in active
    assert "denied" in active and "Kyiv" in active
    assert "shelled" not in active  # the other quote stays unmarked
    _shot(page, "dashboard-article.png")


def test_claim_row_opens_article_with_quote_highlighted(page: Any, server: str) -> None:
    _open(page, server, f"#story={STORY}")
    page.wait_for_selector(".proposition.contested tr.stance-deny")
    page.click(".proposition.contested tr.stance-deny")
    page.wait_for_selector("#article-text .active")
    assert page.locator("#article-title").inner_text() == "Armed group crosses into Belgorod Oblast"
    assert "any involvement" in "".join(page.locator("#article-text .active").all_text_contents())
    _shot(page, "dashboard-full.png")


def test_article_markup_is_shown_as_text(page: Any, server: str) -> None:
    _open(page, server, "#article=hostile-markup")
    page.wait_for_selector("#quotes li")
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("#article script, #article img, #article b, #article i").count() == 0
    assert HOSTILE in page.locator("#article-text").inner_text()
    assert page.locator("#article-title").inner_text().startswith("<b>bold</b><script>")
    assert "onerror" in page.locator("#quotes li").first.inner_text()
    page.click("#quotes li[data-quote='0']")
    assert "<script>" in "".join(page.locator("#article-text .active").all_text_contents())
    assert page.evaluate("document.body.dataset.pwned") is None
    _shot(page, "dashboard-markup.png")


def test_filters_narrow_the_map(page: Any, server: str) -> None:
    _open(page, server)
    page.fill("#filters input[name=type]", "PROTEST")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('path.event-marker').length === 1")
    assert page.locator("#events tbody tr").count() == 1
