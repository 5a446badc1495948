"""``sitrep serve``: the REST API and dashboard under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``sitrep`` Typer app."""

    @app.command()
    def serve(
        db: Annotated[
            str | None, typer.Option("--db", help="database URL or SQLite file path")
        ] = None,
        host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port")] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                help="token for write endpoints (default: api_token setting / SITREP_API_TOKEN)"
            ),
        ] = None,
        log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
    ) -> None:
        """Serve the REST API (OpenAPI docs at /docs) and the dashboard at /."""
        import uvicorn
        from rich.console import Console

        from sitrep.api.app import create_app
        from sitrep.errors import SitrepError
        from sitrep.settings import load_settings

        err = Console(stderr=True)
        try:
            settings = load_settings({"db": db, "api_token": token})
            api = create_app(settings)
        except SitrepError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(code=2) from exc
        mode = "read-write (token required)" if settings.api_token else "read-only"
        err.print(f"sitrep: serving {settings.db} on http://{host}:{port}/ ({mode})")
        uvicorn.run(api, host=host, port=port, log_level=log_level)
