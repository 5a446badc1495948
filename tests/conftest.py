"""Shared fixtures: the spaCy model and the whole pipeline load once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from sitrep.settings import DEFAULT_MODEL
    from sitrep.stages.nlp import load_nlp

    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings

    return Pipeline(Settings())


@pytest.fixture(scope="session")
def shared_bench() -> Path:
    """``../shared/bench`` when it exists (developer machines); tests using it skip otherwise."""
    bench = SHARED / "bench"
    if not bench.is_dir():
        pytest.skip("../shared/bench is not available")
    return bench


@pytest.fixture(autouse=True)
def _thawed_heap() -> Iterator[None]:
    """``sitrep analyze`` run in-process settles (freezes) the test process's heap for good,
    as it would its own process's: thawed after each test, so that no garbage cycle is kept."""
    import gc

    yield
    if gc.get_freeze_count():
        gc.unfreeze()
