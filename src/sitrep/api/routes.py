"""Routes of the REST API: thin wrappers over :mod:`sitrep.store.queries` and the service."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from sitrep.api.errors import ApiError, check_token
from sitrep.api.schemas import (
    AnalyzeRequest,
    ArticleSummary,
    ClaimItem,
    ErrorBody,
    EventItem,
    Health,
    IsoDate,
    Page,
    PlaceItem,
    QuoteItem,
    StorySummary,
    TimelineBin,
)
from sitrep.model import Article, Modality, Span, Stance, Story
from sitrep.store import Store
from sitrep.store import queries as Q

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
_TEXT = 200  # longest filter string accepted
#: strings without NUL (which PostgreSQL cannot store), in the schema too
_NO_NUL = r"^[^\x00]*$"

router = APIRouter(
    responses={
        422: {"model": ErrorBody, "description": "invalid parameters"},
        413: {"model": ErrorBody, "description": "request body too large"},
    }
)
_404: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "not found"}}


async def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Text = Annotated[str | None, Query(max_length=_TEXT, pattern=_NO_NUL)]


def _clean(value: str | None, name: str) -> str | None:
    """Empty means absent; NUL characters (which PostgreSQL cannot store) are refused."""
    if value and "\x00" in value:
        raise ApiError(422, "validation", f"{name}: NUL characters are not allowed")
    return value or None


_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[0-9]{1,2})(?:\.[0-9]+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[1-8]?[0-9](?:\.[0-9]+)?)"
#: what ``bbox`` accepts, in the schema too (so no value the schema allows is refused later)
_BBOX = rf"^ *{_LON} *, *{_LAT} *, *{_LON} *, *{_LAT} *$"


def _bbox(value: str | None) -> Q.BBox | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(
            422, "validation", "bbox: expected west,south,east,north in degrees"
        ) from None
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise ApiError(422, "validation", "bbox: longitude in [-180, 180], latitude in [-90, 90]")
    return Q.BBox(west, south, east, north)


async def filters(
    since: Annotated[IsoDate | None, Query(description="on or after this date")] = None,
    until: Annotated[IsoDate | None, Query(description="on or before this date")] = None,
    q: Annotated[
        str | None,
        Query(max_length=_TEXT, pattern=_NO_NUL, description="text contains (case-insensitive)"),
    ] = None,
    actor: Annotated[
        str | None,
        Query(max_length=_TEXT, pattern=_NO_NUL, description="actor or speaker name contains"),
    ] = None,
    place: Annotated[
        str | None, Query(max_length=_TEXT, pattern=_NO_NUL, description="place name contains")
    ] = None,
    country: Annotated[
        str | None,
        Query(max_length=3, pattern=_NO_NUL, description="ISO 3166-1 alpha-2 or alpha-3 code"),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=_TEXT,
            pattern=_BBOX,
            description="west,south,east,north in degrees (longitudes in [-180, 180], "
            "latitudes in [-90, 90]; west > east crosses the antimeridian)",
        ),
    ] = None,
    type: Annotated[
        str | None,
        Query(
            max_length=_TEXT,
            pattern=_NO_NUL,
            description="PLOVER type, ACLED event or sub-event type",
        ),
    ] = None,
    stance: Annotated[Stance | None, Query(description="quote stance")] = None,
    modality: Annotated[Modality | None, Query(description="event modality")] = None,
    story: Text = None,
    source: Annotated[
        str | None, Query(max_length=_TEXT, pattern=_NO_NUL, description="outlet contains")
    ] = None,
) -> Q.Filters:
    """The shared filters; each list applies those that make sense for it. (``async``, as
    ``_store``: pure Python run in the event loop, not handed to a worker thread.)"""
    return Q.Filters(
        since=since,
        until=until,
        q=_clean(q, "q"),
        actor=_clean(actor, "actor"),
        place=_clean(place, "place"),
        country=_clean(country, "country"),
        bbox=_bbox(bbox),
        type=_clean(type, "type"),
        stance=stance,
        modality=modality,
        story=_clean(story, "story"),
        source=_clean(source, "source"),
    )


FiltersDep = Annotated[Q.Filters, Depends(filters)]


def _sent(page: Page[Any]) -> Response:
    """``page`` as the JSON the route's response model gives, made in the endpoint's worker
    thread: FastAPI would validate the returned page again in a second thread hop first."""
    return Response(page.model_dump_json(by_alias=True), media_type="application/json")


def _span(start: int | None, end: int | None) -> Span:
    s = max(0, start or 0)
    return Span(start=s, end=max(s, end or 0))


@router.get("/health", response_model=Health, tags=["meta"])
def health(request: Request, store: StoreDep) -> Health:
    counts = store.counts()
    outcomes = {k: counts.get(k, 0) for k in ("ok", "skipped", "failed")}
    return Health(
        status="ok",
        articles=outcomes["ok"],
        outcomes=outcomes,
        read_only=not request.app.state.token,
    )


# -- articles ------------------------------------------------------------------------------
@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(
    store: StoreDep,
    f: FiltersDep,
    status: Annotated[
        str | None, Query(pattern="^(ok|skipped|failed|any)$", description="outcome; any = all")
    ] = "ok",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Articles, newest first, filtered by date, text, actor, place, event type, stance."""
    f = Q.Filters(**{**f.__dict__, "status": None if status == "any" else status})
    with store.session() as session:
        page = Q.list_articles(session, f, limit, offset)
    items = [ArticleSummary.model_validate(dict(r)) for r in page.rows]
    return _sent(Page[ArticleSummary](items=items, total=page.total, limit=limit, offset=offset))


@router.get("/articles/{article_id}", response_model=Article, responses=_404, tags=["articles"])
def get_article(store: StoreDep, article_id: Annotated[str, Path(pattern=_NO_NUL)]) -> Article:
    """One article with everything extracted from it (the full record)."""
    return store.get(_clean(article_id, "article_id") or "")


# -- events --------------------------------------------------------------------------------
@router.get("/events", response_model=Page[EventItem], tags=["events"])
def list_events(
    store: StoreDep,
    f: FiltersDep,
    article: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Events, newest first; since/until apply to the event date."""
    f = Q.Filters(**{**f.__dict__, "article": _clean(article, "article")})
    with store.session() as session:
        page = Q.list_events(session, f, limit, offset)
    items = []
    for r in page.rows:
        row = dict(r)
        row["evidence"] = _span(row.pop("evidence_start"), row.pop("evidence_end"))
        items.append(EventItem.model_validate(row))
    return _sent(Page[EventItem](items=items, total=page.total, limit=limit, offset=offset))


@router.get("/timeline", response_model=list[TimelineBin], tags=["events"])
def get_timeline(store: StoreDep, f: FiltersDep) -> list[TimelineBin]:
    """Number of matching events per event date, with the days each date covers."""
    with store.session() as session:
        return [TimelineBin.model_validate(dict(r)) for r in Q.timeline(session, f)]


# -- quotes --------------------------------------------------------------------------------
@router.get("/quotes", response_model=Page[QuoteItem], tags=["quotes"])
def list_quotes(
    store: StoreDep,
    f: FiltersDep,
    article: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Attributed statements; ``actor`` matches the speaker, ``q`` the content."""
    f = Q.Filters(**{**f.__dict__, "article": _clean(article, "article")})
    with store.session() as session:
        page = Q.list_quotes(session, f, limit, offset)
    items = []
    for r in page.rows:
        row = dict(r)
        row["content_span"] = _span(row.pop("content_start"), row.pop("content_end"))
        items.append(QuoteItem.model_validate(row))
    return _sent(Page[QuoteItem](items=items, total=page.total, limit=limit, offset=offset))


# -- places --------------------------------------------------------------------------------
@router.get("/places", response_model=Page[PlaceItem], tags=["places"])
def list_places(
    store: StoreDep,
    f: FiltersDep,
    article: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Resolved toponyms with their spans; ``place`` or ``q`` match the name."""
    f = Q.Filters(**{**f.__dict__, "article": _clean(article, "article")})
    with store.session() as session:
        page = Q.list_places(session, f, limit, offset)
    items = []
    for r in page.rows:
        row = dict(r)
        row["span"] = _span(row.pop("start"), row.pop("end"))
        items.append(PlaceItem.model_validate(row))
    return _sent(Page[PlaceItem](items=items, total=page.total, limit=limit, offset=offset))


# -- stories and claims --------------------------------------------------------------------
@router.get("/stories", response_model=Page[StorySummary], tags=["stories"])
def list_stories(store: StoreDep, f: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Stories (clusters of articles across outlets), most recent first."""
    from sitrep import service

    rows, total = service.story_page(store, f, limit, offset)
    items = [StorySummary.model_validate(r) for r in rows]
    return _sent(Page[StorySummary](items=items, total=total, limit=limit, offset=offset))


_AMBIGUOUS: dict[int | str, dict[str, Any]] = {
    **_404,
    409: {"model": ErrorBody, "description": "the prefix starts several story ids"},
}


@router.get("/stories/{story_id}", response_model=Story, responses=_AMBIGUOUS, tags=["stories"])
def get_story(
    request: Request, store: StoreDep, story_id: Annotated[str, Path(pattern=_NO_NUL)]
) -> Story:
    """One story (its id or a unique start of it, as ``sitrep story`` takes): its articles,
    time span and claims with contradictions."""
    from sitrep import service

    max_claims = request.app.state.settings.max_claims
    return service.story(store, _clean(story_id, "story_id") or "", max_claims=max_claims).story


#: stories whose claims ``/claims`` lines up when no story is named (most recent first)
CLAIMS_STORIES = 200


@router.get("/claims", response_model=Page[ClaimItem], responses=_AMBIGUOUS, tags=["stories"])
def list_claims(
    request: Request,
    store: StoreDep,
    story: Annotated[
        str | None,
        Query(
            max_length=_TEXT,
            pattern=_NO_NUL,
            description=f"story id or unique prefix; without it, the claims of the "
            f"{CLAIMS_STORIES} most recent stories",
        ),
    ] = None,
    stance: Annotated[Stance | None, Query()] = None,
    actor: Annotated[
        str | None, Query(max_length=_TEXT, pattern=_NO_NUL, description="speaker contains")
    ] = None,
    contested: Annotated[bool, Query(description="only claims with a contradiction")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Claims lined up within their story; ``index`` is what ``contradicts``/``agrees`` refer
    to (indexes into that story's claims)."""
    from sitrep import service

    matching = [
        (sid, i, c)
        for sid, i, c in service.claims(
            store,
            _clean(story, "story"),
            recent=CLAIMS_STORIES,
            max_claims=request.app.state.settings.max_claims,
        )
        if (stance is None or c.stance == stance)
        and (not actor or actor.lower() in (c.speaker or "").lower())
        and (not contested or c.contradicts)
    ]
    items = [  # only the page's claims become items
        ClaimItem(story=sid, index=i, **c.model_dump())
        for sid, i, c in matching[offset : offset + limit]
    ]
    return _sent(Page[ClaimItem](items=items, total=len(matching), limit=limit, offset=offset))


# -- exports -------------------------------------------------------------------------------
def _export_articles(store: Store, f: Q.Filters) -> list[Article]:
    from sitrep import service

    return service.export_articles(store, f)


ExportStory = Annotated[
    str | None, Query(max_length=_TEXT, pattern=_NO_NUL, description="only this story")
]
ExportSince = Annotated[IsoDate | None, Query(description="published on or after")]
ExportUntil = Annotated[IsoDate | None, Query(description="published on or before")]


@router.get(
    "/export/events.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style event columns"}},
    tags=["exports"],
)
def export_csv(
    store: StoreDep, story: ExportStory = None, since: ExportSince = None, until: ExportUntil = None
) -> Response:
    from sitrep.export import events_csv

    f = Q.Filters(story=_clean(story, "story"), since=since, until=until)
    articles = _export_articles(store, f)
    return Response(
        events_csv(articles),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )


@router.get(
    "/export/events.geojson",
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {}}, "description": "FeatureCollection"}},
    tags=["exports"],
)
def export_geojson(
    store: StoreDep, story: ExportStory = None, since: ExportSince = None, until: ExportUntil = None
) -> Response:
    from sitrep.export import events_geojson

    f = Q.Filters(story=_clean(story, "story"), since=since, until=until)
    articles = _export_articles(store, f)
    body = json.dumps(events_geojson(articles), ensure_ascii=False)
    return Response(body, media_type="application/geo+json")


@router.get(
    "/export/articles.jsonl",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}, "description": "contract JSONL"}},
    tags=["exports"],
)
def export_jsonl(
    store: StoreDep, story: ExportStory = None, since: ExportSince = None, until: ExportUntil = None
) -> StreamingResponse:
    from sitrep.export import to_jsonl

    f = Q.Filters(story=_clean(story, "story"), since=since, until=until)
    articles = _export_articles(store, f)

    def lines() -> Iterator[str]:
        yield from to_jsonl(articles)

    return StreamingResponse(lines(), media_type="application/x-ndjson")


# -- writes --------------------------------------------------------------------------------
_WRITE: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body cannot be parsed (not JSON, not UTF-8)"},
    401: {"model": ErrorBody, "description": "missing or wrong token"},
    403: {"model": ErrorBody, "description": "read-only: no token configured"},
}


def require_token(
    request: Request,
    authorization: Annotated[
        str | None, Header(description="Bearer <token> (the api_token setting)")
    ] = None,
) -> None:
    """Write endpoints: checked before the body is validated."""
    check_token(request.app.state, authorization)


@router.post(
    "/analyze",
    response_model=Article,
    responses=_WRITE,
    dependencies=[Depends(require_token)],
    tags=["write"],
)
def analyze(request: Request, body: AnalyzeRequest, store: StoreDep) -> Article:
    """Analyse a submitted text or HTML page, store it and return its record."""
    from sitrep import service

    return service.analyze_and_store(
        body.text,
        store=store,
        settings=request.app.state.settings,
        published=body.published,
        title=body.title,
        url=body.url,
        source=body.source,
    )
