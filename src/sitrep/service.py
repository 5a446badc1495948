"""The operations users run, shared by the CLI, the REST API and the Python API."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sitrep.errors import Ambiguous, InputError, NotFound
from sitrep.model import Article, Claim, OutcomeStatus, Story
from sitrep.pipeline import Pipeline
from sitrep.settings import DEFAULT_MAX_CLAIMS, Settings, load_settings
from sitrep.sources.files import RawDocument, iter_documents
from sitrep.store import Store

if TYPE_CHECKING:
    from sitrep.store.queries import Filters

#: where documents are analysed: this machine (in-process or ``workers`` processes) or Ray
EngineName = Literal["local", "ray"]
#: analyses raw documents, yielding their articles in input order
Runner = Callable[[Iterable[RawDocument], Settings], Iterator[Article]]


@lru_cache(maxsize=2)
def _pipeline(settings_json: str) -> tuple[Pipeline, threading.Lock]:
    return Pipeline(Settings.model_validate_json(settings_json)), threading.Lock()


def cached_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of ``settings`` in this process, built (model, gazetteer) on first use:
    the REST API builds it at start-up so that no request waits for it."""
    return _pipeline(settings.model_dump_json())[0]


def cached_runner(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Article]:
    """In this process, on a pipeline built once per settings (the Python API, the REST API).
    One batch at a time per pipeline: its stages keep per-document state, and the REST API
    calls this from several threads."""
    pipeline, lock = _pipeline(settings.model_dump_json())
    with lock:
        articles = list(pipeline.analyze_raw(raws))
    yield from articles


def runner(engine: EngineName = "local") -> Runner:
    """The runner of an engine: ``local`` (in-process, or a pool of ``settings.workers``
    processes) or ``ray`` (Ray Data; ``RAY_ADDRESS`` or a local instance)."""
    if engine == "ray":
        from sitrep.runners.ray import run_ray

        return run_ray
    from sitrep.runners.local import run_pool

    return run_pool


def text_document(
    text_or_html: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    doc_id: str = "text",
) -> RawDocument:
    """A text or HTML page given as a string (the Python and REST APIs) as a raw document."""
    day = published.isoformat() if isinstance(published, date) else published
    meta = {"published": day, "title": title, "url": url, "source": source}
    return RawDocument(
        id=doc_id, text=text_or_html, meta={k: v for k, v in meta.items() if v}, origin="<text>"
    )


def analyze(
    text_or_html: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyse one text or HTML page and return its record (the Python API; nothing stored)."""
    raw = text_document(text_or_html, published=published, title=title, url=url, source=source)
    articles, _ = process([raw], settings or load_settings(), run=cached_runner, stories=False)
    return articles[0]


def analyze_and_store(
    text_or_html: str,
    *,
    store: Store,
    settings: Settings,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """``POST /analyze``: one text through :func:`process`, stored, with its story, as a
    one-document ``sitrep analyze`` run."""
    raw = text_document(text_or_html, published=published, title=title, url=url, source=source)
    articles, _ = process([raw], settings, store=store, run=cached_runner)
    return articles[0]


_REASON_KEY = re.compile(r": | \(|https?://")


def reason_key(reason: str) -> str:
    """What a summary counts an outcome's reason under: the reason before its details
    (``not HTML: image/png`` -> ``not HTML``, ``near-duplicate of X (similarity ...)`` ->
    ``near-duplicate of X``)."""
    return _REASON_KEY.split(reason, 1)[0].strip()[:60]


@dataclass
class BatchSummary:
    """Counts of a batch run, by outcome and by store result (``sitrep analyze``; ``sitrep
    ingest`` counts more kinds in :class:`~sitrep.ingest.IngestSummary`)."""

    total: int = 0
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    stored: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)

    def add(self, article: Article) -> None:
        self.count(article.outcome.status.value, article)

    def count(self, kind: str, article: Article | None) -> None:
        """Count one record as ``kind`` (an outcome status, or another kind of the summary);
        its outcome's reason, when it has one, under :func:`reason_key`."""
        self.total += 1
        setattr(self, kind, getattr(self, kind) + 1)
        if article is not None and article.outcome.reason and kind != "duplicate":
            key = reason_key(article.outcome.reason)
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


def analyze_documents(
    raws: Iterable[RawDocument], settings: Settings, *, engine: EngineName = "local"
) -> Iterator[Article]:
    """Run the pipeline over raw documents on ``engine``, yielding articles in input order."""
    yield from runner(engine)(raws, settings)


def assign_stories(
    articles: Sequence[Article],
    store: Store | None = None,
    *,
    with_claims: bool = False,
    max_claims: int = DEFAULT_MAX_CLAIMS,
) -> list[Story]:
    """Cluster the ``ok`` articles of one run into stories: the one way every path assigns
    them. Fills ``Article.story`` and, with ``store``, stores the story ids (only the ids:
    the articles were saved already). ``with_claims``: line up each story's claims too (at
    most ``max_claims``: the work grows with their square)."""
    from sitrep.corpus.stories import cluster_articles

    ok = [a for a in articles if a.outcome.status is OutcomeStatus.OK]
    found = cluster_articles(ok, with_claims=with_claims, max_claims=max_claims) if ok else []
    if store is not None and ok:
        store.set_stories({a.id: a.story for a in ok})
    return found


def process(
    documents: Iterable[RawDocument],
    settings: Settings,
    *,
    store: Store | None = None,
    engine: EngineName = "local",
    run: Runner | None = None,
    on_article: Callable[[Article], None] | None = None,
    stories: bool | None = None,
) -> tuple[list[Article], BatchSummary]:
    """The one path from raw documents to stored records, shared by ``sitrep analyze``, the
    Python API and ``POST /analyze`` (``sitrep ingest`` uses its parts: :func:`runner`,
    :func:`assign_stories`).

    Each document is analysed once on ``engine`` (or by ``run``) and each article saved once,
    as soon as it is analysed (an interrupted batch keeps what it did); the stories of the
    run (``stories``, default ``settings.stories``) are assigned at the end and their ids
    stored. Articles come back in input order.
    """
    summary = BatchSummary()
    articles: list[Article] = []
    for article in (run or runner(engine))(documents, settings):
        summary.add(article)
        if store is not None:
            result = store.save_safely(article)
            summary.stored[result] = summary.stored.get(result, 0) + 1
        if on_article is not None:
            on_article(article)
        articles.append(article)
    if stories if stories is not None else settings.stories:
        assign_stories(articles, store)
    return articles, summary


def analyze_paths(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    defaults: dict[str, Any] | None = None,
    store: Store | None = None,
    on_article: Callable[[Article], None] | None = None,
    stories: bool | None = None,
    documents: Iterable[RawDocument] | None = None,
    run: Runner | None = None,
) -> tuple[list[Article], BatchSummary]:
    """Analyse files/directories/JSONL/stdin, optionally store, and cluster into stories.

    See :func:`process` (``run`` included). ``documents`` (from :func:`read_documents`)
    replaces reading ``paths`` when the caller checked and read them already.
    """
    if documents is None:
        documents = read_documents(paths, defaults, settings)
    return process(
        documents, settings, store=store, run=run, on_article=on_article, stories=stories
    )


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


def stories(
    store: Store, *, save: bool = True, max_claims: int = DEFAULT_MAX_CLAIMS
) -> list[StoryView]:
    """Cluster every stored ``ok`` article into stories (batch re-clustering over the store).

    Story ids are stable (derived from each story's earliest article), so re-running only
    changes what new articles changed; the ids are stored back on the articles when ``save``.
    """
    articles = store.articles(status=OutcomeStatus.OK.value)
    found = assign_stories(
        articles, store if save else None, with_claims=True, max_claims=max_claims
    )
    by_id = {a.id: a for a in articles}
    return [_titled(StoryView(s, [by_id[i] for i in s.article_ids if i in by_id])) for s in found]


def resolve_story(store: Store, story_id: str) -> str:
    """A stored story id from the id or a unique start of it (:class:`NotFound`, or
    :class:`Ambiguous` when it starts several)."""
    from sitrep.store import queries as Q

    with store.session() as session:
        if Q.story_exists(session, story_id):
            return story_id
        found = Q.story_ids(session, story_id)
    if not found:
        raise NotFound(f"no story {story_id!r}; `sitrep stories` lists them")
    if len(found) > 1:
        raise Ambiguous(f"{story_id!r} starts several story ids; give more of it")
    return found[0]


def _members(records: Iterable[dict[str, Any]]) -> list[Article]:
    from pydantic import ValidationError

    articles = []
    for record in records:
        try:
            articles.append(Article.model_validate(record))
        except ValidationError:  # a record the model no longer reads is left out
            continue
    return articles


def story(store: Store, story_id: str, *, max_claims: int = DEFAULT_MAX_CLAIMS) -> StoryView:
    """One stored story (by id or a unique start of it) with its member articles, oldest
    first, and its claims lined up (contradictions side by side; at most ``max_claims``):
    what ``sitrep story`` and ``GET /stories/{id}`` show."""
    from sitrep.store import queries as Q

    story_id = resolve_story(store, story_id)
    with store.session() as session:
        articles = _members(Q.story_records(session, story_id))
    if not articles:
        raise NotFound(f"no story {story_id!r}; `sitrep stories` lists them")
    return _story_view(story_id, articles, max_claims)


def _story_view(story_id: str, articles: list[Article], max_claims: int) -> StoryView:
    """A stored story from its member articles: oldest first, titled, claims lined up."""
    from sitrep.corpus.claims import line_up_claims

    articles.sort(key=lambda a: (a.published or date.max, a.id))
    dates = [a.published for a in articles if a.published]
    found = Story(
        id=story_id,
        title="",
        article_ids=[a.id for a in articles],
        start=min(dates) if dates else None,
        end=max(dates) if dates else None,
    )
    return _titled(StoryView(line_up_claims(found, articles, max_claims=max_claims), articles))


def story_page(
    store: Store, f: Filters, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of stored stories, most recent first, each titled as :func:`story_title` says:
    (rows with id, title, articles, start, end; total)."""
    from sitrep.store import queries as Q

    with store.session() as session:
        page = Q.list_stories(session, f, limit, offset)
        # the title is a member's headline: the start of text is read only for a story that
        # has none (story_title's fallback)
        members = Q.story_members(session, [str(r["id"]) for r in page.rows], head=False)
        titled = {str(m["story"]) for m in members if m["title"] and m["title"].strip()}
        untitled = [str(r["id"]) for r in page.rows if str(r["id"]) not in titled]
        if untitled:
            members = [m for m in members if str(m["story"]) in titled]
            members += Q.story_members(session, untitled)
    by_story: dict[str, list[tuple[date | None, str, str | None, str]]] = {}
    for m in members:
        by_story.setdefault(str(m["story"]), []).append(
            (m["published"], m["id"], m["title"], m["head"] or "")
        )
    rows = [{**r, "title": story_title(by_story.get(str(r["id"]), []))} for r in page.rows]
    return rows, page.total


#: lined-up claims of stored stories, by (database, story, max_claims): (signature, claims)
_CLAIMS: OrderedDict[tuple[str, str, int], tuple[str, list[Claim]]] = OrderedDict()
_CLAIMS_LOCK = threading.Lock()
#: stories whose claims stay cached (least recently used out first)
CLAIMS_CACHE = 4096


def claims(
    store: Store,
    story_id: str | None = None,
    *,
    recent: int = 200,
    max_claims: int = DEFAULT_MAX_CLAIMS,
) -> Iterator[tuple[str, int, Claim]]:
    """(story id, index, claim) of one story's claims, or of the ``recent`` most recent
    stories'; the index is what ``contradicts``/``agrees`` refer to.

    Without ``story_id``, each story's claims are lined up once and kept (up to
    :data:`CLAIMS_CACHE` stories) while its members' signature (pk, content hash, analysed
    at, pipeline version of each ok member) is unchanged; a miss reads only the records'
    quotes and the fields claims show, for every missing story in one query.
    """
    from sitrep.store import queries as Q

    if story_id:
        view = story(store, story_id, max_claims=max_claims)
        for i, c in enumerate(view.story.claims):
            yield view.story.id, i, c
        return
    db = store.engine.url.render_as_string(hide_password=True)
    with store.session() as session:
        # both kept until the next commit to a SQLite file (Q.memoised)
        ids = Q.memoised(
            session, ("latest stories", recent), lambda: Q.latest_story_ids(session, recent)
        )
        signatures = Q.memoised(
            session, ("story signatures", tuple(ids)), lambda: Q.story_signatures(session, ids)
        )
        found: dict[str, list[Claim]] = {}
        with _CLAIMS_LOCK:
            for sid in ids:
                hit = _CLAIMS.get((db, sid, max_claims))
                if hit is not None and hit[0] == signatures.get(sid):
                    _CLAIMS.move_to_end((db, sid, max_claims))
                    found[sid] = hit[1]
        missing = [sid for sid in ids if sid not in found]
        records = Q.stories_quote_records(session, missing) if missing else {}
    for sid in missing:
        members = _members(records.get(sid, []))
        found[sid] = _story_view(sid, members, max_claims).story.claims if members else []
        with _CLAIMS_LOCK:
            _CLAIMS[(db, sid, max_claims)] = (signatures.get(sid, ""), found[sid])
            while len(_CLAIMS) > CLAIMS_CACHE:
                _CLAIMS.popitem(last=False)
    for sid in ids:
        for i, c in enumerate(found[sid]):
            yield sid, i, c


def export_articles(store: Store, f: Filters) -> list[Article]:
    """The stored articles an export writes (filtered; records the model cannot read are
    left out)."""
    from sitrep.store import queries as Q

    with store.session() as session:
        return _members(Q.article_records(session, f))
