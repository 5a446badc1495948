"""``sitrep ingest`` and ``sitrep load``: thin Typer commands over :mod:`sitrep.ingest`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep.errors import SitrepError
from sitrep.model import Article
from sitrep.settings import load_settings

__all__ = ["register"]

_err = Console(stderr=True)


class EngineChoice(StrEnum):
    local = "local"
    ray = "ray"


def _fail(exc: SitrepError) -> typer.Exit:
    line = " ".join(str(exc).split())  # one line, never wrapped, no markup read from it
    _err.print(f"[red]error:[/red] {escape(line)}", soft_wrap=True, highlight=False)
    return typer.Exit(code=2)


def ingest_cmd(
    sources: Annotated[
        list[str],
        typer.Argument(help="files, directories, .jsonl, .warc(.gz), feed files or feed URLs"),
    ],
    engine: Annotated[
        EngineChoice, typer.Option(help="local (process pool) or ray (RAY_ADDRESS or local)")
    ] = EngineChoice.local,
    workers: Annotated[int | None, typer.Option(help="worker processes / Ray actors")] = None,
    db: Annotated[str | None, typer.Option("--db", help="database URL or SQLite file")] = None,
    output: Annotated[
        str | None,
        typer.Option(help="write analysed articles as Parquet here (then `sitrep load`)"),
    ] = None,
    dedup: Annotated[
        bool, typer.Option("--dedup/--no-dedup", help="link exact and near-duplicates")
    ] = True,
    restart: Annotated[
        bool, typer.Option("--restart", help="ignore checkpoints and read everything again")
    ] = False,
    published: Annotated[
        str | None, typer.Option(help="publication date (YYYY-MM-DD) for inputs without one")
    ] = None,
    source: Annotated[str | None, typer.Option(help="outlet name for inputs without one")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package")] = None,
    timeout: Annotated[float, typer.Option(help="seconds to wait for a feed URL")] = 20.0,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Ingest sources resumably: kill it at any point and run it again to go on."""
    from sitrep.ingest import IngestSummary, ingest
    from sitrep.service import parse_date
    from sitrep.store import Store

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting[/bold] {task.completed} records  {task.fields[counts]}"),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
        disable=not _err.is_terminal,
    )
    try:
        settings = load_settings({"db": db, "workers": workers, "model": model})
        day = parse_date(published, "--published")  # a malformed date: one line, exit 2
        defaults = {
            k: v for k, v in {"published": day and day.isoformat(), "source": source}.items() if v
        }
        store = Store(settings.db)
        with progress:
            task = progress.add_task("ingest", total=None, counts="")

            def tick(kind: str, article: Article | None, s: IngestSummary) -> None:
                counts = (
                    f"ok={s.ok} skipped={s.skipped} failed={s.failed} "
                    f"duplicate={s.duplicate} already={s.already}"
                )
                progress.update(task, advance=1, counts=counts)

            summary = ingest(
                sources,
                settings,
                store,
                engine=engine.value,
                defaults=defaults,
                dedup=dedup,
                restart=restart,
                output=output,
                on_record=tick,
                timeout=timeout,
            )
    except SitrepError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(summary.as_dict()) + "\n")
        return
    rate = summary.total / summary.seconds if summary.seconds else 0.0
    stored = ", ".join(f"{k} {v}" for k, v in sorted(summary.stored.items()))
    _err.print(
        f"[bold]{summary.total}[/bold] records from {summary.sources} sources in "
        f"{summary.seconds:.1f}s ({rate:.1f}/s): [green]{summary.ok} ok[/green], "
        f"[yellow]{summary.skipped} skipped[/yellow], [red]{summary.failed} failed[/red], "
        f"{summary.duplicate} duplicate, {summary.already} already ingested"
        + (f"; {output if output else settings.db}: {stored}" if stored else "")
    )
    for reason, n in sorted(summary.reasons.items(), key=lambda kv: -kv[1])[:10]:
        _err.print(f"  {n:6d}  {reason}")


def load_cmd(
    path: Annotated[str, typer.Argument(help="Parquet file or directory (from --output)")],
    db: Annotated[str | None, typer.Option("--db", help="database URL or SQLite file")] = None,
) -> None:
    """Store the articles of Parquet files written by `sitrep ingest --output` (idempotent)."""
    from sitrep.ingest import load_parquet
    from sitrep.store import Store

    try:
        settings = load_settings({"db": db})
        counts = load_parquet(path, Store(settings.db), stories=settings.stories)
    except SitrepError as exc:
        raise _fail(exc) from exc
    _err.print(
        f"loaded into {settings.db}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` and ``load`` commands to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("load")(load_cmd)
