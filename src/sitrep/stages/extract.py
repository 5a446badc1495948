"""Extract stage: raw bytes or text -> ``Article.text`` plus title, date, URL, source and hash.

The stage composes one module per concern: :mod:`~sitrep.stages.decode` (BOMs, UTF-8,
declared HTML charsets, charset-normalizer for the rest; binary detection),
:mod:`~sitrep.stages.html` (article body of a page: trafilatura, with a tag-stripping fallback
for pages it cannot parse), :mod:`~sitrep.stages.boilerplate` and
:mod:`~sitrep.stages.furniture` (site navigation and furniture in scraped plain text) and
:mod:`~sitrep.stages.meta` (dates, titles, hosts, the content hash). Plain text without
boilerplate is kept byte-identical, so offsets index the input file.
"""

from __future__ import annotations

from sitrep.errors import InputError, SkipDocument
from sitrep.model import Outcome, OutcomeStatus
from sitrep.sources.files import RawDocument
from sitrep.sources.sanitize import sanitize_text
from sitrep.stages.base import Analysis, ExtractTrace
from sitrep.stages.boilerplate import strip_boilerplate
from sitrep.stages.decode import declared_charset, decode_bytes, is_binary
from sitrep.stages.furniture import Furniture, remove_furniture
from sitrep.stages.html import (
    DEFAULT_MAX_HTML_CHARS,
    DEFAULT_MAX_HTML_DEPTH,
    HtmlExtraction,
    extract_html,
    html_depth,
    html_to_text,
    looks_like_html,
)
from sitrep.stages.meta import (
    _detect_title,
    _furniture_record,
    _host,
    _meta_str,
    _mostly_control,
    content_hash,
    parse_date,
    stamp_date,
)

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
            published = published or found.published or stamp_date(found.furniture)
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
            # a text that came without a date keeps the one its removed stamp line states
            published = published or stamp_date(furniture)
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
