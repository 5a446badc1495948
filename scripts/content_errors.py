"""List and categorise the content spans that are not exact with a PolNeAR gold content.

Usage (from the repository root, with the venv active)::

    sitrep analyze --no-store --format jsonl ../shared/bench/quotes/inputs > q.jsonl
    python scripts/content_errors.py q.jsonl --gold ../shared/bench/quotes/gold [--show 20]

Use it on train (``../shared/bench/quotes/train/inputs`` and ``train/gold``) to find rules;
dev only to measure. Every predicted content that has no gold content with the same
non-whitespace characters (the scorer's "exact") is paired with the gold content it shares the
most characters with (token overlap as the scorer's "token >= 50 %"); the pair is put in one
category:

- ``gold-discontinuous``: the gold content has several segments, the prediction one; ``aside``
  when the cue or source of the gold report sits in the gap ("X, he said, Y");
- ``pred-discontinuous``: the reverse;
- ``start-early`` / ``start-late`` / ``end-early`` / ``end-late`` (both edges wrong: both
  names), each with the words added or missed at that edge, summarised by their first word;
- ``no-gold``: no gold content overlaps (a detection error, not a boundary error).

Reads the benchmark's own files at run time; prints only counts and, with ``--show``, examples
to the terminal (nothing is written into the project).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def chars(text: str, segs: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for a, b in segs for i in range(a, b) if not text[i].isspace())


def segments(value: object) -> list[tuple[int, int]]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for it in items:
        if isinstance(it, dict):
            out.append((int(it["start"]), int(it["end"])))
        else:
            out.append((int(it[0]), int(it[1])))
    return sorted(out)


def runs(cs: frozenset[int], text: str) -> list[tuple[int, int]]:
    """Maximal stretches of the characters, whitespace between them bridged."""
    out: list[tuple[int, int]] = []
    for i in sorted(cs):
        if out and all(text[k].isspace() for k in range(out[-1][1], i)):
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def words(text: str, cs: frozenset[int]) -> str:
    return " … ".join(text[a:b] for a, b in runs(cs, text))


def first_word(s: str) -> str:
    m = TOKEN_RE.search(s)
    return m.group().lower() if m else ""


def last_word(s: str) -> str:
    toks = TOKEN_RE.findall(s)
    return toks[-1].lower() if toks else ""


def token_overlap(text: str, a: frozenset[int], b: frozenset[int], tix: list[int | None]) -> float:
    ta = {tix[i] for i in a if tix[i] is not None}
    tb = {tix[i] for i in b if tix[i] is not None}
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def classify(
    text: str,
    p: frozenset[int],
    p_segs: int,
    g: frozenset[int],
    g_segs: int,
    g_roles: frozenset[int],
) -> tuple[str, list[str]]:
    """A category and its edge details."""
    details = []
    if g_segs > 1 and p_segs == 1:
        gaps = frozenset(range(min(g), max(g) + 1)) - g
        kind = "aside" if gaps & g_roles else "other"
        return f"gold-discontinuous/{kind}", [words(text, g - p)[:60], words(text, p - g)[:60]]
    if p_segs > 1 and g_segs == 1:
        return "pred-discontinuous", [words(text, p - g)[:60], words(text, g - p)[:60]]
    names = []
    lo_p, lo_g, hi_p, hi_g = min(p), min(g), max(p), max(g)
    if lo_p < lo_g:
        extra = frozenset(i for i in p if i < lo_g)
        names.append("start-early")
        details.append("S+" + first_word(words(text, extra)) + ": " + words(text, extra)[:50])
    elif lo_p > lo_g:
        miss = frozenset(i for i in g if i < lo_p)
        names.append("start-late")
        details.append("S-" + first_word(words(text, miss)) + ": " + words(text, miss)[:50])
    if hi_p > hi_g:
        extra = frozenset(i for i in p if i > hi_g)
        names.append("end-late")
        details.append("E+" + first_word(words(text, extra)) + ": " + words(text, extra)[-50:])
    elif hi_p < hi_g:
        miss = frozenset(i for i in g if i > hi_p)
        names.append("end-early")
        details.append("E-" + first_word(words(text, miss)) + ": " + words(text, miss)[-50:])
    if not names:
        names.append("inside")  # same edges, different segments
    return "+".join(names), details


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pred", type=Path)
    ap.add_argument("--gold", type=Path, default=Path("../shared/bench/quotes/gold"))
    ap.add_argument("--show", type=int, default=0, help="examples per category")
    ap.add_argument("--top", type=int, default=12, help="edge words listed per category")
    ap.add_argument("--only", default="", help="show only categories containing this")
    ap.add_argument(
        "--by-cue", action="store_true", help="split categories by whether the cue is the gold's"
    )
    args = ap.parse_args(argv)

    gold = {}
    for path in sorted(args.gold.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                gold[rec["doc_id"]] = rec
    preds = {}
    for line in args.pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            preds[str(obj.get("id", obj.get("doc_id")))] = obj

    cats: Counter[str] = Counter()
    edge_words: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    exact = n_pred = skipped = 0
    for doc_id, g in sorted(gold.items()):
        text = g["text"]
        pred = preds.get(doc_id)
        if pred is None:
            continue
        if pred.get("text", text) != text:
            skipped += len(pred.get("quotes") or [])
            continue  # re-aligned texts: left out of the listing
        tix: list[int | None] = [None] * len(text)
        for ti, m in enumerate(TOKEN_RE.finditer(text)):
            for i in range(m.start(), m.end()):
                tix[i] = ti
        golds = []
        for a in g["attributions"]:
            gc = chars(text, [tuple(s) for s in a["content"]])
            roles = chars(text, [tuple(s) for s in (a.get("cue") or []) + (a.get("source") or [])])
            golds.append(
                (gc, len(a["content"]), roles, chars(text, [tuple(s) for s in a.get("cue") or []]))
            )
        gold_sets = {gg[0] for gg in golds}
        seen: set[frozenset[int]] = set()
        for q in pred.get("quotes") or []:
            segs = segments(q.get("content_segments") or q.get("content"))
            p = chars(text, segs)
            if not p or p in seen:
                continue
            seen.add(p)
            n_pred += 1
            if p in gold_sets:
                exact += 1
                continue
            best = max(
                golds,
                key=lambda gg: (token_overlap(text, p, gg[0], tix), len(p & gg[0])),
                default=None,
            )
            if best is None or token_overlap(text, p, best[0], tix) < 0.5:
                cats["no-gold"] += 1
                continue
            gc, g_segs, g_roles, g_cue = best
            cat, details = classify(text, p, len(runs(p, text)), gc, g_segs, g_roles)
            if args.by_cue:
                cue = chars(text, segments(q.get("cue")))
                cat = ("cue-same " if cue == g_cue else "cue-other ") + cat
            cats[cat] += 1
            for d in details:
                edge_words[cat].update([d.split(":")[0]])
            if len(examples[cat]) < args.show:
                examples[cat].append(
                    f"  {doc_id}\n    PRED: {words(text, p)[:300]}"
                    f"\n    GOLD: {words(text, gc)[:300]}\n    {' | '.join(details)}"
                )
    print(f"distinct predicted contents {n_pred}, exact {exact}, skipped (re-aligned) {skipped}")
    for cat, n in cats.most_common():
        top = ", ".join(f"{w} {k}" for w, k in edge_words[cat].most_common(args.top))
        print(f"{n:5d}  {cat:40s} {top}")
    for cat, exs in examples.items():
        if not exs or (args.only and args.only not in cat):
            continue
        print(f"\n== {cat}")
        print("\n".join(exs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
