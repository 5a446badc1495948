"""Precision and recall of near-duplicate linking on ECB+ story documents (../shared/bench).

Positives: for every document a syndicated-style copy is generated: another headline, an agency
footer, and (for half of them) a dropped last sentence and changed line breaks. The copy must be
linked to its original. Negatives: the other documents of the same gold story (the same event
told by another outlet: NOT duplicates) and all other documents: an original linked to another
original is a false positive.

    python benchmarks/dedup_eval.py [--threshold 0.5] [--bench DIR]

Skips (exit 0) when ../shared/bench/stories is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

from sitrep.corpus.dedup import Deduplicator

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
FOOTERS = [
    "Copyright {year} Example Wire. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Reporting by staff correspondents; editing by the news desk. Follow us for more updates.",
    "This story was automatically generated from a wire feed and has not been edited.",
    "Sign up for our newsletter to get the day's top stories in your inbox every morning.",
]
HEADLINE_WORDS = ["Update", "Breaking", "Latest", "Report", "Exclusive", "Live", "Analysis"]


def make_copy(text: str, rng: random.Random) -> str:
    """Another headline and footer; sometimes a trimmed last sentence and reflowed lines."""
    lines = text.strip().split("\n")
    words = [w for w in " ".join(lines[1:]).split() if w[:1].isupper()][:6]
    headline = f"{rng.choice(HEADLINE_WORDS)}: " + " ".join(words or ["News"])
    body = lines[1:] if len(lines) > 1 else lines
    if rng.random() < 0.5 and len(body) > 3:
        body = body[:-1]  # an edited copy: last sentence dropped
        body = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]  # reflowed
    footer = rng.choice(FOOTERS).format(year=rng.choice([2019, 2020, 2021]))
    return "\n".join([headline, *body, "", footer])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    stories = args.bench / "stories"
    if not (stories / "inputs").is_dir():
        print(f"skip: {stories} is not available")
        return 0
    gold: dict[str, str] = {}
    for line in (stories / "gold" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["id"]] = row["story"]
    docs = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((stories / "inputs").glob("*.txt"))
    }
    rng = random.Random(args.seed)
    copies = {f"{doc_id}#copy": make_copy(text, rng) for doc_id, text in docs.items()}

    dd = Deduplicator(threshold=args.threshold)
    t0 = time.perf_counter()
    original_links: list[tuple[str, str, float]] = []
    for doc_id, text in docs.items():
        m = dd.add(doc_id, text)
        if m is not None:
            original_links.append((doc_id, m.canonical, m.similarity))
    tp = fp_copy = fn = 0
    missed: list[str] = []
    for copy_id, text in copies.items():
        m = dd.add(copy_id, text)
        original = copy_id.removesuffix("#copy")
        canonical_of_original = dd.canonical_of(original) or original
        if m is None:
            fn += 1
            missed.append(original)
        elif m.canonical == canonical_of_original:
            tp += 1
        else:
            fp_copy += 1
    seconds = time.perf_counter() - t0
    same_story_links = [x for x in original_links if gold.get(x[0]) == gold.get(x[1])]
    fp = len(original_links) + fp_copy
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / len(copies)

    # the similarity of same-story pairs (hard negatives), for the margin under the threshold
    by_story: dict[str, list[str]] = defaultdict(list)
    for doc_id in docs:
        by_story[gold.get(doc_id, doc_id)].append(doc_id)
    sims = []
    for members in by_story.values():
        sigs = [dd.signature(docs[d]) for d in members]
        for a, b in combinations([s for s in sigs if s is not None], 2):
            sims.append(float(np.mean(a == b)))
    sims_arr = np.array(sims or [0.0])
    short = sum(1 for d in missed if len(docs[d].split()) < 40)
    report = {
        "documents": len(docs),
        "copies (positives)": len(copies),
        "threshold": args.threshold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "true_links": tp,
        "false_links_originals": len(original_links),
        "false_links_same_story": len(same_story_links),
        "false_links_copies_to_wrong_doc": fp_copy,
        "missed_copies": fn,
        "missed_copies_under_40_words": short,
        "same_story_pairs": len(sims),
        "same_story_similarity_p99": round(float(np.quantile(sims_arr, 0.99)), 3),
        "same_story_similarity_max": round(float(sims_arr.max()), 3),
        "dedup_pages_per_s": round((len(docs) + len(copies)) / seconds, 1),
    }
    for key, value in report.items():
        print(f"{key:34} {value}")
    for a, b, s in original_links[:10]:
        print(f"  linked originals: {a} -> {b} ({s:.2f}; same story: {gold.get(a) == gold.get(b)})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
