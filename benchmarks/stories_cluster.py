"""Speed and memory of story clustering on 10,000 documents (after analysis).

Usage:
  python benchmarks/stories_cluster.py [--n 10000] [--online] [--inputs DIR]

Documents are synthetic by default: stories of 2-30 articles published over up to 6 days of
2023, each story with its own people, place, year and topic words drawn from a Zipf vocabulary
shared by all stories (so stories of the same kind overlap in words). With ``--inputs DIR``
the ``*.txt`` files of DIR are replicated instead (lines after the first shuffled), with no
entity fields, so the text fallbacks run; F1 there only counts copies of one file as a story,
so it measures speed, not quality. Prints wall time, peak resident
memory (the whole process, data included) and B-cubed F1 against the generated stories.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from sitrep.corpus.stories import StoryClusterer, cluster_articles
from sitrep.model import Article, Mention, Span

_SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "de", "an", "or", "el", "is", "ur"]


def _word(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(k))


def synthetic(n: int, seed: int = 0) -> tuple[list[Article], dict[str, int]]:
    """``n`` synthetic analysed articles and their gold story numbers."""
    rng = random.Random(seed)
    vocab = list(dict.fromkeys(_word(rng, rng.randint(2, 4)) for _ in range(30000)))
    zipf = [1.0 / (r + 1) for r in range(len(vocab))]
    kinds = [rng.sample(vocab[200:5000], 40) for _ in range(60)]
    articles: list[Article] = []
    gold: dict[str, int] = {}
    story = 0
    while len(articles) < n:
        kind = rng.choice(kinds)
        people = [(_word(rng, 2) + " " + _word(rng, 3)).title() for _ in range(3)]
        place = _word(rng, 3).title()
        year = str(rng.randint(1995, 2024))
        own = rng.sample(vocab[1000:], 15)
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        for _ in range(min(rng.randint(2, 30), n - len(articles))):
            words = rng.choices(vocab, weights=zipf, k=250)
            words += rng.choices(kind, k=50) + rng.choices(own, k=20)
            rng.shuffle(words)
            names = rng.choices(people, k=6) + [place] * 2 + [year]
            text_parts = words[:]
            for name in names:
                text_parts.insert(rng.randrange(len(text_parts)), name)
            text = " ".join(text_parts)
            mentions = []
            for name in set(names):
                at = text.find(name)
                label = "DATE" if name == year else ("GPE" if name == place else "PERSON")
                mentions.append(
                    Mention(span=Span(start=at, end=at + len(name)), text=name, label=label)
                )
            published = day + timedelta(days=rng.randrange(6))
            art = Article(
                id=f"syn-{len(articles):05d}", text=text, mentions=mentions, published=published
            )
            articles.append(art)
            gold[art.id] = story
        story += 1
    return articles, gold


def replicated(inputs: Path, n: int, seed: int = 0) -> tuple[list[Article], dict[str, int]]:
    """``n`` articles made by replicating the ``*.txt`` files of a folder (shuffled lines)."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(inputs.glob("*.txt"))]
    articles, gold = [], {}
    for k in range(n):
        src = k % len(texts)
        lines = texts[src].splitlines()
        head, rest = lines[:1], lines[1:]
        rng.shuffle(rest)
        art = Article(id=f"rep-{k:05d}", text="\n".join(head + rest))
        articles.append(art)
        gold[art.id] = src
    return articles, gold


def _rss_mib() -> float:
    """Current resident memory in MiB (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def b_cubed(gold: dict[str, int], pred: dict[str, str]) -> float:
    g_members: dict[int, set[str]] = defaultdict(set)
    p_members: dict[str, set[str]] = defaultdict(set)
    for d, g in gold.items():
        g_members[g].add(d)
        p_members[pred[d]].add(d)
    p = sum(len(p_members[pred[d]] & g_members[gold[d]]) / len(p_members[pred[d]]) for d in gold)
    r = sum(len(p_members[pred[d]] & g_members[gold[d]]) / len(g_members[gold[d]]) for d in gold)
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--online", action="store_true", help="also time the online clusterer")
    ap.add_argument("--inputs", type=Path, help="replicate the *.txt files of this folder")
    args = ap.parse_args()
    if args.inputs:
        articles, gold = replicated(args.inputs, args.n)
    else:
        articles, gold = synthetic(args.n)
    print(f"{len(articles)} documents, {len(set(gold.values()))} stories", file=sys.stderr)
    runs = [("batch cluster_articles", lambda: cluster_articles(articles, with_claims=False))]
    if args.online:
        runs.append(("online StoryClusterer", lambda: StoryClusterer().add_all(articles)))
    for name, fn in runs:
        before = _rss_mib()
        t0 = time.perf_counter()
        fn()
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        f1 = b_cubed(gold, {a.id: a.story or "" for a in articles})
        print(
            f"{name}: {seconds:.1f} s, peak RSS {peak:.0f} MiB "
            f"(RSS before {before:.0f} MiB), B3 F1 {f1:.4f}"
        )


if __name__ == "__main__":
    main()
