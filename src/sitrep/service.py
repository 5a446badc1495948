"""The operations users run, shared by the CLI, the REST API and the Python API."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

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


def read_documents(
    paths: Sequence[str | Path],
    defaults: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> Iterator[RawDocument]:
    settings = settings or load_settings()
    yield from iter_documents(list(paths), defaults=defaults or {}, max_bytes=settings.max_bytes)


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
) -> tuple[list[Article], BatchSummary]:
    """Analyse files/directories/JSONL/stdin, optionally store, and cluster into stories.

    Articles are returned in input order. Each one is stored as soon as it is analysed (so an
    interrupted batch keeps what it did); stories, when asked for, are assigned at the end and
    the changed story ids stored again.
    """
    summary = BatchSummary()
    articles: list[Article] = []
    for article in analyze_documents(read_documents(paths, defaults, settings), settings):
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
        return sorted(pairs, key=lambda p: (p[0].events[p[1]].date or "9999", p[0].id, p[1]))

    def outlets(self) -> list[str]:
        return sorted({a.source or a.url or a.id for a in self.articles})


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
    return [StoryView(s, [by_id[i] for i in s.article_ids if i in by_id]) for s in found]


def story(store: Store, story_id: str) -> StoryView:
    """One story by id (or a unique prefix of it)."""
    from sitrep.errors import NotFound

    matches = [v for v in stories(store, save=False) if v.story.id.startswith(story_id)]
    if len(matches) != 1:
        raise NotFound(f"no story {story_id!r}" if not matches else f"{story_id!r} is ambiguous")
    return matches[0]
