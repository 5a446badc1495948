"""Ingest throughput: WARC reading, extraction, dedup and analysis (1 worker, N workers, Ray).

Builds a WARC from the texts of ``../shared/bench/geo/inputs`` wrapped as HTML pages (or from
``--corpus DIR`` of .txt files), then measures pages/s of each driver step and of whole ingest
runs into fresh SQLite databases. "steady" rates leave out start-up (model loading in workers,
Ray start): they count pages stored after the first analysed page arrived.

    python benchmarks/ingest_throughput.py [--limit 300] [--workers 2] [--no-ray]

Other jobs on the machine skew the figures: ratios within one run are what to compare; check
``uptime`` and re-run when the machine is quiet.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "geo" / "inputs"


def build_warc(corpus: Path, limit: int, path: Path) -> int:
    from sitrep.sources.warc import WarcPage, write_warc

    pages = []
    for i, txt in enumerate(sorted(corpus.glob("*.txt"))[:limit]):
        text = txt.read_text(encoding="utf-8", errors="replace").strip()
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        if not lines:
            continue
        title, body = lines[0], lines[1:] or lines
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in body)
        page = (
            f"<html><head><title>{html.escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{paras}</article>"
            f"<footer>Contact us | Privacy | Terms</footer></body></html>"
        )
        pages.append(WarcPage(f"https://bench.example/{i}/{txt.stem}", page.encode("utf-8")))
    return write_warc(path, pages)


def stage_rates(warc: Path) -> dict[str, float]:
    """Pages/s of WARC reading, driver extraction and dedup, measured separately."""
    from sitrep.corpus.dedup import Deduplicator
    from sitrep.ingest import _Preparer
    from sitrep.sources.warc import iter_warc

    t0 = time.perf_counter()
    raws = [r.raw for r in iter_warc(warc)]
    read_s = time.perf_counter() - t0
    prepare = _Preparer()
    t0 = time.perf_counter()
    texts = [(r.origin, prepare(r).text) for r in raws]
    extract_s = time.perf_counter() - t0
    dd = Deduplicator()
    t0 = time.perf_counter()
    for key, text in texts:
        dd.add(key, text)
    dedup_s = time.perf_counter() - t0
    n = len(raws)
    return {
        "pages": n,
        "warc_read_pages_per_s": n / read_s,
        "extract_pages_per_s": n / extract_s,
        "dedup_pages_per_s": n / dedup_s,
    }


def run_ingest(warc: Path, engine: str, workers: int, tmp: Path) -> dict[str, Any]:
    from sitrep.ingest import ingest
    from sitrep.settings import load_settings
    from sitrep.store import Store

    db = tmp / f"{engine}-{workers}.db"
    settings = load_settings({"workers": workers, "db": str(db)})
    stamps: list[float] = []

    def on_record(kind: str, article: Any, summary: Any) -> None:
        if kind in ("ok", "skipped", "failed"):
            stamps.append(time.perf_counter())

    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    with Store(f"sqlite:///{db}") as store:
        summary = ingest([warc], settings, store, engine=engine, on_record=on_record)  # type: ignore[arg-type]
    total = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    analysed = len(stamps)
    steady = (analysed - 1) / (stamps[-1] - stamps[0]) if analysed > 1 else 0.0
    return {
        "engine": engine,
        "workers": workers,
        "analysed": analysed,
        "ok": summary.ok,
        "duplicate": summary.duplicate,
        "seconds": round(total, 1),
        "pages_per_s": round(summary.total / total, 2),
        "steady_pages_per_s": round(steady, 2),
        "startup_s": round(stamps[0] - t0, 1) if stamps else None,
        # CPU seconds of this process and its finished children (pool workers; not Ray's)
        "cpu_s": round(cpu, 1) if engine == "local" else None,
        "driver_s": {k: round(v, 2) for k, v in summary.timings.items()},
    }


def _cpu_seconds() -> float:
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"skip: {args.corpus} is not available")
        return 0
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        warc = tmp / "bench.warc.gz"
        n = build_warc(args.corpus, args.limit, warc)
        print(f"corpus: {n} pages from {args.corpus} ({warc.stat().st_size // 1024} KiB WARC.gz)")
        rates = stage_rates(warc)
        runs = [run_ingest(warc, "local", 1, tmp)]
        print(json.dumps(runs[-1]))
        runs.append(run_ingest(warc, "local", args.workers, tmp))
        print(json.dumps(runs[-1]))
        if not args.no_ray:
            try:
                import ray

                ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
                runs.append(run_ingest(warc, "ray", args.workers, tmp))
                print(json.dumps(runs[-1]))
                ray.shutdown()
            except ImportError:
                print("ray: not installed (pip install 'sitrep[ray]')")
    single, multi = runs[0], runs[1]
    analysis = single["steady_pages_per_s"]
    report: dict[str, Any] = {
        **{k: round(v, 1) for k, v in rates.items()},
        "analysis_pages_per_s (1 worker, steady)": analysis,
        "warc_read / analysis": round(rates["warc_read_pages_per_s"] / analysis, 1),
        "dedup / analysis": round(rates["dedup_pages_per_s"] / analysis, 1),
        "extract / analysis": round(rates["extract_pages_per_s"] / analysis, 1),
        f"workers {args.workers} / 1 (steady)": round(multi["steady_pages_per_s"] / analysis, 2),
        f"workers {args.workers} / 1 (end to end)": round(
            multi["pages_per_s"] / single["pages_per_s"], 2
        ),
    }
    if single.get("cpu_s") and multi.get("cpu_s"):
        # what the speed-up would be with the cores to ourselves: the same work spread over N
        # processes, limited by the extra CPU the pool costs
        report[f"workers {args.workers} / 1 (CPU-bound estimate)"] = round(
            min(args.workers, args.workers * single["cpu_s"] / multi["cpu_s"]), 2
        )
    if len(runs) > 2:
        ray_run = runs[2]
        report[f"ray {args.workers} cpus / workers {args.workers} (steady)"] = round(
            ray_run["steady_pages_per_s"] / multi["steady_pages_per_s"], 2
        )
        report[f"ray {args.workers} cpus / workers {args.workers} (end to end)"] = round(
            ray_run["pages_per_s"] / multi["pages_per_s"], 2
        )
    print(f"load average at end: {os.getloadavg()}")
    for key, value in report.items():
        print(f"{key:44} {value}")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "report": report}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
