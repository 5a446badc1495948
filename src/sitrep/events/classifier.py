"""A small linear text classifier over hashed word and character n-grams.

The trained artefact holds only the feature indices that occurred in training, their IDF and
the class weights (``.npz``, no pickle); the n-gram hashing needs no vocabulary, so no training
text is stored. :func:`fit` (used by ``scripts/train_events.py`` and the benchmark's
cross-validation) and :class:`LinearTextModel` share :func:`featurize`.

The n-grams and their hashes are those of scikit-learn's ``HashingVectorizer`` (word 1-2-grams,
``char_wb`` 2-5-grams, MurmurHash3 x86 32-bit, ``alternate_sign=False``), computed here with
the ``murmurhash`` package that spaCy ships: inference loads neither scikit-learn nor SciPy
(about 1.5 s of CPU at every start), and a test checks the counts against scikit-learn's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from murmurhash.mrmr import hash as murmurhash3_32

from sitrep.errors import ModelError

if TYPE_CHECKING:
    import scipy.sparse as sp

N_FEATURES = 2**20
FORMAT_VERSION = 1

#: scikit-learn's default word token pattern and its char_wb whitespace normalisation
_TOKEN = re.compile(r"(?u)\b\w+\b")
_WHITE_SPACES = re.compile(r"\s\s+")


def _word_ngrams(text: str) -> list[str]:
    """Lower-cased word 1- and 2-grams (``HashingVectorizer(ngram_range=(1, 2))``)."""
    tokens = _TOKEN.findall(text.lower())
    return tokens + [" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1)]


def _char_wb_ngrams(text: str, min_n: int = 2, max_n: int = 5) -> list[str]:
    """Lower-cased character n-grams inside space-padded words (``analyzer="char_wb"``)."""
    ngrams: list[str] = []
    append = ngrams.append
    for w in _WHITE_SPACES.sub(" ", text.lower()).split():
        w = " " + w + " "
        w_len = len(w)
        for n in range(min_n, max_n + 1):
            offset = 0
            append(w[offset : offset + n])
            while offset + n < w_len:
                offset += 1
                append(w[offset : offset + n])
            if offset == 0:  # a short word (w_len < n) counts once
                break
    return ngrams


@dataclass
class Counts:
    """Hashed n-gram counts of some texts, in CSR form: row ``r`` has the columns
    ``indices[indptr[r]:indptr[r + 1]]`` (sorted, distinct) with the counts in ``data``."""

    indices: np.ndarray  # int32
    indptr: np.ndarray  # int32
    data: np.ndarray  # float64

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.indptr) - 1, N_FEATURES)

    def tocsr(self) -> sp.csr_matrix:
        import scipy.sparse as sp

        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


def _hash_counts(grams: list[list[str]]) -> Counts:
    """The counts of each text's n-grams, hashed into :data:`N_FEATURES` columns as
    scikit-learn's ``FeatureHasher`` does (``abs(h) % n``; its ``sum_duplicates`` order)."""
    sizes = np.fromiter((len(g) for g in grams), dtype=np.int64, count=len(grams))
    flat = [g for row in grams for g in row]
    return _counts(np.fromiter(map(murmurhash3_32, flat), dtype=np.int64, count=len(flat)), sizes)


@dataclass
class Features:
    """Hashed word and char n-gram counts of some texts (two CSR blocks, not stacked)."""

    words: Counts
    chars: Counts

    def __len__(self) -> int:
        return int(self.words.shape[0])


#: the hashes of one lower-cased word's char_wb n-grams (:func:`_char_wb_ngrams` of the word),
#: computed once per word and process: the char n-grams of a text are those of its words
_WORD_HASHES: dict[str, np.ndarray] = {}
_WORD_HASHES_MAX = 30_000


def _char_wb_counts(texts: Sequence[str]) -> Counts:
    """``_hash_counts([_char_wb_ngrams(t) for t in texts])``, from the hashes of each word's
    n-grams (the same multiset of hashes per text, so the same counts)."""
    memo = _WORD_HASHES
    parts: list[np.ndarray] = []
    sizes = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        size = 0
        for w in _WHITE_SPACES.sub(" ", text.lower()).split():
            h = memo.get(w)
            if h is None:
                if len(memo) >= _WORD_HASHES_MAX:
                    memo.clear()
                grams = _char_wb_ngrams(w)
                h = np.fromiter(map(murmurhash3_32, grams), dtype=np.int64, count=len(grams))
                memo[w] = h
            parts.append(h)
            size += len(h)
        sizes[i] = size
    return _counts(np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64), sizes)


def _counts(h: np.ndarray, sizes: np.ndarray) -> Counts:
    """Counts of the hashes ``h`` of ``len(sizes)`` texts, text ``i`` having ``sizes[i]`` of
    them, hashed into :data:`N_FEATURES` columns as scikit-learn's ``FeatureHasher`` does
    (``abs(h) % n``; its ``sum_duplicates`` order)."""
    n = len(sizes)
    keys = np.repeat(np.arange(n, dtype=np.int64), sizes) * N_FEATURES
    keys += np.abs(h) % N_FEATURES  # abs(-2**31) % 2**20 == 0, as scikit-learn defines it
    uniq, counts = np.unique(keys, return_counts=True)
    rows = uniq // N_FEATURES
    indptr = np.searchsorted(rows, np.arange(n + 1)).astype(np.int32)
    return Counts((uniq % N_FEATURES).astype(np.int32), indptr, counts.astype(np.float64))


def featurize_parts(texts: Sequence[str]) -> Features:
    """:func:`featurize` without the stacking (cheaper at inference)."""
    return Features(_hash_counts([_word_ngrams(t) for t in texts]), _char_wb_counts(texts))


def featurize(texts: Sequence[str]) -> sp.csr_matrix:
    """Raw counts of hashed word 1-2-grams and char_wb 2-5-grams (2 * 2**20 columns)."""
    import scipy.sparse as sp

    feats = featurize_parts(texts)
    return sp.hstack([feats.words.tocsr(), feats.chars.tocsr()], format="csr")


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    import scipy.sparse as sp

    x = counts.astype(np.float32)
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf[np.newaxis, :]).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(x.multiply(1.0 / norms[:, np.newaxis]))


@dataclass
class LinearTextModel:
    """Multi-class linear model: ``scores = tfidf(x)[:, idx] @ coef.T + intercept``."""

    labels: list[str]
    idx: np.ndarray  # used feature columns, sorted
    idf: np.ndarray  # per used column
    coef: np.ndarray  # (n_classes, n_used)
    intercept: np.ndarray  # (n_classes,)

    def __post_init__(self) -> None:
        self._lookup = np.full(2 * N_FEATURES, -1, dtype=np.int32)
        self._lookup[self.idx] = np.arange(len(self.idx), dtype=np.int32)
        self._coef_t = np.ascontiguousarray(self.coef.T)

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Class scores, one row per text."""
        if not len(texts):
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.decision_features(featurize_parts(texts))

    def decision_features(self, feats: Features) -> np.ndarray:
        """Class scores from precomputed :class:`Features` (shared by several models)."""
        n = len(feats)
        rows_l: list[np.ndarray] = []
        pos_l: list[np.ndarray] = []
        tf_l: list[np.ndarray] = []
        for block, offset in ((feats.words, 0), (feats.chars, N_FEATURES)):
            pos = self._lookup[block.indices + offset]
            keep = pos >= 0
            rows_l.append(np.repeat(np.arange(n), np.diff(block.indptr))[keep])
            pos_l.append(pos[keep])
            tf_l.append(1.0 + np.log(block.data[keep].astype(np.float32)))
        rows = np.concatenate(rows_l)
        pos = np.concatenate(pos_l)
        vals = np.concatenate(tf_l) * self.idf[pos]
        norms = np.sqrt(np.bincount(rows, weights=vals * vals, minlength=n))
        norms[norms == 0] = 1.0
        vals = vals / norms[rows]
        scores = np.zeros((n, len(self.labels)), dtype=np.float64)
        if len(rows):
            order = np.argsort(rows, kind="stable")
            rows = rows[order]
            contrib = self._coef_t[pos[order]] * vals[order, np.newaxis]
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            scores[rows[starts]] = np.add.reduceat(contrib, starts, axis=0)
        return scores + self.intercept

    def proba(self, texts: Sequence[str], temperature: float = 0.3) -> np.ndarray:
        """Softmax of the class scores (margins scaled by ``1 / temperature``)."""
        return softmax(self.decision(texts) / temperature)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            version=np.array(FORMAT_VERSION),
            labels=np.array(self.labels),
            idx=self.idx.astype(np.int32),
            idf=self.idf.astype(np.float16),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path, sha256: str | None = None) -> LinearTextModel:
        """Read a saved model; with ``sha256``, refuse a file whose digest differs."""
        if sha256 is not None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != sha256:
                raise ModelError(f"{path}: sha256 {digest} does not match the pinned {sha256}")
        with np.load(path, allow_pickle=False) as data:
            return cls(
                labels=[str(s) for s in data["labels"]],
                idx=data["idx"].astype(np.int64),
                idf=data["idf"].astype(np.float32),
                coef=data["coef"].astype(np.float32),
                intercept=data["intercept"].astype(np.float32),
            )


def pinned_sha256(directory: Path, name: str) -> str | None:
    """The sha256 that ``directory``'s MANIFEST.json pins for the artefact ``name``."""
    import json

    manifest = directory / "MANIFEST.json"
    if not manifest.is_file():
        return None
    entry = json.loads(manifest.read_text(encoding="utf-8")).get("models", {}).get(name, {})
    digest = entry.get("sha256")
    return str(digest) if digest else None


def softmax(scores: np.ndarray) -> np.ndarray:
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    c: float = 1.0,
    min_df: int = 1,
    seed: int = 0,
    balanced: bool = False,
) -> LinearTextModel:
    """Fit a one-vs-rest linear SVM on TF-IDF of hashed n-grams; ``balanced`` weights each
    class inversely to its frequency (small classes are not drowned by large ones)."""
    from sklearn.svm import LinearSVC

    counts = featurize(texts)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idx = np.flatnonzero(df >= min_df)
    n = counts.shape[0]
    idf = (np.log((1.0 + n) / (1.0 + df[idx])) + 1.0).astype(np.float32)
    x = _tfidf(counts[:, idx], idf)
    model = LinearSVC(
        C=c, max_iter=5000, random_state=seed, class_weight="balanced" if balanced else None
    )
    model.fit(x, list(labels), sample_weight=None if weights is None else np.asarray(weights))
    classes = [str(s) for s in model.classes_]
    coef = model.coef_.astype(np.float32)
    intercept = model.intercept_.astype(np.float32)
    if len(classes) == 2:  # binary SVM: one weight row for the second class
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
    # drop columns with no weight at all (keeps the artefact small)
    keep = np.flatnonzero(np.abs(coef).max(axis=0) > 1e-4)
    return LinearTextModel(classes, idx[keep], idf[keep], coef[:, keep], intercept)
