"""The ``sitrep`` command line: thin Typer commands over :mod:`sitrep.service`.

Only this module exits; library code raises :class:`~sitrep.errors.SitrepError`.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitrep.api.cli import register as register_serve
from sitrep.errors import SitrepError
from sitrep.model import Article
from sitrep.settings import SETTINGS, load_settings

app = typer.Typer(
    name="sitrep",
    help="Raw news in, an evidence-linked record of what happened and who says so out.",
    no_args_is_help=True,
    add_completion=False,
)
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


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def _fail(exc: SitrepError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}")
    return typer.Exit(code=2)


DbOption = Annotated[str | None, typer.Option("--db", help="database URL or SQLite file path")]


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="files, directories, .jsonl files, or - for stdin")
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
    published: Annotated[
        str | None, typer.Option(help="publication date (YYYY-MM-DD) for inputs without one")
    ] = None,
    source: Annotated[str | None, typer.Option(help="outlet name for inputs without one")] = None,
    db: DbOption = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="do not write to the database")
    ] = False,
    workers: Annotated[int | None, typer.Option(help="worker processes")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package")] = None,
    stories: Annotated[
        bool | None, typer.Option("--stories/--no-stories", help="cluster into stories")
    ] = None,
) -> None:
    """Analyse documents, store them and print a summary (table) or records (json/jsonl)."""
    from sitrep import service
    from sitrep.export import to_jsonl
    from sitrep.store import Store

    try:
        settings = load_settings({"db": db, "workers": workers, "model": model, "stories": stories})
        defaults = {k: v for k, v in {"published": published, "source": source}.items() if v}
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
                paths, settings=settings, defaults=defaults, store=store, on_article=tick
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
        + (f"; stored in {settings.db}: {stored}" if store is not None else "")
    )


@app.command()
def show(doc_id: str, db: DbOption = None) -> None:
    """Show one stored article."""
    from sitrep.report import print_article
    from sitrep.store import Store

    try:
        print_article(out, Store(load_settings({"db": db}).db).get(doc_id))
    except SitrepError as exc:
        raise _fail(exc) from exc


@app.command()
def status(db: DbOption = None) -> None:
    """Counts of stored documents by outcome and of extracted records."""
    from sitrep.store import Store

    try:
        counts = Store(load_settings({"db": db}).db).counts()
    except SitrepError as exc:
        raise _fail(exc) from exc
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
    from sitrep.store import Store

    try:
        articles = Store(load_settings({"db": db}).db).articles(status="ok")
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
def stories_cmd(db: DbOption = None) -> None:
    """List the stories of the stored articles (re-clustered over the whole store)."""
    from rich.table import Table

    from sitrep import service
    from sitrep.store import Store

    try:
        views = service.stories(Store(load_settings({"db": db}).db))
    except SitrepError as exc:
        raise _fail(exc) from exc
    table = Table("story", "title", "from", "to", "articles", "claims", "contradictions")
    for v in views:
        s = v.story
        table.add_row(
            s.id,
            s.title,
            str(s.start or ""),
            str(s.end or ""),
            str(len(s.article_ids)),
            str(len(s.claims)),
            str(sum(1 for c in s.claims if c.contradicts)),
        )
    out.print(table)


@app.command("story")
def story_cmd(story_id: str, db: DbOption = None) -> None:
    """Show one story: timeline of events, claims side by side, outlets."""
    from sitrep import service
    from sitrep.report import print_story
    from sitrep.store import Store

    try:
        view = service.story(Store(load_settings({"db": db}).db), story_id)
    except SitrepError as exc:
        raise _fail(exc) from exc
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
    workers: int = 1,
    limit: Annotated[int | None, typer.Option(help="at most this many documents")] = None,
) -> None:
    """Throughput: words/s end to end and of bare spaCy nlp.pipe on the same texts."""
    from sitrep.benchmark import throughput

    try:
        report = throughput(corpus, settings=load_settings({"workers": workers}), limit=limit)
    except SitrepError as exc:
        raise _fail(exc) from exc
    for key, value in report.items():
        out.print(f"{key:28} {value}")


register_serve(app)
__import__("sitrep.ingest_cli", fromlist=["register"]).register(app)  # ingest, load


def main() -> None:
    app()


if __name__ == "__main__":
    main()
