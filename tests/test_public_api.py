"""The public surface is small and explicit."""

from __future__ import annotations

import sitrep
from sitrep.model import Article, json_schema


def test_exports_are_pinned() -> None:
    assert sorted(sitrep.__all__) == sorted(
        [
            "Article",
            "Event",
            "Place",
            "Quote",
            "SitrepError",
            "Span",
            "Story",
            "TimeExpression",
            "__version__",
            "analyze",
        ]
    )


def test_json_schema_covers_the_record_model() -> None:
    schema = json_schema()
    props = schema["properties"]
    assert isinstance(props, dict)
    for field in ("text", "quotes", "places", "times", "events", "outcome", "story"):
        assert field in props
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    assert {"Quote", "Place", "Event", "TimeExpression", "Span"} <= set(defs)


def test_record_round_trips_through_json() -> None:
    a = Article(id="x", text="hello", published="2023-05-23")  # type: ignore[arg-type]
    assert Article.model_validate_json(a.model_dump_json()) == a
