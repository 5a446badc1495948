"""Read RSS and Atom feeds (files or URLs) into raw documents, one per item.

An item's HTML content (``content:encoded`` / Atom ``content``, else its summary) is the
document; its link, title, date, feed title and id go into ``meta``. An item with no content is
still yielded, marked ``meta["skip"] = "no content in feed item"``. A feed is fetched only when
a URL is given, with a timeout and a polite user agent; an unreachable or unparsable feed becomes
one document with ``error`` set.
"""

from __future__ import annotations

import calendar
import hashlib
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep import __version__
from sitrep.sources.files import DEFAULT_MAX_BYTES, RawDocument

__all__ = ["DEFAULT_TIMEOUT", "USER_AGENT", "fetch", "is_feed_path", "is_url", "iter_feed"]

USER_AGENT = f"sitrep/{__version__} (news analysis; +https://github.com/sitrep)"
DEFAULT_TIMEOUT = 20.0
_FEED_EXT = (".xml", ".rss", ".atom", ".rdf")


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def is_feed_path(name: str) -> bool:
    return name.lower().endswith(_FEED_EXT)


def fetch(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """GET ``url`` with a timeout and the sitrep user agent; raises ``OSError`` on failure."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
        data: bytes = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(f"feed larger than {max_bytes} bytes")
    return data


def iter_feed(
    spec: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
) -> Iterator[RawDocument]:
    """Yield one document per item of the feed at ``spec`` (a file path or an http(s) URL).

    ``data`` gives the feed bytes directly (already fetched); ``spec`` then only names it.
    """
    import feedparser

    origin = str(spec)
    name = _feed_name(origin)
    if data is None:
        try:
            if is_url(origin):
                data = fetch(origin, timeout=timeout, max_bytes=max_bytes)
            else:
                data = Path(spec).read_bytes()
        except (OSError, ValueError) as exc:
            yield RawDocument(id=name, origin=origin, error=f"unreadable feed: {exc}"[:300])
            return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries") or [])
    if not entries and parsed.get("bozo"):
        reason = type(parsed.get("bozo_exception")).__name__
        yield RawDocument(id=name, origin=origin, error=f"not a feed ({reason})")
        return
    feed = parsed.get("feed") or {}
    outlet = feed.get("title") or None
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        yield _item(entry, number, name=name, origin=origin, outlet=outlet, seen=seen)


def _item(
    entry: Any, number: int, *, name: str, origin: str, outlet: str | None, seen: set[str]
) -> RawDocument:
    link = entry.get("link") or None
    guid = entry.get("id") or link or f"{number}"
    doc_id = f"{name}:{hashlib.sha1(guid.encode('utf-8')).hexdigest()[:12]}"
    if doc_id in seen:
        doc_id = f"{doc_id}~{number}"
    seen.add(doc_id)
    meta: dict[str, Any] = {
        "url": link,
        "title": _plain(entry.get("title")),
        "published": _date(entry.get("published_parsed") or entry.get("updated_parsed")),
        "source": outlet,
        "feed_item": guid,
    }
    author = entry.get("author")
    if author:
        meta["author"] = author
    meta = {k: v for k, v in meta.items() if v not in (None, "")}
    body = _content(entry)
    doc = RawDocument(id=doc_id, meta=meta, origin=f"{origin}#{guid}")
    if not body.strip():
        doc.meta["skip"] = "no content in feed item"
        return doc
    doc.text = body
    doc.kind = "html" if "<" in body and ">" in body else "text"
    return doc


def _content(entry: Any) -> str:
    """The fullest body an item has: ``content`` (longest), else ``summary``."""
    best = ""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _plain(value: Any) -> str | None:
    return str(value).strip() or None if value else None


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def _feed_name(origin: str) -> str:
    if is_url(origin):
        from urllib.parse import urlsplit

        parts = urlsplit(origin)
        return (parts.hostname or "feed") + (parts.path.rstrip("/") or "")
    return Path(origin).name
