"""In-process and local process-pool runners."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument

_WORKER_PIPELINE: Pipeline | None = None

# Maths-library thread pools a worker process starts with: the pool already runs one process
# per core, so each worker's BLAS/OpenMP keeps to one thread (a variable the user set is kept).
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run_inprocess(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Article]:
    yield from Pipeline(settings).analyze_raw(raws)


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux ``PR_SET_PDEATHSIG``), so
    a killed ``sitrep`` (kill -9 included) leaves no worker behind; exit now if it already died.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _init_worker(settings: Settings, parent: int) -> None:
    global _WORKER_PIPELINE
    die_with_parent(parent)
    _WORKER_PIPELINE = Pipeline(settings)  # model and gazetteer load once per worker


def _work(chunk: list[RawDocument]) -> list[Article]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.analyze_raw(chunk))


def run_pool(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Article]:
    """Analyse with ``settings.workers`` processes, yielding articles in input order."""
    if settings.workers <= 1:
        yield from run_inprocess(raws, settings)
        return
    ctx = mp.get_context("spawn")
    chunks = _chunks(raws, settings.batch_size, settings.batch_chars)
    window: deque[Future[list[Article]]] = deque()
    with (
        _one_thread_children(),
        ProcessPoolExecutor(
            max_workers=settings.workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(settings, os.getpid()),
        ) as pool,
    ):
        for chunk in chunks:
            window.append(pool.submit(_work, chunk))
            if len(window) >= 2 * settings.workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


@contextlib.contextmanager
def _one_thread_children() -> Iterator[None]:
    """Spawned children see one maths-library thread each; the parent's environment is restored
    on exit (the parent's own libraries, already loaded, are not affected)."""
    added = [name for name in _THREAD_VARIABLES if name not in os.environ]
    for name in added:
        os.environ[name] = "1"
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _chunks(raws: Iterable[RawDocument], size: int, chars: int) -> Iterator[list[RawDocument]]:
    """Chunks of at most ``size`` documents or about ``chars`` bytes/characters of input (a
    huge document travels alone), so a chunk in flight holds bounded memory."""
    chunk: list[RawDocument] = []
    total = 0
    for raw in raws:
        chunk.append(raw)
        total += len(raw.data) if raw.data is not None else len(raw.text or "")
        if len(chunk) >= size or total >= chars:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk
