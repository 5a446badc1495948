"""The local pool: its chunks (input order kept, bounded, the last ones smaller), the start
method of its workers, and the heap its processes settle."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from sitrep.runners.local import _chunks
from sitrep.sources.files import RawDocument


def _raws(sizes: list[int]) -> list[RawDocument]:
    return [RawDocument(id=f"d{i}", text="w" * n) for i, n in enumerate(sizes)]


def _sizes(chunks: list[list[RawDocument]]) -> list[int]:
    return [sum(len(r.text or "") for r in chunk) for chunk in chunks]


def test_one_worker_chunks_are_the_plain_ones() -> None:
    raws = _raws([3000] * 40)
    chunks = list(_chunks(iter(raws), 32, 10_000))
    assert [r.id for c in chunks for r in c] == [r.id for r in raws]
    assert _sizes(chunks) == [12_000] * 10  # closed at 10,000 characters or more
    small = list(_chunks(iter(_raws([10] * 70)), 32, 10_000))
    assert [len(c) for c in small] == [32, 32, 6]  # or at 32 documents


def test_several_workers_end_on_smaller_chunks() -> None:
    raws = _raws([1000] * 200)  # 200,000 characters
    chunks = list(_chunks(iter(raws), 1000, 20_000, workers=2))
    assert [r.id for c in chunks for r in c] == [r.id for r in raws]
    sizes = _sizes(chunks)
    assert sizes[0] == 20_000  # full chunks while the end is out of sight
    assert sizes[-1] < 5_000 and sizes[-2] <= sizes[-6]
    assert min(sizes) >= 20_000 // 16
    assert all(a >= b for a, b in zip(sizes[2:], sizes[3:], strict=False))


def test_a_huge_document_closes_its_chunk_and_nothing_is_read_far_ahead() -> None:
    read: list[str] = []

    def source() -> object:
        for raw in _raws([500] * 100 + [90_000] + [500] * 10):
            read.append(raw.id)
            yield raw

    chunks = _chunks(source(), 32, 5_000, workers=2)  # type: ignore[arg-type]
    first = next(chunks)
    assert len(first) == 10
    assert len(read) <= 10 + (2 * 2 * 5_000 + 5_000) // 500 + 1  # bounded look-ahead
    rest = list(chunks)
    assert [c[-1].id for c in rest if any(r.id == "d100" for r in c)] == ["d100"]


def test_a_pool_started_from_another_thread_spawns_its_workers() -> None:
    # the forkserver dies with the thread that starts it: a worker thread gets spawn
    import threading

    from sitrep.runners.local import start_workers
    from sitrep.settings import Settings

    methods: list[str] = []
    thread = threading.Thread(
        target=lambda: methods.append(start_workers(Settings(workers=2)).get_start_method())
    )
    thread.start()
    thread.join()
    assert methods == ["spawn"]


class _Loaded:
    """A stand-in pipeline: records whether the heap was frozen when it was built and when it
    analyses."""

    seen: list[tuple[str, bool]] = []

    def __init__(self, settings: object) -> None:
        _Loaded.seen.append(("built", gc.get_freeze_count() > 0))

    def analyze_raw(self, raws: Iterable[RawDocument]) -> Iterator[object]:
        _Loaded.seen.append(("analyses", gc.get_freeze_count() > 0))
        yield from raws


def test_a_process_of_sitreps_own_settles_its_heap_once_the_pipeline_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sitrep.runners import local
    from sitrep.settings import Settings

    monkeypatch.setattr(local, "Pipeline", _Loaded)
    monkeypatch.setattr(local, "die_with_parent", lambda parent: None)
    monkeypatch.setattr(local, "_WORKER_PIPELINE", None)  # _init_worker sets it: undone after
    raws = _raws([30, 40])
    _Loaded.seen = []
    assert list(local.run_pool(iter(raws), Settings())) == raws  # a library caller's process
    assert _Loaded.seen == [("built", False), ("analyses", False)]
    assert gc.get_freeze_count() == 0
    _Loaded.seen = []
    assert list(local.run_pool(iter(raws), Settings(), settle=True)) == raws  # sitrep analyze
    assert _Loaded.seen == [("built", False), ("analyses", True)]
    gc.unfreeze()
    _Loaded.seen = []
    local._init_worker(Settings(workers=2), os.getppid())  # a pool worker: always its own
    assert _Loaded.seen == [("built", False)] and gc.get_freeze_count() > 0
    gc.unfreeze()


def test_the_cli_settles_its_process_and_imports_clustering_before_the_workers_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from sitrep import cli
    from sitrep.runners import local

    calls: list[tuple[bool, bool]] = []

    def run_pool(raws: Iterable[RawDocument], settings: object, *, settle: bool = False):  # type: ignore[no-untyped-def]
        calls.append((settle, "sitrep.corpus.stories" in sys.modules))
        return iter(())

    monkeypatch.setattr(local, "run_pool", run_pool)
    monkeypatch.setattr(local, "start_workers", lambda settings: None)
    import sitrep.corpus

    monkeypatch.delitem(sys.modules, "sitrep.corpus.stories", raising=False)
    monkeypatch.delattr(sitrep.corpus, "stories", raising=False)
    (tmp_path / "a.txt").write_text("Nobody said anything in Plumtree Hollow on Tuesday.")
    with pytest.raises(SystemExit) as done:
        cli.main(["analyze", "--no-store", "--workers", "2", str(tmp_path / "a.txt")])
    assert done.value.code == 0
    assert calls == [(True, True)]
