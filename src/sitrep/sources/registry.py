"""Pick the reader for a path or URL: files/directories/JSONL, WARC archives, RSS/Atom feeds.

:func:`open_sources` turns what a user names into :class:`Source` objects. Each source has a
stable ``name`` (its resolved path or URL: the key of its ingest checkpoint) and yields
:class:`SourceRecord` items with the position to resume from after each record. A directory is
expanded: every WARC archive and feed file in it becomes a source of its own, the remaining
files one source together.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from sitrep.sources.feeds import DEFAULT_TIMEOUT, is_feed_path, is_url, iter_feed
from sitrep.sources.files import DEFAULT_MAX_BYTES, META_SUFFIX, RawDocument, iter_documents
from sitrep.sources.warc import is_warc_path, iter_warc

__all__ = ["Source", "SourceKind", "SourceRecord", "iter_raw", "open_sources"]

SourceKind = Literal["files", "warc", "feed"]


@dataclass
class SourceRecord:
    """A document and the position to resume from once it (and all before it) is done."""

    raw: RawDocument
    next_position: int


@dataclass
class Source:
    """One readable unit with its own checkpoint.

    ``seekable``: positions are stable across runs (a WARC byte offset, a JSONL line count), so
    a resumed run may start at the checkpoint; otherwise it re-reads from the start and relies
    on the per-record ledger to skip what is done.
    """

    name: str
    kind: SourceKind
    seekable: bool
    paths: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT

    def records(self, start: int = 0) -> Iterator[SourceRecord]:
        """Records from position ``start`` (ignored unless ``seekable``)."""
        if self.kind == "warc":
            for rec in iter_warc(self.name, start=start, max_bytes=self.max_bytes):
                self._fill(rec.raw)
                yield SourceRecord(rec.raw, rec.next_offset)
            return
        if self.kind == "feed":
            it: Iterable[RawDocument] = iter_feed(
                self.name, timeout=self.timeout, max_bytes=self.max_bytes
            )
        else:
            it = iter_documents(self.paths, defaults=self.defaults, max_bytes=self.max_bytes)
        skip = start if self.seekable else 0
        for n, raw in enumerate(islice(it, skip, None), skip + 1):
            self._fill(raw)
            yield SourceRecord(raw, n)

    def _fill(self, raw: RawDocument) -> None:
        for key, value in self.defaults.items():
            if raw.meta.get(key) in (None, ""):
                raw.meta[key] = value


def open_sources(
    specs: Iterable[str | Path],
    *,
    defaults: Mapping[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Source]:
    """Sources for the given files, directories, ``.warc(.gz)``, feed files and feed URLs."""
    common: dict[str, Any] = {
        "defaults": dict(defaults or {}),
        "max_bytes": max_bytes,
        "timeout": timeout,
    }
    out: list[Source] = []
    for spec in specs:
        text = str(spec)
        if is_url(text):
            out.append(Source(text, "feed", False, **common))
            continue
        if text == "-":
            out.append(Source("-", "files", False, paths=["-"], **common))
            continue
        path = Path(text)
        if path.is_dir():
            out.extend(_expand_dir(path, common))
        else:
            out.append(_file_source(path, common))
    return out


def iter_raw(specs: Iterable[str | Path], **options: Any) -> Iterator[RawDocument]:
    """Every raw document of every source, in order (no checkpoints)."""
    for source in open_sources(specs, **options):
        for rec in source.records():
            yield rec.raw


def _file_source(path: Path, common: dict[str, Any]) -> Source:
    name = str(path.resolve()) if path.exists() else str(path)
    if is_warc_path(path.name):
        return Source(name, "warc", True, **common)
    if is_feed_path(path.name):
        return Source(name, "feed", False, **common)
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
    return Source(name, "files", jsonl, paths=[name], **common)


def _expand_dir(directory: Path, common: dict[str, Any]) -> list[Source]:
    """Archives and feeds in the tree as sources of their own; other files as one source."""
    special: list[Source] = []
    plain = False
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(META_SUFFIX):
                continue
            if is_warc_path(name) or is_feed_path(name):
                special.append(_file_source(Path(root) / name, common))
            else:
                plain = True
    out: list[Source] = []
    if plain:
        if special:  # read only the plain files, not the archives again
            skip = {s.name for s in special}
            paths = [
                str(p.resolve())
                for p in sorted(directory.rglob("*"))
                if p.is_file()
                and str(p.resolve()) not in skip
                and not any(part.startswith(".") for part in p.relative_to(directory).parts)
                and not p.name.endswith(META_SUFFIX)
            ]
        else:
            paths = [str(directory.resolve())]
        out.append(Source(str(directory.resolve()), "files", False, paths=paths, **common))
    return out + special
