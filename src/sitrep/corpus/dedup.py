"""Exact and near-duplicate detection, online and persistent.

Exact duplicates share the hash of their normalised text (case-folded words). Near-duplicates
(a syndicated wire copy with another headline, a trimmed paragraph, a different footer) are found
with MinHash LSH (datasketch) over word shingles, then confirmed by the estimated Jaccard
similarity. The first document seen is the canonical one; later copies are linked to it and are
not analysed again.

:class:`Deduplicator` works online during ingest: :meth:`Deduplicator.add` decides at once (also
between documents of the same batch) and keeps the new entries pending; :meth:`Deduplicator.flush`
writes them to the ``dedup_documents`` table of the database (SQLite or PostgreSQL) in the
caller's transaction. A new instance on the same database loads that state back.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from sqlalchemy import insert, select

from sitrep.store.schema import table

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = [
    "DedupMatch",
    "Deduplicator",
    "dedup_table",
    "normalised_hash",
    "shingles",
]

_WORD_RE = re.compile(r"\w+")
_SEED = 1
_SCHEME = "affine32"  # 32-bit hash values: stored as 4 bytes each

dedup_table = table("dedup_documents")


@dataclass(frozen=True)
class DedupMatch:
    """A document found to duplicate ``canonical``: ``exact`` or ``near`` (with ``similarity``)."""

    canonical: str
    kind: Literal["exact", "near"]
    similarity: float

    @property
    def reason(self) -> str:
        if self.kind == "exact":
            return f"duplicate of {self.canonical}"
        return f"near-duplicate of {self.canonical} (similarity {self.similarity:.2f})"


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())


def normalised_hash(text: str) -> str:
    """sha256 of the case-folded words of ``text`` (punctuation and spacing ignored)."""
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = 5) -> list[bytes]:
    """The distinct word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    words = _words(text)
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")] if words else []
    return list(
        {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}
    )


class Deduplicator:
    """Online exact + near-duplicate index, optionally persisted in a database.

    ``threshold`` is the Jaccard similarity of shingle sets above which two documents are the
    same text; ``min_words`` documents shorter than this are only checked for exact copies.
    """

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        threshold: float = 0.5,
        num_perm: int = 128,
        shingle_size: int = 5,
        min_words: int = 20,
    ) -> None:
        from datasketch import MinHash, MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._template = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
        self._signatures: dict[str, np.ndarray] = {}
        self._by_hash: dict[str, str] = {}
        self._canonical: dict[str, DedupMatch | None] = {}
        self._pending: list[dict[str, object]] = []
        self.engine = engine
        if engine is not None:  # a store's: its migrations made the table
            self._load(engine)

    def __len__(self) -> int:
        return len(self._canonical)

    # -- state ----------------------------------------------------------------------------
    def _load(self, engine: Engine) -> None:
        with engine.connect() as conn:
            for key, text_hash, signature, canonical, similarity in conn.execute(
                select(dedup_table)
            ):
                match = None
                if canonical is not None:
                    sim = 1.0 if similarity is None else float(similarity)
                    match = DedupMatch(canonical, "exact" if sim >= 1.0 else "near", sim)
                self._remember(key, text_hash, _unpack(signature), match)

    def _remember(
        self, key: str, text_hash: str, signature: np.ndarray | None, match: DedupMatch | None
    ) -> None:
        self._canonical[key] = match
        if match is None:
            self._by_hash.setdefault(text_hash, key)
            if signature is not None:
                self._signatures[key] = signature
                self._lsh.insert(key, self._minhash(signature), check_duplication=False)

    def _minhash(self, signature: np.ndarray) -> object:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=_SEED, hashvalues=signature, scheme=_SCHEME)

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature of ``text`` (``None`` for texts under ``min_words`` words)."""
        grams = shingles(text, self.shingle_size)
        if len(grams) + self.shingle_size - 1 < self.min_words:
            return None
        m = self._template.copy()
        m.update_batch(grams)
        return np.asarray(m.hashvalues, dtype=np.uint32)

    # -- online use -----------------------------------------------------------------------
    def check(self, text: str, *, key: str | None = None) -> DedupMatch | None:
        """The canonical document ``text`` duplicates, without recording it."""
        match, _, _ = self._decide(text, key)
        return match

    def add(self, key: str, text: str) -> DedupMatch | None:
        """Decide whether ``text`` duplicates a known document and record it under ``key``.

        A key seen before keeps its earlier decision (a re-run never makes a document a
        duplicate of itself).
        """
        if key in self._canonical:
            return self._canonical[key]
        match, text_hash, signature = self._decide(text, key)
        self._remember(key, text_hash, signature, match)
        self._pending.append(
            {
                "key": key,
                "text_hash": text_hash,
                "signature": None if match or signature is None else _pack(signature),
                "canonical": match.canonical if match else None,
                "similarity": match.similarity if match else None,
            }
        )
        return match

    def _decide(
        self, text: str, key: str | None
    ) -> tuple[DedupMatch | None, str, np.ndarray | None]:
        text_hash = normalised_hash(text)
        exact = self._by_hash.get(text_hash)
        if exact is not None and exact != key:
            return DedupMatch(exact, "exact", 1.0), text_hash, None
        signature = self.signature(text)
        if signature is None:
            return None, text_hash, None
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(self._minhash(signature)):
            if candidate == key:
                continue
            similarity = float(np.mean(self._signatures[candidate] == signature))
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        if best is None:
            return None, text_hash, signature
        return DedupMatch(best[1], "near", best[0]), text_hash, signature

    def canonical_of(self, key: str) -> str | None:
        """The canonical key ``key`` was linked to (``None``: canonical itself or unknown)."""
        match = self._canonical.get(key)
        return match.canonical if match else None

    # -- persistence ----------------------------------------------------------------------
    @property
    def pending(self) -> int:
        return len(self._pending)

    def flush(self, conn: Connection | None = None) -> int:
        """Write the pending entries (in ``conn``'s transaction when given); returns how many."""
        if not self._pending:
            return 0
        rows, self._pending = self._pending, []
        if conn is not None:
            conn.execute(insert(dedup_table), rows)
        elif self.engine is not None:
            with self.engine.begin() as own:
                own.execute(insert(dedup_table), rows)
        return len(rows)

    def discard_pending(self) -> None:
        self._pending = []


def _pack(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def _unpack(blob: bytes | None) -> np.ndarray | None:
    if not blob:
        return None
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
