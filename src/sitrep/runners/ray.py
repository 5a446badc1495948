"""Ray Data runner: the same :meth:`Pipeline.analyze_raw` on a local or remote Ray cluster.

Raw documents go into a dataset in windows (``ray.data.from_items``); ``map_batches`` runs
:class:`AnalyzeBatch`, an actor-pool class that builds one :class:`~sitrep.pipeline.Pipeline`
per actor (model and gazetteer load once per actor) and calls ``analyze_raw`` on each batch.
No extraction code lives here. Results come back in input order as articles, or are written as
Parquet (the row format of :mod:`sitrep.parquet`) for ``sitrep load``.

Which cluster: ``RAY_ADDRESS`` (or ``address=``) when set, else a local instance with
``settings.workers`` CPUs. Ray is an optional extra (``pip install 'sitrep[ray]'``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.model import Article
from sitrep.parquet import ARTICLE_COLUMNS, article_row, article_schema
from sitrep.parquet import read_articles as read_parquet_articles
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument

__all__ = [
    "ARTICLE_COLUMNS",
    "AnalyzeBatch",
    "article_row",
    "ensure_ray",
    "raw_row",
    "read_parquet_articles",
    "row_raw",
    "run_ray",
    "write_parquet",
]

DEFAULT_WINDOW = 4096


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            "the Ray engine needs Ray: pip install 'sitrep[ray]' (ray[data])"
        ) from exc
    return ray


def ensure_ray(settings: Settings, *, address: str | None = None) -> Any:
    """Connect to ``address``/``RAY_ADDRESS`` or start a local instance (once per process)."""
    ray = _import_ray()
    if not ray.is_initialized():
        target = address or os.environ.get("RAY_ADDRESS") or None
        if target:
            ray.init(address=target, log_to_driver=False)
        else:
            ray.init(num_cpus=settings.workers, include_dashboard=False, log_to_driver=False)
    return ray


# ---- rows ----------------------------------------------------------------------------------


def raw_row(raw: RawDocument) -> dict[str, Any]:
    """A raw document as a flat row (meta as JSON)."""
    return {
        "id": raw.id,
        "data": raw.data,
        "text": raw.text,
        "kind": raw.kind,
        "meta": json.dumps(raw.meta, ensure_ascii=False, default=str),
        "origin": raw.origin,
        "error": raw.error,
        "extracted": raw.extracted.model_dump_json() if raw.extracted is not None else None,
    }


def row_raw(row: dict[str, Any]) -> RawDocument:
    extracted = row.get("extracted")
    return RawDocument(
        id=row["id"],
        data=row.get("data"),
        text=row.get("text"),
        kind=row.get("kind") or "auto",
        meta=json.loads(row.get("meta") or "{}"),
        origin=row.get("origin") or "",
        error=row.get("error"),
        extracted=Article.model_validate_json(extracted) if extracted else None,
    )


def _raw_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("data", pa.binary()),
            ("text", pa.large_string()),
            ("kind", pa.string()),
            ("meta", pa.string()),
            ("origin", pa.string()),
            ("error", pa.string()),
            ("extracted", pa.large_string()),
        ]
    )


class AnalyzeBatch:
    """Ray Data actor: one pipeline per actor; a pyarrow batch of raw rows -> article rows."""

    def __init__(self, settings_json: str) -> None:
        from sitrep.pipeline import Pipeline

        self.pipeline = Pipeline(Settings.model_validate_json(settings_json))

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        raws = [row_raw(row) for row in batch.to_pylist()]
        rows = [article_row(a) for a in self.pipeline.analyze_raw(raws)]
        return pa.Table.from_pylist(rows, schema=article_schema())


# ---- running -------------------------------------------------------------------------------


def _dataset(ray: Any, chunk: list[RawDocument], settings: Settings, actors: int) -> Any:
    import pyarrow as pa

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    table = pa.Table.from_pylist([raw_row(r) for r in chunk], schema=_raw_schema())
    # blocks made in the driver (no read tasks competing with the actors for CPUs), one batch each
    size = settings.batch_size
    blocks = [table.slice(i, size) for i in range(0, table.num_rows, size)]
    return ray.data.from_arrow(blocks).map_batches(
        AnalyzeBatch,
        fn_constructor_args=(settings.model_dump_json(),),
        batch_size=settings.batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
    )


def _actors(ray: Any, settings: Settings) -> int:
    cpus = int(ray.cluster_resources().get("CPU", settings.workers))
    return max(1, min(settings.workers, cpus) if not os.environ.get("RAY_ADDRESS") else cpus)


def run_ray(
    raws: Iterable[RawDocument],
    settings: Settings,
    *,
    window: int = DEFAULT_WINDOW,
    address: str | None = None,
) -> Iterator[Article]:
    """Analyse on Ray, yielding articles in input order.

    Documents are sent in windows of ``window`` (the next window is read while the current
    one runs), so an unbounded source streams with bounded driver memory.
    """
    ray = ensure_ray(settings, address=address)
    actors = _actors(ray, settings)
    it = iter(raws)
    chunk = list(islice(it, window))
    while chunk:
        ds = _dataset(ray, chunk, settings, actors)
        rows = ds.iter_rows()
        chunk = list(islice(it, window))  # read ahead while the cluster works
        for row in rows:
            yield Article.model_validate_json(row["record"])


def write_parquet(
    raws: Iterable[RawDocument],
    settings: Settings,
    output: str | Path,
    *,
    window: int = DEFAULT_WINDOW,
    address: str | None = None,
) -> int:
    """Analyse on Ray and let the workers write Parquet under ``output`` (one directory per
    window); returns the number of documents sent."""
    ray = ensure_ray(settings, address=address)
    actors = _actors(ray, settings)
    it = iter(raws)
    n = 0
    part = 0
    while chunk := list(islice(it, window)):
        _dataset(ray, chunk, settings, actors).write_parquet(str(Path(output) / f"w{part:05d}"))
        n += len(chunk)
        part += 1
    return n
