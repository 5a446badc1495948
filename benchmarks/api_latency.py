"""REST API list-query latency over 100,000 synthetic events, on SQLite and PostgreSQL.

Bulk-inserts synthetic articles (5 events, 1 quote and 2 places each, 10 articles a story)
straight into the store's tables, then times list requests with filters and pagination.

Sequential (default): through the in-process ASGI client (the whole API path: validation, SQL,
counting, response models); median and 95th percentile per query kind and over all requests.

Concurrent (``--clients N``): ``sitrep serve`` in a subprocess (as deployed; with its default
number of processes unless ``--workers W`` is given) and N client threads over HTTP,
``--total`` requests in all, every list query kind plus ``/claims`` in turn; median, p95 and p99
per kind and over all requests, and the errors (targets, issue 17: list endpoints p95 < 150 ms,
``/claims`` p95 < 300 ms with 8 clients at 100k events).

Usage:
    python benchmarks/api_latency.py [--events 100000] [--requests 50] [--pg URL]
    python benchmarks/api_latency.py --sqlite /tmp/bench.db --reuse --clients 8 --total 2000
    python benchmarks/api_latency.py --no-sqlite --pg URL --pg-db sitrep_bench --reuse --keep \
        --clients 8 --total 2000

PostgreSQL runs too when ``--pg`` or ``SITREP_TEST_PG`` names a server (a scratch database,
``--pg-db``, default ``sitrep_bench``, is created there and dropped afterwards; ``--keep``
leaves it, and ``--reuse`` uses it as it is when it exists).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text

from sitrep.store import Store
from sitrep.store.repository import normalise_url
from sitrep.store.schema import ArticleRow, EventRow, PlaceRow, QuoteRow

EVENTS_PER_ARTICLE = 5
ACTORS = [f"Actor {c}{n}" for c in "ABCDEFGHIJ" for n in range(20)]  # 200 actors
PLACES = [
    (f"Town {n}", 44 + (n % 17) * 0.5, 22 + (n // 17) * 0.8, "UA" if n % 3 else "RU")
    for n in range(300)
]
PLOVER = ["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "ACCUSE", "CONSULT", "AID", "THREATEN"]
ACLED = ["Battles", "Explosions/Remote violence", "Protests", "Riots", "Strategic developments"]
MODALITY = ["reported", "claimed", "denied", "planned"]
STANCES = ["assert", "deny", "confirm", "speculate", "other"]
WORDS = [
    "shelling",
    "drone",
    "strike",
    "convoy",
    "evacuation",
    "ceasefire",
    "border",
    "village",
    "bridge",
    "port",
    "refinery",
    "checkpoint",
    "market",
    "hospital",
    "school",
    "railway",
]
START = date(2022, 1, 1)


def _rows(n_articles: int, seed: int = 7) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Rows per table in batches, deterministic for a seed."""
    rng = random.Random(seed)
    batch: dict[str, list[dict[str, Any]]] = {"a": [], "e": [], "q": [], "p": []}
    for pk in range(1, n_articles + 1):
        day = START + timedelta(days=rng.randrange(730))
        words = rng.sample(WORDS, 4)
        body = f"Report {pk}: {' '.join(words)} near {rng.choice(PLACES)[0]}, officials said."
        doc_id = f"doc-{pk}"
        batch["a"].append(
            {
                "pk": pk,
                "key": f"sha256:{pk:064x}",
                "doc_id": doc_id,
                "origin": None,
                "url": None,
                "title": f"{words[0].title()} report {pk}",
                "source": f"Outlet {pk % 40}",
                "published": day,
                "language": "en",
                "content_hash": f"{pk:064x}",
                "status": "ok",
                "reason": None,
                "story": f"story-{pk // 10}",
                "pipeline_version": "bench",
                "analysed_at": None,
                "text": body,
                "record": {"id": doc_id, "text": body, "published": day.isoformat()},
            }
        )
        for idx in range(EVENTS_PER_ARTICLE):
            name, lat, lon, country = rng.choice(PLACES)
            batch["e"].append(
                {
                    "article_pk": pk,
                    "idx": idx,
                    "plover_type": rng.choice(PLOVER),
                    "acled_event_type": rng.choice(ACLED),
                    "acled_sub_event_type": None,
                    "event_date": (when := day - timedelta(days=rng.randrange(3))).isoformat(),
                    "event_precision": "day",
                    "event_start": when,
                    "event_end": when,
                    "modality": rng.choice(MODALITY),
                    "actor1": rng.choice(ACTORS),
                    "actor2": rng.choice(ACTORS) if rng.random() < 0.5 else None,
                    "location": name,
                    "admin1": f"Region {name[-1]}",
                    "country": country,
                    "lat": lat,
                    "lon": lon,
                    "evidence_start": 0,
                    "evidence_end": len(body),
                    "evidence": body,
                }
            )
        batch["q"].append(
            {
                "article_pk": pk,
                "idx": 0,
                "speaker": rng.choice(ACTORS),
                "stance": rng.choice(STANCES),
                "kind": "indirect",
                "channel": None,
                "hedged": False,
                "content": body,
                "cue": "said",
                "content_start": 0,
                "content_end": len(body),
            }
        )
        for _ in range(2):
            name, lat, lon, country = rng.choice(PLACES)
            batch["p"].append(
                {
                    "article_pk": pk,
                    "start": 0,
                    "end": 6,
                    "text": name,
                    "name": name,
                    "geonames_id": None,
                    "lat": lat,
                    "lon": lon,
                    "admin1": None,
                    "country": country,
                    "literal": True,
                }
            )
        # the record holds what the tables hold, as a stored record does (claims read it)
        record = batch["a"][-1]["record"]
        record["quotes"] = [
            {
                "content": {"start": q["content_start"], "end": q["content_end"]},
                "speaker": q["speaker"],
                "stance": q["stance"],
                "kind": q["kind"],
            }
            for q in batch["q"][-1:]  # this article's quote
        ]
        record["events"] = [
            {
                "evidence": {"start": e["evidence_start"], "end": e["evidence_end"]},
                "plover_type": e["plover_type"],
                "acled_event_type": e["acled_event_type"],
                "date": e["event_date"],
                "modality": e["modality"],
            }
            for e in batch["e"][-EVENTS_PER_ARTICLE:]
        ]
        if pk % 2000 == 0 or pk == n_articles:
            for key in "aeqp":
                yield key, batch[key]
            batch = {"a": [], "e": [], "q": [], "p": []}


def bulk_load(url: str, n_events: int) -> float:
    """Create the schema and insert the synthetic rows; seconds taken."""
    t0 = time.perf_counter()
    store = Store(url)
    tables = {"a": ArticleRow, "e": EventRow, "q": QuoteRow, "p": PlaceRow}
    with store.engine.begin() as conn:
        for key, rows in _rows(max(1, n_events // EVENTS_PER_ARTICLE)):
            if rows:
                conn.execute(insert(tables[key]), rows)
        # what the store adds with each event (Store.save): its actors' names
        conn.execute(
            text(
                "INSERT INTO actor_names (name) SELECT actor1 FROM events WHERE actor1 IS NOT "
                "NULL UNION SELECT actor2 FROM events WHERE actor2 IS NOT NULL"
            )
        )
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('articles', 'pk'), "
                    "(SELECT max(pk) FROM articles))"
                )
            )
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
    store.close()
    return time.perf_counter() - t0


def _requests(n: int) -> list[tuple[str, Callable[[int], dict[str, Any]]]]:
    def month(i: int) -> dict[str, Any]:
        d = START + timedelta(days=(i * 13) % 700)
        return {"since": d.isoformat(), "until": (d + timedelta(days=30)).isoformat()}

    return [
        ("events page", lambda i: {"limit": 50, "offset": (i * 997) % 20_000}),
        ("events date range", lambda i: {**month(i), "limit": 50}),
        ("events type+page", lambda i: {"type": PLOVER[i % 8], "offset": (i % 10) * 50}),
        (
            "events bbox",
            lambda i: {"bbox": f"{22 + i % 10},{44 + i % 5},{26 + i % 10},{48 + i % 5}"},
        ),
        ("events actor", lambda i: {"actor": ACTORS[(i * 7) % 200]}),
        ("events text", lambda i: {"q": WORDS[i % 16], "limit": 20}),
        (
            "events combined",
            lambda i: {
                **month(i),
                "type": PLOVER[i % 8],
                "country": "UA",
                "modality": MODALITY[i % 4],
            },
        ),
        ("articles range", lambda i: {**month(i), "limit": 50}),
        ("quotes stance", lambda i: {"stance": STANCES[i % 5], "offset": (i % 20) * 50}),
        ("places country", lambda i: {"country": "UA" if i % 2 else "RU", "limit": 100}),
        ("stories", lambda i: {"offset": (i % 20) * 50}),
    ][:n]


PATHS = {
    "events": "/events",
    "articles": "/articles",
    "quotes": "/quotes",
    "places": "/places",
    "stories": "/stories",
}


def time_queries(url: str, n_requests: int) -> dict[str, tuple[float, float]]:
    """Median and p95 (ms) per query kind, and over all requests ('ALL')."""
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.settings import Settings

    store = Store(url)
    out: dict[str, tuple[float, float]] = {}
    every: list[float] = []
    with TestClient(create_app(Settings(db=url), store=store)) as client:
        for name, params in _requests(100):
            path = PATHS[name.split()[0]]
            client.get(path, params=params(0))  # warm caches once
            times = []
            for i in range(n_requests):
                t0 = time.perf_counter()
                r = client.get(path, params=params(i))
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{name}: HTTP {r.status_code} {r.text[:200]}")
            every.extend(times)
            out[name] = (statistics.median(times), _p95(times))
        t0 = time.perf_counter()
        for i in range(n_requests):
            client.get(f"/articles/doc-{1 + (i * 389) % 1000}")
        out["article by id"] = ((time.perf_counter() - t0) * 1000 / n_requests, float("nan"))
    store.close()
    out["ALL"] = (statistics.median(every), _p95(every))
    return out


def _p95(values: list[float]) -> float:
    return _pct(values, 0.95)


def _pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def _concurrent_requests() -> list[tuple[str, str, Callable[[int], dict[str, Any]]]]:
    """(kind, path, params) of every query kind, ``/claims`` (the default and one story) too."""
    kinds = [(name, PATHS[name.split()[0]], params) for name, params in _requests(100)]
    kinds.append(("claims", "/claims", lambda i: {}))
    kinds.append(("claims story", "/claims", lambda i: {"story": f"story-{(i * 37) % 2000}"}))
    return kinds


def time_concurrent(
    url: str, clients: int, total: int, workers: int | None = None
) -> dict[str, tuple[float, ...]]:
    """``sitrep serve`` over ``url`` in a subprocess (as a user deploys it: its default
    processes, or ``--workers W``), ``clients`` threads sending ``total`` requests over HTTP
    (the kinds in turn); (median, p95, p99, n) in ms per kind and 'ALL'."""
    import socket
    import subprocess
    import sys
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [sys.executable, "-c", "from sitrep.cli import main; main()", "serve", "--db", url]
    cmd += ["--port", str(port), "--log-level", "warning"]
    cmd += ["--workers", str(workers)] if workers else []
    server = subprocess.Popen(cmd)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        kinds = _concurrent_requests()
        for _name, path, params in kinds:  # warm caches once
            httpx.get(base + path, params=params(0), timeout=60)
        local = threading.local()
        errors: list[str] = []

        def one(i: int) -> tuple[str, float]:
            client = getattr(local, "client", None)
            if client is None:
                client = local.client = httpx.Client(base_url=base, timeout=120)
            name, path, params = kinds[i % len(kinds)]
            t0 = time.perf_counter()
            r = client.get(path, params=params(i // len(kinds)))
            ms = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                errors.append(f"{name}: HTTP {r.status_code} {r.text[:200]}")
            return name, ms

        with ThreadPoolExecutor(clients) as pool:
            results = list(pool.map(one, range(total)))
    finally:
        server.terminate()
        server.wait(30)
    by_kind: dict[str, list[float]] = {}
    for name, ms in results:
        by_kind.setdefault(name, []).append(ms)
    every = [ms for _name, ms in results]
    out = {
        name: (statistics.median(v), _pct(v, 0.95), _pct(v, 0.99), float(len(v)))
        for name, v in by_kind.items()
    }
    out["ALL"] = (statistics.median(every), _pct(every, 0.95), _pct(every, 0.99), float(total))
    out["errors"] = (float(len(errors)),)
    for line in errors[:5]:
        print("error:", line)
    return out


def _report(label: str, load_s: float, results: dict[str, tuple[float, float]]) -> None:
    print(f"\n== {label}: bulk load {load_s:.1f} s")
    print(f"{'query':22} {'median ms':>10} {'p95 ms':>8}")
    for name, (median, p95) in results.items():
        print(f"{name:22} {median:10.1f} {p95:8.1f}")


def _report_concurrent(label: str, load_s: float, results: dict[str, tuple[float, ...]]) -> None:
    print(f"\n== {label}: bulk load {load_s:.1f} s, load average {os.getloadavg()[0]:.1f}")
    print(f"{'query':22} {'median ms':>10} {'p95 ms':>8} {'p99 ms':>8} {'n':>6}")
    for name, values in results.items():
        if name == "errors":
            print(f"errors: {int(values[0])}")
            continue
        median, p95, p99, n = values
        print(f"{name:22} {median:10.1f} {p95:8.1f} {p99:8.1f} {int(n):6d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50, help="requests per query kind")
    parser.add_argument(
        "--pg",
        default=os.environ.get("SITREP_TEST_PG"),
        help="PostgreSQL server URL (default: $SITREP_TEST_PG)",
    )
    parser.add_argument("--sqlite", default=None, help="SQLite file (default: a temp file)")
    parser.add_argument(
        "--reuse", action="store_true", help="use the --sqlite file as it is if it exists"
    )
    parser.add_argument(
        "--clients", type=int, default=0, help="concurrent HTTP clients (0: sequential ASGI)"
    )
    parser.add_argument("--total", type=int, default=2000, help="requests in all (--clients)")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="sitrep serve --workers (--clients; default: none given, sitrep serve's own "
        "default, 2 read-only on two cores or more)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--pg-db", default="sitrep_bench", help="scratch database on --pg")
    parser.add_argument(
        "--keep", action="store_true", help="leave the --pg-db database (for --reuse)"
    )
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(args.sqlite or Path(tmp) / "bench.db")
            load = float("nan")
            if not (args.reuse and path.exists()):
                path.unlink(missing_ok=True)
                load = bulk_load(f"sqlite:///{path}", args.events)
            _run(args, "SQLite", f"sqlite:///{path}", load)
    if args.pg:
        admin = create_engine(normalise_url(args.pg), isolation_level="AUTOCOMMIT")
        name = args.pg_db
        pg = args.pg.rsplit("/", 1)[0] + "/" + name
        with admin.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not (args.reuse and found):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            load = float("nan") if args.reuse and found else bulk_load(pg, args.events)
            _run(args, "PostgreSQL", pg, load)
        finally:
            if not args.keep:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        print("\n(PostgreSQL skipped: pass --pg URL or set SITREP_TEST_PG)")


def _run(args: argparse.Namespace, label: str, url: str, load: float) -> None:
    """The sequential or (``--clients``) concurrent timing of one database, reported."""
    if not args.clients:
        _report(f"{label}, {args.events} events", load, time_queries(url, args.requests))
        return
    Store(url).close()  # an older database is migrated before the clients start
    how = f"{args.clients} clients, {args.workers} workers"
    if args.workers is None:
        from sitrep.api.cli import default_workers

        how = f"{args.clients} clients, {default_workers(read_only=True)} workers (default)"
    results = time_concurrent(url, args.clients, args.total, args.workers)
    _report_concurrent(f"{label}, {args.events} events, {how}", load, results)


if __name__ == "__main__":
    main()
