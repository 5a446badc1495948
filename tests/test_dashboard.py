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


# -- the first hour of a new user (issue 15) -------------------------------------------------
def test_no_country_is_drawn_across_the_antimeridian(page: Any, server: str) -> None:
    _open(page, server)
    spans = page.evaluate(
        """() => {
        const out = [];
        window.sitrep.countries.eachLayer(layer => {
            let jump = 0;
            const walk = (ring) => {
                if (ring.length && Array.isArray(ring[0])) { ring.forEach(walk); return; }
                for (let i = 1; i < ring.length; i++)
                    jump = Math.max(jump, Math.abs(ring[i].lng - ring[i - 1].lng));
            };
            walk(layer.getLatLngs());
            const b = layer.getBounds();
            out.push({name: layer.feature.properties.name, jump: jump,
                      span: b.getEast() - b.getWest()});
        });
        return out; }"""
    )
    assert len(spans) > 100
    assert max(s["jump"] for s in spans) <= 180, "no edge jumps across the world"
    wide = {s["name"] for s in spans if s["span"] > 200}
    assert wide <= {"Antarctica"}, wide  # Russia and Fiji no longer wrap around the world
    russia = next(s for s in spans if s["name"] == "Russia")
    assert 150 < russia["span"] < 200


def test_popup_has_date_actors_and_place(page: Any, server: str) -> None:
    _open(page, server)
    page.wait_for_selector("path.event-marker")
    page.evaluate(
        """() => window.sitrep.events.eachLayer(m => {
            const ll = m.getLatLng();
            if (Math.abs(ll.lat - 49.99) < 0.01) m.openPopup(); })"""
    )
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "2023-04-14" in popup and "Protesters (Ukraine)" in popup and "Kharkiv" in popup
    assert "reported" in popup and "open article" in popup


def test_choosing_a_story_filters_map_timeline_and_events(page: Any, server: str) -> None:
    _open(page, server)
    page.wait_for_selector(f"#stories li[data-story='{STORY}']")
    assert page.locator("path.event-marker").count() == 3
    page.click(f"#stories li[data-story='{STORY}']")
    page.wait_for_function("document.querySelectorAll('path.event-marker').length === 2")
    page.wait_for_selector("#story-events li")
    assert page.locator("#events tbody tr").count() == 2
    assert page.locator("#timeline rect.bar").count() == 1
    assert page.locator("#story-chip").is_visible()
    assert "Armed group crosses" in page.locator("#story-chip-title").inner_text()
    # the story view has its own timeline and dated events
    assert page.locator("#story-timeline rect.bar").count() == 1
    assert page.locator("#story-events li").count() == 2
    assert "2023-05-22" in page.locator("#story-events li").first.inner_text()
    _shot(page, "dashboard-story-filter.png")
    page.click("#story-clear")
    page.wait_for_function("document.querySelectorAll('path.event-marker').length === 3")
    assert page.locator("#events tbody tr").count() == 3
    assert not page.locator("#story").is_visible()


def test_story_by_id_prefix_in_the_address(page: Any, server: str) -> None:
    _open(page, server, f"#story={STORY[:9]}")
    page.wait_for_function("document.querySelectorAll('path.event-marker').length === 2")
    assert page.locator("#story-title").inner_text() == "Armed group crosses into Belgorod Oblast"


def test_article_opens_in_view(page: Any, server: str) -> None:
    _open(page, server)
    row = page.locator("#events tbody tr").last
    row.scroll_into_view_if_needed()
    row.click()
    page.wait_for_selector("#article-text .hl-entity, #article-text .hl-place")
    box = page.evaluate(
        """() => { const r = document.getElementById('article').getBoundingClientRect();
        return {top: r.top, left: r.left, bottom: r.bottom, h: innerHeight, w: innerWidth}; }"""
    )
    assert 0 <= box["top"] < 50 and box["left"] < box["w"] and box["bottom"] <= box["h"] + 1
    page.keyboard.press("Escape")
    page.wait_for_selector("#article", state="hidden")


def test_docs_are_served_offline(page: Any, server: str) -> None:
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 10
    assert "/events" in page.locator(".swagger-ui").inner_text()


# a store of 620 events with day, week and month dates (the events table must reach them all)
BIG = 620


def _big_article() -> Any:
    from datetime import date

    from sitrep.model import Article, Event, Place, Span

    line = "Shelling was reported near the village.\n"
    text = line * BIG
    place = Place(span=Span(start=31, end=38), text="village", name="Kozinka", lat=50.5, lon=37.0)
    dates = ["2023-W21", "2023-06"] + [f"2023-05-{d:02d}" for d in range(1, 29)]
    events = [
        Event(
            plover_type="ASSAULT",
            evidence=Span(start=i * len(line), end=(i + 1) * len(line) - 1),
            place=place,
            date=dates[i % len(dates)],
        )
        for i in range(BIG)
    ]
    return Article(
        id="many-events",
        text=text,
        title="Many events",
        published=date(2023, 6, 30),
        content_hash="fixture-many",
        pipeline_version="fixture",
        events=events,
    )


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from sitrep.api import create_app
    from sitrep.settings import Settings
    from sitrep.store import Store

    db = f"sqlite:///{tmp_path_factory.mktemp('big') / 'big.db'}"
    store = Store(db)
    store.save(_big_article())
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


def test_events_table_pages_past_500(browser: Any, big_server: str) -> None:
    pg = browser.new_page(viewport={"width": 1400, "height": 1000})
    pg.goto(big_server + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=15_000)
    assert pg.locator("#page-info").inner_text() == f"1–100 of {BIG}"
    assert pg.locator("#events tbody tr").count() == 100
    for _ in range(6):
        pg.click("#next-page")
    pg.wait_for_function(
        f"document.getElementById('page-info').textContent === '601–{BIG} of {BIG}'"
    )
    assert pg.locator("#events tbody tr").count() == BIG - 600
    assert pg.locator("#next-page").is_disabled()
    pg.click("#prev-page")
    pg.wait_for_function(f"document.getElementById('page-info').textContent === '501–600 of {BIG}'")
    pg.close()


def test_timeline_has_a_time_axis(browser: Any, big_server: str) -> None:
    pg = browser.new_page(viewport={"width": 1400, "height": 1000})
    pg.goto(big_server + "/")
    pg.wait_for_selector("#timeline rect.bar", timeout=15_000)
    bars = pg.evaluate(
        """() => Array.from(document.querySelectorAll('#timeline rect.bar')).map(r => ({
            date: r.dataset.date, x: +r.getAttribute('x'), w: +r.getAttribute('width'),
            coarse: r.classList.contains('coarse')}))"""
    )
    by = {b["date"]: b for b in bars}
    assert len(bars) == 30  # 28 days, a week and a month
    week, month = by["2023-W21"], by["2023-06"]
    monday, sunday = by["2023-05-22"], by["2023-05-28"]
    assert week["coarse"] and month["coarse"] and not monday["coarse"]
    assert abs(week["x"] - monday["x"]) < 1, "week 21 starts on Monday 22 May"
    assert abs(week["x"] + week["w"] - (sunday["x"] + sunday["w"])) < 1.5, "and ends on Sunday 28"
    assert month["x"] > sunday["x"] and month["w"] > 3 * week["w"]
    days = sorted((b for b in bars if not b["coarse"]), key=lambda b: b["date"])
    assert [b["x"] for b in days] == sorted(b["x"] for b in days), "days in time order"
    gaps = {round(b["x"] - a["x"], 1) for a, b in zip(days, days[1:], strict=False)}
    assert max(gaps) - min(gaps) < 0.2, "one day is the same width everywhere on the axis"
    labels = pg.locator("#timeline text.tick-label").all_text_contents()
    assert len(labels) >= 2 and all(label.startswith("2023") for label in labels)
    pg.close()
