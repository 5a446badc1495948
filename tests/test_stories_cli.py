"""`sitrep stories` and `sitrep story ID` over the bundled examples (full pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep import service
from sitrep.cli import app
from sitrep.store import Store

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_stories_and_story(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(EXAMPLES), "--db", db]).exit_code == 0
    views = service.stories(Store(db))
    assert len(views) == 2  # the incursion (two outlets) and the unrelated flood
    incursion = next(v for v in views if len(v.articles) == 2)
    assert len(incursion.outlets()) == 2
    denial = [c for c in incursion.story.claims if c.stance == "deny" and c.contradicts]
    assert denial, "a denial contradicted by other claims"
    listed = runner.invoke(app, ["stories", "--db", db], env={"COLUMNS": "200"})
    assert listed.exit_code == 0 and incursion.story.id in listed.stdout
    shown = runner.invoke(app, ["story", incursion.story.id, "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Timeline" in shown.stdout and "Claims" in shown.stdout and "deny" in shown.stdout
    missing = runner.invoke(app, ["story", "nope", "--db", db])
    assert missing.exit_code == 2
