"""The events stage: who did what to whom, where and when, typed in PLOVER and ACLED.

Triggers come from the parse and a PLOVER lexicon (:mod:`sitrep.events.extract`); two small
linear text classifiers trained by ``scripts/train_events.py`` type the events: one over the
30 CASE 2021 classes (25 ACLED sub-event types + 5 non-ACLED classes), one over the 16 PLOVER
types. The main event (the one the article is about, typed on the lead) comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sitrep.events.actors import KIND_SECTOR, country_of, sector_of
from sitrep.events.classifier import LinearTextModel, softmax
from sitrep.events.extract import Trigger, clause_arguments, find_triggers
from sitrep.events.ontology import (
    ACLED_CLASSES,
    ACLED_TO_PLOVER,
    PLOVER_TO_ACLED,
    PLOVER_TYPES,
    acled_parent,
    is_acled,
)
from sitrep.model import Article, Event, EventActor, Place, Span, TimeExpression

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from sitrep.stages.base import Analysis

ACLED_MODEL = "acled.npz"
PLOVER_MODEL = "plover.npz"
#: ACLED classes whose events are physical and need no trigger to be reported.
_VIOLENT_PLOVER = frozenset({"ASSAULT", "PROTEST", "COERCE"})


def _data_dir() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "events"))


def load_model(name: str, directory: Path | None = None) -> LinearTextModel | None:
    """A packaged classifier, or None when it has not been trained."""
    path = (directory or _data_dir()) / name
    return LinearTextModel.load(path) if path.is_file() else None


@dataclass
class _Candidate:
    sent_index: int
    sent: SpacySpan
    trigger: Trigger | None
    plover: str | None
    acled: str | None
    confidence: float
    main: bool = False


class EventsStage:
    """Fill ``article.events``; the main event first.

    ``acled_model`` / ``plover_model`` default to the packaged ones; ``trigger_weight`` is
    how much the lexicon trigger of the main clause adds to the PLOVER classifier's
    probability; ``min_margin`` is the ACLED classifier score above which an article with no
    trigger still gets an event (or ``min_plover``, the PLOVER classifier's probability).
    """

    name = "events"

    def __init__(
        self,
        acled_model: LinearTextModel | None = None,
        plover_model: LinearTextModel | None = None,
        *,
        load_packaged: bool = True,
        trigger_weight: float = 0.6,
        min_margin: float = -0.6,
        min_plover: float = 0.4,
        retype_margin: float = 0.5,
        lead_sentences: int = 3,
    ) -> None:
        if load_packaged:
            acled_model = acled_model or load_model(ACLED_MODEL)
            plover_model = plover_model or load_model(PLOVER_MODEL)
        self.acled_model = acled_model
        self.plover_model = plover_model
        self.trigger_weight = trigger_weight
        self.min_margin = min_margin
        self.min_plover = min_plover
        self.retype_margin = retype_margin
        self.lead_sentences = lead_sentences
        self._locate: Callable[[Article, Span], Place | None] | None | bool = False
        self._plover_index = {t: i for i, t in enumerate(PLOVER_TYPES)}

    # -- public ---------------------------------------------------------------------------
    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        article = analysis.article
        if doc is None or not article.text.strip():
            return analysis
        article.events = self.extract(article, doc)
        return analysis

    def extract(self, article: Article, doc: Doc) -> list[Event]:
        """Events of ``article`` (parsed as ``doc``), the main event first."""
        sents = [s for s in doc.sents if s.text.strip()]
        if not sents:
            return []
        candidates: list[_Candidate] = []
        for i, sent in enumerate(sents):
            for trig in find_triggers(sent):
                candidates.append(_Candidate(i, sent, trig, trig.plover, None, 0.5))
        lead = sents[: self.lead_sentences]
        lead_text = article.text[lead[0].start_char : lead[-1].end_char]
        main = self._main_candidate(candidates, lead_text, sents)
        if main is None:
            return []
        self._type_secondary(candidates, main, article.text)
        ordered = [main] + [c for c in candidates if c is not main]
        events: list[Event] = []
        seen: dict[tuple[Any, ...], int] = {}
        last_source: EventActor | None = None
        for cand in ordered:
            event = self._event(article, doc, cand, last_source)
            ctrig = cand.trigger
            if event.source_actor is not None and ctrig is not None and not ctrig.source_is_pronoun:
                last_source = event.source_actor
            key = self._merge_key(article, event, cand)
            if key in seen:
                kept = events[seen[key]]
                kept.confidence = max(kept.confidence, event.confidence)
                continue
            seen[key] = len(events)
            events.append(event)
        return events

    # -- typing ---------------------------------------------------------------------------
    def _main_candidate(
        self, candidates: list[_Candidate], lead_text: str, sents: list[SpacySpan]
    ) -> _Candidate | None:
        """Pick the main event among lead triggers and type it with both classifiers."""
        acled_label: str | None = None
        acled_conf = 0.0
        margin = -np.inf
        scores = np.zeros(0)
        if self.acled_model is not None:
            scores = self.acled_model.decision([lead_text])[0]
            best = int(scores.argmax())
            acled_label = self.acled_model.labels[best]
            margin = float(scores[best])
            acled_conf = float(softmax(scores[np.newaxis, :] / 0.3)[0, best])
        lead_idx = {c.sent_index for c in candidates if c.sent_index < self.lead_sentences}
        first_sent = min(lead_idx) if lead_idx else None
        pool = [c for c in candidates if c.sent_index == first_sent]
        # PLOVER: classifier over the main sentence, plus the lexicon type of its triggers
        main_sent = pool[0].sent if pool else sents[0]
        plover_scores = np.zeros(len(PLOVER_TYPES), dtype=np.float32)
        if self.plover_model is not None:
            proba = self.plover_model.proba([main_sent.text])[0]
            for label, p in zip(self.plover_model.labels, proba, strict=True):
                plover_scores[self._plover_index[label]] += p
        if not pool and margin < self.min_margin and plover_scores.max() < self.min_plover:
            return None
        if pool:
            shallow = min(c.trigger.depth for c in pool if c.trigger is not None)
            for c in pool:
                assert c.trigger is not None
                bonus = self.trigger_weight / (1.0 + c.trigger.depth - shallow)
                plover_scores[self._plover_index[c.plover or "ASSAULT"]] += bonus
        elif acled_label is not None and ACLED_TO_PLOVER.get(acled_label):
            plover_scores[self._plover_index[str(ACLED_TO_PLOVER[acled_label])]] += 0.3
        plover = PLOVER_TYPES[int(plover_scores.argmax())] if plover_scores.any() else None
        if pool:
            same = [c for c in pool if c.plover == plover]
            if not same and acled_label is not None:
                want = ACLED_TO_PLOVER.get(acled_label)
                same = [c for c in pool if c.plover == want]
            chosen = min(same or pool, key=lambda c: c.trigger.depth if c.trigger else 99)
        else:
            chosen = _Candidate(0, main_sent, clause_arguments(main_sent), plover, None, 0.0)
            candidates.insert(0, chosen)
        chosen.plover = plover
        chosen.main = True
        chosen.acled = acled_label if acled_label is not None else PLOVER_TO_ACLED.get(plover or "")
        if (
            self.acled_model is not None
            and chosen.trigger is not None
            and plover in _VIOLENT_PLOVER
            and acled_label is not None
            and not is_acled(acled_label)
            and len(sents) > 2 * self.lead_sentences
        ):
            # in a long article, a violent main clause under a non-ACLED lead label ("Ukraine
            # denies involvement" in a headline about fighting): take the best ACLED class of
            # the same kind (snippets keep the lead label: retyping them costs CV accuracy)
            labels = self.acled_model.labels
            allowed = [i for i, lab in enumerate(labels) if ACLED_TO_PLOVER.get(lab) == plover]
            if allowed and self.retype_margin > 0:
                best_allowed = max(allowed, key=lambda i: scores[i])
                if margin - float(scores[best_allowed]) < self.retype_margin:
                    chosen.acled = labels[best_allowed]
        chosen.confidence = round(max(acled_conf, float(plover_scores.max()) / 2), 3)
        return chosen

    def _type_secondary(self, candidates: list[_Candidate], main: _Candidate, text: str) -> None:
        """ACLED types for the other events: the classifier on their sentence, restricted to
        sub-types that agree with the trigger's PLOVER type."""
        rest = [c for c in candidates if c is not main and c.plover in _VIOLENT_PLOVER]
        for c in candidates:
            if c is not main and c.plover not in _VIOLENT_PLOVER:
                c.acled = PLOVER_TO_ACLED.get(c.plover or "")
        if not rest:
            return
        if self.acled_model is None:
            for c in rest:
                c.acled = PLOVER_TO_ACLED.get(c.plover or "")
            return
        texts = sorted({c.sent.text for c in rest})
        scores = self.acled_model.decision(texts)
        by_text = dict(zip(texts, scores, strict=True))
        labels = self.acled_model.labels
        for c in rest:
            row = by_text[c.sent.text]
            allowed = [
                i
                for i, lab in enumerate(labels)
                if is_acled(lab) and ACLED_TO_PLOVER[lab] == c.plover
            ]
            if not allowed:
                c.acled = PLOVER_TO_ACLED.get(c.plover or "")
                continue
            best = max(allowed, key=lambda i: row[i])
            c.acled = labels[best]
            c.confidence = round(float(softmax(row[np.newaxis, :] / 0.3)[0, best]), 3)

    # -- building records -----------------------------------------------------------------
    def _event(
        self, article: Article, doc: Doc, cand: _Candidate, last_source: EventActor | None
    ) -> Event:
        sent = cand.sent
        evidence = Span(start=sent.start_char, end=sent.end_char)
        trig = cand.trigger
        source = target = None
        trigger_span = None
        modality = "reported"
        claimant = None
        claim_quote = None
        if trig is not None:
            tok = trig.token
            trigger_span = Span(start=tok.idx, end=tok.idx + len(tok.text))
            if trig.source is not None:
                source = self._actor(article, doc, trig.source)
                if trig.source_is_pronoun and last_source is not None:
                    source = source.model_copy(
                        update={
                            "actor_id": last_source.actor_id,
                            "name": last_source.name or last_source.text,
                            "country": last_source.country,
                            "sector": last_source.sector,
                        }
                    )
            if trig.target is not None:
                target = self._actor(article, doc, trig.target)
            modality = trig.modality
            if trig.claimant is not None:
                claimant_actor = self._actor(article, doc, trig.claimant)
                claimant = claimant_actor.name or claimant_actor.text
            if modality in ("claimed", "denied"):
                claim_quote = _quote_index(article, trigger_span, trig)
        if source is None and cand.main:
            fallback = clause_arguments(sent)
            if fallback is not None and fallback.source is not None:
                source = self._actor(article, doc, fallback.source)
                if target is None and fallback.target is not None:
                    target = self._actor(article, doc, fallback.target)
        # a non-ACLED CASE class ("Natural disaster") is kept by name, with no ACLED parent
        sub = cand.acled if cand.acled in ACLED_CLASSES else None
        place = self._place(article, evidence, doc, sent)
        time = _time_for(article, evidence)
        return Event(
            plover_type=cand.plover,
            acled_event_type=acled_parent(sub),
            acled_sub_event_type=sub,
            trigger=trigger_span,
            evidence=evidence,
            source_actor=source,
            target_actor=target,
            place=place,
            time=time,
            date=_date_of(time),
            modality=modality,
            claimant=claimant,
            claim_quote=claim_quote,
            confidence=cand.confidence,
        )

    def _actor(self, article: Article, doc: Doc, toks: tuple[int, int]) -> EventActor:
        span = doc[toks[0] : toks[1]]
        start, end = span.start_char, span.end_char
        actor_id = name = country = sector = None
        for mention in article.mentions:
            if mention.actor_id and mention.span.start < end and start < mention.span.end:
                actor = article.actor(mention.actor_id)
                if actor is not None:
                    actor_id, name, country = actor.id, actor.name, actor.country
                    sector = actor.sector or KIND_SECTOR.get(str(actor.kind))
                    break
        words = [t.text for t in span]
        if country is None:
            country = country_of(words)
        if sector is None:
            sector = sector_of([t.lemma_.lower() for t in span], span.root.lemma_.lower())
        return EventActor(
            span=Span(start=start, end=end),
            text=span.text,
            actor_id=actor_id,
            name=name,
            country=country,
            sector=sector,
        )

    def _place(self, article: Article, evidence: Span, doc: Doc, sent: SpacySpan) -> Place | None:
        if self._locate is False:
            try:
                from sitrep.stages.places import event_location

                self._locate = event_location
            except ImportError:
                self._locate = None
        if callable(self._locate) and article.places:
            found = self._locate(article, evidence)
            if found is not None:
                return found
        inside = [p for p in article.places if p.literal and evidence.contains(p.span)]
        if inside:
            return inside[0]
        if not article.places:
            for ent in sent.ents:
                if ent.label_ in ("GPE", "LOC", "FAC"):
                    return Place(span=Span(start=ent.start_char, end=ent.end_char), text=ent.text)
        return None

    def _merge_key(self, article: Article, event: Event, cand: _Candidate) -> tuple[Any, ...]:
        """The same event mentioned twice: same types, same trigger lemma and same source."""
        lemma = cand.trigger.token.lemma_.lower() if cand.trigger is not None else None
        src = event.source_actor
        who = (src.actor_id or (src.name or src.text).lower()) if src is not None else None
        if who is None:
            return (id(event),)
        return (event.plover_type, event.acled_sub_event_type, lemma, who, event.modality)


def _quote_index(article: Article, trigger: Span, trig: Trigger) -> int | None:
    cue = trig.cue
    for i, quote in enumerate(article.quotes):
        if quote.content.contains(trigger) or any(
            s.contains(trigger) for s in quote.content_segments
        ):
            return i
        if cue is not None and quote.cue is not None and quote.cue.start <= cue.idx < quote.cue.end:
            return i
    return None


def _time_for(article: Article, evidence: Span) -> TimeExpression | None:
    """The time expression in the evidence sentence, else the nearest one before it."""
    dated = [t for t in article.times if t.type in ("DATE", "TIME") and t.value]
    inside = [t for t in dated if evidence.contains(t.span)]
    if inside:
        return inside[0]
    before = [t for t in dated if t.span.end <= evidence.start]
    if before:
        return before[-1]
    return None


def _date_of(time: TimeExpression | None) -> str | None:
    if time is None or not time.value:
        return None
    value = time.value
    head = value[:10]
    if len(head) >= 4 and head[:4].isdigit():
        return head.rstrip("T")
    return None
