#!/usr/bin/env python3
"""List the errors of a news statements run: gold statements no prediction matched, predicted
quotes that match no gold statement, and matched ones with a wrong speaker or stance.

    sitrep analyze --no-store --format jsonl ../shared/bench/news/inputs > /tmp/news.jsonl
    python benchmarks/statement_errors.py /tmp/news.jsonl [--only miss|spurious|wrong]

Matching is the scorer's own (``score_statements.score_doc`` from the benchmark folder), so
the lists add up to its counts. Reads ``../shared/bench/news``; nothing of it is stored here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news"


def _snip(text: str, span: dict[str, int] | None, n: int = 120) -> str | None:
    if not span:
        return None
    return " ".join(text[span["start"] : span["end"]].split())[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pred", type=Path)
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--only", choices=("miss", "spurious", "wrong"), default=None)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.bench))
    import score_statements  # the benchmark's scorer (standard library only)

    with open(args.bench / "gold" / "statements.jsonl", encoding="utf-8") as fh:
        gold = {(g := json.loads(line))["id"]: g for line in fh if line.strip()}
    with open(args.pred, encoding="utf-8") as fh:
        preds = {(p := json.loads(line))["id"]: p for line in fh if line.strip()}
    counts: Counter[str] = Counter()
    for did, g in sorted(gold.items()):
        text = (args.bench / "inputs" / f"{did}.txt").read_text(encoding="utf-8")
        pred = preds.get(did, {"quotes": []})
        ptext = pred.get("text") if isinstance(pred.get("text"), str) else text
        matches, quotes = score_statements.score_doc(text, g, pred, Counter())
        used_q = {qi for qi, _, _ in matches}
        used_g = {gi for _, gi, _ in matches}
        for gi, s in enumerate(g["statements"]):
            if gi in used_g:
                continue
            counts["miss"] += 1
            if args.only in (None, "miss"):
                sp = s["speaker"]
                print(
                    f"MISS [{did}] cue={_snip(text, s.get('cue'))!r} "
                    f"source={_snip(text, s.get('source'))!r} speaker={sp['name']} ({sp['type']})"
                    f"\n    {_snip(text, s['content'])!r}"
                )
        for qi, q in enumerate(quotes):
            if qi in used_q:
                continue
            counts["spurious"] += 1
            if args.only in (None, "spurious"):
                print(
                    f"SPURIOUS [{did}] cue={_snip(ptext, q.get('cue'))!r} "
                    f"speaker={q.get('speaker')}\n    {_snip(ptext, q.get('content'))!r}"
                )
        for qi, gi, fields in matches:
            wrong = [k for k, ok in fields.items() if not ok]
            if not wrong:
                continue
            counts["wrong"] += 1
            if args.only in (None, "wrong"):
                s, q = g["statements"][gi], quotes[qi]
                print(
                    f"WRONG {wrong} [{did}] gold={s['speaker']['name']} ({s['speaker']['type']}), "
                    f"{s['stance']}; predicted={q.get('speaker')}, {q.get('stance')}"
                    f"\n    {_snip(text, s['content'])!r}"
                )
    print(f"missed {counts['miss']}, spurious {counts['spurious']}, wrong {counts['wrong']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
