"""The events classifier hashes n-grams as scikit-learn's HashingVectorizer, without loading it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from sitrep.events.classifier import N_FEATURES, featurize, featurize_parts

TEXTS = [
    "Police fired tear gas at protesters in Nairobi on Tuesday.",
    "",
    "x",
    "A",
    "  Leading\tand\n\ntrailing   whitespace\u00a0runs  ",
    "Ünïcödé àccents, ÉLITE forces; São Paulo — 北京 and Кыргызстан!",
    "emoji 🙂🙂 and symbols #@$% 1,000,000 rockets 3.5km",
    "repeated repeated repeated repeated words words",
    "Iñtërnâtiônàlizætiøn\u2028line\u2029separators\x1cand\x1fcontrols",
    "He said: 'we will not withdraw'. \"They attacked,\" the minister said.",
]


def _sklearn_counts() -> tuple[object, object]:
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(
        n_features=N_FEATURES,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
        lowercase=True,
        token_pattern=r"(?u)\b\w+\b",
    )
    chars = HashingVectorizer(
        n_features=N_FEATURES,
        analyzer="char_wb",
        ngram_range=(2, 5),
        alternate_sign=False,
        norm=None,
        lowercase=True,
    )
    return words.transform(TEXTS), chars.transform(TEXTS)


def test_counts_equal_scikit_learn_hashing_vectorizer() -> None:
    words, chars = _sklearn_counts()
    ours = featurize_parts(TEXTS)
    for theirs, mine in ((words, ours.words), (chars, ours.chars)):
        assert mine.shape == theirs.shape  # type: ignore[attr-defined]
        np.testing.assert_array_equal(mine.indptr, theirs.indptr)  # type: ignore[attr-defined]
        np.testing.assert_array_equal(mine.indices, theirs.indices)  # type: ignore[attr-defined]
        np.testing.assert_array_equal(mine.data, theirs.data)  # type: ignore[attr-defined]
        assert mine.data.dtype == theirs.data.dtype  # type: ignore[attr-defined]


def test_stacked_features_equal_scikit_learn() -> None:
    import scipy.sparse as sp

    words, chars = _sklearn_counts()
    theirs = sp.hstack([words, chars], format="csr")
    mine = featurize(TEXTS)
    assert mine.shape == theirs.shape
    assert (mine != theirs).nnz == 0
    np.testing.assert_array_equal(mine.indices, theirs.indices)


def test_the_events_stage_loads_neither_scikit_learn_nor_scipy() -> None:
    code = "import sys, sitrep.stages.events; print(*{m.split('.')[0] for m in sys.modules})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert not loaded & {"sklearn", "scipy", "pandas"}


def test_char_counts_from_the_word_memo_equal_the_counts_of_every_ngram(
    monkeypatch: object,
) -> None:
    """The char n-gram counts come from a per-process memo of each word's hashes: the same
    counts on a first call, from the memo, after the memo is cleared full, and where the
    lower-casing of a word depends on its neighbours (a Greek final sigma)."""
    import pytest

    from sitrep.events import classifier as C

    texts = [*TEXTS, "ΟΔΥΣΣΕΑΣ ΚΑΙ ΝΑΥΣ", "ΣΣ Σ ΑΣ", "repeated words repeated"]
    expected = C._hash_counts([C._char_wb_ngrams(t) for t in texts])
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(C, "_WORD_HASHES", {})
    monkeypatch.setattr(C, "_WORD_HASHES_MAX", 5)  # cleared again and again on the way
    for _ in range(2):
        got = featurize_parts(texts).chars
        np.testing.assert_array_equal(got.indptr, expected.indptr)
        np.testing.assert_array_equal(got.indices, expected.indices)
        np.testing.assert_array_equal(got.data, expected.data)
    assert 0 < len(C._WORD_HASHES) <= 5
    empty = featurize_parts([]).chars
    assert empty.indptr.tolist() == [0] and len(empty.indices) == 0
