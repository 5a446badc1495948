"""The Ray Data engine gives the same stored records as the local runner (local Ray instance)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.ingest import ingest, load_parquet
from sitrep.settings import Settings
from sitrep.store import Store

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

pytestmark = [pytest.mark.ray, pytest.mark.model]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_row_round_trip() -> None:
    from sitrep.runners.ray import raw_row, row_raw
    from sitrep.sources.files import RawDocument

    raw = RawDocument(id="a", data=b"<p>x</p>", kind="html", meta={"url": "u", "n": 1}, origin="o")
    assert row_raw(raw_row(raw)) == raw


def test_ray_equals_local(local_ray: Any, tmp_path: Path) -> None:
    from test_ingest import stored_rows, write_example_warc

    warc = write_example_warc(tmp_path / "crawl.warc.gz")
    results = {}
    for engine in ("local", "ray"):
        db = tmp_path / f"{engine}.db"
        with Store(f"sqlite:///{db}") as store:
            summary = ingest([warc], Settings(workers=2, db=str(db)), store, engine=engine)
        assert (summary.ok, summary.duplicate, summary.failed) == (5, 2, 0), summary.as_dict()
        results[engine] = stored_rows(db)
    local, on_ray = results["local"], results["ray"]
    assert len(local) == 10
    assert on_ray == local


def test_ray_parquet_then_load(local_ray: Any, tmp_path: Path) -> None:
    from test_ingest import stored_rows, write_example_warc

    warc = write_example_warc(tmp_path / "crawl.warc.gz")
    out = tmp_path / "articles"
    with Store(f"sqlite:///{tmp_path / 'state.db'}") as state:
        ingest([warc], Settings(workers=2), state, engine="ray", output=out)
    loaded = tmp_path / "loaded.db"
    with Store(f"sqlite:///{loaded}") as store:
        assert load_parquet(out, store) == {"inserted": 10}
    direct = tmp_path / "direct.db"
    with Store(f"sqlite:///{direct}") as store:
        ingest([warc], Settings(workers=2), store, engine="ray")
    assert stored_rows(loaded) == stored_rows(direct)


def test_write_parquet_on_workers(local_ray: Any, tmp_path: Path) -> None:
    from sitrep.runners.ray import read_parquet_articles, write_parquet
    from sitrep.sources.registry import iter_raw
    from test_ingest import write_example_warc

    warc = write_example_warc(tmp_path / "crawl.warc.gz")
    raws = [r for r in iter_raw([warc]) if not r.meta.get("skip")]
    n = write_parquet(raws, Settings(workers=2), tmp_path / "out")
    articles = list(read_parquet_articles(tmp_path / "out"))
    assert n == len(articles) == 7
    assert sorted(a.name for a in articles) == sorted(r.id for r in raws)
