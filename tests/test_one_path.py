"""One service path: the same article through ``sitrep analyze``, ``POST /analyze``,
``sitrep ingest`` and ingest on Ray is stored as the same record, story included (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.cli import app
from sitrep.corpus.stories import story_id
from sitrep.ingest import ingest
from sitrep.settings import Settings
from sitrep.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLE = EXAMPLES / "belgorod-incursion.txt"
TOKEN = "one-path-token"


def stored(db: str) -> list[dict[str, Any]]:
    """The stored ok records without what names the input (id, name, origin) or the time of
    analysis; the story as what it is for a one-document run: the article's own."""
    out = []
    with Store(db) as store:
        for article in store.articles(status="ok"):
            record = article.model_dump(mode="json")
            own_story = record["story"] == story_id(article.id)
            for key in ("id", "name", "origin", "analysed_at", "story"):
                record.pop(key)
            out.append({**record, "own_story": own_story})
    return out


def through_cli(tmp_path: Path) -> list[dict[str, Any]]:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["analyze", str(ARTICLE), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return stored(db)


def through_api(tmp_path: Path) -> list[dict[str, Any]]:
    db = f"sqlite:///{tmp_path / 'api.db'}"
    meta = json.loads(ARTICLE.with_name("belgorod-incursion.meta.json").read_text())
    body = {
        "text": ARTICLE.read_text(encoding="utf-8"),
        "published": meta["published"],
        "title": meta["title"],
    }
    with TestClient(create_app(Settings(db=db, api_token=TOKEN))) as client:
        r = client.post("/analyze", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        assert client.get(f"/stories/{r.json()['story']}").json()["article_ids"] == [r.json()["id"]]
    return stored(db)


def through_ingest(tmp_path: Path, engine: str) -> list[dict[str, Any]]:
    db = f"sqlite:///{tmp_path / f'ingest-{engine}.db'}"
    with Store(db) as store:
        summary = ingest([ARTICLE], Settings(db=db, workers=1), store, engine=engine)  # type: ignore[arg-type]
    assert summary.ok == 1, summary.as_dict()
    return stored(db)


@pytest.mark.model
def test_cli_api_and_ingest_store_the_same_record(tmp_path: Path) -> None:
    cli = through_cli(tmp_path)
    assert len(cli) == 1 and cli[0]["own_story"] and cli[0]["quotes"] and cli[0]["events"]
    assert through_api(tmp_path) == cli
    assert through_ingest(tmp_path, "local") == cli


@pytest.mark.model
@pytest.mark.ray
def test_ingest_on_ray_stores_the_same_record(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        assert through_ingest(tmp_path, "ray") == through_cli(tmp_path)
    finally:
        ray.shutdown()


@pytest.mark.model
def test_a_run_of_several_articles_gets_the_same_stories_on_every_batch_path(
    tmp_path: Path,
) -> None:
    """The examples (two reports of one incursion, one flood) analysed by the CLI and
    ingested: the same two stories, each stored once per article."""
    db_cli = f"sqlite:///{tmp_path / 'cli-all.db'}"
    assert CliRunner().invoke(app, ["analyze", str(EXAMPLES), "--db", db_cli]).exit_code == 0
    db_ingest = f"sqlite:///{tmp_path / 'ingest-all.db'}"
    with Store(db_ingest) as store:
        ingest([EXAMPLES], Settings(db=db_ingest), store, dedup=False)

    def partition(db: str) -> set[frozenset[str]]:
        with Store(db) as store:
            groups: dict[str, set[str]] = {}
            for a in store.articles(status="ok"):
                assert a.story is not None
                groups.setdefault(a.story, set()).add(a.name or a.id)
        return {frozenset(g) for g in groups.values()}

    assert partition(db_cli) == partition(db_ingest)
    assert len(partition(db_cli)) == 2


def test_the_cached_pipeline_runs_one_batch_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /analyze calls the process' one pipeline from several threads; its stages keep
    per-document state, so batches must not interleave (a stand-in pipeline, no model)."""
    import threading
    import time

    from sitrep import service
    from sitrep.model import Article
    from sitrep.sources.files import RawDocument

    inside = {"now": 0, "most": 0}

    class Recording:
        def analyze_raw(self, raws: list[RawDocument]) -> Any:
            inside["now"] += 1
            inside["most"] = max(inside["most"], inside["now"])
            time.sleep(0.05)
            inside["now"] -= 1
            return [Article(id=r.id, text=r.text or "") for r in raws]

    shared = (Recording(), threading.Lock())
    monkeypatch.setattr(service, "_pipeline", lambda _json: shared)
    found: list[str] = []
    threads = 4

    def post(i: int) -> None:
        raw = service.text_document(f"text {i}", doc_id=f"d{i}")
        found.extend(a.id for a in service.cached_runner([raw], Settings()))

    workers = [threading.Thread(target=post, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(found) == [f"d{i}" for i in range(threads)]
    assert inside["most"] == 1


def test_analyze_and_ingest_count_outcomes_alike() -> None:
    """One batch summary: ingest's counts are the analyze counts plus its own kinds."""
    from sitrep.ingest import IngestSummary
    from sitrep.model import Article, Outcome
    from sitrep.service import BatchSummary

    articles = [
        Article(id="a", outcome=Outcome(status="ok", reason="cut at 5 of 9 characters")),
        Article(id="b", outcome=Outcome(status="skipped", reason="not HTML: image/png")),
        Article(id="c", outcome=Outcome(status="failed", reason="ValueError in extract: x")),
        Article(id="d"),
    ]
    batch, ingested = BatchSummary(), IngestSummary()
    for article in articles:
        batch.add(article)
        ingested.count(article.outcome.status.value, article)
    ingested.count("duplicate", articles[1])  # a duplicate's reason is not counted again
    assert (batch.total, batch.ok, batch.skipped, batch.failed) == (4, 2, 1, 1)
    assert (
        batch.reasons
        == ingested.reasons
        == {
            "cut at 5 of 9 characters": 1,
            "not HTML": 1,
            "ValueError in extract": 1,
        }
    )
    assert (ingested.total, ingested.duplicate) == (5, 1)
