"""The ingest service: end to end from a hand-written WARC, resumable, idempotent, deduplicated.

Unit tests use a stand-in runner (the real extract stage, no spaCy) so they run in seconds;
``model`` tests run the real pipeline and the real ``sitrep ingest`` command.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.ingest import IngestSummary, ingest, load_parquet
from sitrep.model import Article, Outcome, OutcomeStatus
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument
from sitrep.sources.warc import WarcPage, write_warc
from sitrep.store import Store

STORIES = [
    (
        "Harbour reopens after storm repairs",
        "The harbour at Eastport reopened to fishing boats on Tuesday after a week of repairs "
        "to its sea wall, the port authority said. Waves had torn a gap in the wall during last "
        "month's storm, and engineers worked through the weekend to close it. Harbour master "
        'Ellen Marsh said the first trawlers left at dawn. "We are relieved to be working '
        'again," said Tom Reyes, who has fished from Eastport for twenty years.',
    ),
    (
        "Council approves new library",
        "The city council of Brenford voted on Monday to build a new public library on the site "
        "of the old bus depot. The plan was approved by nine votes to four after a long debate "
        "about its cost. Councillor Amira Shah said the building would open in two years and "
        "would include a children's wing. Opponents said the money should go to road repairs "
        "instead, and promised to raise the matter again at the next budget meeting.",
    ),
    (
        "Rail strike called off",
        "A planned rail strike in the northern region was called off late on Wednesday after "
        "the union and the operator reached a pay agreement, both sides said. Trains will run "
        "normally on Thursday and Friday. The union's regional secretary, Paul Okafor, said "
        "members would vote on the offer next week. The operator said it welcomed the outcome "
        "and apologised to passengers for the uncertainty of the past days.",
    ),
    (
        "Drought hits farmers in the valley",
        "Farmers in the Kessel valley say the driest spring in forty years has cut their wheat "
        "harvest by a third. The regional agriculture office said on Friday that wells in six "
        "villages had run dry and that water would be delivered by truck. Farmer Jana Novak "
        "said she had sold half of her cattle because she could no longer feed them. Officials "
        "promised compensation but gave no figures.",
    ),
    (
        "Museum returns stolen painting",
        "A painting stolen from a private collection thirty years ago was returned to its "
        "owners on Saturday by the national museum, which had bought it in good faith. The "
        "museum director, Henrik Lund, said experts had traced the work through old auction "
        "records. The family said they were grateful and would lend the painting back to the "
        "museum for an exhibition next year. Police have reopened the original theft case.",
    ),
]
WIRE_FOOTER = "Distributed by Example Wire Service. All rights reserved. Not for resale."


def _html(title: str, body: str, *, footer: str = "", date: str = "2024-03-05") -> bytes:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>{footer}</footer></body></html>"
    ).encode()


def example_pages() -> list[WarcPage]:
    """Five articles, a syndicated copy, an exact repeat, an image, a redirect, a 404."""
    pages = [
        WarcPage(f"https://news.example/story/{i}", _html(title, body))
        for i, (title, body) in enumerate(STORIES)
    ]
    title, body = STORIES[0]
    pages.insert(
        2,
        WarcPage(
            "https://wire.example/eastport-harbour",
            _html("EASTPORT BACK IN BUSINESS AS HARBOUR WALL MENDED", body, footer=WIRE_FOOTER),
        ),
    )
    pages.insert(4, WarcPage("https://mirror.example/library", _html(*STORIES[1])))
    pages.insert(5, WarcPage("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))
    pages.append(
        WarcPage(
            "https://news.example/old",
            b"",
            status=301,
            extra_headers=(("Location", "https://news.example/story/1"),),
        )
    )
    pages.append(WarcPage("https://news.example/missing", b"gone", status=404))
    return pages


def write_example_warc(path: Path, copies: int = 1) -> Path:
    pages = example_pages()
    if copies > 1:  # more distinct records for the kill test: unique URLs and texts
        pages = [
            WarcPage(
                f"{p.url}?n={n}",
                p.body.replace(b"<article>", f"<article><p>Edition {n} report.</p>".encode()),
                p.content_type,
                p.status,
                p.date,
                p.extra_headers,
            )
            for n in range(copies)
            for p in pages[:5]
        ]
    write_warc(path, pages)
    return path


def extract_runner(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Article]:
    """Stand-in for the pipeline in unit tests: the real extract stage only."""
    from sitrep.errors import SkipDocument
    from sitrep.pipeline import extract_stage, new_analysis

    stage = extract_stage(settings)
    delay = float(os.environ.get("SITREP_TEST_DELAY", "0"))
    for raw in raws:
        analysis = new_analysis(raw)  # the article ingest extracted already, as the pipeline
        article = analysis.article
        try:
            stage(analysis)
        except SkipDocument as exc:
            article.outcome = Outcome(status=OutcomeStatus.SKIPPED, reason=exc.reason)
        article.pipeline_version = "test"
        time.sleep(delay)
        yield article


def stored_rows(db: Path) -> list[dict[str, Any]]:
    """The stored articles without their timestamps, keyed and sorted for comparison."""
    import json

    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT key, status, reason, record FROM articles ORDER BY key")
        out = []
        for key, status, reason, record in rows:
            rec = json.loads(record)
            rec.pop("analysed_at", None)
            out.append({"key": key, "status": status, "reason": reason, "record": rec})
        return out
    finally:
        con.close()


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    return write_example_warc(tmp_path / "crawl.warc.gz")


def _run(sources: list[Path], db: Path, **kwargs: Any) -> IngestSummary:
    store = Store(f"sqlite:///{db}")
    try:
        return ingest(sources, Settings(), store, runner=extract_runner, **kwargs)
    finally:
        store.close()


def test_ingest_counts_and_links_duplicates(warc: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    s = _run([warc], db)
    assert (s.total, s.ok, s.duplicate, s.skipped, s.failed) == (10, 5, 2, 3, 0)
    rows = {r["record"]["url"]: r for r in stored_rows(db)}
    wire = rows["https://wire.example/eastport-harbour"]
    assert wire["status"] == "skipped"
    assert wire["reason"].startswith("near-duplicate of ")
    mirror = rows["https://mirror.example/library"]
    assert mirror["reason"].startswith("duplicate of ")
    assert rows["https://news.example/logo.png"]["reason"] == "not HTML: image/png"
    assert rows["https://news.example/old"]["reason"].startswith("redirect 301")
    assert rows["https://news.example/story/0"]["status"] == "ok"
    assert rows["https://news.example/story/0"]["record"]["published"] == "2024-03-05"
    assert len(rows) == 10


def test_rerun_adds_nothing(warc: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _run([warc], db)
    before = stored_rows(db)
    again = _run([warc], db)
    assert again.total == 0 or again.already == again.total
    assert stored_rows(db) == before
    redo = _run([warc], db, restart=True)  # everything read and analysed again
    assert redo.ok == 5 and redo.duplicate == 2
    assert stored_rows(db) == before


def test_no_dedup_analyses_copies(warc: Path, tmp_path: Path) -> None:
    s = _run([warc], tmp_path / "b.db", dedup=False)
    assert s.duplicate == 0 and s.ok == 7


def test_parquet_output_and_load(warc: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    s = _run([warc], tmp_path / "state.db", output=out)
    assert s.stored == {"written": 10}
    assert list(out.glob("*.parquet"))
    direct = tmp_path / "direct.db"
    _run([warc], direct)
    loaded = tmp_path / "loaded.db"
    with Store(f"sqlite:///{loaded}") as store:
        assert load_parquet(out, store) == {"inserted": 10}
        again = load_parquet(out, store)
        assert again.get("inserted", 0) == 0 and sum(again.values()) == 10
    assert stored_rows(loaded) == stored_rows(direct)


def test_mixed_sources(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text(STORIES[3][0] + "\n\n" + STORIES[3][1], encoding="utf-8")
    write_example_warc(docs / "crawl.warc.gz")
    s = _run([docs], tmp_path / "m.db")
    assert s.sources == 2 and s.total == 11
    assert s.duplicate == 3  # the text file repeats a WARC story


_KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_ingest import extract_runner
    from sitrep.ingest import ingest
    from sitrep.settings import Settings
    from sitrep.store import Store
    import sitrep.ingest as ing
    ing.COMMIT_EVERY = 3
    ingest([{warc!r}], Settings(batch_size=2), Store({db!r}), runner=extract_runner)
    """
)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=30)
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def _kill_midway(cmd: list[str], db: Path, at_least: int, env: dict[str, str]) -> int:
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while _count(db) < at_least:
            if proc.poll() is not None:
                raise AssertionError(f"finished before the kill: {proc.stderr.read()!r}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                raise AssertionError("no progress")
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    return _count(db)


def test_kill_9_and_resume(tmp_path: Path) -> None:
    warc = write_example_warc(tmp_path / "big.warc.gz", copies=12)  # 60 records, all distinct
    db = tmp_path / "k.db"
    env = {**os.environ, "SITREP_TEST_DELAY": "0.05"}
    script = _KILL_SCRIPT.format(
        tests=str(Path(__file__).parent), warc=str(warc), db=f"sqlite:///{db}"
    )
    stored = _kill_midway([sys.executable, "-c", script], db, 15, env)
    assert 15 <= stored < 60
    resumed = _run([warc], db)
    assert resumed.already + resumed.total > 0
    reference = tmp_path / "ref.db"
    _run([warc], reference)
    assert stored_rows(db) == stored_rows(reference)
    assert _count(db) == 60
    con = sqlite3.connect(db)
    ledger = con.execute("SELECT count(*), count(DISTINCT key) FROM ingest_records").fetchone()
    con.close()
    assert ledger == (60, 60)


# ---- the real pipeline -----------------------------------------------------------------------


@pytest.mark.model
def test_end_to_end_local(warc: Path, tmp_path: Path) -> None:
    db = tmp_path / "e2e.db"
    with Store(f"sqlite:///{db}") as store:
        s = ingest([warc], Settings(db=str(db)), store, engine="local")
    assert (s.ok, s.duplicate, s.failed) == (5, 2, 0), s.as_dict()
    ok = [r for r in stored_rows(db) if r["status"] == "ok"]
    assert len(ok) == 5 and all(r["record"]["mentions"] for r in ok)


@pytest.mark.model
def test_cli_kill_9_and_resume(tmp_path: Path) -> None:
    warc = write_example_warc(tmp_path / "big.warc.gz", copies=60)  # 300 distinct records
    db = tmp_path / "cli.db"
    sitrep = str(Path(sys.executable).with_name("sitrep"))
    cmd = [sitrep, "ingest", str(warc), "--db", f"sqlite:///{db}", "--json"]
    env = {**os.environ, "SITREP_BATCH_SIZE": "2"}  # results arrive two at a time
    stored = _kill_midway(cmd, db, 5, env)
    assert 5 <= stored < 300
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    assert _count(db) == 300, done.stderr
    again = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    assert '"ok": 0' in again.stdout and _count(db) == 300
    con = sqlite3.connect(db)
    keys = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    con.close()
    assert keys == (300, 300)
