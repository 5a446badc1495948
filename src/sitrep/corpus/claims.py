"""Claims: the quotes of a story lined up by proposition, contradictions side by side.

Each quote of each member article becomes a :class:`~sitrep.model.Claim`. Claims are grouped
by what they are about (the *proposition*): average-link over the lexical overlap of their
contents, where words of one family (responsibility, involvement, knowledge, consent ...)
count as one shared key term. Within a proposition each claim gets a polarity: the stance
(assert / confirm +1, speculate +1 hedged, deny -1, other 0) times -1 for every negator in the
content, so "denies any responsibility" is -1 and "could not have started without the
knowledge of" is +1. Opposite polarities contradict; equal ones agree.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from sitrep.corpus.clustering import average_link
from sitrep.corpus.tfidf import ENGLISH_STOP_WORDS
from sitrep.model import Article, Claim, Quote, Span, Story
from sitrep.settings import DEFAULT_MAX_CLAIMS

__all__ = ["claim_polarity", "claim_terms", "line_up_claims", "quote_to_claim"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_NEGATORS = frozenset(
    {"not", "no", "never", "without", "neither", "nor", "nothing", "none", "nobody", "cannot"}
)
_NEGATING_VERBS = re.compile(r"^(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|refut\w*)$")
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ness",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "s",
    "ly",
)
# Word families that state the same proposition in different words: (concept, stems).
_CONCEPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "responsibility",
        (
            "respons",
            "involv",
            "behind",
            "knowledg",
            "knew",
            "know",
            "consent",
            "role",
            "complic",
            "orchestrat",
            "sponsor",
            "perpetrat",
            "blam",
            "culpab",
            "approv",
        ),
    ),
    ("casualties", ("kill", "dead", "death", "died", "wound", "injur", "casualt", "victim")),
    ("control", ("control", "captur", "seiz", "occup", "liberat", "retak")),
    ("evacuation", ("evacuat", "flee", "fled", "displac")),
    ("damage", ("damag", "destroy", "destruct", "ruin")),
)
# Idioms of (non-)involvement that name no word of the family.
_INVOLVEMENT = re.compile(
    r"\b(?:to do with|hand in|part in|took part|was behind|were behind)\b", re.I
)
_STOP = ENGLISH_STOP_WORDS | _NEGATORS | {"said", "says", "say", "told", "according"}
_STANCE_SIGN = {"assert": 1.0, "confirm": 1.0, "speculate": 1.0, "deny": -1.0, "other": 0.0}
_SENT_END = re.compile(r"[.!?]['\"”’]?\s|\n")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def claim_terms(content: str) -> Counter[str]:
    """Key terms of a claim: content stems, plus a concept token per word family named."""
    terms: Counter[str] = Counter()
    for _ in _INVOLVEMENT.finditer(content):
        terms["#responsibility"] += 1
    for raw in _WORD.findall(content.lower()):
        word = raw.replace("’", "'").removesuffix("'s").strip("'-")
        if len(word) < 3 or word in _STOP or _NEGATING_VERBS.match(word):
            continue
        stem = _stem(word)
        concept = next((c for c, stems in _CONCEPTS if stem.startswith(stems)), None)
        terms["#" + concept if concept else stem] += 1
    return terms


def _negations(content: str) -> int:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(content)]
    count = 0
    for w in words:
        if w in _NEGATORS or w.endswith("n't") or _NEGATING_VERBS.match(w):
            count += 1
    return count


def claim_polarity(stance: str, content: str, cue: str | None = None) -> float:
    """+1 the claim affirms its proposition, -1 denies it, 0 takes no side.

    A denial made by its cue ("denies that ...") flips the content's own polarity; a denial
    read from the content itself ("has nothing to do with it", cued by "wrote") is one
    negation, not two.
    """
    sign = _STANCE_SIGN.get(stance, 0.0)
    if stance == "deny" and cue is not None and not _negations(cue):
        return -1.0
    return sign * (-1.0) ** _negations(content)


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    """Where each sentence (or line) of ``text`` ends, once per text (not once per quote)."""
    return [m.end() for m in _SENT_END.finditer(text)]


def _sentence(text: str, span: Span) -> str:
    """The sentence (or line) around a span, which may hold the cue and speaker too."""
    ends = _sentence_ends(text)
    at = bisect.bisect_right(ends, span.start)
    start = ends[at - 1] if at else 0
    after = _SENT_END.search(text, span.end)
    end = after.end() if after else len(text)
    return text[start:end].strip()


def quote_to_claim(article: Article, index: int, quote: Quote) -> Claim:
    """One quote of an article as a claim (proposition filled in by :func:`line_up_claims`)."""
    speaker = quote.speaker or (article.snippet(quote.source) if quote.source else None)
    return Claim(
        article_id=article.id,
        quote_index=index,
        proposition="",
        speaker=speaker or None,
        stance=quote.stance,
        hedged=quote.hedged or quote.stance == "speculate",
        outlet=article.source,
        evidence=quote.content,
        sentence=_sentence(article.text, quote.content),
    )


def _similarities(terms: Sequence[Counter[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j, in row order) of claims sharing a key term and their weighted Jaccard
    (a shared concept counts three times), as one sparse product instead of n² Python loops."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, bag in enumerate(terms):
        for t in bag:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    n = len(terms)
    weight = np.ones(max(1, len(vocab)))
    for t, k in vocab.items():
        if t.startswith("#"):
            weight[k] = 3.0
    member = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(vocab))), dtype=np.float64
    )
    shared = sp.triu(member.multiply(weight[None, :]).tocsr() @ member.T, k=1).tocoo()
    ii, jj, inter = shared.row.astype(np.int64), shared.col.astype(np.int64), shared.data
    keep = inter > 0
    ii, jj, inter = ii[keep], jj[keep], inter[keep]
    size = np.asarray(member @ weight).ravel()
    order = np.lexsort((jj, ii))
    ii, jj, inter = ii[order], jj[order], inter[order]
    return ii, jj, inter / (size[ii] + size[jj] - inter)


def line_up_claims(
    story: Story,
    articles: Sequence[Article],
    threshold: float = 0.2,
    max_claims: int = DEFAULT_MAX_CLAIMS,
) -> Story:
    """Fill ``story.claims``: one claim per quote, grouped by proposition, with
    contradictions (opposite polarity) and agreements (same polarity) as indexes.

    Only the first ``max_claims`` claims (in article order) are lined up: grouping compares
    every pair and each claim lists the others of its group, so the work grows with the square
    of their number (a story of 3,025 claims: 262 s and 2.7 GB; 2.9 s at 500). Claims past the
    limit are listed with an empty proposition and no links.
    """

    claims: list[Claim] = []
    terms: list[Counter[str]] = []
    polarity: list[float] = []
    for article in articles:
        for q_index, quote in enumerate(article.quotes):
            content = article.snippet(quote.content)
            claims.append(quote_to_claim(article, q_index, quote))
            if len(terms) < max_claims:
                terms.append(claim_terms(content))
                cue = article.snippet(quote.cue) if quote.cue else None
                polarity.append(claim_polarity(quote.stance, content, cue))
    n = len(terms)
    if n == 0:
        return story.model_copy(update={"claims": claims})
    ii, jj, ss = _similarities(terms)
    labels = average_link(n, ii, jj, ss, threshold)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels.tolist()):
        groups.setdefault(lab, []).append(i)
    for members in groups.values():
        bag: Counter[str] = Counter()
        for i in members:
            bag.update(set(terms[i]))
        top = [t.lstrip("#") for t, _ in sorted(bag.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        proposition = ", ".join(top) if top else claims[members[0]].sentence[:80]
        for i in members:
            claims[i].proposition = proposition
            for j in members:
                if i == j or polarity[i] == 0 or polarity[j] == 0:
                    continue
                if polarity[i] * polarity[j] < 0:
                    claims[i].contradicts.append(j)
                else:
                    claims[i].agrees.append(j)
    return story.model_copy(update={"claims": claims})
