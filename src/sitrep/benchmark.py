"""Throughput benchmark: sitrep end to end against bare spaCy on the same texts, same run."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.model import OutcomeStatus
from sitrep.pipeline import Pipeline
from sitrep.runners.local import run_pool
from sitrep.settings import Settings
from sitrep.sources.files import iter_documents


def throughput(
    corpus: Sequence[str | Path], *, settings: Settings, limit: int | None = None
) -> dict[str, Any]:
    """Words/s of bare ``nlp.pipe`` and of the whole pipeline over the same documents.

    Each pass reads the documents afresh (analysis consumes a raw document), outside the
    timed part, so both passes see the same inputs.
    """

    def read() -> list[Any]:
        return list(iter_documents(list(corpus), max_bytes=settings.max_bytes))[:limit]

    raws = read()
    pipeline = Pipeline(settings)
    # warm up (first calls allocate) and get the analysed texts
    analysed = [a for a in pipeline.analyze_raw(raws) if a.outcome.status is OutcomeStatus.OK]
    texts = [a.text for a in analysed]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    for _ in pipeline.nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    spacy_s = time.perf_counter() - t0

    pipeline.timings.clear()
    raws = read()
    t0 = time.perf_counter()
    if settings.workers > 1:
        n_ok = sum(1 for a in run_pool(raws, settings) if a.outcome.status is OutcomeStatus.OK)
    else:
        n_ok = sum(1 for a in pipeline.analyze_raw(raws) if a.outcome.status is OutcomeStatus.OK)
    e2e_s = time.perf_counter() - t0

    report: dict[str, Any] = {
        "documents": len(raws),
        "documents_ok": n_ok,
        "words": words,
        "workers": settings.workers,
        "spacy_words_per_s": round(words / spacy_s),
        "sitrep_words_per_s": round(words / e2e_s),
        "ratio_sitrep_to_spacy": round(spacy_s / e2e_s, 3),
    }
    if settings.workers <= 1:
        for name, secs in sorted(pipeline.timings.items(), key=lambda kv: -kv[1]):
            report[f"stage_{name}_pct_of_spacy"] = round(100 * secs / spacy_s, 1)
    return report
