"""Exact and near-duplicate detection, online and persisted."""

from __future__ import annotations

from pathlib import Path

from sitrep.corpus.dedup import Deduplicator, normalised_hash, shingles
from sitrep.store import Store

STORY = (
    "Firefighters spent the night battling a blaze at a timber yard on the edge of Millbrook, "
    "the regional fire service said on Thursday. Nobody was hurt, but thick smoke forced the "
    "closure of the northern ring road for several hours and residents were told to keep their "
    "windows shut. The cause of the fire is not yet known. The yard's owner said the damage would "
    "run to hundreds of thousands of pounds and that forty workers would be sent home until "
    "the site was declared safe. Investigators are expected to visit the site on Friday."
)
OTHER = (
    "A timber yard near Millbrook caught fire overnight. According to witnesses, flames could "
    "be seen from miles away, and the road north of the town stayed closed until the morning. "
    "Local councillors called for a review of fire safety at industrial sites, saying this was "
    "the third such blaze in the county this year. The company has not commented on the cause, "
    "and staff were told not to come in. Police said they were not treating it as suspicious."
)


def wire_copy(text: str) -> str:
    return (
        "BLAZE AT MILLBROOK YARD: ROAD SHUT\n\n"
        + text
        + "\n\nCopyright 2024 Example Wire. All rights reserved. Follow us for more news."
    )


def test_normalised_hash_ignores_case_and_spacing() -> None:
    assert normalised_hash("Hello,  World!") == normalised_hash("hello world")
    assert normalised_hash("hello world") != normalised_hash("hello there world")


def test_shingles() -> None:
    assert shingles("a b c", 5) == [b"a b c"]
    assert len(shingles("one two three four five six", 5)) == 2
    assert shingles("", 5) == []


def test_exact_near_and_distinct() -> None:
    d = Deduplicator()
    assert d.add("a", STORY) is None
    exact = d.add("b", STORY.upper())
    assert exact is not None and exact.kind == "exact" and exact.canonical == "a"
    near = d.add("c", wire_copy(STORY))
    assert near is not None and near.kind == "near" and near.canonical == "a"
    assert 0.5 <= near.similarity < 1.0
    assert "near-duplicate of a" in near.reason
    assert d.add("d", OTHER) is None  # same story, other words: not a duplicate
    assert d.canonical_of("c") == "a" and d.canonical_of("d") is None


def test_same_key_is_never_its_own_duplicate() -> None:
    d = Deduplicator()
    assert d.add("a", STORY) is None
    assert d.add("a", STORY) is None
    assert d.check(STORY, key="a") is None
    match = d.check(STORY, key="z")
    assert match is not None and match.canonical == "a"


def test_short_texts_only_exact() -> None:
    d = Deduplicator(min_words=20)
    assert d.add("a", "Markets rose today.") is None
    assert d.add("b", "Markets rose today, traders said.") is None
    assert d.add("c", "markets rose today") is not None


def test_persisted_state(tmp_path: Path) -> None:
    engine = Store(f"sqlite:///{tmp_path / 'dd.sqlite'}").engine  # the store makes the table
    d = Deduplicator(engine)
    d.add("a", STORY)
    d.add("b", wire_copy(STORY))
    d.add("d", OTHER)
    assert d.pending == 3 and d.flush() == 3 and d.pending == 0
    again = Deduplicator(engine)
    assert len(again) == 3
    assert again.canonical_of("b") == "a"
    m = again.add("e", wire_copy(STORY).replace("Thursday", "Wednesday"))
    assert m is not None and m.canonical == "a"
    assert again.add("a", STORY) is None  # re-run of a stored key
    assert again.add("b", "anything") is not None  # keeps its earlier decision
