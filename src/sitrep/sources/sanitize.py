"""Text sanitising where text enters sitrep: once, so no later stage, store or writer fails on it.

Decoded bytes and strings given directly (JSON Lines, stdin, the API) can carry what a store or
a JSON writer refuses and what no article contains: lone UTF-16 surrogates (``"\\ud83d"`` in a
JSON line), NUL and other C0 control characters. :func:`sanitize_text` replaces each by one
character (U+FFFD for a surrogate, a space for a control character), so the text keeps its
length and evidence offsets still index the input. Metadata values get the same treatment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["sanitize_meta", "sanitize_name", "sanitize_text"]

# C0 controls other than tab, newline, form feed and carriage return; DEL
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def sanitize_text(text: str) -> str:
    """``text`` with lone surrogates as U+FFFD and control characters as spaces (same length).

    Returns ``text`` itself when there is nothing to replace.
    """
    if text.isprintable() or not (_CONTROL_RE.search(text) or _SURROGATE_RE.search(text)):
        return text
    return _SURROGATE_RE.sub("\ufffd", _CONTROL_RE.sub(" ", text))


def sanitize_name(name: str) -> str:
    """A name (file name, path, id) safe to store: undecodable bytes of a file name (lone
    surrogates from ``surrogateescape``) spelt as ``\\xNN`` escapes, so different names stay
    different; control characters as spaces."""
    if _SURROGATE_RE.search(name):
        name = name.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
    return sanitize_text(name)


def sanitize_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata with every key and string value (nested ones included) sanitised."""
    return {sanitize_text(str(k)): _value(v) for k, v in meta.items()}


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return sanitize_text(value)
    if isinstance(value, Mapping):
        return sanitize_meta(value)
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value
