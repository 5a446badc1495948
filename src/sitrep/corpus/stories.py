"""Story clustering: group analysed articles that report the same story.

Two articles report the same story when they share words (TF-IDF of the body and, weighted
apart, of the lead), *who and where* (actor, entity and place names) and *when* (years in
their dates). Words alone cannot tell two earthquakes or two rehab stints apart; names and
dates do. Entity fields may be empty: then proper nouns and years come from the text.

Similarity is a weighted sum of cosines, computed as one dot product over stacked,
block-normalised sparse vectors, plus a small date term (+1 when two articles share a year,
-1 when both name years and none is shared, 0 when unknown). Clustering is average-link
over a sparse graph of candidate pairs (pairs below ``floor`` count as 0), so 10,000
articles never need a dense n x n matrix. :class:`StoryClusterer` is the online variant:
each arriving article joins the story it is closest to on average, within a time window.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from sitrep.corpus.claims import line_up_claims
from sitrep.corpus.clustering import average_link
from sitrep.model import ActorKind, Article, Story
from sitrep.settings import DEFAULT_MAX_CLAIMS

__all__ = [
    "ClusterParams",
    "StoryClusterer",
    "StoryFeatures",
    "article_features",
    "cluster_articles",
    "story_id",
]

# Entity labels that say who / where / which thing a story is about.
_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_NAMED_KINDS = frozenset(k for k in ActorKind if k not in (ActorKind.GROUP, ActorKind.OTHER))
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
# A run of capitalised words (fallback for articles without entity fields).
_PROPER = re.compile(r"\b[A-Z][a-zA-Z\-]+(?:\s+(?:[A-Z][a-zA-Z\-]+|of|de|van|von|al|bin))*")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“]\s+|\n\s*)$")
_CAP_STOP = frozenset(
    w.capitalize()
    for w in ENGLISH_STOP_WORDS
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs"}
)


@dataclass(frozen=True)
class ClusterParams:
    """The few knobs of story clustering (chosen on ECB+ dev; see benchmarks/README)."""

    text_weight: float = 0.4
    lead_weight: float = 0.2
    entity_weight: float = 0.4
    date_weight: float = 0.05
    threshold: float = 0.26
    """Minimum average similarity for two stories to merge."""
    lead_lines: int = 3
    """Headline and first paragraphs: the lead names the event."""
    window_days: int = 30
    """Articles published further apart than this never join (when both dates are known)."""
    floor: float = 0.08
    """Pairs less similar than this are left out of the sparse graph (treated as 0)."""
    max_neighbours: int = 100
    """Each article keeps edges to at most this many most similar others (and theirs)."""


@dataclass
class StoryFeatures:
    """What story clustering reads from one article."""

    text: str
    lead: str
    entities: list[str]
    years: set[str]
    published: date | None
    title: str


def _norm_name(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip().lower())
    return _LEADING_ARTICLE.sub("", name).strip()


def _name_keys(name: str, person: bool) -> list[str]:
    """Keys for a name; a person also gets the surname, which later mentions use alone."""
    norm = _norm_name(name)
    if not norm:
        return []
    keys = ["e:" + norm.replace(" ", "_")]
    if person and " " in norm:
        keys.append("e:" + norm.rsplit(" ", 1)[1])
    return keys


def _proper_nouns(text: str) -> list[str]:
    """Capitalised word runs that do not merely start a sentence (a cheap NER fallback)."""
    keys: list[str] = []
    for m in _PROPER.finditer(text):
        words = m.group(0).split()
        if _SENT_START.search(text[max(0, m.start() - 3) : m.start()]) or m.start() == 0:
            words = words[1:] if len(words) > 1 or words[0] in _CAP_STOP else words
        words = [w for w in words if w not in _CAP_STOP]
        if words:
            keys.extend(_name_keys(" ".join(words), person=len(words) > 1))
    return keys


def article_features(article: Article, lead_lines: int = 3) -> StoryFeatures:
    """Read words, names, places and years from an analysed article (text fallbacks)."""
    text = article.text or ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    title = (article.title or (lines[0] if lines else "")).strip()
    lead_parts = [article.title or ""] + lines[:lead_lines]
    lead = "\n".join(p for p in lead_parts if p)
    entities: list[str] = []
    actor_names = {a.id: a.name for a in article.actors}
    for actor in article.actors:
        if actor.kind in _NAMED_KINDS:
            entities.extend(_name_keys(actor.name, actor.kind == ActorKind.PERSON))
    for mention in article.mentions:
        if mention.label not in _ENTITY_LABELS:
            continue
        name = actor_names.get(mention.actor_id or "", mention.text)
        entities.extend(_name_keys(name, mention.label == "PERSON"))
    for place in article.places:
        if place.geonames_id is not None and place.literal:
            entities.append(f"g:{place.geonames_id}")
        elif place.name or place.text:
            entities.extend(_name_keys(place.name or place.text, person=False))
    if not article.mentions and not article.actors:
        entities.extend(_proper_nouns(text))
    years = set(_YEAR.findall(text))
    for t in article.times:  # absolute dates only: relative ones follow the anchor
        if t.resolved and t.value and _YEAR.match(t.value):
            years.add(t.value[:4])
    if article.published is not None:
        years.add(str(article.published.year))
    return StoryFeatures(
        text=text,
        lead=lead,
        entities=entities,
        years=years,
        published=article.published,
        title=title,
    )


def story_id(seed_article_id: str) -> str:
    """A story's id: a hash of its seed (earliest) article's id, stable as the story grows."""
    return "story-" + hashlib.sha1(seed_article_id.encode("utf-8")).hexdigest()[:12]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _stack(blocks: Sequence[sp.csr_matrix], weights: Sequence[float]) -> sp.csr_matrix:
    """Block-normalise and weight, so one dot product is the weighted sum of cosines."""
    parts = [normalize(b) * np.sqrt(w) for b, w in zip(blocks, weights, strict=True) if w > 0]
    return sp.csr_matrix(sp.hstack(parts, format="csr"), dtype=np.float32)


def _years_matrix(feats: Sequence[StoryFeatures]) -> tuple[sp.csr_matrix, np.ndarray]:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, f in enumerate(feats):
        for y in f.years:
            rows.append(i)
            cols.append(vocab.setdefault(y, len(vocab)))
    m = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(feats), max(1, len(vocab)))
    )
    return m, np.asarray(m.getnnz(axis=1) > 0)


def _ordinal(d: date | None) -> float:
    return float(d.toordinal()) if d is not None else np.nan


def _split_by_df(X: sp.csr_matrix, dense_columns: int) -> tuple[np.ndarray, sp.csr_matrix]:
    """The most frequent columns as a dense block (fast BLAS products), the rest sparse.

    Products of frequent terms are what make sparse X @ X.T slow; rare terms stay sparse.
    """
    df = X.getnnz(axis=0)
    n_dense = min(dense_columns, int((df > max(2, X.shape[0] // 200)).sum()))
    order = np.argsort(-df, kind="stable")
    dense = X[:, order[:n_dense]].toarray().astype(np.float32)
    rare = sp.csr_matrix(X[:, order[n_dense:]])
    return dense, rare


def _candidate_edges(
    X: sp.csr_matrix,
    Y: sp.csr_matrix,
    has_year: np.ndarray,
    days: np.ndarray,
    params: ClusterParams,
    chunk: int = 512,
    dense_columns: int = 2048,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse similarity graph: pairs (i < j) above ``floor``, each among the other's
    ``max_neighbours`` most similar (or in a window of ``window_days``)."""
    n = X.shape[0]
    dense, rare = _split_by_df(X, dense_columns)
    dense_t = np.ascontiguousarray(dense.T)
    rare_t = rare.T.tocsr()
    YT = Y.T.tocsr()
    k = params.max_neighbours
    out_i, out_j, out_s = [], [], []
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        sims = dense[lo:hi] @ dense_t
        sims += (rare[lo:hi] @ rare_t).toarray()
        shared = (Y[lo:hi] @ YT).toarray() > 0
        both = has_year[lo:hi, None] & has_year[None, :]
        sims += params.date_weight * (shared.astype(np.float32) - (both & ~shared))
        if params.window_days >= 0:
            gap = np.abs(days[lo:hi, None] - days[None, :])
            sims[gap > params.window_days] = 0.0  # NaN (unknown date) compares False
        rows = np.arange(hi - lo)
        sims[rows, rows + lo] = 0.0
        if k and n > k:
            kth = np.partition(sims, -k, axis=1)[:, -k]
            sims[sims < kth[:, None]] = 0.0
        ii, jj = np.nonzero(sims > params.floor)
        out_i.append(ii + lo)
        out_j.append(jj)
        out_s.append(sims[ii, jj])
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    ii = np.concatenate(out_i)
    jj = np.concatenate(out_j)
    ss = np.concatenate(out_s)
    lo_, hi_ = np.minimum(ii, jj), np.maximum(ii, jj)
    _, first = np.unique(lo_ * n + hi_, return_index=True)
    return lo_[first], hi_[first], ss[first].astype(np.float64)


def _vectorise(
    feats: Sequence[StoryFeatures], params: ClusterParams
) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
    n = len(feats)
    min_df = 2 if n > 2 else 1

    def tfidf(docs: list[str]) -> sp.csr_matrix:
        vec = TfidfVectorizer(sublinear_tf=True, min_df=min_df, stop_words="english")
        try:
            return sp.csr_matrix(vec.fit_transform(docs))
        except ValueError:  # empty vocabulary
            return sp.csr_matrix((n, 1), dtype=np.float64)

    text = tfidf([f.text for f in feats])
    lead = tfidf([f.lead for f in feats])
    ent_vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=min_df, lowercase=False)
    try:
        ents = sp.csr_matrix(ent_vec.fit_transform([f.entities for f in feats]))
    except ValueError:
        ents = sp.csr_matrix((n, 1), dtype=np.float64)
    X = _stack([text, lead, ents], [params.text_weight, params.lead_weight, params.entity_weight])
    Y, has_year = _years_matrix(feats)
    return X, Y, has_year


def cluster_articles(
    articles: Sequence[Article],
    params: ClusterParams | None = None,
    *,
    with_claims: bool = True,
    max_claims: int = DEFAULT_MAX_CLAIMS,
) -> list[Story]:
    """Cluster analysed articles into stories (batch); sets ``article.story`` on each.

    Stories come back largest first; each has the most central headline as its title,
    its members' date range and, with ``with_claims``, its claims lined up (at most
    ``max_claims`` of them, see :func:`~sitrep.corpus.claims.line_up_claims`).
    """
    params = params or ClusterParams()
    if not articles:
        return []
    feats = [article_features(a, params.lead_lines) for a in articles]
    X, Y, has_year = _vectorise(feats, params)
    days = np.array([_ordinal(f.published) for f in feats])
    ii, jj, ss = _candidate_edges(X, Y, has_year, days, params)
    labels = average_link(len(articles), ii, jj, ss, params.threshold)
    groups: dict[int, list[int]] = {}
    for idx, lab in enumerate(labels.tolist()):
        groups.setdefault(lab, []).append(idx)
    stories = [_make_story(articles, feats, X, members) for members in groups.values()]
    if with_claims:
        by_id = {a.id: a for a in articles}
        stories = [
            line_up_claims(s, [by_id[i] for i in s.article_ids], max_claims=max_claims)
            for s in stories
        ]
    stories.sort(key=lambda s: (-len(s.article_ids), s.id))
    return stories


def _seed_key(article: Article) -> tuple[date, str]:
    return (article.published or date.max, article.id)


def _make_story(
    articles: Sequence[Article],
    feats: Sequence[StoryFeatures],
    X: sp.csr_matrix,
    members: list[int],
) -> Story:
    seed = min(members, key=lambda i: _seed_key(articles[i]))
    sid = story_id(articles[seed].id)
    rows = X[members]
    centrality = np.asarray(rows @ np.asarray(rows.sum(axis=0)).ravel()).ravel()
    central = members[int(np.argmax(centrality))]
    dates = [d for d in (articles[i].published for i in members) if d is not None]
    for i in members:
        articles[i].story = sid
    return Story(
        id=sid,
        title=feats[central].title,
        article_ids=[articles[i].id for i in sorted(members, key=lambda i: _seed_key(articles[i]))],
        start=min(dates) if dates else None,
        end=max(dates) if dates else None,
    )


@dataclass
class _OnlineStory:
    id: str
    members: list[int] = field(default_factory=list)
    first: float = np.nan
    last: float = np.nan


class _Growing:
    """A numpy array that grows by doubling (amortised O(1) append)."""

    def __init__(self, dtype: type, fill: float | int = 0) -> None:
        self._data: np.ndarray = np.full(64, fill, dtype=dtype)
        self._fill = fill
        self.size = 0

    def append(self, value: float | int | bool) -> None:
        if self.size == len(self._data):
            grown = np.full(2 * self.size, self._fill, dtype=self._data.dtype)
            grown[: self.size] = self._data
            self._data = grown
        self._data[self.size] = value
        self.size += 1

    @property
    def view(self) -> np.ndarray:
        return self._data[: self.size]


class StoryClusterer:
    """Online story clustering: each arriving article joins its closest open story.

    An article joins the story with the highest average similarity to its members (the same
    measure as the batch clustering) among stories with a member published within
    ``window_days``; below ``threshold`` it seeds a new story. The vocabulary and IDF weights
    are learnt as articles arrive, so nothing needs fitting beforehand. Memory grows with the
    articles seen; start a new clusterer (or re-cluster in batch) to forget old ones.
    """

    def __init__(self, params: ClusterParams | None = None, rebuild_every: int = 128) -> None:
        self.params = params or ClusterParams()
        self._analyse = TfidfVectorizer(stop_words="english").build_analyzer()
        self._vocab: dict[str, int] = {}
        self._df: Counter[int] = Counter()
        self._n = 0
        self._rebuild_every = rebuild_every
        self._bulk: sp.csc_matrix | None = None  # rows: articles, columns: features
        self._rows: list[tuple[np.ndarray, np.ndarray]] = []  # every article's vector
        self._scratch = np.zeros(1024)
        self._years: dict[str, list[int]] = {}
        self._has_year = _Growing(np.bool_, False)
        self._days = _Growing(np.float64, np.nan)
        self._owner = _Growing(np.int64, 0)
        self._stories: list[_OnlineStory] = []

    def __len__(self) -> int:
        return self._n

    @property
    def stories(self) -> dict[str, list[int]]:
        """Story id -> indexes of its articles, in arrival order."""
        return {s.id: list(s.members) for s in self._stories}

    def _vector(self, feats: StoryFeatures) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear TF-IDF per block (IDF as learnt so far), block-normalised and weighted."""
        p = self.params
        blocks = [
            (Counter(self._analyse(feats.text)), "", p.text_weight),
            (Counter(self._analyse(feats.lead)), "l:", p.lead_weight),
            (Counter(feats.entities), "", p.entity_weight),
        ]
        self._n += 1
        idx_all: list[np.ndarray] = []
        val_all: list[np.ndarray] = []
        for counts, prefix, weight in blocks:
            if not counts or weight <= 0:
                continue
            idx = np.fromiter(
                (self._vocab.setdefault(prefix + t, len(self._vocab)) for t in counts),
                dtype=np.int64,
                count=len(counts),
            )
            self._df.update(idx.tolist())
            df = np.fromiter((self._df[i] for i in idx.tolist()), dtype=np.float64, count=len(idx))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            val = (1.0 + np.log(tf)) * (np.log((1.0 + self._n) / (1.0 + df)) + 1.0)
            val *= np.sqrt(weight) / np.linalg.norm(val)
            idx_all.append(idx)
            val_all.append(val)
        if not idx_all:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(idx_all), np.concatenate(val_all)

    def _similarities(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        """Similarity of one vector to every earlier article."""
        sims = np.zeros(self._owner.size)
        n_bulk = 0
        if self._bulk is not None:
            n_bulk = self._bulk.shape[0]
            inside = idx < self._bulk.shape[1]
            if inside.any():
                sims[:n_bulk] = self._bulk[:, idx[inside]] @ val[inside]
        if len(self._scratch) < len(self._vocab):
            self._scratch = np.zeros(2 * len(self._vocab))
        self._scratch[idx] = val
        for row in range(n_bulk, self._owner.size):
            r_idx, r_val = self._rows[row]
            sims[row] = self._scratch[r_idx] @ r_val
        self._scratch[idx] = 0.0
        return sims

    def _remember(self, idx: np.ndarray, val: np.ndarray) -> None:
        self._rows.append((idx, val))
        n_bulk = 0 if self._bulk is None else self._bulk.shape[0]
        if len(self._rows) - n_bulk >= self._rebuild_every:
            indptr = np.concatenate([[0], np.cumsum([len(i) for i, _ in self._rows])])
            matrix = sp.csr_matrix(
                (
                    np.concatenate([v for _, v in self._rows]),
                    np.concatenate([i for i, _ in self._rows]),
                    indptr,
                ),
                shape=(len(self._rows), len(self._vocab)),
            )
            self._bulk = matrix.tocsc()

    def add(self, article: Article) -> str:
        """Place one article in a story; sets and returns ``article.story``."""
        p = self.params
        feats = article_features(article, p.lead_lines)
        idx, val = self._vector(feats)
        day = _ordinal(feats.published)
        best = -1
        n_stories = len(self._stories)
        if self._owner.size:
            sims = self._similarities(idx, val)
            if feats.years:
                shared = np.zeros(len(sims), dtype=np.bool_)
                for y in feats.years:
                    shared[self._years.get(y, [])] = True
                both = self._has_year.view
                sims += p.date_weight * (shared.astype(np.float64) - (both & ~shared))
            if not np.isnan(day):
                sims[np.abs(self._days.view - day) > p.window_days] = 0.0
            owner = self._owner.view
            avg = np.bincount(owner, weights=sims, minlength=n_stories) / np.maximum(
                np.bincount(owner, minlength=n_stories), 1
            )
            for k in np.argsort(-avg)[:16].tolist():
                if avg[k] < p.threshold:
                    break
                story = self._stories[k]
                if (
                    np.isnan(day)
                    or np.isnan(story.last)
                    or story.first - p.window_days <= day <= story.last + p.window_days
                ):
                    best = k
                    break
        if best < 0:
            best = n_stories
            self._stories.append(_OnlineStory(id=story_id(article.id)))
        story = self._stories[best]
        row = self._owner.size
        story.members.append(row)
        if not np.isnan(day):
            story.first = day if np.isnan(story.first) else min(story.first, day)
            story.last = day if np.isnan(story.last) else max(story.last, day)
        self._owner.append(best)
        self._days.append(day)
        self._has_year.append(bool(feats.years))
        for y in feats.years:
            self._years.setdefault(y, []).append(row)
        self._remember(idx, val)
        article.story = story.id
        return story.id

    def add_all(self, articles: Iterable[Article]) -> list[str]:
        """Add articles in order; returns their story ids."""
        return [self.add(a) for a in articles]
