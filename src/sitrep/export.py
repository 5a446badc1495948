"""Writers for the record model: the benchmark JSONL contract, full JSON, CSV and GeoJSON."""

from __future__ import annotations

import csv
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
        "id": article.id,
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
                "evidence": _span(e.evidence),
                "source_actor": _actor(e.source_actor),
                "target_actor": _actor(e.target_actor),
                "modality": e.modality,
                "date": e.date,
                "place": e.place.name if e.place else None,
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
    "source",
    "source_url",
    "notes",
]


def acled_time_precision(event: Event) -> int | None:
    """ACLED's ``time_precision``: 1 a day, 2 a week or a range of up to 7 days, 3 coarser."""
    if event.date_precision is None or event.date_start is None or event.date_end is None:
        return None
    if event.date_precision == "day":
        return 1
    return 2 if (event.date_end - event.date_start).days < 7 else 3


def events_csv(articles: Iterable[Article]) -> str:
    """Events in columns an ACLED user recognises; ``notes`` is the evidence sentence."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    for article in articles:
        for i, e in enumerate(article.events):
            place = e.place
            writer.writerow(
                {
                    "event_id": f"{article.id}-{i}",
                    "event_date": e.date or "",
                    "time_precision": acled_time_precision(e) or "",
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
                    "source": article.source or "",
                    "source_url": article.url or "",
                    "notes": article.snippet(e.evidence),
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
                        "article_id": article.id,
                        "event_date": e.date,
                        "date_precision": e.date_precision,
                        "plover_type": e.plover_type,
                        "event_type": e.acled_event_type,
                        "sub_event_type": e.acled_sub_event_type,
                        "modality": e.modality,
                        "location": e.place.name,
                        "country": e.place.country,
                        "notes": article.snippet(e.evidence),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
