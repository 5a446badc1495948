"""Extract stage: raw bytes or text -> ``Article.text`` plus title, date, URL, source and hash.

Decoding (BOMs, UTF-8, declared HTML charsets, charset-normalizer for the rest), binary
detection, article-body extraction from HTML (trafilatura, with a tag-stripping fallback for
pages it cannot parse) and removal of site navigation at the edges of scraped plain text.
Plain text without boilerplate is kept byte-identical, so offsets index the input file.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import InputError, SkipDocument
from sitrep.model import Outcome, OutcomeStatus
from sitrep.sources.files import RawDocument
from sitrep.sources.sanitize import sanitize_text
from sitrep.stages.base import Analysis, ExtractTrace
from sitrep.stages.furniture import Furniture, is_furniture, remove_furniture

__all__ = [
    "ExtractStage",
    "HtmlExtraction",
    "content_hash",
    "decode_bytes",
    "declared_charset",
    "extract_html",
    "html_depth",
    "html_to_text",
    "is_binary",
    "looks_like_html",
    "parse_date",
    "strip_boilerplate",
]

log = logging.getLogger(__name__)

#: HTML larger than this (characters, after dropping scripts and styles) is truncated; larger
#: than half of it, trafilatura runs without its fallback extractors (it needs ~10 s per MB of
#: dense markup otherwise)
DEFAULT_MAX_HTML_CHARS = 1_000_000
#: markup nested deeper than this is not parsed (parsers recurse on it): its tags are stripped
DEFAULT_MAX_HTML_DEPTH = 500

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


# ---- HTML ------------------------------------------------------------------------------------

_HTML_SNIFF_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG_RE = re.compile(
    r"</?(?:p|div|br|span|a|table|tr|td|li|ul|h[1-6]|img|meta|script|article|section)\b[^>]*>",
    re.IGNORECASE,
)
_SCRIPT_STYLE_RE = re.compile(
    r"<(script|style|noscript|template|svg)\b([^>]*)>.*?</\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|ul|ol|tr|table|h[1-6]|article|section|header|footer|blockquote|"
    r"pre|dd|dt|dl|hr|title|main|aside|nav|form|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG_RE = re.compile(r"<[^>]*>")
_TITLE_TAG_RE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_NEWLINES_RE = re.compile(r"\n(?:[ \t]*\n)*")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


def looks_like_html(text: str) -> bool:
    """True when text is an HTML page rather than plain text (doctype/html tag, or many tags)."""
    head = text[:5000]
    if _HTML_SNIFF_RE.match(head):
        return True
    return len(_HTML_TAG_RE.findall(head)) >= 5


@dataclass
class HtmlExtraction:
    """What :func:`extract_html` found in a page."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    truncated: bool = False
    fallback: bool = False
    #: nesting depth of the markup when over the limit (tags were stripped instead of parsed)
    too_deep: int | None = None
    #: site furniture taken out of the body (newsletter prompts, share lines, teasers, ...)
    furniture: list[Furniture] = field(default_factory=list)


def _shrink(page: str, max_chars: int) -> tuple[str, bool]:
    """Drop scripts, styles and comments of a very large page (JSON-LD metadata is kept), then
    cut it at a tag boundary if it is still over ``max_chars``."""

    def keep_ld_json(m: re.Match[str]) -> str:
        return m.group(0) if m.group(1) and "ld+json" in (m.group(2) or "").lower() else ""

    page = _SCRIPT_STYLE_RE.sub(keep_ld_json, page)
    if len(page) <= max_chars:
        return page, False
    cut = page.rfind("<", 0, max_chars)
    # at a tag boundary, unless that loses most of it (one huge paragraph)
    return page[: cut if cut > max_chars // 2 else max_chars], True


_TAG_DEPTH_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li option".split()
)


def html_depth(page: str) -> int:
    """The deepest nesting of elements in a page, counted from its tags in one linear scan
    (void elements and elements whose end tag may be left out do not nest)."""
    depth = deepest = 0
    for m in _TAG_DEPTH_RE.finditer(page):
        if m.group(2).lower() in _VOID_TAGS or m.group(3):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def html_to_text(page: str) -> str:
    """Every visible text of a page, one block per paragraph: the fallback for broken HTML."""
    page = _SCRIPT_STYLE_RE.sub(" ", page)
    page = _BLOCK_TAG_RE.sub("\n", page)
    page = _ANY_TAG_RE.sub(" ", page)
    page = html_lib.unescape(page)
    lines = (_SPACES_RE.sub(" ", line).strip() for line in page.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _paragraphs(text: str) -> str:
    """One blank line between paragraphs (trafilatura puts each block on its own line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return _NEWLINES_RE.sub("\n\n", text)


def _clean_inline(value: str | None) -> str | None:
    if not value:
        return None
    value = _SPACES_RE.sub(" ", html_lib.unescape(_ANY_TAG_RE.sub(" ", value))).strip()
    return " ".join(value.split()) or None


def extract_html(
    page: str,
    *,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_HTML_CHARS,
    include_comments: bool = False,
    extensive_date_search: bool = True,
    max_depth: int = DEFAULT_MAX_HTML_DEPTH,
) -> HtmlExtraction:
    """Article body and metadata of an HTML page.

    The body is the consensus of three extractors over one parse of the page: trafilatura
    favouring recall, trafilatura favouring precision and readability. Each is scored by its
    word 4-gram agreement with the other two and the one that agrees most is kept (ties go to
    readability, then recall). One extractor's blind spot (a sidebar taken for the article, a
    cut-short body) rarely repeats in the other two. Body F1 of the raw output against
    trafilatura alone (favor_recall, with its fallbacks): Dragnet dev 0.9022 -> 0.9117, news
    dev 0.9725 -> 0.9753 (``benchmarks/extract_only.py``). The headline is not added to the
    body: it is in ``title``, and adding it cost news dev 0.005 (its gold leaves it out).

    Metadata come from trafilatura, the date falls back to htmldate's extensive search. Never
    raises for bad markup: when nothing is found the page's visible text (tags stripped) is
    returned with ``fallback=True``.
    """
    truncated = False
    if len(page) > max_chars // 2:
        page, truncated = _shrink(page, max_chars)
    quick = len(page) > max_chars // 2
    text: str | None = None
    title = published_raw = found_url = sitename = None
    depth = html_depth(page)
    too_deep = depth if depth > max_depth else None
    try:
        if too_deep:  # no parser on it: the fallback below strips the tags
            raise ValueError(f"nested {depth} levels deep")
        text, meta = _consensus(page, url, include_comments=include_comments, quick=quick)
        if meta is not None:
            title = getattr(meta, "title", None)
            published_raw = getattr(meta, "date", None)
            found_url = getattr(meta, "url", None)
            sitename = getattr(meta, "sitename", None)
    except Exception as exc:  # noqa: BLE001 - third-party parsers on arbitrary markup
        log.debug("html extraction failed: %s", exc)
    if not published_raw and extensive_date_search and not too_deep:
        published_raw = _htmldate(page, url)
    fallback = False
    if not text or not text.strip():
        text, fallback = html_to_text(page), True
    title = _clean_inline(title)
    if not title or _is_boilerplate(title) or is_furniture(title):
        m = _TITLE_TAG_RE.search(page[:200_000]) or _H1_RE.search(page)
        title = _clean_inline(m.group(1)) if m else None
        if title and (_is_boilerplate(title) or is_furniture(title)):
            title = None
    title = _without_site_suffix(title, page)
    body, furniture = remove_furniture(_cut_comments(strip_boilerplate(_paragraphs(text))))
    return HtmlExtraction(
        text=body,
        title=title,
        published=parse_date(published_raw),
        url=found_url or url,
        source=_clean_inline(sitename),
        truncated=truncated,
        fallback=fallback,
        too_deep=too_deep,
        furniture=furniture,
    )


_TITLE_SUFFIX_RE = re.compile(r"\s*[|–—:-]\s*\S.{0,60}")


def _without_site_suffix(title: str | None, page: str) -> str | None:
    """The page's headline when the title is that headline plus a site or section name
    ("A city on the brink | Editorial", "... | Al Bawaba")."""
    if not title:
        return title
    m = _H1_RE.search(page)
    headline = _clean_inline(m.group(1)) if m else None
    if (
        headline
        and len(headline) < len(title)
        and title.startswith(headline)
        and _TITLE_SUFFIX_RE.fullmatch(title[len(headline) :])
        and _words(title[len(headline) :]) <= 6
    ):
        return headline
    return title


def _consensus(
    page: str, url: str | None, *, include_comments: bool, quick: bool
) -> tuple[str | None, Any]:
    """The body text the extractors agree on most, and trafilatura's metadata document."""
    import trafilatura
    from trafilatura.external import try_readability
    from trafilatura.utils import load_html

    tree = load_html(page)
    if tree is None:
        return None, None
    common: dict[str, Any] = {
        "url": url,
        "fast": True,
        "include_comments": include_comments,
        "include_tables": True,
    }
    # bare_extraction works on its own copy of the tree
    doc = trafilatura.bare_extraction(
        tree,
        favor_recall=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
        **common,
    )
    recall = getattr(doc, "text", None) or ""
    if quick:  # a huge page: one extractor only
        return recall, doc
    precise = getattr(trafilatura.bare_extraction(tree, favor_precision=True, **common), "text", "")
    if recall.strip() and recall == precise:
        return recall, doc  # two identical votes: readability cannot outvote them
    candidates = [
        _readable_text(try_readability(tree)),  # readability edits the tree: last
        recall,
        precise or "",
    ]
    return _most_agreed(candidates), doc


def _readable_text(body: Any) -> str:
    from lxml.html import tostring

    if body is None or not len(body):
        return ""
    return html_to_text(tostring(body, encoding="unicode"))


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKENS_RE.findall(text.lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def _agreement(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    """F1 of two multisets of shingles."""
    common = sum((a & b).values())
    return 2 * common / (sum(a.values()) + sum(b.values())) if common else 0.0


def _most_agreed(candidates: list[str]) -> str:
    """The candidate with the highest summed agreement with the others (the first on ties);
    empty candidates take no part."""
    present = [c for c in candidates if c.strip()]
    if len(present) <= 2:
        return present[0] if present else ""
    sets = [_shingles(c) for c in present]
    scores = [
        sum(_agreement(s, t) for j, t in enumerate(sets) if j != i) for i, s in enumerate(sets)
    ]
    return present[max(range(len(present)), key=lambda i: (scores[i], -i))]


_COMMENTS_HEADER_RE = re.compile(
    r"\s*(?:\d+\s+(?:comments?|responses?|replies|reactions?)\b.*|comments\s*(?:\(\d+\))?:?|"
    r"(?:leave|post|add|write) a (?:comment|reply|response)\b.*|"
    r"(?:reader )?comments? (?:are )?closed\.?|(?:\d+ )?(?:thoughts|responses?) (?:on|to) .{0,120}|"
    r"show comments|view comments|no comments(?: yet)?\.?|be the first to comment\b.*|"
    r"join the (?:discussion|conversation))\s*",
    re.IGNORECASE,
)
_TOKENS_RE = re.compile(r"\w+")


def _cut_comments(text: str, min_share: float = 0.3, min_chars: int = 600) -> str:
    """Cut a readers' comment section: from a comments header ("12 Comments", "Leave a reply")
    found after the first ``min_share`` of the text or after ``min_chars`` characters of it (a
    long comment section is most of the text: Dragnet dev +0.0020, news dev +0.0000)."""
    pos = 0
    for line in text.split("\n"):
        after_body = pos > min_share * len(text) or pos > min_chars
        if after_body and len(line) < 140 and _COMMENTS_HEADER_RE.fullmatch(line):
            return text[:pos].rstrip()
        pos += len(line) + 1
    return text


# htmldate's extensive search hands free text to dateparser, which loads every locale on first
# use (seconds) and may take a second a page: it is only the fallback when markup, URL and
# htmldate's own patterns give no date
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "deferred_url_extractor": True,
}


def _htmldate(page: str, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        return find_date(
            page, url=url, extensive_search=True, original_date=True, deferred_url_extractor=True
        )
    except Exception as exc:  # noqa: BLE001 - third-party parser on arbitrary markup
        log.debug("htmldate failed: %s", exc)
        return None


# ---- plain-text boilerplate ------------------------------------------------------------------

_W = r"[\w'’&.-]+"
_BOILERPLATE_LINE_RE = re.compile(
    r"(?:"
    r"(?:back|return|go|jump|skip|scroll)(?: to)?(?: the)? (?:top|main content|content|"
    r"navigation|menu|home(?:page)?)(?: of (?:the )?page)?"
    rf"|(?:more|latest|also) (?:in|from|on|about)(?: {_W}){{1,4}}"
    rf"|(?:read|see|view|show|load) (?:more|all|full|the full)(?: {_W}){{0,4}}"
    r"|(?:continue reading|keep reading|read on|read next|up next|what to read next)"
    rf"(?: {_W}){{0,3}}"
    r"|(?:share|tweet|email|e-mail|print|save|pin|like|bookmark)(?: (?:this|the))?"
    r"(?: (?:article|story|page|post|video|link|on \w+))?"
    rf"|share (?:on|via|with)(?: {_W}){{1,3}}"
    rf"|(?:subscribe|sign up|sign in|log ?in|log ?out|register|follow us|join us|newsletters?)"
    rf"(?: {_W}){{0,5}}"
    r"|(?:related|recommended|popular|trending|top stories|editor'?s picks|further reading|"
    r"most (?:read|popular|viewed|shared|recent)|you (?:may|might) (?:also )?(?:like|enjoy)|"
    rf"related (?:articles|stories|content|topics|coverage|news|posts))(?: {_W}){{0,3}}"
    r"|advertisement|advertising|advert|sponsored(?: content)?|promoted(?: content)?|ads?"
    r"|\d* ?comments?|leave a (?:comment|reply)|add (?:a )?comment|show comments|"
    r"comment on this(?: story| article)?|join the (?:conversation|discussion)"
    r"|(?:tags?|topics?|filed under|categories|category|keywords)(?: ?: .*)?"
    r"|menu|main menu|home|search|close|toggle navigation|navigation|skip navigation|"
    r"previous|next|prev|(?:previous|next|prev) (?:article|story|post|page)"
    r"|(?:©|\(c\)|copyright).*|all rights reserved.*"
    r"|(?:privacy policy|privacy|terms (?:of use|of service|and conditions)|"
    r"cookie (?:policy|settings|preferences)|contact us|about us|site ?map|accessibility)"
    r"(?:\s*[|•·/,-]\s*.*)?"
    r"|accept|accept all|accept cookies|reject all|manage (?:cookies|preferences|settings)|"
    r"got it|i agree|dismiss"
    r"|click here.*|loading|please wait"
    r"|(?:listen|watch)(?: to)?(?: this)?(?: article| story| video)?(?: \d+ min\w*)?"
    r"|\d+ min(?:ute)?s? read"
    r")",
    re.IGNORECASE,
)
_BOILERPLATE_SENTENCE_RE = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|agree|continu\w*)\b|"
    r"\b(?:use|accept|consent|policy|settings|agree|continu\w*)\b.*\bcookies?\b|"
    r"\bjavascript\b.*\b(?:enable|disabled|browser)\b|\byour browser\b.*\b(?:support|update)\b",
    re.IGNORECASE,
)
_SOCIAL = frozenset(
    "facebook twitter x linkedin email e-mail whatsapp telegram reddit pinterest print copy "
    "link share messenger vk flipboard tumblr threads bluesky mastodon sms".split()
)
_NAV_SEP_RE = re.compile(r"\s*(?:\||•|·|»|›|::)\s*|\s+(?:>|/)\s+")
_EDGE_PUNCT = " \t\u00a0*•·-–—|>»›:#=_~"
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD_RE = re.compile(r"\w+")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def _words(line: str) -> int:
    return len(_WORD_RE.findall(line))


def _is_boilerplate(line: str) -> bool:
    """A line that is site furniture: a navigation phrase, a menu trail, share buttons, a cookie
    or JavaScript notice."""
    core = line.strip().strip(_EDGE_PUNCT).strip()
    if not core:
        return False
    words = _words(core)
    # the word count first: the sentence patterns backtrack over a long line (quadratic)
    if words <= 60 and _BOILERPLATE_SENTENCE_RE.search(core):
        return True
    if words > 8:
        return False
    if _BOILERPLATE_LINE_RE.fullmatch(core.rstrip(".…:!")):
        return True
    tokens = [t.lower() for t in _WORD_RE.findall(core)]
    if tokens and all(t in _SOCIAL for t in tokens) and len(tokens) >= 2:
        return True
    # a menu trail: "Home | World | Europe", "News > World > Europe" (not a date "03 / 08 / 2013")
    parts = [p for p in _NAV_SEP_RE.split(core) if p]
    return len(parts) >= 3 and all(_words(p) <= 3 and _HAS_LETTER_RE.search(p) for p in parts)


def _is_paragraph(line: str) -> bool:
    """A line of running text: a few words ending as a sentence ends, or a long line."""
    core = line.strip()
    n = _words(core)
    return (n >= 8 and bool(_TERMINAL_RE.search(core))) or n >= 25


def strip_boilerplate(text: str) -> str:
    """Remove site navigation before the first and after the last paragraph of scraped text.

    Returns ``text`` itself when nothing is removed. Otherwise the kept lines are returned as
    they were (indentation and inner line breaks untouched), without leading blank lines and
    trailing whitespace. Lines that are not boilerplate (a headline, a byline) are kept.
    """
    lines = text.splitlines(keepends=True)
    first = next(
        (i for i, ln in enumerate(lines) if _is_paragraph(ln) and not _is_boilerplate(ln)), None
    )
    if first is None:
        return text
    last = next(
        i
        for i in range(len(lines) - 1, first - 1, -1)
        if _is_paragraph(lines[i]) and not _is_boilerplate(lines[i])
    )
    drop: set[int] = set()
    # before the body: boilerplate lines, and short menu items among them
    head = [i for i in range(first) if lines[i].strip()]
    flagged = [i for i in head if _is_boilerplate(lines[i])]
    if flagged:
        last_flag = flagged[-1]
        for i in head:
            if i in flagged or (
                i < last_flag
                and _words(lines[i]) <= 3
                and not _TERMINAL_RE.search(lines[i].strip())
            ):
                drop.add(i)
    # after the body: everything from the first boilerplate line on
    tail = [i for i in range(last + 1, len(lines)) if lines[i].strip()]
    cut = next((i for i in tail if _is_boilerplate(lines[i])), None)
    if cut is not None:
        drop.update(range(cut, len(lines)))
    if not drop:
        return text
    kept: list[str] = []
    skipping_blank = True  # blank lines after a dropped line (and at the start) go too
    for i, line in enumerate(lines):
        if i in drop:
            skipping_blank = True
            continue
        if skipping_blank and not line.strip():
            continue
        skipping_blank = False
        kept.append(line)
    return "".join(kept).rstrip()


# ---- metadata helpers ------------------------------------------------------------------------

#: publication dates outside these years are placeholders ("0001-01-01", "9999-12-31"); they
#: are dropped (date arithmetic on them would overflow)
MIN_YEAR, MAX_YEAR = 1000, 2999
_ISO_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def parse_date(value: Any) -> date | None:
    """A date from a ``date``/``datetime`` or a string starting ``YYYY-MM-DD`` (or ``/``, ``.``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DATE_RE.search(str(value))
    if not m:
        return None
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:  # "0001-01-01": a placeholder, not a date
        return None
    try:
        return date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def content_hash(text: str) -> str:
    """sha256 of the text after Unicode NFKC and whitespace normalisation (exact-dedup key)."""
    norm = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _mostly_control(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROL_CHARS_RE.findall(sample)) > 0.05 * len(sample)


_NOT_TITLE_RE = re.compile(
    r"(?:by|posted by|written by|updated|published|posted)\s.*|(?:photo|image)s?\s*:.*|"
    r".*(?:https?://|"
    r"www\.|@\w).*|[\d\W_]+",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?(?:\d{1,2} )?(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)\w*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?(?:,? [\d:apm. ]+)?|"
    r"(?:\d{1,2} )(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}",
    re.IGNORECASE,
)


def _detect_title(text: str) -> str | None:
    """The first line when it reads as a headline: 2-25 words starting with a capital, a digit
    or a quote, not ending as a sentence or a label, more text after it, and not a byline, a
    date, a link, site furniture or navigation."""
    stripped = text.lstrip()
    line, sep, rest = stripped.partition("\n")
    line = line.strip()
    if not sep or not rest.strip() or not line or len(line) > 200:
        return None
    if (
        not (2 <= _words(line) <= 25)
        or line[-1] in ".,;:!|"
        or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        or _NOT_TITLE_RE.fullmatch(line)
        or _DATELINE_RE.fullmatch(line.rstrip("."))
        or is_furniture(line)
        or _is_boilerplate(line)
    ):
        return None
    return line


def _furniture_record(found: list[Furniture]) -> list[dict[str, str]]:
    """What the extract trace keeps of removed furniture: its kind (the reason) and text."""
    for item in found:
        log.debug("furniture removed (%s): %s", item.kind, item.text[:120])
    return [{"kind": item.kind, "text": item.text.strip()} for item in found]


def _meta_str(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return str(value).strip() or None if value not in (None, "") else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[bad": not a URL
        return None
    return host.removeprefix("www.") or None


# ---- the stage -------------------------------------------------------------------------------


class ExtractStage:
    """Turn ``analysis.raw`` (a :class:`RawDocument`) into ``article.text`` and
    metadata, or raise :class:`SkipDocument` ("empty", "binary", "no text extracted") /
    :class:`InputError` (the raw read failed)."""

    name = "extract"

    def __init__(
        self,
        *,
        max_html_chars: int = DEFAULT_MAX_HTML_CHARS,
        include_comments: bool = False,
        strip_text_boilerplate: bool = True,
        extensive_date_search: bool = True,
        max_html_depth: int = DEFAULT_MAX_HTML_DEPTH,
    ) -> None:
        self.max_html_chars = max_html_chars
        self.max_html_depth = max_html_depth
        self.extensive_date_search = extensive_date_search
        self.include_comments = include_comments
        self.strip_text_boilerplate = strip_text_boilerplate

    def __call__(self, analysis: Analysis) -> Analysis:
        raw = analysis.raw
        article = analysis.article
        if raw is None:  # an article built in code: its text is already there
            if not article.text.strip():
                raise SkipDocument("empty")
            article.content_hash = article.content_hash or content_hash(article.text)
            return analysis
        if raw.error:
            raise InputError(raw.error)
        meta = raw.meta
        body = self._decoded(raw)
        is_html = raw.kind == "html" or (raw.kind == "auto" and looks_like_html(body))
        title = _meta_str(meta, "title")
        url = _meta_str(meta, "url")
        source = _meta_str(meta, "source")
        published = parse_date(meta.get("published"))
        if is_html:
            found = extract_html(
                body,
                url=url,
                max_chars=self.max_html_chars,
                include_comments=self.include_comments,
                extensive_date_search=self.extensive_date_search,
                max_depth=self.max_html_depth,
            )
            text = found.text
            title = title or found.title
            url = url or found.url
            source = source or found.source
            published = published or found.published
            analysis.extract_trace = ExtractTrace(
                format="html",
                truncated=found.truncated,
                fallback=found.fallback,
                furniture=_furniture_record(found.furniture),
            )
            if found.truncated:
                article.outcome = Outcome(status=OutcomeStatus.OK, reason="html truncated")
            if found.too_deep:
                reason = f"html nested {found.too_deep} levels deep: tags stripped"
                article.outcome = Outcome(status=OutcomeStatus.OK, reason=reason)
        else:
            furniture: list[Furniture] = []
            text = body
            if self.strip_text_boilerplate:
                text, furniture = remove_furniture(strip_boilerplate(body))
            title = title or _detect_title(text)
            analysis.extract_trace = ExtractTrace(
                format="text",
                stripped=text is not body,
                furniture=_furniture_record(furniture),
            )
        if not text.strip():
            raise SkipDocument("no text extracted" if is_html else "empty")
        if _mostly_control(text):
            raise SkipDocument("binary")
        crawled = meta.get("crawled")  # a web archive's capture date, when the page has none
        if published is None and crawled:
            published = parse_date(str(crawled)[:10])
        article.text = text
        article.title = title or article.title
        article.url = url or article.url
        article.source = source or article.source or _host(url)
        article.published = published or article.published
        article.origin = article.origin or raw.origin or None
        article.content_hash = content_hash(text)
        lang = _meta_str(meta, "language")
        if lang and not article.language:
            article.language = lang
        return analysis

    @staticmethod
    def _decoded(raw: RawDocument) -> str:
        if raw.text is not None:
            if not raw.text.strip():
                raise SkipDocument("empty")
            return raw.text
        data = raw.data or b""
        if not data.strip():
            raise SkipDocument("empty")
        if is_binary(data):
            raise SkipDocument("binary")
        declared = _meta_str(raw.meta, "charset") or (
            declared_charset(data) if raw.kind != "text" else None
        )
        text = decode_bytes(data, declared)
        if not text.strip():
            raise SkipDocument("empty")
        if _mostly_control(text):
            raise SkipDocument("binary")
        return sanitize_text(text)  # where decoded text enters: see sitrep.sources.sanitize
