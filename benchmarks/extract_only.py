"""Run only the extract stage over documents and write the bench contract (id, text, title,
published) as JSON Lines.

Usage: python benchmarks/extract_only.py INPUTS OUT.jsonl [--workers N]
Then e.g.: python3 ../shared/bench/extract/score.py OUT.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sitrep.errors import SitrepError
from sitrep.model import Article
from sitrep.sources.files import RawDocument, iter_documents
from sitrep.stages.base import Analysis
from sitrep.stages.extract import ExtractStage

_STAGE: ExtractStage | None = None


def _one(raw: RawDocument) -> dict[str, Any]:
    global _STAGE
    if _STAGE is None:
        _STAGE = ExtractStage()
    analysis = Analysis(article=Article(id=raw.id, origin=raw.origin), scratch={"raw": raw})
    t0 = time.perf_counter()
    try:
        article = _STAGE(analysis).article
        outcome = str(article.outcome)
    except SitrepError as exc:
        article, outcome = analysis.article, f"{exc.code}:{exc}"
    return {
        "id": raw.id,
        "text": article.text,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "outcome": outcome,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    docs = list(iter_documents(args.inputs))
    t0 = time.perf_counter()
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers) as pool:
            rows = list(pool.map(_one, docs, chunksize=4))
    else:
        rows = [_one(d) for d in docs]
    elapsed = time.perf_counter() - t0
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    slow = sorted(rows, key=lambda r: -r["seconds"])[:3]
    not_ok = sum(1 for r in rows if r["outcome"] != "ok")
    print(
        f"{len(rows)} documents in {elapsed:.1f}s ({args.workers} workers), {not_ok} not ok; "
        f"slowest: {[(r['id'], r['seconds']) for r in slow]}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
