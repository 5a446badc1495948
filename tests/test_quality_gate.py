"""The quality gate: every pinned development figure holds its floor (benchmarks/floors.toml).

Marked ``bench`` (CI runs it; a plain ``pytest`` does not). It reads ``../shared/bench``: on a
developer machine without it the gate skips with a message; with ``CI`` set, a missing
``../shared`` is an error, so CI can never pass without measuring.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.bench


def _gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sitrep_gate", ROOT / "benchmarks" / "gate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


gate = _gate()
TOLERANCE, RUNS, FIGURES = gate.load()


@pytest.fixture(scope="module")
def bench() -> Path:
    if not gate.BENCH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"quality gate: {gate.BENCH} is missing in CI")
        pytest.skip(f"quality gate skipped: {gate.BENCH} is not available")
    return Path(gate.BENCH)


_measured: dict[str, dict[str, float]] = {}


def _figures(run_name: str, bench: Path) -> dict[str, float]:
    if run_name not in _measured:
        run = RUNS[run_name]
        digest = gate.data_hash(bench, run.data)
        assert digest == run.digest, (
            f"benchmark data of {run_name!r} changed (sha256 {digest}); re-measure its floors"
        )
        _measured[run_name] = gate.measure(run, bench)
    return _measured[run_name]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f.run}:{f.metric}")
def test_figure_holds_its_floor(figure: object, bench: Path) -> None:
    run, metric, floor = figure.run, figure.metric, figure.floor  # type: ignore[attr-defined]
    got = _figures(run, bench)
    assert metric in got, f"{run}: the scorer printed no {metric}= line ({sorted(got)})"
    assert got[metric] >= floor - TOLERANCE, (
        f"{run}: {metric} {got[metric]:.4f} dropped below its floor {floor:.4f} "
        f"(tolerance {TOLERANCE})"
    )


def test_floors_file_is_consistent() -> None:
    """Every run names its data, a command and at least one figure; every floor is a ratio."""
    assert 0 < TOLERANCE < 0.05
    for run in RUNS.values():
        assert run.data and len(run.digest) == 64
        assert run.analyze or run.script
        assert run.scorers or run.script
    assert all(0.0 <= f.floor <= 1.0 for f in FIGURES)
    assert {f.run for f in FIGURES} == set(RUNS)
