"""Article ids: unique and stable, derived from what the document is, never from its file name.

``name`` is what a user called the input (a file's name without extension, a JSON line's ``id``,
``stdin``, ``text`` for the API): a display field, kept on :attr:`Article.name` and written as
the ``id`` of the benchmark JSONL contract. Two different inputs may share a name (``report``
in two folders or two runs); their ids differ, so neither replaces or hides the other:

* an analysed document: ``<name>-<digest>``, the digest over where it was read (its origin:
  path, ``path:line``, WARC offset, ``-``, ``<text>``), its canonical URL, content hash and
  outlet. The same input analysed again gets the same id (the store updates it, e.g. with a
  corrected date); another version at the same URL, the same text in another file or from
  another outlet, gets its own (the store links them as versions or duplicates).
* a document that failed or was skipped before it had content: the digest over where it came
  from (its origin) and its name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from sitrep.model import Article, OutcomeStatus

__all__ = ["DIGEST_CHARS", "assign_id", "canonical_url", "slug", "stable_id"]

#: hex characters of the digest in an id (48 bits: collisions need ~16 million documents)
DIGEST_CHARS = 12
_SLUG_RE = re.compile(r"[^\w.~-]+")


def slug(name: str, max_chars: int = 60) -> str:
    """``name`` made safe for a URL path segment and a terminal: runs of other characters as
    ``-``, at most ``max_chars``; ``doc`` when nothing is left."""
    return _SLUG_RE.sub("-", name).strip("-.")[:max_chars].rstrip("-.") or "doc"


def canonical_url(url: str | None) -> str:
    return (url or "").strip().split("#", 1)[0]


def stable_id(name: str, parts: Iterable[object]) -> str:
    digest = hashlib.sha256("\x1f".join(str(p or "") for p in parts).encode("utf-8")).hexdigest()
    return f"{slug(name)}-{digest[:DIGEST_CHARS]}"


def assign_id(article: Article, name: str | None = None) -> Article:
    """Set ``article.name`` (when given or missing) and ``article.id`` from the article."""
    article.name = name or article.name or article.id
    if article.outcome.status is OutcomeStatus.OK and article.content_hash:
        parts: list[object] = [
            "doc",
            article.origin,
            canonical_url(article.url),
            article.content_hash,
            article.source,
        ]
    else:
        parts = ["input", article.origin, article.name]
    article.id = stable_id(article.name, parts)
    return article
