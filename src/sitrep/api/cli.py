"""``sitrep serve``: the REST API and dashboard under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def _port_free(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, no such interface), or ``None``."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"cannot listen on {host}: {exc.strerror or exc}"
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose --port"
    return None


#: server processes of a read-only ``sitrep serve`` without ``--workers`` (fewer on fewer
#: cores): one process answers one request at a time (Python's GIL), so a second keeps a slow
#: request from holding up the rest; 8 clients at 100k events, issue 17: list p95 142-306 ms
#: with 1 process, 70-155 ms with 2 (benchmarks/api_latency.py --clients 8)
READ_ONLY_WORKERS = 2


def default_workers(read_only: bool, cpus: int | None = None) -> int:
    """``sitrep serve``'s processes when ``--workers`` is not given: :data:`READ_ONLY_WORKERS`
    read-only (at most one per CPU core); one with a token, where each process would load its
    own analysis pipeline (model and gazetteer)."""
    if not read_only:
        return 1
    return max(1, min(READ_ONLY_WORKERS, cpus if cpus is not None else os.cpu_count() or 1))


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``sitrep`` Typer app."""

    @app.command()
    def serve(
        db: Annotated[
            str | None,
            typer.Option(
                "--db",
                metavar="URL|FILE",
                help="database URL or SQLite file (default ~/.local/share/sitrep/sitrep.db)",
            ),
        ] = None,
        host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                help="token for write endpoints (default: api_token setting / SITREP_API_TOKEN)"
            ),
        ] = None,
        log_level: Annotated[
            str,
            typer.Option(help="uvicorn log level: critical, error, warning, info, debug, trace"),
        ] = "info",
        workers: Annotated[
            int | None,
            typer.Option(
                min=1,
                max=64,
                help="server processes sharing the port (each opens the store; with a token "
                "each loads the analysis pipeline); about one per CPU core (default: "
                f"{READ_ONLY_WORKERS} read-only, at most one per CPU core; 1 with a token)",
            ),
        ] = None,
    ) -> None:
        """Serve the REST API (OpenAPI docs at /docs) and the dashboard at /.

        Read-only (no token) it serves an existing database and never creates one; with a
        token, POST /analyze may fill a new one, and the analysis pipeline (model, gazetteer)
        loads before the server starts. ``--workers N`` runs N server processes on the port
        (uvicorn's workers over :func:`sitrep.api.app.app_from_environment`), so requests use
        every core; each worker reads the same settings. By default a read-only server runs
        :func:`default_workers` processes (2 on two cores or more), one with a token.
        """
        import uvicorn
        from rich.console import Console
        from rich.markup import escape

        from sitrep.api.app import create_app
        from sitrep.errors import ConfigError, NotFound, SitrepError
        from sitrep.settings import load_settings
        from sitrep.store import Store

        err = Console(stderr=True)

        def fail(message: str) -> typer.Exit:
            line = " ".join(message.split())
            err.print(f"[red]error:[/red] {escape(line)}", soft_wrap=True, highlight=False)
            return typer.Exit(code=2)

        try:
            settings = load_settings({"db": db, "api_token": token})
            if log_level.lower() not in ("critical", "error", "warning", "info", "debug", "trace"):
                raise ConfigError(f"--log-level {log_level!r}: use info, warning, error or debug")
            try:
                store = Store(settings.db, create=bool(settings.api_token))
            except NotFound as exc:
                raise NotFound(
                    f"{exc}: nothing to serve; run `sitrep analyze FILE` first or name the "
                    "database with --db (or SITREP_DB)"
                ) from exc
            api = create_app(settings, store=store)
        except SitrepError as exc:
            raise fail(str(exc)) from exc
        busy = _port_free(host, port)
        if busy:
            raise fail(busy)
        if settings.api_token:  # POST /analyze: the model and gazetteer load now, not in a request
            from sitrep import service

            err.print("sitrep: loading the analysis pipeline (model, gazetteer)", soft_wrap=True)
            try:
                service.cached_pipeline(settings)
            except SitrepError as exc:
                raise fail(str(exc)) from exc
        if workers is None:
            workers = default_workers(read_only=not settings.api_token)
        mode = "read-write (token required)" if settings.api_token else "read-only"
        where = store.engine.url.render_as_string(hide_password=True)
        err.print(f"sitrep: serving {where} on http://{host}:{port}/ ({mode})", soft_wrap=True)
        if workers == 1:
            from sitrep.api.app import settle, warm

            warm(api)
            settle()
            uvicorn.run(api, host=host, port=port, log_level=log_level.lower())
            return
        # each worker process builds its app from the same settings, passed in the environment
        from sitrep.api.app import WORKER_SETTINGS

        store.close()
        os.environ[WORKER_SETTINGS] = settings.model_dump_json()
        err.print(f"sitrep: {workers} worker processes", soft_wrap=True)
        uvicorn.run(
            "sitrep.api.app:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level=log_level.lower(),
        )
