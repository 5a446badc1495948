#!/usr/bin/env python3
"""Train the events stage's two classifiers and write them to src/sitrep/data/events/.

    python scripts/train_events.py [--bench ../shared/bench/events]

Data: the codebook descriptions in ``sitrep.events.training`` plus the labelled development
halves of bench/events/acled (CASE 2021, 30 classes) and bench/events/plover (PLOVER GSR, 16
types; the ACLED snippets are added to the PLOVER training set through the documented ACLED ->
PLOVER mapping at weight 0.3). Deterministic (LinearSVC with a fixed seed); under a minute on
2 CPU cores. Honest dev figures come from ``benchmarks/events_only.py --cv 5``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from sitrep.events.combine import FEATURES
from sitrep.events.training import (
    SEED,
    acled_corpus,
    fit_plover_combiner,
    plover_corpus,
    read_gold,
    train,
    train_acled,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sitrep" / "data" / "events"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "events")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    acled_rows = read_gold(args.bench / "acled" / "gold" / "gold.jsonl")
    plover_rows = read_gold(args.bench / "plover" / "gold" / "gold.jsonl")
    args.out.mkdir(parents=True, exist_ok=True)
    models = {
        "acled.npz": train_acled(acled_corpus(acled_rows)),
        "plover.npz": train(plover_corpus(plover_rows, acled_rows)),
    }
    # the combiner is fitted on out-of-fold margins (5-fold over the PLOVER sentences); the
    # lexicon triggers need the parse
    from sitrep.settings import DEFAULT_MODEL
    from sitrep.stages.nlp import load_nlp

    nlp = load_nlp(DEFAULT_MODEL)
    texts = [
        (args.bench / "plover" / "inputs" / f"{r['id']}.txt").read_text(encoding="utf-8")
        for r in plover_rows
    ]
    docs = list(nlp.pipe(texts, batch_size=64))
    combiner = fit_plover_combiner(plover_rows, docs, acled_rows, models["acled.npz"])
    combiner.save(args.out / "combiner.json")
    print(f"{args.out / 'combiner.json'}: weights {combiner.weights.round(3).tolist()}")
    manifest: dict[str, object] = {
        "seed": SEED,
        "format": 1,
        "models": {},
        "combiner": {"features": list(FEATURES), "weights": combiner.weights.round(5).tolist()},
    }
    for name, model in models.items():
        path = args.out / name
        model.save(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest["models"][name] = {  # type: ignore[index]
            "classes": len(model.labels),
            "features": int(len(model.idx)),
            "bytes": path.stat().st_size,
            "sha256": digest,
        }
        print(
            f"{path}: {len(model.labels)} classes, {len(model.idx)} features, "
            f"{path.stat().st_size / 1e6:.2f} MB"
        )
    manifest["training_docs"] = {"acled": len(acled_rows), "plover": len(plover_rows)}
    (args.out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
