"""Hostile input: sanitising where text enters, per-document limits, bounded batches, workers
that die with their parent, a fresh SQLite database created concurrently."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.model import Article, OutcomeStatus
from sitrep.sources.files import iter_documents
from sitrep.sources.sanitize import sanitize_meta, sanitize_name, sanitize_text
from sitrep.stages.extract import decode_bytes, extract_html, html_depth, is_binary, parse_date
from sitrep.store import Store

NEWS = (
    "Officials in the eastern region said on Tuesday that two drones struck a fuel depot near "
    "the border, starting a fire that burned for several hours before it was put out.\n\n"
    "The regional governor said nobody was hurt and that the damage was being assessed."
)
RUSSIAN = (
    "Власти региона заявили во вторник, что два беспилотника атаковали нефтебазу у границы. "
    "Пожар потушили через несколько часов, пострадавших нет."
)


# ---- sanitising ----------------------------------------------------------------------------


def test_sanitize_text_keeps_length_and_replaces_what_stores_refuse() -> None:
    text = "a\ud83db\x00c\x07d\te\nf\r\x0cg\x7f"
    clean = sanitize_text(text)
    assert len(clean) == len(text)
    assert clean == "a\ufffdb c d\te\nf\r\x0cg "
    clean.encode("utf-8")  # no lone surrogate left
    assert sanitize_text(NEWS) is NEWS  # nothing to do: the same object


def test_sanitize_name_keeps_undecodable_file_names_apart() -> None:
    a, b = sanitize_name("report\udc80.txt"), sanitize_name("report\udc81.txt")
    assert a != b
    a.encode("utf-8")
    assert sanitize_meta({"title\ud800": ["x\x00", {"y": "\udfff"}]}) == {
        "title\ufffd": ["x ", {"y": "\ufffd"}]
    }


def test_jsonl_lone_surrogate_and_odd_file_name_are_sanitised(tmp_path: Path) -> None:
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"id": "x\ud83d", "text": "Breaking \ud83d news\x00 today", "title": "T\x01"})
        + "\n",
        encoding="utf-8",
    )
    odd = os.fsencode(tmp_path) + b"/odd\xff\x01name.txt"
    with open(odd, "wb") as f:
        f.write(NEWS.encode())
    docs = list(iter_documents([tmp_path]))
    assert len(docs) == 2
    for doc in docs:
        json.dumps(doc.meta, ensure_ascii=False).encode("utf-8")
        doc.id.encode("utf-8")
        doc.origin.encode("utf-8")
        if doc.text is not None:
            doc.text.encode("utf-8")
    jsonl = next(d for d in docs if d.text is not None)
    assert jsonl.text == "Breaking \ufffd news  today"
    assert jsonl.meta["title"] == "T "


def test_store_saves_what_a_hostile_source_gave(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "s", "text": "Text \ud83d with a lone surrogate", "url": "u\ud800"})
        + "\n",
        encoding="utf-8",
    )
    raw = next(iter_documents([tmp_path / "a.jsonl"]))
    article = Article(id=raw.id, text=raw.text or "", url=raw.meta["url"], origin=raw.origin)
    article.content_hash = "h"
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        assert store.save(article) == "inserted"


def test_news_with_a_few_control_bytes_is_text_not_binary() -> None:
    data = NEWS.replace("Tuesday", "Tues\x00day").replace("fire", "fi\x07re").encode()
    assert not is_binary(data)
    assert is_binary(bytes(range(256)) * 10)
    assert is_binary(b"\x89PNG\r\n\x1a\n" + bytes(100))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(codec: str) -> None:
    for text in (RUSSIAN, NEWS):
        data = text.encode(codec)
        assert not is_binary(data)
        assert decode_bytes(data) == text
    # UTF-8 Cyrillic is not mistaken for UTF-16
    assert decode_bytes(RUSSIAN.encode("utf-8")) == RUSSIAN


def test_placeholder_publication_dates_are_dropped() -> None:
    assert parse_date("0001-01-01") is None
    assert parse_date("9999-12-31T00:00:00") is None
    assert parse_date("2023-05-23") is not None


def test_deep_html_is_stripped_not_parsed() -> None:
    page = (
        "<html><body>"
        + "<div>" * 20_000
        + "<p>Deep text about the news of the day.</p>"
        + "</div>" * 20_000
        + "</body></html>"
    )
    assert html_depth(page) == 20_002
    t0 = time.perf_counter()
    found = extract_html(page, max_depth=500)
    assert time.perf_counter() - t0 < 10
    assert found.too_deep == 20_002
    assert "Deep text about the news of the day." in found.text
    assert html_depth("<html><body><p>a<p>b<br><img src=x></body></html>") == 2


# ---- store: a refused article is a failed record, not a crashed batch ------------------------


def test_save_safely_records_a_refused_article_as_failed(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        article = Article(id="x", text="t", origin="o", content_hash="h")
        bad = Article(id="y", text="t", origin="o2", content_hash="h2")
        bad.title = "\ud800"  # built in code, bypassing the sources: the store refuses it
        assert store.save_safely(article) == "inserted"
        assert store.save_safely(bad) == "inserted"
        assert bad.outcome.status is OutcomeStatus.FAILED
        assert (bad.outcome.reason or "").startswith("store: ")
        assert store.counts()["failed"] == 1


# ---- concurrency -----------------------------------------------------------------------------


def test_two_processes_create_one_fresh_database(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom sitrep.store import Store\nprint(Store(sys.argv[1]).counts()['quotes'])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    for trial in range(4):
        db = tmp_path / f"fresh{trial}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", script, f"sqlite:///{db}"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for _ in range(2)
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
            assert out.strip() == b"0"


def _children(pid: int) -> set[int]:
    """The processes under ``pid``: its children and theirs (the pool's workers are children
    of its forkserver)."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found = {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
        for child in found - out:
            out |= {child} | _children(child)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_pool_workers_die_with_their_parent(tmp_path: Path) -> None:
    """kill -9 the process that runs a worker pool: no worker (nor resource tracker) is left
    after 5 s. The workers load a stand-in pipeline (no model), the pool is the real one."""
    script = (
        "import sys, time\n"
        "import sitrep.runners.local as local\n"
        "class Slow:\n"
        "    def __init__(self, settings): pass\n"
        "    def analyze_raw(self, raws):\n"
        "        time.sleep(600)\n"
        "        return []\n"
        "local.Pipeline = Slow\n"
        "from sitrep.settings import Settings\n"
        "from sitrep.sources.files import RawDocument\n"
        "raws = (RawDocument(id=str(i), text='x') for i in range(8))\n"
        "print('started', flush=True)\n"
        "for _ in local.run_pool(raws, Settings(workers=2, batch_size=1)): pass\n"
    )
    src = Path(__file__).parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"started"
        deadline = time.monotonic() + 60
        children: set[int] = set()
        while time.monotonic() < deadline:  # two workers, the forkserver, the resource tracker
            children = _children(proc.pid)
            if len(children) >= 4:
                break
            time.sleep(0.2)
        assert len(children) >= 4, children
        time.sleep(1.0)  # the workers are past their initializer
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(c) for c in children):
            time.sleep(0.1)
        left = [c for c in children if _alive(c)]
        for c in left:
            os.kill(c, signal.SIGKILL)
        assert not left, f"processes left after kill -9 of their parent: {left}"
    finally:
        if proc.poll() is None:
            proc.kill()


# ---- per-document limits (the pipeline, with the model) -------------------------------------


@pytest.mark.model
def test_limits_cut_skip_and_bound_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings
    from sitrep.sources.files import RawDocument

    settings = Settings(max_chars=2000, batch_chars=5000, batch_size=32)
    pipeline = Pipeline(settings)
    sizes: list[int] = []
    process = pipeline._process

    def record(batch: list) -> object:  # type: ignore[type-arg]
        sizes.append(sum(len(a.article.text) for a in batch))
        return process(batch)

    monkeypatch.setattr(pipeline, "_process", record)
    long_text = " ".join([NEWS] * 30)  # ~9,000 characters
    raws = [
        RawDocument(id="runs", text=NEWS + " " + "<" * 20_000 + " " + "\U0001f600" * 5000),
        RawDocument(id="long", text=long_text),
        RawDocument(id="tiny", data=b"\xc3\xa9x\x9a"),
        *[RawDocument(id=f"n{i}", text=NEWS) for i in range(12)],
    ]
    t0 = time.perf_counter()
    out = {a.name: a for a in pipeline.analyze_raw(raws)}
    assert time.perf_counter() - t0 < 120
    runs = out["runs"]
    assert runs.outcome.status is OutcomeStatus.OK
    assert "cut 2 runs of over 200 characters" in (runs.outcome.reason or "")
    assert max(len(w) for w in runs.text.split()) <= 200
    assert out["long"].outcome.status is OutcomeStatus.OK
    assert len(out["long"].text) <= 2000
    assert "cut at" in (out["long"].outcome.reason or "")
    assert str(out["tiny"].outcome).startswith("skipped:too short")
    assert all(out[f"n{i}"].outcome.status is OutcomeStatus.OK for i in range(12))
    # batches close at batch_chars: no batch holds much more than 5,000 characters
    assert max(sizes) < 5000 + 2000, sizes
    assert len(sizes) >= 2


@pytest.mark.model
def test_time_limit_skips_the_document_and_the_batch_goes_on() -> None:
    from sitrep.pipeline import Pipeline, time_limit
    from sitrep.settings import Settings
    from sitrep.sources.files import RawDocument

    pipeline = Pipeline(Settings(max_seconds=0.001))
    out = list(pipeline.analyze_raw([RawDocument(id=f"d{i}", text=NEWS) for i in range(3)]))
    assert [a.name for a in out] == ["d0", "d1", "d2"]
    assert all(str(a.outcome).startswith("skipped:time limit") for a in out)
    # the alarm interrupts Python code that runs past the limit
    from sitrep.errors import TimeLimit

    with pytest.raises(TimeLimit), time_limit(0.2, "a loop"):
        while True:
            pass


@pytest.mark.model
def test_a_document_out_of_time_in_its_batch_gets_no_second_limit() -> None:
    """The time its batch ran counts against a document's limit, also when the batch broke:
    alone in a batch that ran out of time, it is skipped, not parsed again for a full limit
    (a 100k-character page took 55 s with max_seconds 25)."""
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings
    from sitrep.sources.files import RawDocument

    pipeline = Pipeline(Settings(max_seconds=0.5, batch_size=1))
    calls: list[str] = []

    class Slow:  # a parser that never finishes in time
        def pipe(self, texts: object, batch_size: int) -> list[object]:
            calls.append("batch")
            time.sleep(5)
            return []

        def __call__(self, text: str) -> object:
            calls.append("alone")
            time.sleep(5)
            return None

    pipeline.nlp = Slow()  # type: ignore[assignment]
    t0 = time.perf_counter()
    out = list(pipeline.analyze_raw([RawDocument(id="d", text=NEWS)]))
    assert str(out[0].outcome).startswith("skipped:time limit"), out[0].outcome
    assert calls == ["batch"]
    assert time.perf_counter() - t0 < 1.5


def _child_threads() -> str | None:
    return os.environ.get("OPENBLAS_NUM_THREADS")


def test_pool_children_keep_to_one_maths_thread_and_the_parent_env_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from sitrep.runners import local

    for name in local._THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # a value the user set is kept
    with (
        local._one_thread_children(),
        ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool,
    ):
        assert pool.submit(_child_threads).result() == "1"
        assert os.environ["MKL_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert "OMP_NUM_THREADS" not in os.environ
    assert os.environ["MKL_NUM_THREADS"] == "3"
