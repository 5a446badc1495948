"""Story clustering: group analysed articles that report the same story.

Two articles report the same story when they share words (TF-IDF of the body and, weighted
apart, of the lead), *who and where* (actor, entity and place names) and *when* (years in
their dates). Words alone cannot tell two earthquakes or two rehab stints apart; names and
dates do. Entity fields may be empty: then proper nouns and years come from the text.

Similarity is a weighted sum of cosines, computed as one dot product over stacked,
block-normalised sparse vectors, plus a small date term (+1 when two articles share a year,
-1 when both name years and none is shared, 0 when unknown). Clustering is average-link
over a sparse graph of candidate pairs (pairs below ``floor`` count as 0), so 10,000
articles never need a dense n x n matrix. What is read from an article is
:mod:`sitrep.corpus.features`; :class:`StoryClusterer` (:mod:`sitrep.corpus.online`, re-exported
here) is the online variant:
each arriving article joins the story it is closest to on average, within a time window.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import scipy.sparse as sp

from sitrep.corpus.claims import line_up_claims
from sitrep.corpus.clustering import average_link
from sitrep.corpus.features import (
    ClusterParams,
    StoryFeatures,
    _ordinal,
    article_features,
    story_id,
)
from sitrep.corpus.online import StoryClusterer
from sitrep.corpus.tfidf import normalize_rows, term_counts, weigh, word_tokens
from sitrep.model import Article, Story
from sitrep.settings import DEFAULT_MAX_CLAIMS

__all__ = [
    "ClusterParams",
    "StoryClusterer",
    "StoryFeatures",
    "article_features",
    "cluster_articles",
    "story_id",
]


def _stack(blocks: Sequence[sp.csr_matrix], weights: Sequence[float]) -> sp.csr_matrix:
    """Block-normalise and weight, so one dot product is the weighted sum of cosines."""
    parts = [
        normalize_rows(b.copy()) * np.sqrt(w) for b, w in zip(blocks, weights, strict=True) if w > 0
    ]
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


_Counts = tuple[sp.csr_matrix | None, sp.csr_matrix | None, sp.csr_matrix | None]


def _count_terms(feats: Sequence[StoryFeatures]) -> _Counts:
    """The term counts of ``feats``' text, lead and entities, counted once for both
    :func:`_vectorise` calls of a clustering."""
    return (
        term_counts([word_tokens(f.text) for f in feats]),
        term_counts([word_tokens(f.lead) for f in feats]),
        term_counts([f.entities for f in feats]),
    )


def _vectorise(
    feats: Sequence[StoryFeatures],
    params: ClusterParams,
    min_df: int | None = None,
    counts: _Counts | None = None,
) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
    """The weighted TF-IDF rows of ``feats`` (text, lead, entities), their years and which
    have one. ``min_df`` defaults to 2 (terms of one article only are left out) from three
    articles on. ``counts``: :func:`_count_terms` of ``feats``, when counted already."""
    n = len(feats)
    if min_df is None:
        min_df = 2 if n > 2 else 1

    def weighted(block: sp.csr_matrix | None) -> sp.csr_matrix:
        found = None if block is None else weigh(block, min_df=min_df)
        return sp.csr_matrix((n, 1), dtype=np.float64) if found is None else found

    text, lead, ents = (weighted(block) for block in (counts or _count_terms(feats)))
    X = _stack([text, lead, ents], [params.text_weight, params.lead_weight, params.entity_weight])
    Y, has_year = _years_matrix(feats)
    return X, Y, has_year


def _similar_in_all_words(
    feats: Sequence[StoryFeatures],
    params: ClusterParams,
    ii: np.ndarray,
    jj: np.ndarray,
    chunk: int = 20000,
    counts: _Counts | None = None,
) -> np.ndarray:
    """Which candidate pairs stay at least ``params.floor`` alike when every word counts.

    The clustering rows leave out the terms of one article only; in a small batch that leaves
    little more than the few words unrelated articles happen to share ("said", "police"), and
    their rows look alike. Over all their words such articles are not.
    """
    whole, _, _ = _vectorise(feats, params, min_df=1, counts=counts)
    keep = np.zeros(len(ii), dtype=bool)
    for lo in range(0, len(ii), chunk):  # a few rows at a time: an edge list can be long
        a, b = whole[ii[lo : lo + chunk]], whole[jj[lo : lo + chunk]]
        keep[lo : lo + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel() >= params.floor
    return keep


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
    counts = _count_terms(feats)
    X, Y, has_year = _vectorise(feats, params, counts=counts)
    days = np.array([_ordinal(f.published) for f in feats])
    ii, jj, ss = _candidate_edges(X, Y, has_year, days, params)
    if len(ii):
        keep = _similar_in_all_words(feats, params, ii, jj, counts=counts)
        ii, jj, ss = ii[keep], jj[keep], ss[keep]
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
