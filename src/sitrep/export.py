"""Writers for the record model: the benchmark JSONL contract, full JSON, CSV and GeoJSON."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from typing import Any

from sitrep.model import Article, Event, EventActor, Span


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def _actor(actor: EventActor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "start": actor.span.start,
        "end": actor.span.end,
        "text": actor.text,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
    }


def _event_place(event: Event) -> dict[str, Any] | None:
    place = event.place
    if place is None:
        return None
    return {
        "name": place.name or place.text,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "geonames_id": place.geonames_id,
        "precision": event.geo_precision,
    }


def contract_record(article: Article) -> dict[str, Any]:
    """One line of the JSONL contract of ``../shared/bench/README.md`` (plus outcome)."""
    quotes = []
    for q in article.quotes:
        content: Any = (
            [_span(s) for s in q.content_segments] if q.content_segments else _span(q.content)
        )
        quotes.append(
            {
                "content": content,
                "cue": _span(q.cue),
                "source": _span(q.source),
                "speaker": q.speaker,
                "stance": q.stance,
                "hedged": q.hedged,
                "channel": q.channel,
                "kind": q.kind,
            }
        )
    return {
        # the contract's id is the input's name (scorers key on it); the unique id alongside
        "id": article.name or article.id,
        "article_id": article.id,
        "text": article.text,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "outcome": str(article.outcome),
        "quotes": quotes,
        "places": [
            {
                "span": _span(p.span),
                "name": p.name,
                "geonames_id": p.geonames_id,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "admin1": p.admin1,
                "literal": p.literal,
            }
            for p in article.places
        ],
        "times": [{"span": _span(t.span), "value": t.value, "type": t.type} for t in article.times],
        "events": [
            {
                "plover_type": e.plover_type,
                "acled_event_type": e.acled_event_type,
                "acled_sub_event_type": e.acled_sub_event_type,
                "evidence": [_span(s) for s in e.mentions or [e.evidence]],
                "source_actor": _actor(e.source_actor),
                "target_actor": _actor(e.target_actor),
                "modality": e.modality,
                "claimant": e.claimant,
                "claim_quote": e.claim_quote,
                "date": e.date,
                "date_source": e.date_source,
                "place": _event_place(e),
                "fatalities": e.fatalities,
                "event_class": e.event_class,
            }
            for e in article.events
        ],
        "story": article.story,
    }


def to_jsonl(articles: Iterable[Article]) -> Iterable[str]:
    for article in articles:
        yield json.dumps(contract_record(article), ensure_ascii=False) + "\n"


def to_json(article: Article) -> str:
    return article.model_dump_json(indent=2)


ACLED_COLUMNS = [
    "event_id",
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "plover_type",
    "modality",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_url",
    "notes",
    "fatalities",
]

#: ACLED's geo_precision: 1 the exact town or place; 3 only a larger region is known (ACLED
#: then codes the region's capital; it has no country-only level, so a country counts as 3).
_GEO_PRECISION = {"exact": 1, "admin1": 3, "country": 3}


def event_key(article: Article, event: Event) -> str:
    """A stable id for an event: the article id plus a hash of what identifies the event in
    it (its first mention's offsets and its types), so re-running or re-ordering the events
    of an article keeps it."""
    ev = event.evidence
    basis = "|".join(
        [
            article.content_hash or article.text,
            f"{ev.start}:{ev.end}",
            event.plover_type or "",
            event.acled_sub_event_type or "",
        ]
    )
    return f"{article.id}-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:10]}"


def geo_precision(event: Event) -> int | None:
    """ACLED's geo_precision code of the event's place (None when unknown)."""
    precision = event.geo_precision
    return _GEO_PRECISION.get(precision) if precision else None


def notes(article: Article, event: Event) -> str:
    """Every mention of the event, in text order, joined (ACLED's ``notes``)."""
    spans = list(event.mentions) or [event.evidence]
    seen: list[str] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        text = " ".join(article.snippet(span).split())
        if text and text not in seen:
            seen.append(text)
    return " | ".join(seen)


def _blank(value: object) -> object:
    return "" if value is None else value


def acled_time_precision(event: Event) -> int | None:
    """ACLED's ``time_precision``: 1 a day, 2 a week or a range of up to 7 days, 3 coarser."""
    if event.date_precision is None or event.date_start is None or event.date_end is None:
        return None
    if event.date_precision == "day":
        return 1
    return 2 if (event.date_end - event.date_start).days < 7 else 3


def events_csv(articles: Iterable[Article]) -> str:
    """Events in columns an ACLED user recognises (ACLED's names: ``event_id_cnty``,
    ``time_precision``, ``geo_precision``, ``fatalities``); ``notes`` joins every mention."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    for article in articles:
        for i, e in enumerate(article.events):
            place = e.place
            writer.writerow(
                {
                    "event_id": f"{article.id}-{i}",
                    "event_id_cnty": event_key(article, e),
                    "event_date": e.date or "",
                    "time_precision": _blank(acled_time_precision(e)),
                    "event_type": e.acled_event_type or "",
                    "sub_event_type": e.acled_sub_event_type or "",
                    "plover_type": e.plover_type or "",
                    "modality": e.modality,
                    "actor1": (e.source_actor.name or e.source_actor.text)
                    if e.source_actor
                    else "",
                    "actor2": (e.target_actor.name or e.target_actor.text)
                    if e.target_actor
                    else "",
                    "country": place.country if place and place.country else "",
                    "admin1": place.admin1 if place and place.admin1 else "",
                    "location": place.name if place and place.name else "",
                    "latitude": place.lat if place and place.lat is not None else "",
                    "longitude": place.lon if place and place.lon is not None else "",
                    "geo_precision": _blank(geo_precision(e)),
                    "source": article.source or "",
                    "source_url": article.url or "",
                    "notes": notes(article, e),
                    "fatalities": _blank(e.fatalities),
                }
            )
    return buf.getvalue()


def events_geojson(articles: Iterable[Article]) -> dict[str, Any]:
    """A map-ready FeatureCollection: one Point feature per geolocated event."""
    features = []
    for article in articles:
        for i, e in enumerate(article.events):
            if not e.place or e.place.lat is None or e.place.lon is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
                    "properties": {
                        "event_id": f"{article.id}-{i}",
                        "event_id_cnty": event_key(article, e),
                        "article_id": article.id,
                        "event_date": e.date,
                        "date_precision": e.date_precision,
                        "time_precision": acled_time_precision(e),
                        "plover_type": e.plover_type,
                        "event_type": e.acled_event_type,
                        "sub_event_type": e.acled_sub_event_type,
                        "modality": e.modality,
                        "location": e.place.name,
                        "country": e.place.country,
                        "geo_precision": geo_precision(e),
                        "fatalities": e.fatalities,
                        "event_class": e.event_class,
                        "notes": notes(article, e),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
