"""The FastAPI application: one error shape, a request-size cap, token-guarded writes.

``create_app(settings)`` opens the store named by ``settings.db`` and mounts the routes of
:mod:`sitrep.api.routes` and the dashboard (``/``, assets under ``/static``).
"""

from __future__ import annotations

import logging
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.api.errors import ApiError, check_token
from sitrep.errors import (
    Ambiguous,
    ConfigError,
    GazetteerError,
    InputError,
    ModelError,
    NotFound,
    SitrepError,
    SkipDocument,
    StoreError,
)
from sitrep.settings import Settings, load_settings
from sitrep.store import Store

__all__ = [
    "DEFAULT_MAX_BODY",
    "WORKER_SETTINGS",
    "ApiError",
    "app_from_environment",
    "check_token",
    "create_app",
    "settle",
    "warm",
]

log = logging.getLogger(__name__)

#: largest request body accepted (bytes); larger ones get 413
DEFAULT_MAX_BODY = 2_000_000

_STATUS: list[tuple[type[SitrepError], int]] = [
    (Ambiguous, 409),
    (NotFound, 404),
    (SkipDocument, 422),
    (InputError, 400),
    (ConfigError, 500),
    (ModelError, 503),
    (GazetteerError, 503),
    (StoreError, 503),
]


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", f"request body larger than {limit} bytes")


def error_response(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers or None
    )


def status_of(exc: SitrepError) -> int:
    return next((status for cls, status in _STATUS if isinstance(exc, cls)), 500)


class BodyLimit:
    """ASGI middleware: refuse bodies over ``limit`` bytes (declared or streamed) with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.limit:
                    status, code = (413, "too_large") if declared > 0 else (400, "bad_request")
                    message = (
                        f"request body larger than {self.limit} bytes"
                        if status == 413
                        else "invalid Content-Length"
                    )
                    await error_response(status, code, message)(scope, receive, send)
                    return
        seen = 0
        limit = self.limit

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)


def _static_dir() -> str:
    return str(resources.files("sitrep.api") / "static")


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    max_body: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The sitrep REST API and dashboard over the store of ``settings.db`` (or ``store``)."""
    from sitrep import __version__
    from sitrep.api.routes import router

    settings = settings or load_settings()
    # the docs pages (/docs, /redoc) load Swagger UI and ReDoc from assets packaged with
    # fastapi-offline (served under /static-offline-docs), never from a CDN
    app: FastAPI = FastAPIOffline(
        title="sitrep",
        version=__version__,
        description=(
            "Evidence-linked news records: articles, events, quotes, claims, places and "
            "stories. Every extracted field carries a Span (character offsets into the "
            "article text). Write endpoints need `Authorization: Bearer <token>`; without a "
            "configured token the API is read-only."
        ),
    )
    app.state.settings = settings
    app.state.store = store or Store(settings.db)
    app.state.token = settings.api_token or None
    app.add_middleware(BodyLimit, limit=max_body)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        extra = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        return error_response(exc.status, exc.code, exc.message, **extra)

    @app.exception_handler(SitrepError)
    async def _sitrep_error(_: Request, exc: SitrepError) -> JSONResponse:
        status = status_of(exc)
        if status >= 500:
            log.error("%s: %s", type(exc).__name__, exc)
        return error_response(status, exc.code, str(exc) or exc.code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:10]:
            where = ".".join(str(x) for x in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(422, "validation", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.__cause__, ApiError):  # FastAPI wraps errors raised reading the body
            return await _api_error(_, exc.__cause__)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http")
        headers = dict(exc.headers or {})  # e.g. Allow on 405
        return error_response(exc.status_code, code, str(exc.detail), **headers)

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "internal", f"internal error ({type(exc).__name__})")

    app.include_router(router)
    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        return FileResponse(f"{static}/index.html", media_type="text/html")

    return app


#: environment variable through which ``sitrep serve --workers N`` hands its settings (JSON)
#: to each worker process
WORKER_SETTINGS = "SITREP_SERVE_SETTINGS"


def app_from_environment() -> FastAPI:
    """App factory of one ``sitrep serve --workers N`` worker process (``uvicorn
    sitrep.api.app:app_from_environment --factory --workers N`` deploys the same way): the
    settings ``serve`` checked (:data:`WORKER_SETTINGS`), else the usual layered settings; with
    a token the analysis pipeline loads before the worker takes requests."""
    import os

    raw = os.environ.get(WORKER_SETTINGS)
    settings = Settings.model_validate_json(raw) if raw else load_settings()
    store = Store(settings.db, create=bool(settings.api_token))
    if settings.api_token:
        from sitrep import service

        service.cached_pipeline(settings)
    app = create_app(settings, store=store)
    warm(app)
    settle()
    return app


def warm(app: FastAPI) -> None:
    """Line up the claims ``GET /claims`` shows by default before the server takes requests:
    each server process keeps its own (``sitrep serve --workers N``), and lining them up in the
    first request would keep that request, and those queued behind it, waiting seconds. A
    store that cannot be read now is left to the requests (which then answer with the error)."""
    from sitrep import service
    from sitrep.api.routes import CLAIMS_STORIES

    try:
        for _ in service.claims(
            app.state.store, recent=CLAIMS_STORIES, max_claims=app.state.settings.max_claims
        ):
            pass
    except SitrepError as exc:
        log.warning("claims not lined up before serving: %s", exc)


def settle() -> None:
    """Once a server process is ready (modules, routes, the store, the claims :func:`warm`
    lined up), take what it holds out of the garbage collector's full passes (a collection,
    then :func:`gc.freeze`): each full pass would otherwise walk all of it again (about 140k
    objects at 100k events: 120-150 ms of CPU with the process's requests held up, and full
    passes come every ~1,000 requests early on; issue 17). What the requests make later is
    collected as before."""
    import gc

    gc.collect()
    gc.freeze()
