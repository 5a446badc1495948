"""Read raw documents from plain-text files, HTML pages, directory trees, JSON Lines and stdin.

Sources only read: decoding, extraction and language detection are stages. A source never raises
for a bad document: an unreadable file, a bad JSON line, a file that is too large each become a
:class:`RawDocument` with ``error`` set, which the runner records as a failed outcome.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sitrep.model import Article
from sitrep.sources.sanitize import sanitize_meta, sanitize_name, sanitize_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "META_SUFFIX",
    "RawDocument",
    "RawKind",
    "iter_documents",
    "read_meta",
]

RawKind = Literal["text", "html", "auto"]

#: files larger than this are not read (error "too large")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: per-document metadata sits next to the document as ``<name>.meta.json``
META_SUFFIX = ".meta.json"

_TEXT_EXT = frozenset({".txt", ".text", ".md"})
_HTML_EXT = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_JSONL_EXT = frozenset({".jsonl", ".ndjson"})
#: metadata keys a source understands; others in meta.json / JSONL are kept as they are
_META_ALIASES = {"publisher": "source", "outlet": "source", "date": "published", "lang": "language"}
_JSONL_META_KEYS = ("url", "title", "published", "source", "language")


@dataclass
class RawDocument:
    """One document as read, before decoding and extraction.

    ``data`` holds bytes read from a file, ``text`` a string given directly (JSONL); ``kind`` is
    what the source knows of the format (``auto``: the extract stage sniffs). ``error`` is set when
    the raw read failed; the document then carries no content. ``extracted`` is the article
    the extract stage already made of it (``sitrep ingest`` extracts in the driver to find
    duplicates): the pipeline goes on from there instead of extracting again.
    """

    id: str
    data: bytes | None = None
    text: str | None = None
    kind: RawKind = "auto"
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    error: str | None = None
    extracted: Article | None = None

    def __post_init__(self) -> None:
        # text is sanitised where it enters (a JSON line's lone surrogate, a file name's
        # undecodable bytes, a NUL in metadata); bytes are sanitised once decoded (extract)
        self.id = sanitize_name(self.id)
        self.origin = sanitize_name(self.origin)
        clean = sanitize_meta(self.meta)
        if clean != self.meta:  # in place: a source may fill the dict it passed in later
            self.meta.clear()
            self.meta.update(clean)
        if self.text is not None:
            self.text = sanitize_text(self.text)
        if self.error is not None:
            self.error = sanitize_text(self.error)


def read_meta(path: Path) -> dict[str, Any]:
    """Metadata of the document at ``path`` from ``<stem>.meta.json`` (or ``<name>.meta.json``).

    A missing file gives ``{}``; an unreadable or invalid one gives ``{"meta_error": reason}``.
    """
    for candidate in (
        path.with_name(_stem(path.name) + META_SUFFIX),
        Path(str(path) + META_SUFFIX),
    ):
        try:
            raw = candidate.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            return {"meta_error": f"{candidate.name}: {_os_reason(exc)}"}
        try:
            obj = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {"meta_error": f"{candidate.name}: invalid JSON"}
        if not isinstance(obj, dict):
            return {"meta_error": f"{candidate.name}: not a JSON object"}
        return _normalise_meta(obj)
    return {}


def iter_documents(
    paths: Iterable[str | Path],
    *,
    recursive: bool = True,
    defaults: Mapping[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument]:
    """Yield a :class:`RawDocument` for every document under ``paths``, in a stable order.

    A path may be a file (plain text, HTML, ``.jsonl``), a directory (walked in sorted order,
    skipping hidden entries and ``*.meta.json``; only its top level unless ``recursive``) or ``-``
    for stdin. ``defaults`` fills metadata keys that the document's own metadata leaves out
    (e.g. ``{"published": "2023-05-23"}`` from a CLI flag). Ids are unique within one call.
    """
    ids = _IdRegistry()
    fill = sanitize_meta(_normalise_meta(dict(defaults or {})))
    for entry in paths:
        for doc in _iter_path(entry, recursive=recursive, max_bytes=max_bytes, stdin=stdin):
            doc.id = ids.claim(doc.id)
            for key, value in fill.items():
                if doc.meta.get(key) in (None, ""):
                    doc.meta[key] = value
            yield doc


# ---- walking ---------------------------------------------------------------------------------


def _iter_path(
    entry: str | Path, *, recursive: bool, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[RawDocument]:
    if str(entry) == "-":
        yield from _read_stdin(stdin, max_bytes)
        return
    path = Path(entry)
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # e.g. a path component not searchable
        yield _error_doc(path, _os_reason(exc))
        return
    if is_dir:
        yield from _walk(path, recursive=recursive, max_bytes=max_bytes, seen=set())
    else:
        yield from _read_file(path, max_bytes)


def _walk(
    directory: Path, *, recursive: bool, max_bytes: int, seen: set[str]
) -> Iterator[RawDocument]:
    real = os.path.realpath(directory)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:  # vanished, permission denied
        yield _error_doc(directory, _os_reason(exc))
        return
    for item in entries:
        if item.name.startswith(".") or item.name.endswith(META_SUFFIX):
            continue
        path = Path(item.path)
        try:
            is_dir = item.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if recursive:
                yield from _walk(path, recursive=True, max_bytes=max_bytes, seen=seen)
            continue
        yield from _read_file(path, max_bytes)


# ---- reading ---------------------------------------------------------------------------------


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument]:
    suffix = path.suffix.lower()
    if suffix in _JSONL_EXT:
        yield from _read_jsonl(path)
        return
    doc_id = _stem(path.name)
    kind: RawKind = "html" if suffix in _HTML_EXT else "text" if suffix in _TEXT_EXT else "auto"
    meta = read_meta(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield _error_doc(path, f"too large ({size} bytes > {max_bytes})", meta=meta)
            return
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        yield _error_doc(path, _os_reason(exc), meta=meta)
        return
    if len(data) > max_bytes:  # grew while we read it
        yield _error_doc(path, f"too large (> {max_bytes} bytes)", meta=meta)
        return
    yield RawDocument(id=doc_id, data=data, kind=kind, meta=meta, origin=str(path))


def _read_jsonl(path: Path) -> Iterator[RawDocument]:
    stem = _stem(path.name)
    try:
        f = path.open("rb")
    except OSError as exc:
        yield _error_doc(path, _os_reason(exc))
        return
    with f:
        try:
            yield from _jsonl_lines(f, stem, str(path))
        except OSError as exc:  # a read error part-way
            yield _error_doc(path, _os_reason(exc))


def _jsonl_lines(lines: Iterable[bytes], stem: str, origin: str) -> Iterator[RawDocument]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        fallback_id = f"{stem}:{number}"
        try:
            obj = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            yield RawDocument(id=fallback_id, origin=where, error=f"invalid JSON on line {number}")
            continue
        if not isinstance(obj, dict):
            yield RawDocument(
                id=fallback_id, origin=where, error=f"not a JSON object on line {number}"
            )
            continue
        yield _jsonl_document(obj, fallback_id, where, number)


def _jsonl_document(obj: dict[str, Any], fallback_id: str, where: str, number: int) -> RawDocument:
    raw_id = obj.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    meta = _normalise_meta({k: v for k, v in obj.items() if k not in ("id", "text", "html")})
    if isinstance(obj.get("meta"), dict):  # a nested metadata object, if the producer used one
        nested = _normalise_meta(obj["meta"])
        meta.pop("meta", None)
        meta = {**nested, **{k: v for k, v in meta.items() if v not in (None, "")}}
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str) and html.strip():
        return RawDocument(id=doc_id, text=html, kind="html", meta=meta, origin=where)
    if isinstance(text, str):
        return RawDocument(id=doc_id, text=text, kind="auto", meta=meta, origin=where)
    return RawDocument(
        id=doc_id, meta=meta, origin=where, error=f"no text or html field on line {number}"
    )


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> Iterator[RawDocument]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        yield RawDocument(id="stdin", origin="-", error=f"unreadable: {exc}")
        return
    if len(data) > max_bytes:
        yield RawDocument(id="stdin", origin="-", error=f"too large (> {max_bytes} bytes)")
        return
    if _looks_like_jsonl(data):
        yield from _jsonl_lines(data.splitlines(), "stdin", "-")
        return
    yield RawDocument(id="stdin", data=data, kind="auto", origin="-")


def _looks_like_jsonl(data: bytes) -> bool:
    """Stdin is JSON Lines when its first line is a JSON object with a text or html field."""
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        obj = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


# ---- helpers ---------------------------------------------------------------------------------


class _IdRegistry:
    """Keeps ids unique within a batch: a repeated id gets a counter (``a``, ``a~2``, ...)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, doc_id: str) -> str:
        candidate, n = doc_id, 2
        while candidate in self._seen:
            candidate = f"{doc_id}~{n}"
            n += 1
        self._seen.add(candidate)
        return candidate


def _stem(name: str) -> str:
    """File name without its extension (``a.html`` -> ``a``; ``a.b.txt`` -> ``a.b``)."""
    base, dot, ext = name.rpartition(".")
    return base if dot and base and "/" not in ext else name


def _normalise_meta(obj: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, value in obj.items():
        name = _META_ALIASES.get(key, key)
        if name in meta and meta[name] not in (None, "") and key != name:
            continue  # the canonical key wins over its alias
        meta[name] = value
    return meta


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "unreadable: permission denied"
    if isinstance(exc, FileNotFoundError):
        return "not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"unreadable: {exc.strerror or exc.__class__.__name__}"


def _error_doc(path: Path, reason: str, *, meta: dict[str, Any] | None = None) -> RawDocument:
    return RawDocument(id=_stem(path.name), meta=meta or {}, origin=str(path), error=reason)
