"""The REST API against its own OpenAPI schema: ``schemathesis run --checks all`` (every check:
no server error, status codes, content types, headers and bodies as documented, schema-valid
requests accepted and schema-violating ones refused, ``Allow`` on 405 ...) finds nothing.

Marked ``slow`` and ``model`` (``POST /analyze`` runs the pipeline): a served app over the
fixture articles, about 2,000 generated requests, under a minute on two cores.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fixture_articles import fixture_articles
from sitrep.store import Store

TOKEN = "schema-token"
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'api.db'}"
    store = Store(db)
    for article in fixture_articles():
        store.save(article)
    store.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    cmd = [sys.executable, "-c", "from sitrep.cli import main; main()", "serve", "--db", db]
    cmd += ["--port", str(port), "--token", TOKEN, "--log-level", "warning"]
    server = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("sitrep serve did not start")
        # the first POST /analyze loads the spaCy model: not inside a timed request
        auth = {"Authorization": f"Bearer {TOKEN}"}
        warm = httpx.post(
            base + "/analyze", json={"text": "A warm-up text."}, headers=auth, timeout=300
        )
        assert warm.status_code == 200, warm.text
        yield base
    finally:
        server.terminate()
        server.wait(30)


@pytest.mark.slow
@pytest.mark.model
def test_schemathesis_checks_all_find_nothing(served: str, tmp_path: Path) -> None:
    st = Path(sys.executable).with_name("st")
    cmd = [str(st), "run", f"{served}/openapi.json", "--checks", "all"]
    cmd += ["-H", f"Authorization: Bearer {TOKEN}", "--workers", "1", "--seed", "17"]
    cmd += ["--max-examples", "30", "--request-timeout", "60", "--no-color"]
    run = subprocess.run(  # in tmp_path: schemathesis writes its cache where it runs
        cmd, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout, run.stdout[-3000:]
