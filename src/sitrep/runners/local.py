"""In-process and local process-pool runners."""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument

_WORKER_PIPELINE: Pipeline | None = None


def run_inprocess(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Article]:
    yield from Pipeline(settings).analyze_raw(raws)


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
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
    chunks = _chunks(raws, settings.batch_size)
    window: deque[Future[list[Article]]] = deque()
    with ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(settings,),
    ) as pool:
        for chunk in chunks:
            window.append(pool.submit(_work, chunk))
            if len(window) >= 2 * settings.workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _chunks(raws: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(raws)
    while chunk := list(islice(it, size)):
        yield chunk
