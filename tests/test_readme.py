"""The README's "Using it" commands, run as written in a fresh directory (a new user's first
hour): every one exits 0 and none prints a traceback. Also `sitrep analyze URL`.

Each command runs through bash in a temporary directory holding a copy of ``examples/``,
with its own data and config homes (so the default database is a new one); ``STORY_ID`` is
replaced by an id that ``sitrep stories --format json`` lists.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
SITREP = str(Path(sys.executable).with_name("sitrep"))


def readme_commands() -> list[str]:
    """The commands of the first ``sh`` block under "## Using it", comments removed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README 'Using it' has a sh block"
    commands = []
    for line in block.group(1).splitlines():
        command = re.split(r"\s{2,}#", line, maxsplit=1)[0].strip()
        if command:
            commands.append(command)
    return commands


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    work = tmp_path / "clone"
    work.mkdir()
    shutil.copytree(ROOT / "examples", work / "examples")
    env = {
        **os.environ,
        "PATH": f"{Path(SITREP).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "COLUMNS": "80",
    }
    env.pop("SITREP_DB", None)
    yield work, env


def run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_readme_commands_run_as_written(fresh: tuple[Path, dict[str, str]]) -> None:
    work, env = fresh
    commands = readme_commands()
    assert len(commands) >= 10 and commands[0].startswith("sitrep analyze examples/")
    story_id = None
    for command in commands:
        if "STORY_ID" in command:
            if story_id is None:
                listed = run("sitrep stories --format json", work, env)
                assert listed.returncode == 0, listed.stderr
                story_id = json.loads(listed.stdout)[0]["id"]
            command = command.replace("STORY_ID", story_id)
        done = run(command, work, env)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "Traceback" not in done.stderr + done.stdout, (command, done.stderr[-2000:])
        if command.startswith("sitrep bench"):  # both passes analysed every document
            figures = dict(line.split(None, 1) for line in done.stdout.splitlines() if line)
            assert figures["documents_ok"].strip() == figures["documents"].strip() == "3"
            assert 0 < float(figures["ratio_sitrep_to_spacy"]) < 2
    assert (Path(env["XDG_DATA_HOME"]) / "sitrep" / "sitrep.db").is_file()
    assert not list(work.glob("*.db")), "no database in the working directory"
    header = (work / "events.csv").read_text().splitlines()[0].split(",")
    assert "event_date" in header and "time_precision" in header


class _Page(http.server.BaseHTTPRequestHandler):
    body = (
        b"<html><head><title>Dam breach floods valley</title></head><body><article>"
        b"<h1>Dam breach floods valley</h1><p>Rescue teams evacuated 300 residents from "
        b"the valley on Tuesday after the dam burst, the regional governor said.</p>"
        b"<p>The governor said the water would recede within days.</p></article></body></html>"
    )

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def test_analyze_fetches_a_url(fresh: tuple[Path, dict[str, str]]) -> None:
    work, env = fresh
    server = http.server.HTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/dam.html"
        done = run(f"sitrep analyze --format json --published 2024-03-05 {url}", work, env)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)
    assert record["url"] == url and record["outcome"]["status"] == "ok"
    assert "evacuated 300 residents" in record["text"]
