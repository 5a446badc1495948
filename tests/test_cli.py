"""The command line as a new user meets it: one-line errors, no stray databases, JSON views,
tables that fit 80 columns, ``--version``, plain help.

Commands run through :func:`sitrep.cli.main` (what the ``sitrep`` script calls), so usage
errors are checked exactly as a user sees them. None of these tests loads a spaCy model.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

import sitrep
from fixture_articles import fixture_articles
from sitrep import cli
from sitrep.store import Store


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test runs in an empty directory with its own data and config homes."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.setattr(cli, "out", Console(width=80, highlight=False))
    yield work


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        cli.main(list(args))
    captured = capsys.readouterr()
    code = stop.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run a command that must fail: exit 2, nothing on stdout, one ``error:`` line."""
    code, out, err = run(capsys, *args)
    lines = err.strip("\n").split("\n")
    assert code == 2, (args, code, err)
    assert len(lines) == 1 and lines[0].startswith("error: "), (args, err)
    assert "Traceback" not in err and out == "", (args, out)
    return lines[0]


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file())


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'fixture.db'}"
    store = Store(url)
    for article in fixture_articles():
        store.save(article)
    store.close()
    return url


# -- wrong paths and values: one line, exit 2, nothing stored -------------------------------
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["analyze", "no-such-article.html"], "no such file or directory: no-such-article.html"),
        (["analyze", "corpus/"], "no such file or directory: corpus/"),
        (["analyze", "--published", "yesterday", "-"], "write it as YYYY-MM-DD"),
        (["analyze", "--published", "2023-13-45", "-"], "'2023-13-45' is not a date"),
        (["analyze", "--published", "23/05/2023", "-"], "'23/05/2023' is not a date"),
        (["ingest", "--published", "yesterday", "-"], "write it as YYYY-MM-DD"),
        (["analyze", "--workers", "0", "-"], "workers = 0"),
        (["analyze", "--format", "xml", "-"], "'xml' is not one of"),
        (["analyze", "http://127.0.0.1:9/article"], "cannot fetch http://127.0.0.1:9/article"),
        (["bench", "no-such-corpus"], "no such file or directory: no-such-corpus"),
        (["serve", "--port", "80000"], "--port"),
        (["serve", "--log-level", "loud"], "--log-level"),
        (["status", "--db", "notaurl"], "neither a URL"),
        (["analyze", "--db", "notaurl", "-"], "neither a URL"),
        (["status", "--db", "postgresql://nobody@127.0.0.1:9/sitrep"], "cannot open database"),
        (["nosuchcommand"], "No such command"),
    ],
)
def test_wrong_input_is_one_line_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], says: str
) -> None:
    line = one_line_error(capsys, *args)
    assert says in line
    assert files_under(tmp_path) == [], "nothing created: no database, no ./notaurl"


def test_unreachable_postgres_hides_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error(capsys, "status", "--db", "postgresql://me:hunter2@127.0.0.1:9/x")
    assert "hunter2" not in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads directories whatever their mode")
def test_unreadable_directory(capsys: pytest.CaptureFixture[str], _isolated: Path) -> None:
    locked = _isolated / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert "cannot read directory" in one_line_error(capsys, "analyze", str(locked))
    finally:
        locked.chmod(0o700)


def test_unreadable_directory_check(monkeypatch: pytest.MonkeyPatch, _isolated: Path) -> None:
    """The same check, run as root too: the access test is what decides."""
    from sitrep import service
    from sitrep.errors import InputError

    (_isolated / "locked").mkdir()
    monkeypatch.setattr(service.os, "access", lambda *_: False)
    with pytest.raises(InputError, match="cannot read directory locked"):
        service.check_inputs(["locked"])


# -- read commands never create a database -------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [["status"], ["show", "incursion-wire"], ["stories"], ["story", "story-1"], ["export"]],
)
def test_read_commands_never_create_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    line = one_line_error(capsys, *args)
    default = tmp_path / "data" / "sitrep" / "sitrep.db"
    assert f"no database at {default}" in line and "sitrep analyze" in line
    assert files_under(tmp_path) == []


def test_serve_read_only_never_creates_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert "nothing to serve" in one_line_error(capsys, "serve", "--db", "x.db")
    assert files_under(tmp_path) == []


def test_default_database_is_the_same_from_any_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "data" / "sitrep" / "sitrep.db"
    store = Store(f"sqlite:///{default}")  # what `sitrep analyze` without --db writes
    store.save(fixture_articles()[0])
    store.close()
    for where in (tmp_path, tmp_path / "work"):
        monkeypatch.chdir(where)
        code, out, _ = run(capsys, "status", "--format", "json")
        assert code == 0
        assert json.loads(out)["database"] == f"sqlite:///{default}"


# -- views -----------------------------------------------------------------------------------
def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"sitrep {sitrep.__version__}\n", "")


def test_bare_command_prints_help_only(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["gazetteer"]):
        code, out, err = run(capsys, *command)
        assert code == 2 and "Usage:" in out + err and "error" not in err, (command, err)


def test_help_has_no_type_markers(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["analyze"], ["serve"], ["story"], []):
        code, out, _ = run(capsys, *command, "--help")
        assert code == 0
        for marker in ("<bool>", "<str>", "<int>", "<list"):
            assert marker not in out, (command, marker)
        assert "--help" in out


def test_json_views(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "status", "--db", db, "--format", "json")
    status = json.loads(out)
    assert code == 0 and status["counts"]["ok"] == 4 and status["counts"]["skipped"] == 1

    code, out, _ = run(capsys, "show", "incursion-wire", "--db", db, "-f", "json")
    assert code == 0 and json.loads(out)["events"][0]["date_precision"] == "day"

    code, out, _ = run(capsys, "stories", "--db", db, "--format", "json")
    stories = json.loads(out)
    wire = next(s for s in stories if "incursion-wire" in s["article_ids"])
    members = [a for a in fixture_articles() if a.id in wire["article_ids"]]
    first = min(members, key=lambda a: (a.published, a.id))
    assert wire["title"] == first.title  # a story is titled by its first report
    assert "Northern Wire" in wire["outlets"]

    code, out, _ = run(capsys, "story", wire["id"][:14], "--db", db, "--format", "json")
    story = json.loads(out)
    assert code == 0 and story["id"] == wire["id"] and story["title"] == wire["title"]
    assert story["timeline"][0]["date"] == "2023-05-22"
    assert story["timeline"][0]["date_precision"] == "day"


def test_tables_fit_80_columns_without_cutting_ids(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, "stories", "--db", db, "--format", "json")
    ids = [s["id"] for s in json.loads(out)]
    code, out, _ = run(capsys, "stories", "--db", db)
    assert code == 0
    assert all(len(line) <= 80 for line in out.splitlines())
    for story_id in ids:
        assert story_id in out, "story ids are shown whole"
    for args in (["story", ids[0]], ["show", "incursion-wire"], ["status"]):
        code, out, _ = run(capsys, *args, "--db", db)
        lines = [line for line in out.splitlines() if not line.startswith("database ")]
        assert code == 0 and all(len(line) <= 80 for line in lines), args
    code, out, _ = run(capsys, "show", "incursion-wire", "--db", db)
    assert "Belgorod Oblast" in out and "2023-05-22" in out and "Vyacheslav Gladkov" in out


def test_story_prefix_and_unknown(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert "sitrep stories" in one_line_error(capsys, "story", "nope", "--db", db)
    with Store(db) as store:  # a second stored story: "story-" starts both
        assert store.set_stories({"kharkiv-protest": "story-kharkiv"}) == 1
    assert "give more of it" in one_line_error(capsys, "story", "story-", "--db", db)
