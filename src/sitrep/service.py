"""The operations users run, shared by the CLI, the REST API and the Python API."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.model import Article, OutcomeStatus, Story
from sitrep.pipeline import Pipeline
from sitrep.runners.local import run_pool
from sitrep.settings import Settings, load_settings
from sitrep.sources.files import RawDocument, iter_documents
from sitrep.store import Store


@lru_cache(maxsize=2)
def _pipeline(settings_json: str) -> Pipeline:
    return Pipeline(Settings.model_validate_json(settings_json))


def analyze(
    text_or_html: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyse one text or HTML page and return its record (the Python API)."""
    settings = settings or load_settings()
    pipeline = _pipeline(settings.model_dump_json())
    return pipeline.analyze_text(
        text_or_html,
        published=published.isoformat() if isinstance(published, date) else published,
        title=title,
        url=url,
        source=source,
    )


@dataclass
class BatchSummary:
    """Counts of a batch run, by outcome and by store result."""

    total: int = 0
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    stored: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)

    def add(self, article: Article) -> None:
        self.total += 1
        status = article.outcome.status
        if status is OutcomeStatus.OK:
            self.ok += 1
        elif status is OutcomeStatus.SKIPPED:
            self.skipped += 1
        else:
            self.failed += 1
        if article.outcome.reason:
            key = article.outcome.reason.split(":", 1)[0][:60]
            self.reasons[key] = self.reasons.get(key, 0) + 1


#: seconds to wait for a page given to ``analyze`` as an http(s) URL
URL_TIMEOUT = 20.0


def parse_date(value: str | date | None, what: str = "--published") -> date | None:
    """A calendar date from ``YYYY-MM-DD``; anything else is an :class:`InputError`."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(f"{what}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2023-05-23")


def check_inputs(paths: Sequence[str | Path]) -> None:
    """Refuse, before anything is read or stored, an input that cannot be read at all.

    A missing path or an unreadable file or directory raises :class:`InputError` with a
    message that says what to do; ``-`` (stdin) and http(s) URLs pass.
    """
    from sitrep.sources.feeds import is_url

    if not paths:
        raise InputError("no input given: name files, directories, .jsonl files or - for stdin")
    for spec in paths:
        name = str(spec)
        if name == "-" or is_url(name):
            continue
        path = Path(name)
        if not path.exists():
            hint = " (URLs start with http:// or https://)" if "://" in name else ""
            raise InputError(
                f"no such file or directory: {name}{hint}; "
                "give files, directories, .jsonl files or - for stdin"
            )
        if path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
            raise InputError(f"cannot read directory {name}: permission denied")
        if not path.is_dir() and not os.access(path, os.R_OK):
            raise InputError(f"cannot read file {name}: permission denied")


def fetch_page(url: str, *, timeout: float = URL_TIMEOUT, max_bytes: int) -> RawDocument:
    """One web page given by URL, fetched with a timeout; unreachable is an :class:`InputError`."""
    from sitrep.sources.feeds import fetch

    try:
        data = fetch(url, timeout=timeout, max_bytes=max_bytes)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(
            f"cannot fetch {url}: {' '.join(str(reason).split())}; "
            "check the address, or save the page and analyse the file"
        ) from exc
    slug = re.sub(r"[^A-Za-z0-9]+", "-", url.split("://", 1)[-1]).strip("-")[:60]
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return RawDocument(id=f"{slug}-{digest}", data=data, kind="auto", meta={"url": url}, origin=url)


def read_documents(
    paths: Sequence[str | Path],
    defaults: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> Iterator[RawDocument]:
    """The documents of files, directories, JSONL, stdin (``-``) and http(s) URLs.

    Every input is checked (:func:`check_inputs`) and URLs are fetched when this is called,
    before the first document is read, so a wrong path or an unreachable URL fails at once.
    """
    from sitrep.sources.feeds import is_url

    settings = settings or load_settings()
    check_inputs(paths)
    fetched = [fetch_page(str(p), max_bytes=settings.max_bytes) for p in paths if is_url(str(p))]
    for doc in fetched:
        for key, value in (defaults or {}).items():
            doc.meta.setdefault(key, value)
    files = [p for p in paths if not is_url(str(p))]
    max_bytes = settings.max_bytes

    def documents() -> Iterator[RawDocument]:
        if files:
            yield from iter_documents(files, defaults=defaults or {}, max_bytes=max_bytes)
        yield from fetched

    return documents()


def analyze_documents(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Article]:
    """Run the pipeline over raw documents with the configured runner."""
    yield from run_pool(raws, settings)


def assign_stories(articles: list[Article]) -> list[Story]:
    """Cluster analysed articles into stories, filling ``Article.story``."""
    from sitrep.corpus.stories import cluster_articles

    ok = [a for a in articles if a.outcome.status is OutcomeStatus.OK]
    return cluster_articles(ok) if ok else []


def analyze_paths(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    defaults: dict[str, Any] | None = None,
    store: Store | None = None,
    on_article: Callable[[Article], None] | None = None,
    stories: bool | None = None,
    documents: Iterable[RawDocument] | None = None,
) -> tuple[list[Article], BatchSummary]:
    """Analyse files/directories/JSONL/stdin, optionally store, and cluster into stories.

    Articles are returned in input order. Each one is stored as soon as it is analysed (so an
    interrupted batch keeps what it did); stories, when asked for, are assigned at the end and
    the changed story ids stored again. ``documents`` (from :func:`read_documents`) replaces
    reading ``paths`` when the caller checked and read them already.
    """
    summary = BatchSummary()
    articles: list[Article] = []
    if documents is None:
        documents = read_documents(paths, defaults, settings)
    for article in analyze_documents(documents, settings):
        summary.add(article)
        if store is not None:
            result = store.save_safely(article)
            summary.stored[result] = summary.stored.get(result, 0) + 1
        if on_article is not None:
            on_article(article)
        articles.append(article)
    if stories if stories is not None else settings.stories:
        assign_stories(articles)
        if store is not None:
            for article in articles:
                if article.story is not None:
                    store.save(article)
    return articles, summary


@dataclass
class StoryView:
    """A story with its member articles (for timelines, outlets and claims)."""

    story: Story
    articles: list[Article]

    def timeline(self) -> list[tuple[Article, int]]:
        """(article, event index) pairs in date order."""
        pairs = [(a, i) for a in self.articles for i in range(len(a.events))]

        def when(p: tuple[Article, int]) -> tuple[date, date, str, int]:
            e = p[0].events[p[1]]
            return (e.date_start or date.max, e.date_end or date.max, p[0].id, p[1])

        return sorted(pairs, key=when)

    def outlets(self) -> list[str]:
        return sorted({a.source or a.url or a.id for a in self.articles})


def story_title(members: Iterable[tuple[date | None, str, str | None, str]]) -> str:
    """A story's title, the same in every view: the headline of its first report.

    ``members`` are (published, article id, title, start of text); the first report is the
    earliest published (then the smallest id) that has a title, else the first line of the
    earliest one's text.
    """
    ordered = sorted(members, key=lambda m: (m[0] or date.max, m[1]))
    for _published, _id, title, _text in ordered:
        if title and title.strip():
            return " ".join(title.split())
    if not ordered:
        return ""
    lines = [ln for ln in ordered[0][3].splitlines() if ln.strip()]
    return " ".join(lines[0].split())[:200] if lines else ordered[0][1]


def _titled(view: StoryView) -> StoryView:
    title = story_title((a.published, a.id, a.title, a.text[:500]) for a in view.articles)
    view.story = view.story.model_copy(update={"title": title or view.story.title})
    return view


def story_summary(view: StoryView) -> dict[str, Any]:
    """One line of ``sitrep stories --format json``."""
    s = view.story
    return {
        "id": s.id,
        "title": s.title,
        "start": s.start.isoformat() if s.start else None,
        "end": s.end.isoformat() if s.end else None,
        "articles": len(s.article_ids),
        "claims": len(s.claims),
        "contradictions": sum(1 for c in s.claims if c.contradicts),
        "outlets": view.outlets(),
        "article_ids": s.article_ids,
    }


def story_record(view: StoryView) -> dict[str, Any]:
    """``sitrep story ID --format json``: the story record, its outlets and dated timeline."""
    record = view.story.model_dump(mode="json")
    record["outlets"] = view.outlets()
    record["timeline"] = [
        {
            "article_id": article.id,
            "index": i,
            "outlet": article.source,
            "evidence_text": article.snippet(article.events[i].evidence),
            **article.events[i].model_dump(mode="json"),
        }
        for article, i in view.timeline()
    ]
    return record


def stories(store: Store, *, save: bool = True) -> list[StoryView]:
    """Cluster every stored ``ok`` article into stories (batch re-clustering over the store).

    Story ids are stable (derived from each story's earliest article), so re-running only
    changes what new articles changed; the ids are stored back on the articles when ``save``.
    """
    articles = store.articles(status=OutcomeStatus.OK.value)
    found = assign_stories(articles)
    if save:
        for article in articles:
            store.save(article)
    by_id = {a.id: a for a in articles}
    return [_titled(StoryView(s, [by_id[i] for i in s.article_ids if i in by_id])) for s in found]


def story(store: Store, story_id: str) -> StoryView:
    """One story by id (or a unique prefix of it)."""
    from sitrep.errors import NotFound

    matches = [v for v in stories(store, save=False) if v.story.id.startswith(story_id)]
    if len(matches) != 1:
        raise NotFound(
            f"no story {story_id!r}; `sitrep stories` lists them"
            if not matches
            else f"{story_id!r} is the start of {len(matches)} story ids; give more of it"
        )
    return matches[0]
