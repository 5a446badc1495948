"""The REST API in process: filters, pagination, exports, tokens, one error shape, no 500s."""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from fixture_articles import BELGOROD, HOSTILE, STORY, fixture_articles
from sitrep.api import create_app
from sitrep.export import ACLED_COLUMNS
from sitrep.model import Article
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument
from sitrep.store import Store

TOKEN = "s3cret-token"


def _app(tmp_path: Path, token: str | None = None, **kwargs: int) -> FastAPI:
    db = f"sqlite:///{tmp_path / 'api.db'}"
    store = Store(db)
    for article in fixture_articles():
        store.save(article)
    return create_app(Settings(db=db, api_token=token), store=store, **kwargs)


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(_app(tmp_path)) as c:
        yield c


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(_app(tmp_path, token=TOKEN, max_body=50_000)) as c:
        yield c


def _error(response: object, status: int, code: str | None = None) -> dict[str, str]:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    if code:
        assert body["error"]["code"] == code
    return dict(body["error"])


def _ids(page: dict[str, list[dict[str, object]]], key: str = "id") -> list[object]:
    return [item[key] for item in page["items"]]


# -- reads ---------------------------------------------------------------------------------
def test_health_and_read_only_flag(client: TestClient) -> None:
    body = client.get("/health").json()
    outcomes = {"ok": 4, "skipped": 1, "failed": 0}
    assert body == {"status": "ok", "articles": 4, "outcomes": outcomes, "read_only": True}
    # the count agrees with what /articles lists, by default and for every outcome
    assert client.get("/articles").json()["total"] == body["articles"]
    for status, n in outcomes.items():
        assert client.get("/articles", params={"status": status}).json()["total"] == n


def test_a_list_request_takes_one_worker_thread(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list request hands one job to a worker thread, the endpoint (it reads the store and
    makes the page's JSON): the filters and the store are found in the event loop, and the
    page is not validated again in a thread of its own; under load each hand-over waits for
    the interpreter lock (issue 17). The answer is the response model's JSON."""
    import anyio.to_thread

    real = anyio.to_thread.run_sync
    calls: list[object] = []

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(func)
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    pages = {
        "/events": {"since": "2023-01-01", "until": "2023-12-31", "type": "ASSAULT"},
        "/articles": {"q": "e"},
        "/quotes": {"stance": "assert"},
        "/places": {"bbox": "-180,-90,180,90"},
        "/stories": {},
        "/claims": {},
    }
    for path, params in pages.items():
        calls.clear()
        response = client.get(path, params=params)
        assert response.status_code == 200 and len(calls) == 1, (path, calls)
        assert response.headers["content-type"] == "application/json"
        assert response.json()["total"] > 0 and response.json()["items"], path


def test_articles_list_and_filters(client: TestClient) -> None:
    page = client.get("/articles").json()
    assert page["total"] == 4  # the skipped document only with status=any
    assert _ids(page)[0] == "incursion-ledger"  # newest first
    assert client.get("/articles", params={"status": "any"}).json()["total"] == 5
    assert client.get("/articles", params={"status": "skipped"}).json()["items"][0]["reason"] == (
        "empty"
    )
    by = {
        "since": ("2023-05-23", {"incursion-wire", "incursion-ledger"}),
        "until": ("2023-04-30", {"kharkiv-protest"}),
        "q": ("saboteurs", {"incursion-ledger"}),
        "actor": ("gladkov", {"incursion-wire"}),
        "place": ("Kharkiv", {"kharkiv-protest"}),
        "bbox": ("36,50,38,51", {"incursion-wire", "incursion-ledger"}),
        "type": ("PROTEST", {"kharkiv-protest"}),
        "stance": ("deny", {"incursion-wire"}),
        "story": (STORY, {"incursion-wire", "incursion-ledger"}),
        "modality": ("claimed", {"incursion-ledger"}),
        "source": ("ledger", {"incursion-ledger"}),
    }
    for name, (value, expected) in by.items():
        got = set(_ids(client.get("/articles", params={name: value}).json()))
        assert got == expected, (name, value, got)


def test_pagination_and_caps(client: TestClient) -> None:
    first = client.get("/articles", params={"limit": 2}).json()
    second = client.get("/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 4
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not set(_ids(first)) & set(_ids(second))
    assert client.get("/articles", params={"offset": 100}).json()["items"] == []
    _error(client.get("/events", params={"limit": 501}), 422, "validation")
    _error(client.get("/events", params={"limit": 0}), 422, "validation")
    _error(client.get("/events", params={"offset": -1}), 422, "validation")


def test_article_full_record(client: TestClient) -> None:
    from fixture_articles import incursion_report

    body = client.get("/articles/incursion-wire").json()
    assert Article.model_validate(body) == incursion_report()
    _error(client.get("/articles/no-such-article"), 404, "not_found")


def test_events_filters(client: TestClient) -> None:
    page = client.get("/events").json()
    assert page["total"] == 3
    bel = client.get("/events", params={"bbox": "36.5,50.5,37.5,51"}).json()
    assert bel["total"] == 2
    item = bel["items"][0]
    assert (item["lat"], item["lon"]) == BELGOROD and item["location"] == "Belgorod Oblast"
    text = client.get("/articles/" + item["article_id"]).json()["text"]
    ev = item["evidence"]
    assert text[ev["start"] : ev["end"]] == item["evidence_text"]
    assert client.get("/events", params={"bbox": "170,-10,-170,10"}).json()["total"] == 0
    shelling = client.get("/events", params={"type": "Shelling/artillery/missile attack"}).json()
    assert _ids(shelling, "article_id") == ["incursion-wire"]
    assert client.get("/events", params={"modality": "claimed"}).json()["total"] == 1
    assert client.get("/events", params={"actor": "protesters"}).json()["total"] == 1
    assert client.get("/events", params={"country": "ua"}).json()["total"] == 1
    assert client.get("/events", params={"since": "2023-05-01"}).json()["total"] == 2
    assert client.get("/events", params={"article": "kharkiv-protest"}).json()["total"] == 1
    day = {"precision": "day"}
    assert client.get("/timeline").json() == [
        {"date": "2023-04-14", **day, "start": "2023-04-14", "end": "2023-04-14", "count": 1},
        {"date": "2023-05-22", **day, "start": "2023-05-22", "end": "2023-05-22", "count": 2},
    ]


def test_coarse_event_dates_match_overlapping_ranges(tmp_path: Path) -> None:
    from sitrep.model import Event, Span

    text = "Shelling was reported that week, and protests went on all month."
    coarse = Article(
        id="coarse-dates",
        text=text,
        content_hash="fixture-coarse",
        events=[
            Event(evidence=Span(start=0, end=8), date="2023-W21", plover_type="ASSAULT"),
            Event(evidence=Span(start=38, end=46), date="2023-06", plover_type="PROTEST"),
        ],
    )
    store = Store(f"sqlite:///{tmp_path / 'coarse.db'}")
    store.save(coarse)
    with TestClient(create_app(Settings(db=store.url), store=store)) as c:

        def dates(**params: str) -> set[str]:
            return {i["date"] for i in c.get("/events", params=params).json()["items"]}

        # week 21 of 2023 is 22-28 May: a range touching any of those days holds it
        assert dates(until="2023-05-22") == {"2023-W21"}
        assert dates(until="2023-05-21") == set()
        assert dates(since="2023-05-28", until="2023-05-31") == {"2023-W21"}
        assert dates(since="2023-06-30") == {"2023-06"}
        assert dates(since="2023-05-25", until="2023-06-01") == {"2023-W21", "2023-06"}
        item = c.get("/events", params={"type": "PROTEST"}).json()["items"][0]
        assert (item["date_precision"], item["date_start"], item["date_end"]) == (
            "month",
            "2023-06-01",
            "2023-06-30",
        )
        bins = c.get("/timeline").json()
        assert [(b["date"], b["precision"], b["start"], b["end"]) for b in bins] == [
            ("2023-W21", "week", "2023-05-22", "2023-05-28"),
            ("2023-06", "month", "2023-06-01", "2023-06-30"),
        ]


def test_quotes_places(client: TestClient) -> None:
    deny = client.get("/quotes", params={"stance": "deny"}).json()
    assert deny["total"] == 1
    quote = deny["items"][0]
    assert quote["speaker"] == "Government of Ukraine" and quote["cue"] == "denied"
    assert quote["content"] == "any involvement in the incursion"
    assert client.get("/quotes", params={"actor": "peskov"}).json()["items"][0]["kind"] == "direct"
    places = client.get("/places", params={"place": "kozinka"}).json()
    assert places["total"] == 1 and places["items"][0]["span"]["end"] > 0
    assert client.get("/places", params={"country": "RU"}).json()["total"] == 3


def test_stories_and_claims(client: TestClient) -> None:
    stories = client.get("/stories").json()
    assert _ids(stories) == [STORY] and stories["items"][0]["articles"] == 2
    story = client.get(f"/stories/{STORY}").json()
    assert story["start"] == "2023-05-23" and story["end"] == "2023-05-24"
    claims = story["claims"]
    denial = next(i for i, c in enumerate(claims) if c["stance"] == "deny")
    assert claims[denial]["contradicts"], "the denial is lined up against a claim"
    other = claims[claims[denial]["contradicts"][0]]
    assert other["stance"] == "assert" and other["article_id"] == "incursion-ledger"
    contested = client.get("/claims", params={"story": STORY, "contested": True}).json()
    assert {c["index"] for c in contested["items"]} >= {denial}
    _error(client.get("/stories/nope"), 404, "not_found")
    _error(client.get("/claims", params={"story": "nope"}), 404, "not_found")


def test_story_prefix_claims_without_story_and_one_title(client: TestClient) -> None:
    from sitrep.service import story_title

    # a unique start of the id names the story, as `sitrep story` takes it
    assert client.get(f"/stories/{STORY[:-3]}").json()["id"] == STORY
    assert client.get("/claims", params={"story": STORY[:9]}).json()["items"][0]["story"] == STORY
    # the title is the story's first report, the same in the list, the story and the CLI
    listed = client.get("/stories").json()["items"][0]["title"]
    assert listed == client.get(f"/stories/{STORY}").json()["title"]
    members = [a for a in fixture_articles() if a.story == STORY]
    assert listed == story_title((a.published, a.id, a.title, a.text) for a in members)
    assert listed == "Armed group crosses into Belgorod Oblast"
    # without a story: the claims of every (recent) story, each with its story id
    every = client.get("/claims").json()
    one = client.get("/claims", params={"story": STORY}).json()
    assert every["total"] >= one["total"] > 0
    assert {c["story"] for c in every["items"]} == {STORY}


def test_country_filters_take_iso2_and_iso3(client: TestClient) -> None:
    for path in ("/events", "/places", "/articles", "/quotes"):
        for ru in ("RU", "ru", "RUS", "rus"):
            page = client.get(path, params={"country": ru}).json()
            assert page["total"] == client.get(path, params={"country": "RU"}).json()["total"]
            assert page["total"] > 0, (path, ru)
        assert (
            client.get(path, params={"country": "UKR"}).json()["total"]
            == (client.get(path, params={"country": "UA"}).json()["total"])
        )
    assert client.get("/events", params={"country": "FRA"}).json()["total"] == 0


# -- exports -------------------------------------------------------------------------------
def test_exports(client: TestClient) -> None:
    response = client.get("/export/events.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ACLED_COLUMNS and len(rows) == 3
    wire = next(r for r in rows if r["event_id"] == "incursion-wire-0")
    assert (float(wire["latitude"]), float(wire["longitude"])) == BELGOROD
    assert wire["sub_event_type"] == "Shelling/artillery/missile attack"
    geo = client.get("/export/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3
    assert [37.0, 50.7] in [f["geometry"]["coordinates"] for f in geo["features"]]
    lines = client.get("/export/articles.jsonl").text.splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["id"] == "incursion-wire"
    story_only = client.get("/export/events.csv", params={"story": STORY}).text
    assert len(story_only.strip().splitlines()) == 3  # header + 2 events


# -- writes --------------------------------------------------------------------------------
def test_writes_are_forbidden_without_a_token(client: TestClient) -> None:
    _error(client.post("/analyze", json={"text": "Hello."}), 403, "read_only")
    headers = {"Authorization": "Bearer anything"}
    _error(client.post("/analyze", json={"text": "Hello."}, headers=headers), 403, "read_only")


def test_token_checked_before_body(writer: TestClient) -> None:
    r = writer.post("/analyze", json={"text": "Hello."})
    assert _error(r, 401, "unauthorized") and r.headers["www-authenticate"] == "Bearer"
    _error(writer.post("/analyze", json={"no": 1}, headers={"Authorization": "Bearer x"}), 401)
    _error(writer.post("/analyze", json={}, headers={"Authorization": f"Basic {TOKEN}"}), 401)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _error(writer.post("/analyze", json={"text": ""}, headers=auth), 422, "validation")
    _error(writer.post("/analyze", json={"text": 5, "x": 1}, headers=auth), 422, "validation")
    _error(writer.post("/analyze", content=b"{not json", headers=auth), 422, "validation")


def test_huge_bodies_are_refused(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "x" * 60_000}
    _error(writer.post("/analyze", json=big, headers=auth), 413, "too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 10_000
        yield b'"}'

    _error(writer.post("/analyze", content=chunks(), headers=auth), 413, "too_large")


def test_analyze_stores_the_record(writer: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep import service

    def fake_runner(raws: Iterable[RawDocument], settings: object) -> Iterator[Article]:
        for raw in raws:  # the pipeline, faked: the service path (store, story) is real
            yield Article(
                id="posted",
                text=raw.text or "",
                content_hash="posted-hash",
                published=raw.meta.get("published"),
            )

    monkeypatch.setattr(service, "cached_runner", fake_runner)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": "<p>Rebels attacked.</p>", "published": "2023-05-02"}
    r = writer.post("/analyze", json=body, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == "posted" and r.json()["published"] == "2023-05-02"
    stored = writer.get("/articles/posted").json()
    assert stored["text"] == "<p>Rebels attacked.</p>"
    assert stored["story"] == r.json()["story"] is not None  # a one-document run's story


@pytest.mark.model
def test_analyze_real_pipeline(tmp_path: Path) -> None:
    app = _app(tmp_path, token=TOKEN)
    text = (
        "Rebels attacked the town of Kramatorsk on Monday, police said.\n"
        '"We will rebuild," the mayor told reporters.\n'
    )
    with TestClient(app) as c:
        r = c.post(
            "/analyze",
            json={"text": text, "published": "2023-05-23", "url": "https://example.org/x"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 200, r.text
        article = Article.model_validate(r.json())
        assert article.outcome.status == "ok" and article.text
        assert c.get(f"/articles/{article.id}").status_code == 200


# -- bad input never crashes -----------------------------------------------------------------
NASTY = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    "\x00",
    "ü" * 150,
    "../../etc/passwd",
]


def test_injection_strings_are_just_text(client: TestClient) -> None:
    for value in NASTY:
        for path in ["/articles", "/events", "/quotes", "/places", "/stories", "/timeline"]:
            for name in ["q", "actor", "place", "type", "story", "source"]:
                r = client.get(path, params={name: value})
                assert r.status_code in (200, 422), (path, name, value, r.text)
                if r.status_code == 422:
                    _error(r, 422, "validation")
        r = client.get("/articles/" + quote(value, safe=""))
        assert r.status_code in (404, 422), (value, r.text)
        _error(r, r.status_code)
    # wildcards are literal: only the hostile article contains '%' and '_'
    assert set(_ids(client.get("/articles", params={"q": "%"}).json())) == {"hostile-markup"}
    assert set(_ids(client.get("/articles", params={"q": "of_the"}).json())) == {"hostile-markup"}
    assert client.get("/health").json()["articles"] == 4  # nothing was dropped
    item = client.get("/quotes", params={"article": "hostile-markup"}).json()["items"][0]
    assert item["content"] == HOSTILE


def test_wrong_types_and_methods(client: TestClient) -> None:
    for params in [
        {"since": "yesterday"},
        {"limit": "ten"},
        {"bbox": "1,2,3"},
        {"bbox": "0,0,200,10"},
        {"stance": "maybe"},
        {"modality": "x"},
    ]:
        _error(client.get("/events", params=params), 422, "validation")
    _error(client.get("/articles", params={"status": "weird"}), 422, "validation")
    _error(client.post("/articles"), 405, "method_not_allowed")
    _error(client.get("/no/such/route"), 404, "not_found")
    _error(client.get("/articles", headers={"Content-Length": "nope"}), 400)


def test_openapi_is_generated_from_the_record_model(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    for name in ["Article", "Span", "Quote", "Event", "Place", "Story", "Claim", "ErrorBody"]:
        assert name in components, name
    assert set(schema["paths"]) >= {
        "/articles",
        "/articles/{article_id}",
        "/events",
        "/quotes",
        "/places",
        "/stories",
        "/stories/{story_id}",
        "/claims",
        "/analyze",
        "/export/events.csv",
        "/export/events.geojson",
        "/export/articles.jsonl",
    }


def test_dashboard_is_served_without_external_urls(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in [
        "/static/app.js",
        "/static/app.css",
        "/static/vendor/leaflet.js",
        "/static/vendor/topojson-client.min.js",
        "/static/vendor/countries-110m.json",
    ]:
        assert client.get(asset).status_code == 200, asset
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js.replace("innerHTML is never used", "")
    for text in [page.text, js, client.get("/static/app.css").text]:
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text


# -- schemathesis: generated requests from the OpenAPI schema --------------------------------
def _fuzz(tmp_path: Path, max_examples: int) -> None:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    app = _app(tmp_path, token=TOKEN)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=max_examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        run()


def test_schemathesis_no_server_errors(tmp_path: Path) -> None:
    _fuzz(tmp_path, max_examples=6)


@pytest.mark.slow
def test_schemathesis_no_server_errors_thorough(tmp_path: Path) -> None:
    _fuzz(tmp_path, max_examples=100)


def test_published_dates_survive(client: TestClient) -> None:
    items = client.get("/articles", params={"until": date(2023, 5, 1).isoformat()}).json()
    assert {i["published"] for i in items["items"]} == {"2023-04-14", "2023-05-01"}


def test_serve_command_builds_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from sitrep import service
    from sitrep.api.app import WORKER_SETTINGS
    from sitrep.api.cli import READ_ONLY_WORKERS, default_workers
    from sitrep.cli import app as cli_app

    seen: dict[str, object] = {}

    def fake_run(api: FastAPI | str, **kwargs: object) -> None:
        seen.update(api=api, **kwargs)

    def fake_pipeline(settings: Settings) -> None:  # the model is not loaded in this test
        seen.setdefault("warmed", settings.api_token)
        assert "api" not in seen, "the pipeline is built before the server starts"

    settled: list[bool] = []
    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setattr(service, "cached_pipeline", fake_pipeline)
    monkeypatch.setattr(gc, "freeze", lambda: settled.append("api" not in seen))
    monkeypatch.setenv(WORKER_SETTINGS, "")  # restored (unset) after the test
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    db = str(tmp_path / "serve.db")
    result = CliRunner().invoke(cli_app, ["serve", "--db", db, "--port", "8123", "--token", "t"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    api = seen["api"]
    # with a token, one process by default: each worker would load its own pipeline
    assert isinstance(api, FastAPI) and api.state.token == "t" and "workers" not in seen
    assert seen["warmed"] == "t"  # read-write: no request waits for the model or gazetteer
    # what the one process holds is out of the collector's full passes before it serves
    assert settled == [True]
    seen.clear()
    settled.clear()
    assert CliRunner().invoke(cli_app, ["serve", "--db", db, "--port", "8123"]).exit_code == 0
    assert "warmed" not in seen  # read-only serves the store and needs no pipeline
    assert "workers" in seen and not settled  # (uvicorn's workers settle: app_from_environment)
    # read-only, READ_ONLY_WORKERS processes by default (2), at most one per core
    assert seen["api"] == "sitrep.api.app:app_from_environment"
    assert seen["workers"] == READ_ONLY_WORKERS == 2
    assert [default_workers(True, cpus) for cpus in (1, 2, 8)] == [1, 2, 2]
    assert default_workers(False, 8) == 1


def test_serve_workers_run_the_app_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve --workers N``: uvicorn's workers each build the app from the settings serve
    checked (handed over in the environment), over the same store."""
    import uvicorn
    from typer.testing import CliRunner

    from sitrep import service
    from sitrep.api.app import WORKER_SETTINGS, app_from_environment
    from sitrep.cli import app as cli_app

    seen: dict[str, object] = {}

    def fake_run(target: object, **kwargs: object) -> None:
        seen.update(target=target, **kwargs)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv(WORKER_SETTINGS, "")  # restored (unset) after the test
    db = tmp_path / "workers.db"
    with Store(f"sqlite:///{db}") as store:
        for article in fixture_articles():
            store.save(article)
    args = ["serve", "--db", str(db), "--port", "8124", "--workers", "3"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert seen["target"] == "sitrep.api.app:app_from_environment"
    assert seen["factory"] is True and seen["workers"] == 3 and seen["port"] == 8124
    service._CLAIMS.clear()
    gc.unfreeze()
    try:
        api = app_from_environment()  # what each worker process runs
        # what it holds once ready is out of the collector's full passes (issue 17)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert api.state.settings.db == str(db) and api.state.token is None
    # the claims GET /claims shows are lined up before the worker takes requests
    assert any(key[1] == STORY for key in service._CLAIMS)
    with TestClient(api) as c:
        assert c.get("/events").json()["total"] > 0
        assert c.get("/claims").json()["total"] > 0
    api.state.store.close()
    bad = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--workers", "0"])
    assert bad.exit_code == 2


def test_claims_of_recent_stories_equal_each_story_and_follow_changes(tmp_path: Path) -> None:
    """``service.claims`` without a story (GET /claims) reads only the quotes of the records
    and keeps lined-up claims while the story's members are unchanged: the same claims as each
    story read whole, and a re-analysed member is seen at once."""
    from datetime import UTC, datetime

    from sitrep import service

    store = Store(f"sqlite:///{tmp_path / 'claims.db'}")
    for article in fixture_articles():
        store.save(article)

    def whole() -> list[tuple[str, int, object]]:
        with store.session() as session:
            from sitrep.store import queries as Q

            ids = [str(r["id"]) for r in Q.list_stories(session, Q.Filters(), 200, 0).rows]
        return [(s, i, c) for s in ids for i, c in enumerate(service.story(store, s).story.claims)]

    first = list(service.claims(store))
    assert first and first == whole()
    assert list(service.claims(store)) == first  # from the cache
    # one member analysed again (another pipeline version) with one quote less: the story's
    # claims follow
    changed = next(a for a in fixture_articles() if a.story == STORY and len(a.quotes) > 1)
    changed.quotes = changed.quotes[:-1]
    changed.pipeline_version = "fixture-2"
    changed.analysed_at = datetime(2030, 1, 1, tzinfo=UTC)
    assert store.save(changed) == "updated"
    again = list(service.claims(store))
    assert again == whole()
    assert len(again) == len(first) - 1
