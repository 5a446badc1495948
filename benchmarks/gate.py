#!/usr/bin/env python3
"""The quality gate: measure every pinned development figure and compare it with its floor.

    python benchmarks/gate.py                # measure all figures, print figure / floor / verdict
    python benchmarks/gate.py quotes news    # only the runs named (see benchmarks/floors.toml)
    python benchmarks/gate.py --hashes       # print the data hash of every run (no measuring)

Floors live in ``benchmarks/floors.toml``; ``tests/test_quality_gate.py`` (marker ``bench``,
run by CI) fails when a figure drops more than ``tolerance`` below its floor or when the
benchmark data no longer hash to the pinned value. Each run is one whole-process command over
``../shared/bench`` (``sitrep analyze --format jsonl <inputs>`` or a benchmark script) followed by
the task's scorer; every scorer prints ``name=value`` lines, which is what a figure reads.
Raise a floor in the same commit as the gain that earns it.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "floors.toml"
BENCH = ROOT.parent / "shared" / "bench"
_FIGURE = re.compile(r"^\s*([A-Za-z0-9_]+)=([0-9.]+)\s*$", re.M)


@dataclass(frozen=True)
class Run:
    """One command over one benchmark folder and the scorers that read its output."""

    name: str
    data: tuple[str, ...]  # files and folders under bench/ that the hash covers
    digest: str  # pinned sha256 over those files
    analyze: str | None  # inputs folder for ``sitrep analyze`` (relative to bench/)
    script: tuple[str, ...]  # or a benchmark script with arguments (relative to the project)
    scorers: tuple[tuple[str, ...], ...]  # scorer path + extra args (relative to bench/)


@dataclass(frozen=True)
class Figure:
    run: str
    metric: str
    floor: float


def load(path: Path = FLOORS) -> tuple[float, dict[str, Run], list[Figure]]:
    """The tolerance, the runs and the pinned figures of ``floors.toml``."""
    cfg = tomllib.loads(path.read_text(encoding="utf-8"))
    runs: dict[str, Run] = {}
    figures: list[Figure] = []
    for name, spec in cfg["runs"].items():
        runs[name] = Run(
            name=name,
            data=tuple(spec["data"]),
            digest=spec["sha256"],
            analyze=spec.get("analyze"),
            script=tuple(spec.get("script", ())),
            scorers=tuple(tuple(s) for s in spec.get("scorers", ())),
        )
        for metric, floor in spec["floors"].items():
            figures.append(Figure(name, metric, float(floor)))
    return float(cfg["tolerance"]), runs, figures


def data_hash(bench: Path, folders: tuple[str, ...]) -> str:
    """sha256 over relative paths and bytes of the given files and of every file in the folders."""
    h = hashlib.sha256()
    for folder in folders:
        base = bench / folder
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            h.update(str(path.relative_to(bench)).encode())
            h.update(b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _sitrep() -> list[str]:
    exe = Path(sys.executable).with_name("sitrep")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("sitrep")
    return [found] if found else [sys.executable, "-m", "sitrep.cli"]


def _check(cmd: list[str], **kw: object) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {tail}")
    return str(proc.stdout)


def measure(run: Run, bench: Path = BENCH) -> dict[str, float]:
    """Every ``name=value`` figure printed by the run's scorers (or its script)."""
    with tempfile.TemporaryDirectory(prefix=f"sitrep-gate-{run.name}-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        outputs: list[str] = []
        if run.analyze:
            with pred.open("w", encoding="utf-8") as fh:
                proc = subprocess.run(
                    # a database of its own: the user's default store (and its schema
                    # version) never leaks into a measurement, nor the measurement into it
                    [
                        *_sitrep(),
                        "analyze",
                        "--format",
                        "jsonl",
                        "--db",
                        str(Path(tmp) / "gate.db"),
                        str(bench / run.analyze),
                    ],
                    stdout=fh,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            if proc.returncode != 0:
                tail = proc.stderr.strip().splitlines()[-1:] or [""]
                raise RuntimeError(
                    f"sitrep analyze {run.analyze} exited {proc.returncode}: {tail[0]}"
                )
        if run.script:
            script, *args = run.script
            args = [a.replace("{bench}", str(bench)).replace("{tmp}", tmp) for a in args]
            outputs.append(_check([sys.executable, str(ROOT / script), *args], cwd=ROOT))
        for scorer, *extra in run.scorers:
            extra = [str(bench / a) if (bench / a).exists() else a for a in extra]
            outputs.append(_check([sys.executable, str(bench / scorer), str(pred), *extra]))
    return {k: float(v) for out in outputs for k, v in _FIGURE.findall(out)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("runs", nargs="*", help="run names (default: all)")
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--hashes", action="store_true", help="print data hashes and stop")
    args = ap.parse_args(argv)
    if not args.bench.is_dir():
        print(f"gate: {args.bench} not found", file=sys.stderr)
        return 2
    tolerance, runs, figures = load()
    unknown = [r for r in args.runs if r not in runs]
    if unknown:
        print(
            f"gate: unknown run(s) {', '.join(unknown)}; known: {', '.join(runs)}", file=sys.stderr
        )
        return 2
    chosen = [runs[r] for r in (args.runs or runs)]
    failed = False
    for run in chosen:
        digest = data_hash(args.bench, run.data)
        if args.hashes:
            print(f"{run.name:14} {digest}{'' if digest == run.digest else '  (differs)'}")
            continue
        if digest != run.digest:
            print(f"{run.name:14} data changed (sha256 {digest}); re-measure its floors")
            failed = True
            continue
        got = measure(run, args.bench)
        for fig in (f for f in figures if f.run == run.name):
            value = got.get(fig.metric)
            ok = value is not None and value >= fig.floor - tolerance
            failed |= not ok
            shown = "missing" if value is None else f"{value:.4f}"
            verdict = "ok" if ok else "DROP"
            print(f"{run.name:14} {fig.metric:36} {shown:>8}  floor {fig.floor:.4f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
