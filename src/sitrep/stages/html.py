"""HTML to article text: the body (trafilatura, with a tag-stripping fallback for pages it
cannot parse), title, date and URL of a page (part of the extract stage)."""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitrep.stages.boilerplate import _is_boilerplate, _words, strip_boilerplate
from sitrep.stages.furniture import Furniture, is_furniture, remove_furniture
from sitrep.stages.meta import parse_date

log = logging.getLogger(__name__)


#: HTML larger than this (characters, after dropping scripts and styles) is truncated; larger
#: than half of it, trafilatura runs without its fallback extractors (it needs ~10 s per MB of
#: dense markup otherwise)
DEFAULT_MAX_HTML_CHARS = 1_000_000
#: markup nested deeper than this is not parsed (parsers recurse on it): its tags are stripped
DEFAULT_MAX_HTML_DEPTH = 500

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
