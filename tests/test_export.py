"""Exports: ACLED-style CSV columns, GeoJSON features, contract JSONL; and the CLI export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.export import ACLED_COLUMNS, contract_record, events_csv, events_geojson
from sitrep.model import Article, Event, EventActor, Place, Quote, Span
from sitrep.store import Store

TEXT = "Rebels attacked an army post near Kharkiv on Monday, the army said."


def _article() -> Article:
    place = Place(
        span=Span(start=34, end=41),
        text="Kharkiv",
        name="Kharkiv",
        geonames_id=706483,
        lat=49.98,
        lon=36.25,
        admin1="Kharkivska",
        country="UA",
    )
    return Article(
        id="x1",
        text=TEXT,
        source="Example Wire",
        content_hash="abc",
        quotes=[
            Quote(
                content=Span(start=0, end=49),
                content_segments=[Span(start=0, end=20), Span(start=21, end=49)],
                cue=Span(start=63, end=67),
                source=Span(start=51, end=59),
                speaker="army",
            )
        ],
        places=[place],
        events=[
            Event(
                plover_type="ASSAULT",
                acled_event_type="Battles",
                acled_sub_event_type="Armed clash",
                evidence=Span(start=0, end=len(TEXT)),
                source_actor=EventActor(span=Span(start=0, end=6), text="Rebels"),
                place=place,
                date="2024-03-04",
            )
        ],
    )


def test_csv_has_acled_columns_and_evidence_notes() -> None:
    rows = list(csv.DictReader(io.StringIO(events_csv([_article()]))))
    assert set(ACLED_COLUMNS) >= {
        "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
        "location", "latitude", "longitude", "source", "notes",
    }  # fmt: skip
    (row,) = rows
    assert row["event_type"] == "Battles" and row["actor1"] == "Rebels"
    assert row["location"] == "Kharkiv" and float(row["latitude"]) == 49.98
    assert row["notes"] == TEXT and row["event_date"] == "2024-03-04"


def test_geojson_feature_collection() -> None:
    fc = events_geojson([_article()])
    assert fc["type"] == "FeatureCollection"
    (feature,) = fc["features"]
    assert feature["geometry"]["coordinates"] == [36.25, 49.98]


def test_contract_record_uses_segments_and_offsets() -> None:
    rec = contract_record(_article())
    assert rec["quotes"][0]["content"] == [{"start": 0, "end": 20}, {"start": 21, "end": 49}]
    assert rec["events"][0]["source_actor"]["start"] == 0
    json.dumps(rec)


def test_cli_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    Store(db).save(_article())
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Armed clash" in result.stdout
    result = CliRunner().invoke(app, ["export", "--format", "geojson", "--db", db])
    assert json.loads(result.stdout)["features"]


def test_csv_and_geojson_carry_acled_precision_fatalities_and_a_stable_id() -> None:
    art = _article()
    event = art.events[0]
    event.fatalities = 3
    event.geo_precision = "exact"
    rows = list(csv.DictReader(io.StringIO(events_csv([art]))))
    assert {"event_id_cnty", "time_precision", "geo_precision", "fatalities"} <= set(rows[0])
    (row,) = rows
    assert row["fatalities"] == "3" and row["time_precision"] == "1"  # a day is known
    assert row["geo_precision"] == "1"  # the town itself
    # the id depends on the event, not on its position in the list
    other = event.model_copy(update={"plover_type": "PROTEST", "evidence": Span(start=0, end=6)})
    art.events = [other, event]
    again = list(csv.DictReader(io.StringIO(events_csv([art]))))
    assert again[1]["event_id_cnty"] == row["event_id_cnty"] != again[0]["event_id_cnty"]
    # a month-level date is ACLED precision 3; no date, no precision
    cleared = {"date_precision": None, "date_start": None, "date_end": None}
    month = event.model_copy(update={"date": "2024-03", **cleared})
    undated = event.model_copy(update={"date": None, **cleared})
    art.events = [Event.model_validate(month.model_dump()), undated]
    coarse, blank = csv.DictReader(io.StringIO(events_csv([art])))
    assert coarse["time_precision"] == "3" and blank["time_precision"] == ""
    (feature, _) = events_geojson([art])["features"]
    props = feature["properties"]
    assert props["fatalities"] == 3 and props["time_precision"] == 3
    assert props["geo_precision"] == 1
    assert props["event_id_cnty"] == coarse["event_id_cnty"]


def test_notes_join_every_mention() -> None:
    art = _article()
    event = art.events[0]
    event.mentions = [Span(start=42, end=len(TEXT)), Span(start=0, end=34)]
    (row,) = csv.DictReader(io.StringIO(events_csv([art])))
    assert row["notes"] == f"{TEXT[:34].strip()} | {TEXT[42:].strip()}"
