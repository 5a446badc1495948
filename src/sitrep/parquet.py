"""Analysed articles as Parquet: the one row format, written by ``sitrep ingest --output`` (in
the driver) and by Ray's workers, read back by ``sitrep load``.

One row per article: ``id``, ``key`` (the store's idempotency key), ``status``, ``url``,
``published``, ``content_hash`` and ``record``, the full :class:`~sitrep.model.Article` as JSON.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sitrep.model import Article

__all__ = ["ARTICLE_COLUMNS", "article_row", "article_schema", "read_articles", "write_articles"]

#: the columns of an analysed-articles Parquet file; ``record`` is the Article as JSON
ARTICLE_COLUMNS = ("id", "key", "status", "url", "published", "content_hash", "record")


def article_row(article: Article) -> dict[str, Any]:
    from sitrep.store import article_key

    return {
        "id": article.id,
        "key": article_key(article),
        "status": article.outcome.status.value,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "content_hash": article.content_hash,
        "record": article.model_dump_json(),
    }


def article_schema() -> Any:
    """The pyarrow schema of article rows (every column a string)."""
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in ARTICLE_COLUMNS])


def write_articles(rows: Sequence[dict[str, Any]], directory: str | Path) -> Path:
    """Write ``rows`` as one new Parquet file under ``directory``, atomically (a reader never
    sees a partial file); returns its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(list(rows), schema=article_schema())
    name = f"part-{int(time.time() * 1000):013d}-{uuid.uuid4().hex[:8]}.parquet"
    tmp = folder / (name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, folder / name)
    return folder / name


def read_articles(path: str | Path) -> Iterator[Article]:
    """Articles from the Parquet files under ``path`` (a file or a directory tree)."""
    import pyarrow.parquet as pq

    root = Path(path)
    files = [root] if root.is_file() else sorted(root.rglob("*.parquet"))
    for file in files:
        pf = pq.ParquetFile(file)
        for batch in pf.iter_batches(columns=["record"]):
            for record in batch.column(0).to_pylist():
                yield Article.model_validate_json(record)
