"""The ``sitrep`` command line: thin Typer commands over :mod:`sitrep.service`.

Only this module exits; library code raises :class:`~sitrep.errors.SitrepError`.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer import core as typer_core

from sitrep import __version__
from sitrep.api.cli import register as register_serve
from sitrep.errors import NotFound, SitrepError
from sitrep.model import Article
from sitrep.settings import SETTINGS, load_settings

if TYPE_CHECKING:
    from sitrep.store import Store


def _help_type(param: Any, ctx: Any) -> str | None:
    """The value column of ``--help``: ``TEXT``/``INTEGER`` or the metavar; nothing for flags
    and arguments (recent Typer prints ``<bool>``, ``<str>``, ``<list[str]>`` there)."""
    if isinstance(param, typer_core.TyperArgument) or getattr(param, "is_flag", False):
        return None
    if param.metavar:
        return str(param.metavar)
    label = str(param.display_type(ctx)).strip("<>")
    return {"str": "TEXT", "int": "INTEGER", "float": "NUMBER"}.get(label, label)


for _param_class in ("TyperOption", "TyperArgument"):
    if hasattr(getattr(typer_core, _param_class, None), "display_type"):
        getattr(typer_core, _param_class).display_type_rich = _help_type

app = typer.Typer(
    name="sitrep",
    help="Raw news in, an evidence-linked record of what happened and who says so out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Raw news in, an evidence-linked record of what happened and who says so out.

    The default database is ~/.local/share/sitrep/sitrep.db ($XDG_DATA_HOME), the same from
    every directory; --db or SITREP_DB names another.
    """


gazetteer_app = typer.Typer(
    help="Build, extend and search the offline gazetteer.", no_args_is_help=True
)
app.add_typer(gazetteer_app, name="gazetteer")

out = Console()
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def _say_error(message: str) -> None:
    """One line on stderr, however long (no wrapping, no markup read from the message)."""
    line = " ".join(str(message).split())
    err.print(f"[red]error:[/red] {escape(line)}", soft_wrap=True, highlight=False)


def _fail(exc: SitrepError) -> typer.Exit:
    _say_error(str(exc) or exc.code)
    return typer.Exit(code=2)


def _open_store(db: str | None, *, create: bool = False) -> Store:
    """The store named by ``--db`` / settings; read commands (``create=False``) never make one."""
    from sitrep.store import Store

    settings = load_settings({"db": db})
    try:
        return Store(settings.db, create=create)
    except NotFound as exc:
        raise NotFound(
            f"{exc}: nothing analysed there yet; run `sitrep analyze FILE` first "
            "or name the database with --db (or SITREP_DB)"
        ) from exc


def _json_out(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL|FILE",
        help="database URL or SQLite file (default ~/.local/share/sitrep/sitrep.db)",
    ),
]
FormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="output format")]


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="files, directories, .jsonl files, or - for stdin")
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
    published: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help="publication date for inputs without one (anchors dates)"
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option(metavar="NAME", help="outlet name for inputs without one")
    ] = None,
    db: DbOption = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="do not write to the database")
    ] = False,
    workers: Annotated[int | None, typer.Option(metavar="N", help="worker processes")] = None,
    model: Annotated[str | None, typer.Option(metavar="NAME", help="spaCy model package")] = None,
    stories: Annotated[
        bool | None, typer.Option("--stories/--no-stories", help="cluster into stories")
    ] = None,
) -> None:
    """Analyse documents, store them and print a summary (table) or records (json/jsonl).

    PATHS are files, directories, .jsonl files, - for stdin, or http(s) URLs of pages (fetched
    with a 20 s timeout; for feeds and archives use `sitrep ingest`).
    """
    try:
        settings = load_settings({"db": db, "workers": workers, "model": model, "stories": stories})
    except SitrepError as exc:
        raise _fail(exc) from exc
    if settings.workers > 1:  # the workers' start-up overlaps this process's imports and reading
        from sitrep.runners.local import start_workers

        start_workers(settings)
    from sitrep import service
    from sitrep.export import to_jsonl
    from sitrep.runners.local import run_pool
    from sitrep.store import Store

    if settings.workers > 1 and settings.stories:
        # story clustering's imports (scipy) load now, while the workers load their model,
        # instead of after the last article, when nothing else runs
        import sitrep.corpus.stories  # noqa: F401

    try:
        day = service.parse_date(published, "--published")
        defaults = {
            k: v for k, v in {"published": day and day.isoformat(), "source": source}.items() if v
        }
        # paths checked and URLs fetched before the store opens: a wrong input stores nothing
        documents = service.read_documents(paths, defaults, settings)
        store = None if no_store else Store(settings.db)
        progress = Progress(
            TextColumn("[bold]analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        with progress:
            task = progress.add_task("analyse", total=None, status="")
            counts = {"ok": 0, "skipped": 0, "failed": 0}

            def tick(article: Article) -> None:
                counts[article.outcome.status.value] += 1
                progress.update(
                    task,
                    advance=1,
                    status=" ".join(f"{k}={v}" for k, v in counts.items()),
                )

            articles, summary = service.analyze_paths(
                paths,
                settings=settings,
                defaults=defaults,
                store=store,
                on_article=tick,
                documents=documents,
                run=functools.partial(run_pool, settle=True),  # a process of sitrep's own
            )
    except SitrepError as exc:
        raise _fail(exc) from exc

    if fmt is Format.jsonl:
        for line in to_jsonl(articles):
            sys.stdout.write(line)
    elif fmt is Format.json:
        sys.stdout.write(
            json.dumps([a.model_dump(mode="json") for a in articles], ensure_ascii=False, indent=2)
            + "\n"
        )
    else:
        from sitrep.report import print_article

        for article in articles:
            print_article(out, article)
    stored = ", ".join(f"{k} {v}" for k, v in sorted(summary.stored.items()))
    err.print(
        f"[bold]{summary.total}[/bold] documents: [green]{summary.ok} ok[/green], "
        f"[yellow]{summary.skipped} skipped[/yellow], [red]{summary.failed} failed[/red]"
        + (f"; stored in {escape(settings.db)}: {stored}" if store is not None else ""),
        soft_wrap=True,
    )


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID", help="id of a stored article")],
    db: DbOption = None,
    fmt: FormatOption = ViewFormat.table,
) -> None:
    """Show one stored article (json: the full record)."""
    from sitrep.report import print_article

    try:
        article = _open_store(db).get(doc_id)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if fmt is ViewFormat.json:
        sys.stdout.write(article.model_dump_json(indent=2) + "\n")
    else:
        print_article(out, article)


@app.command()
def status(db: DbOption = None, fmt: FormatOption = ViewFormat.table) -> None:
    """Where the database is, and counts of stored documents by outcome and of records."""
    try:
        store = _open_store(db)
        counts = store.counts()
    except SitrepError as exc:
        raise _fail(exc) from exc
    where = store.engine.url.render_as_string(hide_password=True)
    if fmt is ViewFormat.json:
        _json_out({"database": where, "counts": counts})
        return
    out.print(f"database   {where}", soft_wrap=True, highlight=False)
    for key, value in counts.items():
        out.print(f"{key:10} {value}")


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    db: DbOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Export stored records: JSONL (contract), CSV (ACLED-style events) or GeoJSON."""
    from sitrep.export import events_csv, events_geojson, to_jsonl

    try:
        articles = _open_store(db).articles(status="ok")
    except SitrepError as exc:
        raise _fail(exc) from exc
    if fmt is ExportFormat.csv:
        text = events_csv(articles)
    elif fmt is ExportFormat.geojson:
        text = json.dumps(events_geojson(articles), ensure_ascii=False) + "\n"
    else:
        text = "".join(to_jsonl(articles))
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command("stories")
def stories_cmd(db: DbOption = None, fmt: FormatOption = ViewFormat.table) -> None:
    """List the stories of the stored articles (re-clustered over the whole store)."""
    from sitrep import service
    from sitrep.report import print_stories

    try:
        max_claims = load_settings({"db": db}).max_claims
        views = service.stories(_open_store(db), max_claims=max_claims)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if fmt is ViewFormat.json:
        _json_out([service.story_summary(v) for v in views])
    else:
        print_stories(out, views)


@app.command("story")
def story_cmd(
    story_id: Annotated[
        str, typer.Argument(metavar="STORY_ID", help="a story id or a unique prefix of it")
    ],
    db: DbOption = None,
    fmt: FormatOption = ViewFormat.table,
) -> None:
    """Show one story: timeline of events, claims side by side, outlets."""
    from sitrep import service
    from sitrep.report import print_story

    try:
        max_claims = load_settings({"db": db}).max_claims
        view = service.story(_open_store(db), story_id, max_claims=max_claims)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if fmt is ViewFormat.json:
        _json_out(service.story_record(view))
    else:
        print_story(out, view)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    from sitrep.model import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command("settings")
def settings_cmd() -> None:
    """List every setting with its current value (defaults < file < SITREP_* env)."""
    current = load_settings()
    for name, default, help_text in SETTINGS:
        out.print(
            f"[bold]{name}[/bold] = {getattr(current, name)!r}  (default {default!r}): {help_text}"
        )


@gazetteer_app.command("build")
def gazetteer_build(path: Annotated[str | None, typer.Option(help="index file")] = None) -> None:
    """Build the gazetteer index from the packaged GeoNames-derived data."""
    from sitrep import gazetteer

    target = path or load_settings().gazetteer
    try:
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("building gazetteer", total=None)

            def cb(done: int, total: int | None, message: str) -> None:
                progress.update(task, completed=done, total=total, description=message)

            gazetteer.build(target, progress=cb)
    except SitrepError as exc:
        raise _fail(exc) from exc
    out.print(f"gazetteer built: {target}")


@gazetteer_app.command("import")
def gazetteer_import(
    file: Path, path: Annotated[str | None, typer.Option(help="index file")] = None
) -> None:
    """Add a GeoNames dump (allCountries.txt, RU.txt or their .zip) to the gazetteer."""
    from sitrep import gazetteer

    try:
        n = gazetteer.import_geonames(file, path or load_settings().gazetteer)
    except SitrepError as exc:
        raise _fail(exc) from exc
    out.print(f"imported {n} places from {file}")


@gazetteer_app.command("search")
def gazetteer_search(
    name: str,
    limit: int = 10,
    path: Annotated[str | None, typer.Option(help="index file")] = None,
) -> None:
    """Look a place name up in the gazetteer."""
    from rich.table import Table

    from sitrep import gazetteer

    try:
        gaz = gazetteer.open_gazetteer(path or load_settings().gazetteer)
        candidates = gaz.search(name, limit=limit)
    except SitrepError as exc:
        raise _fail(exc) from exc
    table = Table("geonames_id", "name", "feature", "country", "admin1", "lat", "lon", "population")
    for c in candidates:
        table.add_row(
            str(c.geonames_id),
            c.name,
            f"{c.feature_class}.{c.feature_code}",
            c.country or "",
            str(getattr(c, "admin1_name", None) or getattr(c, "admin1", "") or ""),
            f"{c.lat:.4f}",
            f"{c.lon:.4f}",
            str(c.population or ""),
        )
    out.print(table)


@app.command()
def bench(
    corpus: Annotated[list[str], typer.Argument(help="files or directories to analyse")],
    workers: Annotated[int, typer.Option(metavar="N", help="worker processes")] = 1,
    limit: Annotated[
        int | None, typer.Option(metavar="N", min=1, help="at most this many documents")
    ] = None,
) -> None:
    """Throughput: words/s end to end and of bare spaCy nlp.pipe on the same texts."""
    from sitrep import service
    from sitrep.benchmark import throughput

    try:
        settings = load_settings({"workers": workers})
        service.check_inputs(corpus)
        report = throughput(corpus, settings=settings, limit=limit)
    except SitrepError as exc:
        raise _fail(exc) from exc
    for key, value in report.items():
        out.print(f"{key:28} {value}")


register_serve(app)
__import__("sitrep.ingest_cli", fromlist=["register"]).register(app)  # ingest, load


def _usage_errors() -> tuple[type[BaseException], ...]:
    """Typer's command-line errors (its own vendored click, or click itself)."""
    import click

    found: list[type[BaseException]] = [click.ClickException]
    typer_error = getattr(typer, "TyperException", None)
    if isinstance(typer_error, type) and issubclass(typer_error, BaseException):
        found.append(typer_error)
    return tuple(found)


def main(argv: Sequence[str] | None = None) -> None:
    """The ``sitrep`` command: a wrong command or value is one line on stderr and exit 2."""
    try:
        code = app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except _usage_errors() as exc:
        format_message = getattr(exc, "format_message", None)
        message = format_message() if callable(format_message) else str(exc)
        ctx = getattr(exc, "ctx", None)
        where = f"{ctx.command_path} --help" if ctx is not None else "sitrep --help"
        if message.strip():  # a bare `sitrep` / `sitrep gazetteer` printed its help already
            _say_error(f"{message} (see {where})")
        raise SystemExit(getattr(exc, "exit_code", 2) or 2) from None
    except (KeyboardInterrupt, typer.Abort):
        _say_error("interrupted")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
