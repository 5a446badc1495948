"""Story clustering's TF-IDF is scikit-learn's TfidfVectorizer, computed without loading it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from sitrep.corpus.tfidf import (
    ENGLISH_STOP_WORDS,
    normalize_rows,
    term_counts,
    tfidf,
    weigh,
    word_tokens,
)

DOCS = [
    "Police fired tear gas at protesters in Nairobi on Tuesday, the police said.",
    "Protesters in Nairobi marched again on Wednesday; police fired tear gas again.",
    "The central bank raised interest rates by 0.5 percentage points.",
    "",
    "the and of",  # stop words only
    "Ünïcödé words: São Paulo, Zürich, 北京 and Кыргызстан; emoji 🙂 1,000 rockets.",
    "Rates rates rates: the bank's bank raised RATES.",
]


def _assert_same(mine: object, theirs: object) -> None:
    assert mine.shape == theirs.shape  # type: ignore[attr-defined]
    for field in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(mine, field), getattr(theirs, field))
    assert mine.dtype == theirs.dtype  # type: ignore[attr-defined]


def test_stop_words_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN

    assert frozenset(SKLEARN) == ENGLISH_STOP_WORDS


@pytest.mark.parametrize("min_df", [1, 2])
def test_words_tfidf_equals_scikit_learn(min_df: int) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, min_df=min_df, stop_words="english")
    theirs = vec.fit_transform(DOCS)
    assert [word_tokens(d) for d in DOCS] == [vec.build_analyzer()(d) for d in DOCS]
    mine = tfidf([word_tokens(d) for d in DOCS], min_df=min_df)
    assert mine is not None
    _assert_same(mine, theirs)


def test_token_lists_tfidf_equals_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [["e:nairobi", "e:police", "e:nairobi"], [], ["g:184745", "e:police"], ["e:kenya"]]
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=2, lowercase=False)
    mine = tfidf(docs, min_df=2)
    assert mine is not None
    _assert_same(mine, vec.fit_transform(docs))


def test_counts_weighed_twice_equal_scikit_learn_each_time() -> None:
    """Story clustering counts the terms once and weighs them with min_df 2, then 1: the
    first weighing leaves the counts as they were."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    counts = term_counts([word_tokens(d) for d in DOCS])
    assert counts is not None
    before = counts.copy()
    for min_df in (2, 1, 2):
        vec = TfidfVectorizer(sublinear_tf=True, min_df=min_df, stop_words="english")
        mine = weigh(counts, min_df)
        assert mine is not None
        _assert_same(mine, vec.fit_transform(DOCS))
        _assert_same(counts, before)
    assert weigh(counts, 99) is None


def test_no_terms_is_none_where_scikit_learn_raises() -> None:
    assert tfidf([[], []]) is None
    assert tfidf([word_tokens("the and of")]) is None
    assert tfidf([["a"], ["b"]], min_df=2) is None


def test_normalize_rows_equals_scikit_learn() -> None:
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    rng = np.random.default_rng(0)
    x = sp.random(40, 300, density=0.2, format="csr", random_state=rng) * 7.3
    x = sp.csr_matrix(x)
    x.data[x.indptr[3] : x.indptr[4]] = 0.0  # an all-zero row is left as it is
    _assert_same(normalize_rows(x.copy()), normalize(x))


def test_story_clustering_loads_no_scikit_learn() -> None:
    code = "import sys, sitrep.corpus.stories; print(*{m.split('.')[0] for m in sys.modules})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "sklearn" not in out.stdout.split()
