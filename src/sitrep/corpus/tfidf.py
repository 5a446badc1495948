"""TF-IDF for story clustering, computed as scikit-learn's ``TfidfVectorizer`` computes it.

The same tokens (lower-cased runs of two or more word characters, English stop words out),
the same vocabulary order, the same storage order within rows and the same floating-point
operations (a test compares the matrices), without importing scikit-learn: it costs about
1.5 s of CPU at every start of ``sitrep analyze``, whose only use of it was this.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

#: scikit-learn's English stop words (``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``,
#: BSD-3-Clause, from the Glasgow Information Retrieval Group's list)
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone anything
    anyway anywhere are around as at back be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond bill both bottom but by call
    can cannot cant co con could couldnt cry de describe detail do done down due during each eg
    eight either eleven else elsewhere empty enough etc even ever every everyone everything
    everywhere except few fifteen fifty fill find fire first five for former formerly forty
    found four from front full further get give go had has hasnt have he hence her here
    hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if
    in inc indeed interest into is it its itself keep last latter latterly least less ltd made
    many may me meanwhile might mill mine more moreover most mostly move much must my myself
    name namely neither never nevertheless next nine no nobody none noone nor not nothing now
    nowhere of off often on once one only onto or other others otherwise our ours ourselves out
    over own part per perhaps please put rather re same see seem seemed seeming seems serious
    several she should show side since sincere six sixty so some somehow someone something
    sometime sometimes somewhere still such system take ten than that the their them themselves
    then thence there thereafter thereby therefore therein thereupon these they thick thin
    third this those though three through throughout thru thus to together too top toward
    towards twelve twenty two un under until up upon us very via was we well were what whatever
    when whence whenever where whereafter whereas whereby wherein whereupon wherever whether
    which while whither who whoever whole whom whose why will with within without would yet you
    your yours yourself yourselves
""".split()
)

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def word_tokens(text: str) -> list[str]:
    """The tokens ``TfidfVectorizer(stop_words="english")`` counts in ``text``."""
    return [w for w in _TOKEN.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def normalize_rows(x: sp.csr_matrix) -> sp.csr_matrix:
    """Scale each row of ``x`` (float64 CSR) to unit L2 norm in place, summing the squares in
    storage order as scikit-learn's ``normalize`` does (empty and all-zero rows stay)."""
    data, indptr = x.data, x.indptr
    squares = data * data
    for i in range(x.shape[0]):
        lo, hi = int(indptr[i]), int(indptr[i + 1])
        if lo == hi:
            continue
        total = float(np.cumsum(squares[lo:hi])[-1])  # sequential, as a C loop sums
        if total == 0.0:
            continue
        data[lo:hi] /= math.sqrt(total)
    return x


def tfidf(docs: Sequence[Iterable[str]], min_df: int = 1) -> sp.csr_matrix | None:
    """``TfidfVectorizer(sublinear_tf=True, min_df=min_df)`` of documents given as their
    tokens (``fit_transform``); ``None`` where it raises (no term, or none left by
    ``min_df``)."""
    counts = term_counts(docs)
    return None if counts is None else weigh(counts, min_df)


def term_counts(docs: Sequence[Iterable[str]]) -> sp.csr_matrix | None:
    """The term counts :func:`tfidf` weighs (float64 CSR, columns in term order, each row's
    entries in the order its terms first occur); ``None`` when there is no term. Counted once,
    they can be weighed with several ``min_df`` (:func:`weigh`)."""
    vocabulary: dict[str, int] = {}
    j_indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for doc in docs:
        counter: dict[int, int] = {}
        for token in doc:
            idx = vocabulary.setdefault(token, len(vocabulary))
            counter[idx] = counter.get(idx, 0) + 1
        j_indices.extend(counter.keys())
        values.extend(counter.values())
        indptr.append(len(j_indices))
    if not vocabulary:
        return None
    x = sp.csr_matrix(
        (
            np.asarray(values, dtype=np.float64),
            np.asarray(j_indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int32),
        ),
        shape=(len(indptr) - 1, len(vocabulary)),
    )
    x.sort_indices()
    # columns in term order (the storage order within rows stays that of first occurrence)
    order = sorted(vocabulary.items())
    remap = np.empty(len(order), dtype=x.indices.dtype)
    for new, (_term, old) in enumerate(order):
        remap[old] = new
    x.indices = remap.take(x.indices, mode="clip")
    return x


def weigh(counts: sp.csr_matrix, min_df: int = 1) -> sp.csr_matrix | None:
    """:func:`tfidf` of the documents ``counts`` were counted from (:func:`term_counts`);
    ``counts`` is left as it is."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    kept = np.where(df >= min_df)[0]
    if len(kept) == 0:
        return None
    x = sp.csr_matrix(counts[:, kept], copy=True)  # a copy: weighed in place below
    smoothed = np.bincount(x.indices, minlength=x.shape[1]).astype(np.float64)
    smoothed += 1.0
    idf = np.full_like(smoothed, fill_value=x.shape[0] + 1, dtype=np.float64)
    idf /= smoothed
    np.log(idf, out=idf)
    idf += 1.0
    np.log(x.data, x.data)
    x.data += 1.0
    x.data *= idf[x.indices]
    return normalize_rows(x)
