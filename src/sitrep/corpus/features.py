"""What story clustering reads from an article (words, lead, names, places, years, date),
its knobs and the story id: shared by the batch (:mod:`sitrep.corpus.stories`) and online
(:mod:`sitrep.corpus.online`) clusterers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from sitrep.corpus.tfidf import ENGLISH_STOP_WORDS
from sitrep.model import ActorKind, Article

# Entity labels that say who / where / which thing a story is about.
_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_NAMED_KINDS = frozenset(k for k in ActorKind if k not in (ActorKind.GROUP, ActorKind.OTHER))
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
# A run of capitalised words (fallback for articles without entity fields).
_PROPER = re.compile(r"\b[A-Z][a-zA-Z\-]+(?:\s+(?:[A-Z][a-zA-Z\-]+|of|de|van|von|al|bin))*")
_SENT_START = re.compile(r"(?:^|[.!?:;\"“]\s+|\n\s*)$")
_CAP_STOP = frozenset(
    w.capitalize()
    for w in ENGLISH_STOP_WORDS
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs"}
)


@dataclass(frozen=True)
class ClusterParams:
    """The few knobs of story clustering (chosen on ECB+ dev; see benchmarks/README)."""

    text_weight: float = 0.4
    lead_weight: float = 0.2
    entity_weight: float = 0.4
    date_weight: float = 0.05
    threshold: float = 0.26
    """Minimum average similarity for two stories to merge."""
    lead_lines: int = 3
    """Headline and first paragraphs: the lead names the event."""
    window_days: int = 30
    """Articles published further apart than this never join (when both dates are known)."""
    floor: float = 0.08
    """Pairs less similar than this are left out of the sparse graph (treated as 0)."""
    max_neighbours: int = 100
    """Each article keeps edges to at most this many most similar others (and theirs)."""


@dataclass
class StoryFeatures:
    """What story clustering reads from one article."""

    text: str
    lead: str
    entities: list[str]
    years: set[str]
    published: date | None
    title: str


def _norm_name(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip().lower())
    return _LEADING_ARTICLE.sub("", name).strip()


def _name_keys(name: str, person: bool) -> list[str]:
    """Keys for a name; a person also gets the surname, which later mentions use alone."""
    norm = _norm_name(name)
    if not norm:
        return []
    keys = ["e:" + norm.replace(" ", "_")]
    if person and " " in norm:
        keys.append("e:" + norm.rsplit(" ", 1)[1])
    return keys


def _proper_nouns(text: str) -> list[str]:
    """Capitalised word runs that do not merely start a sentence (a cheap NER fallback)."""
    keys: list[str] = []
    for m in _PROPER.finditer(text):
        words = m.group(0).split()
        if _SENT_START.search(text[max(0, m.start() - 3) : m.start()]) or m.start() == 0:
            words = words[1:] if len(words) > 1 or words[0] in _CAP_STOP else words
        words = [w for w in words if w not in _CAP_STOP]
        if words:
            keys.extend(_name_keys(" ".join(words), person=len(words) > 1))
    return keys


def article_features(article: Article, lead_lines: int = 3) -> StoryFeatures:
    """Read words, names, places and years from an analysed article (text fallbacks)."""
    text = article.text or ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    title = (article.title or (lines[0] if lines else "")).strip()
    lead_parts = [article.title or ""] + lines[:lead_lines]
    lead = "\n".join(p for p in lead_parts if p)
    entities: list[str] = []
    actor_names = {a.id: a.name for a in article.actors}
    for actor in article.actors:
        if actor.kind in _NAMED_KINDS:
            entities.extend(_name_keys(actor.name, actor.kind == ActorKind.PERSON))
    for mention in article.mentions:
        if mention.label not in _ENTITY_LABELS:
            continue
        name = actor_names.get(mention.actor_id or "", mention.text)
        entities.extend(_name_keys(name, mention.label == "PERSON"))
    for place in article.places:
        if place.geonames_id is not None and place.literal:
            entities.append(f"g:{place.geonames_id}")
        elif place.name or place.text:
            entities.extend(_name_keys(place.name or place.text, person=False))
    if not article.mentions and not article.actors:
        entities.extend(_proper_nouns(text))
    years = set(_YEAR.findall(text))
    for t in article.times:  # absolute dates only: relative ones follow the anchor
        if t.resolved and t.value and _YEAR.match(t.value):
            years.add(t.value[:4])
    if article.published is not None:
        years.add(str(article.published.year))
    return StoryFeatures(
        text=text,
        lead=lead,
        entities=entities,
        years=years,
        published=article.published,
        title=title,
    )


def story_id(seed_article_id: str) -> str:
    """A story's id: a hash of its seed (earliest) article's id, stable as the story grows."""
    return "story-" + hashlib.sha1(seed_article_id.encode("utf-8")).hexdigest()[:12]


def _ordinal(d: date | None) -> float:
    return float(d.toordinal()) if d is not None else np.nan
