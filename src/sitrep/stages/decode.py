"""Bytes to text: BOMs, UTF-8, declared HTML charsets, charset-normalizer for the rest, and
binary detection (part of the extract stage)."""

from __future__ import annotations

import re
from collections import Counter

# ---- decoding --------------------------------------------------------------------------------

_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!",
    b"\x7fELF",
    b"MZ",
    b"\xd0\xcf\x11\xe0",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"RIFF",
    b"\x00asm",
    b"SQLite format 3\x00",
    b"\x28\xb5\x2f\xfd",
    b"wOFF",
    b"wOF2",
    b"\xca\xfe\xba\xbe",
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:+-]+)""")
# WHATWG: labels browsers decode with a superset
_CHARSET_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` for text in UTF-16 without a byte-order mark.

    In UTF-16 text of one script, the high bytes (every other byte) take one or two values
    (``00`` for ASCII, ``04`` for Cyrillic, ``06`` for Arabic, ...) while the low bytes vary; the
    reading must decode to printable text. ASCII or UTF-8 text has varied bytes at both
    positions; random bytes too.
    """
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    for codec, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        common = Counter(high).most_common(2)
        top = sum(n for _, n in common)
        # scripts below U+2000 (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic, Thai, ...)
        if top < 0.9 * len(high) or common[0][0] >= 0x20 or len(set(low)) < 4:
            continue
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f")
        if printable >= 0.95 * len(text):
            return codec
    return None


def is_binary(data: bytes) -> bool:
    """True for data that is not text: known binary magic, NUL bytes or many control bytes."""
    if not data:
        return False
    if any(bom for bom, _ in _BOMS if data.startswith(bom)):
        return False
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    if _utf16_without_bom(sample):
        return False
    # a few NULs or control bytes in text (a bad copy, a terminal escape) are not binary
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(sample) or sample.count(0) > 0.01 * len(sample)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB (``<meta charset>``,
    ``http-equiv`` or the XML declaration), if any."""
    head = data[:4096]
    m = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    import codecs

    label = label.strip().lower()
    label = _CHARSET_SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode document bytes to text, never failing.

    Order: a byte-order mark; UTF-16 without a BOM; strict UTF-8; the ``declared`` charset when
    it decodes cleanly (a charset an HTML page names, upgraded to its WHATWG superset, e.g.
    latin-1 -> cp1252); charset-normalizer's best guess; cp1252 with replacement characters.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data[:8192])  # before UTF-8: its bytes may be valid UTF-8
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    named = _codec(declared)
    if named and named not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(named)
        except UnicodeDecodeError:
            pass
    western = _plausible_cp1252(data)
    if western is not None:
        return western
    guess = _charset_guess(data)
    if guess:
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_WESTERN_PUNCT = frozenset("“”‘’–—…€•·«»°±×÷§¶©®™£¥¢¡¿ªº\u00a0\u00ad")


def _plausible_cp1252(data: bytes) -> str | None:
    """The cp1252 reading of ``data`` when it looks like Western text: few non-ASCII letters
    among the letters (Cyrillic or Greek read as cp1252 is nearly all accented letters) and no
    symbols outside the usual typography."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return text
    letters = sum(1 for ch in text if ch.isalpha())
    high_letters = sum(1 for ch in high if ch.isalpha())
    if high_letters > 0.2 * max(letters, 1):
        return None
    odd = sum(1 for ch in high if not ch.isalpha() and ch not in _WESTERN_PUNCT)
    return text if odd <= 0.1 * len(high) else None


def _charset_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    # a sample is enough to tell single-byte code pages apart, and keeps huge files fast
    sample = data if len(data) <= 200_000 else data[:200_000].rsplit(b"\n", 1)[0]
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None
