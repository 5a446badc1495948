"""In-process and local process-pool runners.

A pool's workers fork from a ``forkserver`` that has imported spaCy and the stages and loaded
the model once (:mod:`sitrep.runners.preload`), instead of each spawned worker importing and
loading them itself; :func:`start_workers` starts it early, so that its start-up overlaps the
caller's own (``sitrep analyze`` calls it before it imports the service and opens the store).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument

_WORKER_PIPELINE: Pipeline | None = None

#: the environment variable through which the forkserver learns the spaCy model to load
PRELOAD_MODEL = "SITREP_PRELOAD_MODEL"
#: what the forkserver imports before it forks a worker (``__main__``: the program's main
#: module, which every worker would import otherwise)
_PRELOAD = ["__main__", "sitrep.runners.preload"]

# Maths-library thread pools a worker process starts with: the pool already runs one process
# per core, so each worker's BLAS/OpenMP keeps to one thread (a variable the user set is kept).
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run_inprocess(
    raws: Iterable[RawDocument], settings: Settings, *, settle: bool = False
) -> Iterator[Article]:
    """Analyse in this process; ``settle``: this process is sitrep's own (see :func:`run_pool`),
    its heap is settled (:func:`settle_heap`) once the pipeline is loaded."""
    pipeline = Pipeline(settings)
    if settle:
        settle_heap()
    yield from pipeline.analyze_raw(raws)


def settle_heap() -> None:
    """Leave every object alive now out of all later garbage collections (:func:`gc.freeze`).

    Called once by a process of sitrep's own when it has loaded what it keeps to its end (the
    model, the stages' tables, the modules): a full collection walked all of them again each
    time (about 0.9 s of CPU in a one-process ``sitrep analyze`` of the 84 PolNeAR dev
    articles; 0.25 s once they are left out), and in a worker forked from the forkserver that
    walk also wrote to every memory page it shares with it. The objects stay alive and are
    still freed when their last reference goes; only a reference cycle among them that becomes
    garbage later would never be collected, which is why a library caller's process is not
    settled."""
    gc.freeze()


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
    if os.getppid() != parent:  # forked by the forkserver, which dies with the parent
        die_with_parent(os.getppid())
        try:
            os.kill(parent, 0)
        except ProcessLookupError:  # the parent died before the line above
            os._exit(1)
        except PermissionError:
            pass
    else:
        die_with_parent(parent)
    _WORKER_PIPELINE = Pipeline(settings)  # model and gazetteer load once per worker
    settle_heap()  # a worker is sitrep's own process


def _work(chunk: list[RawDocument]) -> list[Article]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.analyze_raw(chunk))


def run_pool(
    raws: Iterable[RawDocument], settings: Settings, *, settle: bool = False
) -> Iterator[Article]:
    """Analyse with ``settings.workers`` processes, yielding articles in input order.

    ``settle``: the calling process is sitrep's own (``sitrep analyze``, not a library
    caller's), so its heap is settled (:func:`settle_heap`): with one worker once the pipeline
    is loaded, with several now (the workers and their forkserver always settle theirs).
    """
    if settings.workers <= 1:
        yield from run_inprocess(raws, settings, settle=settle)
        return
    ctx = start_workers(settings)
    if settle:
        settle_heap()
    chunks = _chunks(raws, settings.batch_size, settings.batch_chars, settings.workers)
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


def start_workers(settings: Settings) -> mp.context.BaseContext:
    """The context a pool of ``settings.workers`` processes starts its workers in; the
    forkserver (see the module doc) is started now when it is not running yet, with one
    maths-library thread (workers inherit its environment). Spawn where there is no
    forkserver, and when called from another thread than the main one: the forkserver is
    told to die with the thread that starts it (Linux's parent-death signal follows the
    thread), so a pool started from a worker thread would lose its workers when that thread
    ends."""
    if (
        "forkserver" not in mp.get_all_start_methods()
        or threading.current_thread() is not threading.main_thread()
    ):
        return mp.get_context("spawn")
    from multiprocessing import forkserver

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    previous = os.environ.get(PRELOAD_MODEL)
    os.environ[PRELOAD_MODEL] = settings.model
    try:
        with _one_thread_children():
            forkserver.ensure_running()
    finally:
        if previous is None:
            os.environ.pop(PRELOAD_MODEL, None)
        else:
            os.environ[PRELOAD_MODEL] = previous
    return ctx


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


def _size(raw: RawDocument) -> int:
    return len(raw.data) if raw.data is not None else len(raw.text or "")


def _chunks(
    raws: Iterable[RawDocument], size: int, chars: int, workers: int = 1
) -> Iterator[list[RawDocument]]:
    """Chunks of at most ``size`` documents or about ``chars`` bytes/characters of input (a
    huge document travels alone), so a chunk in flight holds bounded memory.

    With several ``workers``, the input is read ``2 * workers * chars`` ahead, and once its
    end is in sight the chunks shrink (each about the rest over ``2 * workers``, down to
    ``chars / 16``): the last chunks end close together, so no worker finishes the run alone
    on a large last chunk while the others wait.
    """
    documents = iter(raws)
    ahead: deque[RawDocument] = deque()
    held = 0
    ended = False
    reach = 2 * workers * chars if workers > 1 else 0

    def read() -> None:
        nonlocal held, ended
        while not ended and held < reach + chars:
            raw = next(documents, None)
            if raw is None:
                ended = True
            else:
                ahead.append(raw)
                held += _size(raw)

    read()
    while ahead:
        target = chars
        if ended and workers > 1:
            target = min(chars, max(held // (2 * workers), chars // 16))
        chunk: list[RawDocument] = []
        total = 0
        while ahead and len(chunk) < size and total < target:
            raw = ahead.popleft()
            chunk.append(raw)
            total += (n := _size(raw))
            held -= n
        yield chunk
        read()
