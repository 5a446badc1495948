#!/usr/bin/env python3
"""Whole-process throughput: ``sitrep analyze`` against a bare spaCy process, same texts, same run.

    python benchmarks/whole_process.py [INPUTS] [--repeat 2] [--workers-scaling]

Each side is a fresh process timed from start to exit, start-up included:
- bare spaCy: ``spacy.load`` of the default model, then ``nlp.pipe`` over the texts that sitrep
  analyses (the same ``text`` strings, read from sitrep's JSONL output beforehand);
- sitrep: ``sitrep analyze --format jsonl INPUTS > /dev/null`` with a throw-away database.
Prints the best of ``--repeat`` wall times of each and ``ratio_sitrep_to_spacy`` (spaCy seconds /
sitrep seconds; 1.0 means sitrep costs nothing beyond the parse); also the best CPU seconds
(user + system, of the process and its children) of each and their ratio, which other load on
the machine changes less than wall time. With ``--workers-scaling`` it
also times ``--workers 2`` and prints ``scaling_2_workers`` (1-worker seconds / 2-worker seconds)
and, on Linux, the 2-worker run's CPU seconds, its forkserver and workers included.
Default INPUTS: the PolNeAR dev articles (../shared/bench/quotes/inputs).

Both sides run with Python's default bytecode cache: ``PYTHONDONTWRITEBYTECODE`` is dropped
from their environment, so the first (untimed) sitrep run compiles sitrep's own modules once,
as installing a package does; spaCy and the other libraries come compiled from their install.
With the variable kept, every timed sitrep process compiled about 80 modules from source that
the bare spaCy process does not have.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = ROOT.parent / "shared" / "bench" / "quotes" / "inputs"

_BARE_SPACY = """
import json, sys
import spacy
from sitrep.settings import DEFAULT_MODEL
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(DEFAULT_MODEL)
nlp.max_length = 2_000_000
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def _sitrep() -> str:
    exe = Path(sys.executable).with_name("sitrep")
    return str(exe) if exe.exists() else (shutil.which("sitrep") or "sitrep")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _adopt_orphans() -> bool:
    """Become the reaper of this process's orphaned descendants (Linux), so that the CPU of a
    ``--workers 2`` run counts its forkserver and workers: the forkserver outlives ``sitrep``
    by a moment and is nobody's child to wait for otherwise."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(36, 1) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _timed(
    cmd: list[str], env: dict[str, str], stdout: object = subprocess.DEVNULL, reap: bool = False
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``cmd`` (its children included; with ``reap``,
    after :func:`_adopt_orphans`, also the descendants it left behind)."""
    c0, t0 = _cpu(), time.perf_counter()
    subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.DEVNULL, check=True)  # type: ignore[call-overload]
    wall = time.perf_counter() - t0
    if reap:
        _reap()
    return wall, _cpu() - c0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("inputs", nargs="?", type=Path, default=DEFAULT_INPUTS)
    ap.add_argument("--repeat", type=int, default=2, help="runs per side; the best is kept")
    ap.add_argument("--workers-scaling", action="store_true", help="also time --workers 2")
    args = ap.parse_args(argv)
    adopted = _adopt_orphans()
    if not args.inputs.exists():
        print(f"whole_process: {args.inputs} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="sitrep-wp-") as tmp:
        env = dict(os.environ, SITREP_DB=f"sqlite:///{tmp}/bench.db")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # see the module doc
        texts = Path(tmp) / "texts.jsonl"
        with texts.open("w", encoding="utf-8") as fh:  # warm caches (gazetteer) + the texts
            _timed([_sitrep(), "analyze", "--format", "jsonl", str(args.inputs)], env, stdout=fh)
        rows = [json.loads(line) for line in texts.read_text(encoding="utf-8").splitlines()]
        words = sum(len(r.get("text", "").split()) for r in rows)
        sitrep_cmd = [_sitrep(), "analyze", "--format", "jsonl", str(args.inputs)]
        spacy_cmd = [sys.executable, "-c", _BARE_SPACY, str(texts)]
        spacy_s = sitrep_s = two_s = spacy_cpu = sitrep_cpu = two_cpu = float("inf")
        for i in range(args.repeat):
            wall, cpu = _timed(spacy_cmd, env)
            spacy_s, spacy_cpu = min(spacy_s, wall), min(spacy_cpu, cpu)
            env["SITREP_DB"] = f"sqlite:///{tmp}/run{i}.db"
            wall, cpu = _timed(sitrep_cmd, env)
            sitrep_s, sitrep_cpu = min(sitrep_s, wall), min(sitrep_cpu, cpu)
            if args.workers_scaling:
                env["SITREP_DB"] = f"sqlite:///{tmp}/two{i}.db"
                wall, cpu = _timed([*sitrep_cmd, "--workers", "2"], env, reap=adopted)
                two_s, two_cpu = min(two_s, wall), min(two_cpu, cpu)
    print(f"documents={len(rows)} words={words}")
    print(f"spacy_process_s={spacy_s:.2f} sitrep_process_s={sitrep_s:.2f}")
    print(f"spacy_process_cpu_s={spacy_cpu:.2f} sitrep_process_cpu_s={sitrep_cpu:.2f}")
    print(f"spacy_words_per_s={words / spacy_s:.0f} sitrep_words_per_s={words / sitrep_s:.0f}")
    if args.workers_scaling:
        print(f"sitrep_2_workers_s={two_s:.2f}")
        if adopted:  # all its processes (forkserver and workers included)
            print(f"sitrep_2_workers_cpu_s={two_cpu:.2f}")
        print(f"scaling_2_workers={sitrep_s / two_s:.3f}")
    print(f"cpu_ratio_sitrep_to_spacy={spacy_cpu / sitrep_cpu:.3f}")
    print(f"ratio_sitrep_to_spacy={spacy_s / sitrep_s:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
