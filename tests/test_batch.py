"""Batches with bad input: every document gets an outcome, the rest completes, nothing is lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.model import OutcomeStatus
from sitrep.sources.files import iter_documents
from sitrep.store import Store

pytestmark = pytest.mark.model

GOOD = (
    "Rebels attacked a police station in the north of the country on Monday, officials said.\n\n"
    "The interior minister said that three officers were wounded. The rebels denied any role."
)


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "good.meta.json").write_text(json.dumps({"published": "2024-03-05"}))
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.txt").write_bytes(bytes(range(256)) * 50)
    (d / "broken.html").write_text(
        "<html><body><p>Protesters marched through the capital on Sunday, police said.<div><p>"
        "They demanded the resignation of the government.</b></i>",
        encoding="utf-8",
    )
    (d / "russian.txt").write_text(
        "Вооружённые люди пересекли границу в понедельник. Губернатор призвал жителей "
        "оставаться в укрытиях, сообщили местные власти.",
        encoding="utf-8",
    )
    (d / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": GOOD.replace("Rebels", "Gunmen")}) + "\n{not json\n"
    )
    big = "<html><body>" + "<p>Filler paragraph about nothing in particular.</p>" * 400_000
    (d / "huge.html").write_text(big + "</body></html>", encoding="utf-8")
    return d


def test_bad_inputs_each_get_an_outcome(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    d = _corpus(tmp_path)
    articles = {a.name: a for a in pipeline.analyze_raw(iter_documents([d]))}
    assert articles["good"].outcome.status is OutcomeStatus.OK
    assert articles["good"].events and articles["good"].quotes
    assert articles["j1"].outcome.status is OutcomeStatus.OK
    assert articles["empty"].outcome.status is OutcomeStatus.SKIPPED
    assert articles["junk"].outcome.status is OutcomeStatus.SKIPPED
    assert articles["russian"].outcome.status is OutcomeStatus.SKIPPED
    assert "ru" in (articles["russian"].outcome.reason or "")
    assert articles["broken"].outcome.status is OutcomeStatus.OK
    assert "Protesters marched" in articles["broken"].text
    bad_line = [a for a in articles.values() if "lines" in (a.name or "") and a.name != "j1"]
    assert bad_line and bad_line[0].outcome.status is OutcomeStatus.FAILED
    assert articles["huge"].outcome.status in (OutcomeStatus.OK, OutcomeStatus.SKIPPED)
    assert articles["huge"].outcome.status is OutcomeStatus.OK or articles["huge"].outcome.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_a_failed_outcome(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    d = tmp_path / "c"
    d.mkdir()
    (d / "ok.txt").write_text(GOOD)
    locked = d / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    articles = {a.name: a for a in pipeline.analyze_raw(iter_documents([d]))}
    assert articles["locked"].outcome.status is OutcomeStatus.FAILED
    assert articles["ok"].outcome.status is OutcomeStatus.OK


def test_cli_analyze_stores_once_and_prints(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(GOOD)
    (d / "empty.txt").write_text("")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["analyze", str(d), "--db", db, "--published", "2024-03-05"])
    assert first.exit_code == 0, first.output
    assert "Rebels" in first.output or "rebels" in first.output
    second = runner.invoke(app, ["analyze", str(d), "--db", db, "--format", "jsonl"])
    assert second.exit_code == 0, second.output
    lines = [json.loads(x) for x in second.stdout.splitlines() if x.startswith("{")]
    assert {x["id"] for x in lines} == {"a", "empty"}
    counts = Store(db).counts()
    assert counts["ok"] == 1 and counts["skipped"] == 1


def test_python_api(pipeline) -> None:  # type: ignore[no-untyped-def]
    import sitrep

    article = sitrep.analyze(GOOD, published="2024-03-05")
    assert article.outcome.status is OutcomeStatus.OK
    assert any(t.value == "2024-03-04" for t in article.times)
