"""Read WARC and WARC.gz archives (as Common Crawl's CC-NEWS publishes them) into raw documents.

Every ``response`` (and ``resource``) record becomes one :class:`RawDocument` with its URL,
crawl date, HTTP status, content type and charset in ``meta``. A record that is not a page
(an image, a redirect, an error status, a revisit) is still yielded, marked
``meta["skip"] = reason`` and without content, so that the ingest service records it as skipped.
A damaged archive never raises: a truncated record or a gzip member cut short becomes a document
with ``error`` set, and reading goes on at the next record that can be found.

Positions are byte offsets of records in the file, so a reader can resume at
:attr:`WarcRecord.next_offset` by seeking there (each record of a ``.warc.gz`` is its own gzip
member).
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.sources.files import DEFAULT_MAX_BYTES, RawDocument, RawKind

__all__ = ["WarcPage", "WarcRecord", "is_warc_path", "iter_warc", "write_warc"]

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.+-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_TEXT_TYPES = ("text/plain",)
_PAGE_RECORDS = frozenset({"response", "resource"})
_SCAN_BLOCK = 1 << 20


def is_warc_path(name: str) -> bool:
    """``.warc`` and ``.warc.gz`` archives."""
    return name.lower().endswith((".warc", ".warc.gz"))


def _iterator(f: BinaryIO) -> Any:
    """A WARC-only record iterator (no ARC sniffing) that keeps its warnings to itself."""
    from warcio.archiveiterator import WARCIterator

    class _Quiet(WARCIterator):
        INC_RECORD = ""  # warcio writes this to stderr for a record without a trailing newline

    return _Quiet(f, check_digests=False)


@dataclass
class WarcRecord:
    """One page record: the document, where it starts, and where the next record starts."""

    raw: RawDocument
    offset: int
    next_offset: int


def iter_warc(
    path: str | Path, *, start: int = 0, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[WarcRecord]:
    """Yield the page records of the archive at ``path`` from byte offset ``start`` on."""
    path = Path(path)
    stem = path.name
    try:
        f = path.open("rb")
    except OSError as exc:
        yield WarcRecord(_error(stem, str(path), 0, f"unreadable: {exc.strerror}"), 0, 0)
        return
    with f:
        gz = f.read(2) == _GZIP_MAGIC[:2]
        position = start
        while True:
            f.seek(position)
            it = _iterator(f)
            last_end = position
            try:
                for record in it:
                    doc = _document(record, stem, str(path), max_bytes)
                    offset = it.get_record_offset()
                    next_offset = it.offset
                    last_end = next_offset
                    if doc is None:
                        continue
                    _finish(doc, offset)
                    yield WarcRecord(doc, offset, next_offset)
            except Exception as exc:  # warcio raises many types on damaged input
                bad = last_end
                reason = f"corrupt WARC record at offset {bad}: {type(exc).__name__}: {_clean(exc)}"
                resume = _resync(f, bad + 1, gz)
                yield WarcRecord(_error(stem, str(path), bad, reason), bad, resume or _size(f))
                if resume is None:
                    return
                position = resume
            else:
                size = _size(f)
                if _has_data(f, last_end, size):  # the archive ends inside a record
                    reason = f"truncated WARC: the archive ends inside the record at {last_end}"
                    yield WarcRecord(_error(stem, str(path), last_end, reason), last_end, size)
                return


def _document(record: Any, stem: str, origin: str, max_bytes: int) -> RawDocument | None:
    """The raw document of one record, or ``None`` for records that are not pages."""
    rec_type = record.rec_type
    if rec_type not in _PAGE_RECORDS and rec_type != "revisit":
        return None  # warcinfo, request, metadata, conversion: not documents
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or ""
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    doc_id = record_id.removeprefix("urn:uuid:") or f"{stem}@?"
    meta: dict[str, Any] = {"url": url or None, "warc_record_id": record_id or None}
    crawled = headers.get_header("WARC-Date")
    if crawled:
        meta["crawled"] = crawled
    doc = RawDocument(id=doc_id, meta=meta, origin=origin)
    if rec_type == "revisit":
        meta["skip"] = "revisit record (no payload)"
        return doc
    http = record.http_headers
    content_type = ""
    if http is not None:
        status = _int(http.get_statuscode())
        meta["http_status"] = status
        content_type = http.get_header("Content-Type") or ""
        if status is not None and 300 <= status < 400:
            location = http.get_header("Location")
            meta["redirect"] = location
            meta["skip"] = f"redirect {status} to {location or '?'}"
            return doc
        if status is not None and status >= 400:
            meta["skip"] = f"http status {status}"
            return doc
    else:
        content_type = headers.get_header("Content-Type") or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    meta["content_type"] = mime or None
    charset = _CHARSET_RE.search(content_type)
    if charset:
        meta["charset"] = charset.group(1).lower()
    kind: RawKind
    if mime in _HTML_TYPES:
        kind = "html"
    elif mime in _TEXT_TYPES:
        kind = "text"
    elif not mime:
        kind = "auto"
    else:
        meta["skip"] = f"not HTML: {mime}"
        return doc
    doc.kind = kind
    try:
        stream = record.content_stream()
        data = stream.read(max_bytes + 1)
    except Exception as exc:  # a bad chunked or gzip transfer encoding
        doc.error = f"undecodable HTTP body: {type(exc).__name__}: {exc}"[:300]
        return doc
    if len(data) > max_bytes:
        doc.error = f"too large (> {max_bytes} bytes)"
        return doc
    record.raw_stream.read()  # drain, then see whether the block was complete
    if getattr(record.raw_stream, "limit", 0) > 0:
        doc.error = f"truncated record ({record.raw_stream.limit} bytes missing)"
        return doc
    doc.data = data
    return doc


def _finish(doc: RawDocument, offset: int) -> None:
    doc.meta["warc_offset"] = offset
    doc.origin = f"{doc.origin}@{offset}"
    if doc.id.endswith("@?"):
        doc.id = doc.id[:-1] + str(offset)


def _error(stem: str, origin: str, offset: int, reason: str) -> RawDocument:
    return RawDocument(
        id=f"{stem}@{offset}",
        origin=f"{origin}@{offset}",
        meta={"warc_offset": offset},
        error=reason,
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _clean(exc: Exception) -> str:
    text = "".join(c if c.isprintable() else "?" for c in str(exc)[:120])
    return text.strip() or "unreadable"


def _has_data(f: BinaryIO, start: int, size: int) -> bool:
    """Whether anything but whitespace (or NUL padding) follows ``start``."""
    f.seek(start)
    return bool(f.read(min(size - start, 4096)).strip(b" \t\r\n\x00"))


def _size(f: BinaryIO) -> int:
    f.seek(0, io.SEEK_END)
    return f.tell()


def _resync(f: BinaryIO, start: int, gz: bool) -> int | None:
    """Offset of the next record start (a gzip member, or a ``WARC/1.`` line) at or after
    ``start``, or ``None``."""
    magic = _GZIP_MAGIC if gz else _WARC_MAGIC
    pos = start
    tail = b""
    while True:
        f.seek(pos)
        block = f.read(_SCAN_BLOCK)
        if not block:
            return None
        data = tail + block
        base = pos - len(tail)
        i = data.find(magic)
        while i >= 0:
            candidate = base + i
            if candidate >= start and (gz or i == 0 or data[i - 1 : i] == b"\n"):
                return candidate
            i = data.find(magic, i + 1)
        tail = data[-(len(magic) - 1) :]
        pos += len(block)


# ---- writing (tests, benchmarks, converting a crawl) ------------------------------------------


@dataclass
class WarcPage:
    """One HTTP response to write: URL, body and headers (status 200, text/html by default)."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    date: str | None = None
    extra_headers: tuple[tuple[str, str], ...] = ()


def write_warc(path: str | Path, pages: Iterable[WarcPage], *, compress: bool | None = None) -> int:
    """Write ``pages`` as WARC response records (one gzip member each for ``.gz``); returns
    the number of records written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = Path(path)
    gz = path.name.endswith(".gz") if compress is None else compress
    n = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for page in pages:
            reason = "OK" if page.status == 200 else "Status"
            headers = [("Content-Type", page.content_type), *page.extra_headers]
            http = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
            record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{page.url}#{n}")
            warc_headers = {
                "WARC-Date": page.date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "WARC-Record-ID": f"<urn:uuid:{record_id}>",
            }
            record = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(page.body),
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
            writer.write_record(record)
            n += 1
    return n
