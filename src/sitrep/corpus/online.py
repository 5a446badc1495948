"""Online story clustering: :class:`StoryClusterer` places each arriving article in its
closest open story (the same similarity as the batch clustering of :mod:`sitrep.corpus.stories`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from sitrep.corpus.features import (
    ClusterParams,
    StoryFeatures,
    _ordinal,
    article_features,
    story_id,
)
from sitrep.corpus.tfidf import word_tokens
from sitrep.model import Article

__all__ = ["StoryClusterer"]


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
        self._analyse = word_tokens
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
