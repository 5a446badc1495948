"""The events stage: who did what to whom, where and when, typed in PLOVER and ACLED.

Triggers come from the parse and a PLOVER lexicon (:mod:`sitrep.events.extract`); two small
linear text classifiers trained by ``scripts/train_events.py`` type the events: one over the
30 CASE 2021 classes (25 ACLED sub-event types + 5 non-ACLED classes), one over the 16 PLOVER
types. The main event (the one the article is about, typed on the lead) comes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from sitrep.attribution.quotemarks import find_quotes
from sitrep.events.acled_rules import (
    acled_fields,
    air_dropped,
    choose_acled,
    default_acled,
    fatalities,
    riot_by_demonstrators,
)
from sitrep.events.actors import (
    KIND_SECTOR,
    country_of,
    implicit_agent,
    is_actor_phrase,
    iso3,
    national_name,
    protesters,
    role_sector,
    sector_of,
    title_sector,
)
from sitrep.events.classifier import (
    Features,
    LinearTextModel,
    featurize_parts,
    pinned_sha256,
    softmax,
)
from sitrep.events.combine import FEATURES, Combiner
from sitrep.events.extract import (
    ALLEGATION_NOUNS,
    ALLEGATION_VERBS,
    PATIENT_NOUNS,
    Trigger,
    actor_span,
    alleged_type,
    clause_arguments,
    court_act,
    court_ruling,
    find_triggers,
    noun_type,
    np_span,
)
from sitrep.events.lexicon import court_word, verdict_word
from sitrep.events.nonevents import not_an_act
from sitrep.events.ontology import (
    ACLED_PARENT,
    ACLED_TO_PLOVER,
    PLOVER_TYPES,
    is_acled,
)
from sitrep.events.records import (
    choose_place,
    choose_time,
    corefer,
    court_place,
    dateline_times,
    event_anchor,
    geo_precision,
    main_place,
    merge_into,
    names_a_state_party,
    reported_act,
    same_date,
    same_place,
    usable_places,
    widen,
)
from sitrep.model import (
    ActorKind,
    Article,
    Event,
    EventActor,
    Place,
    Span,
    TimeExpression,
)
from sitrep.stages.nlp import doc_text, span_text, title_cased
from sitrep.stages.times import doc_hints

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from sitrep.stages.base import Analysis

ACLED_MODEL = "acled.npz"
PLOVER_MODEL = "plover.npz"
COMBINER = "combiner.json"
#: ACLED classes whose events are physical and need no trigger to be reported.
_VIOLENT_PLOVER = frozenset({"ASSAULT", "PROTEST", "COERCE"})
#: ACLED event types of violence (their events carry a fatality count when stated).
_VIOLENT_ACLED = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)


def _data_dir() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "events"))


def load_model(name: str, directory: Path | None = None) -> LinearTextModel | None:
    """A packaged classifier, or None when it has not been trained."""
    folder = directory or _data_dir()
    path = folder / name
    if not path.is_file():
        return None
    return LinearTextModel.load(path, sha256=pinned_sha256(folder, name))


def load_combiner(directory: Path | None = None) -> Combiner:
    """The packaged classifier/lexicon combiner, or the default weights."""
    path = (directory or _data_dir()) / COMBINER
    return Combiner.load(path) if path.is_file() else Combiner.default()


def segments(doc: Doc) -> list[SpacySpan]:
    """spaCy sentences, also split at line breaks (a headline or a paragraph is never part of
    the next one's sentence)."""
    from spacy.attrs import IS_SPACE

    text = doc_text(doc)
    # the space tokens with a line break, read from one array, not a Token per token
    breaks = [i for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist() if "\n" in doc[i].text]
    out: list[SpacySpan] = []
    k = 0
    for sent in doc.sents:
        start = sent.start
        while k < len(breaks) and breaks[k] < sent.start:
            k += 1
        while k < len(breaks) and breaks[k] < sent.end:
            i = breaks[k]
            if i > start:
                out.append(doc[start:i])
            start = i + 1
            k += 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [s for s in out if text[s.start_char : s.end_char].strip()]


#: What may precede a heading on its line: a number or a bullet ("5. ", "(b) ", "• ").
#: The doers whose violence is a riot: the demonstrators themselves, not every member of the
#: protesters sector (students, workers and activists also stab, ambush and shoot).
_DEMONSTRATORS = re.compile(
    r"\b(?:protest(?:er|or)s?|demonstrators?|rioters?|strikers?|marchers?|crowds?|mobs?)\b",
    re.IGNORECASE,
)
_ENUMERATOR = re.compile(r"\s*(?:(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[•*·▪–—-])\s*)?")


def _title_line(sent: SpacySpan, max_words: int = 15) -> bool:
    """A line of its own with no closing punctuation: a subheading, a teaser for another story
    ("Tell Us About Your Commute in Springfield"), a list item."""
    text = doc_text(sent.doc)
    start, end = sent.start_char, sent.end_char
    line_start = text.rfind("\n", 0, start) + 1
    if not _ENUMERATOR.fullmatch(text[line_start:start]):
        return False  # (a numbered or bulleted heading: "3. Road budget cuts and ...")
    if end < len(text) and text[end : end + 1] not in ("\n", ""):
        return False
    line = sent.text.rstrip().rstrip("\"'”’)")
    return bool(line) and not line.endswith((".", "!", "?", ":", ";")) and len(sent) <= max_words


def _is_headline(sent: SpacySpan) -> bool:
    """A first line of at most 30 tokens followed by a line break, with no closing
    punctuation, or in title case when it has one ("Rebels Seize Two Towns in the North.")."""
    doc = sent.doc
    if sent.end >= len(doc):
        return False
    if sent[-1].text in (".", "!", "?", '"', "”") and not _title_cased(sent):
        return False
    after = doc_text(doc)[sent.end_char : sent.end_char + 4]
    return after.count("\n") >= 1 and len(sent) <= 30


def _title_cased(sent: SpacySpan) -> bool:
    """A headline written in title case, closed by a full stop ("Rebels Seize Two Towns in
    the North."): every word but the short function words starts with a capital."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 3 and title_cased(words)


def _first_body(sents: list[SpacySpan]) -> int:
    """Index of the first sentence after a headline (0 when there is no headline)."""
    return 1 if len(sents) > 1 and _is_headline(sents[0]) else 0


_PRONOUN_WORDS = frozenset({"they", "he", "she", "it", "we", "i"})

#: Words of a handover: ground taken after a withdrawal is a non-violent transfer.
_HANDOVER = frozenset({"withdraw", "withdrawal", "pullout", "handover", "hand", "vacate", "cede"})

#: Types whose trigger is itself a speech act: as the cue of a quote it is still an event.
_SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT"})


#: Cue verbs of statements that are also interactions: testimony before a body (CONSULT).
_INTERACTION_CUES = frozenset({"testify"})


def _speech_act(trig: Trigger) -> bool:
    tok = trig.token
    if court_ruling(tok):  # "the judge ruled that ...": the ruling is the court's act
        return True
    if tok.lemma_.lower() in _INTERACTION_CUES:  # "testified before the committee", not
        return not any(c.dep_ == "ccomp" for c in tok.children)  # "testified that ..."
    return trig.plover in _SPEECH_ACTS


def _acts_on(trig: Trigger) -> bool:
    """A cue verb that also acts on something ("welcomed the move, saying ...", "pledged to
    take action"): its object makes it an act, not only the report of a statement."""
    kids = list(trig.token.children)
    if any(c.dep_ in ("ccomp",) for c in kids):
        return False
    return any(c.dep_ in ("dobj", "xcomp") for c in kids)


def _cue_tokens(article: Article, doc: Doc) -> set[int]:
    """Token indexes of the attribution cues in ``article.quotes``."""
    if not article.quotes:
        return set()
    out: set[int] = set()
    for quote in article.quotes:
        if quote.cue is None:
            continue
        span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


class _CharSet:
    """Membership of a character offset in a set of spans."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans

    def __contains__(self, pos: int) -> bool:
        return any(s.start <= pos < s.end for s in self.spans)


def _direct_quote_chars(article: Article) -> _CharSet:
    """The content of direct quotations, and of every line that opens with a quotation mark:
    a speaker's words go on in a paragraph of their own with no cue ("'Our decision affirms
    ...'" after "said Locke"), and are no narration whether or not a quote was made of them."""
    spans: list[Span] = []
    for quote in article.quotes:
        if quote.kind == "direct":
            spans.extend(quote.content_segments or [quote.content])
    spans.extend(_quoted_lines(article.text))
    return _CharSet(spans)


def _quoted_lines(text: str) -> list[Span]:
    """The quotations that open a line: a paragraph of a speaker's words, even when it goes
    on with no cue of its own (the regions of the one quote finder, find_quotes)."""
    return [
        Span(start=r.start, end=r.end)
        for r in find_quotes(text)
        if not text[text.rfind("\n", 0, r.start) + 1 : r.start].strip()
    ]


class _TextScores:
    """One document's texts featurised once; each classifier scores them all once."""

    def __init__(self, texts: list[str]) -> None:
        uniq = list(dict.fromkeys(t for t in texts if t))
        self.rows = {t: i for i, t in enumerate(uniq)}
        self.feats: Features | None = featurize_parts(uniq) if uniq else None
        self.scores: dict[int, np.ndarray] = {}

    def decision(self, model: LinearTextModel, texts: list[str]) -> np.ndarray:
        if self.feats is None or any(t not in self.rows for t in texts):
            return model.decision(texts)
        key = id(model)
        if key not in self.scores:
            self.scores[key] = model.decision_features(self.feats)
        return self.scores[key][[self.rows[t] for t in texts]]


def _token_index(cand: _Candidate) -> int:
    return cand.trigger.token.i if cand.trigger is not None else cand.sent.start


@dataclass
class _Candidate:
    sent_index: int
    sent: SpacySpan
    trigger: Trigger | None
    plover: str | None
    acled: str | None
    confidence: float
    main: bool = False
    classified: bool = False  # acled is the ACLED classifier's first choice for the lead
    act: bool = True  # names an act an analyst codes (see nonevents.not_an_act)
    mention_only: bool = False  # only joins a record another mention makes
    unfounded: bool = False  # a main event guessed for a lead whose clause tells no act


class EventsStage:
    """Fill ``article.events``; the main event first.

    ``acled_model`` / ``plover_model`` default to the packaged ones; ``trigger_weight`` is
    how much the lexicon trigger of the main clause adds to the PLOVER classifier's
    probability; ``min_margin`` is the ACLED classifier score above which an article with no
    trigger still gets an event (or ``min_plover``, the PLOVER classifier's probability); by
    default every article's lead is typed (5-fold CV, CASE 30 classes: -0.6 -> 0.7422, none
    -> 0.7527; news dev detection F1 0.473 -> 0.484).
    """

    name = "events"

    def __init__(
        self,
        acled_model: LinearTextModel | None = None,
        plover_model: LinearTextModel | None = None,
        combiner: Combiner | None = None,
        *,
        load_packaged: bool = True,
        trigger_weight: float = 0.6,
        min_margin: float = -np.inf,
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
        self._plover_index = {t: i for i, t in enumerate(PLOVER_TYPES)}
        self.combiner = combiner or (load_combiner() if load_packaged else Combiner.default())
        self._texts: _TextScores | None = None  # the current document's (see extract)
        self._lead = ""  # the current document's lead text (see extract)
        self._usable: list[Place] = []  # the current document's usable places
        self._anchor: TimeExpression | None = None  # and its event-time anchor
        #: and its times resolved against its dateline (None: ``article.times``)
        self._times: list[TimeExpression] | None = None
        self._body_start = 0  # where its body begins (after a headline)
        self._lede_end = 0  # and where its lede ends
        self._home: str | None = None  # and the ISO3 country of its main place
        self._where: str | None = None  # the ISO3 country of the current event's place
        self._protagonist: EventActor | None = None  # the person the article is about
        self._text = ""  # and its text
        self._doc: Doc | None = None  # and its parse, while it is extracted

    # -- public ---------------------------------------------------------------------------
    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        article = analysis.article
        if doc is None or not article.text.strip():
            return analysis
        article.events = self.extract(article, doc)
        return analysis

    def candidates(self, article: Article, doc: Doc) -> tuple[list[SpacySpan], list[_Candidate]]:
        """Sentences (split at blank lines too) and every trigger in them."""
        sents = segments(doc)
        cue_tokens = _cue_tokens(article, doc)
        quoted = _direct_quote_chars(article)
        candidates: list[_Candidate] = []
        for i, sent in enumerate(sents):
            for trig in find_triggers(sent):
                if trig.token.i in cue_tokens and not _speech_act(trig) and not _acts_on(trig):
                    continue  # the cue verb of an attribution ("analysts agree that ...")
                if trig.nonfactual is not None:
                    continue  # negated, hypothetical, conditional, purpose, demanded, question
                if trig.token.idx in quoted:
                    continue  # a speaker's own words: a statement, not a narrated event
                if trig.extra.get("alleged") == "elsewhere":
                    told = _told_allegation(doc, trig.token.i)
                    if told is not None:
                        trig.plover = told[0]
                        if trig.target is None and told[0] == "ASSAULT":
                            trig.target = told[1]  # the accuser of an assault is its victim
                cand = _Candidate(i, sent, trig, trig.plover, None, 0.5)
                # generic, intended, descriptive or a reporting formula: it still types the
                # sentence, but makes a record only as the main event
                reason = not_an_act(trig.token, trig.modality, trig.plover)
                cand.act = reason in (None, *_MENTION_ONLY)
                # a judgement of an event ("the attack was the third this month") or a noun
                # completing another ("a string of explosions") is one more mention of an event
                # told elsewhere, never an event of its own
                cand.mention_only = reason in _MENTION_ONLY
                candidates.append(cand)
        return sents, candidates

    def _decision(self, model: LinearTextModel, texts: list[str]) -> np.ndarray:
        if self._texts is not None:
            return self._texts.decision(model, texts)
        return model.decision(texts)

    def _prepare(self, sents: list[SpacySpan], candidates: list[_Candidate]) -> None:
        """Featurise every text the classifiers will see in one call."""
        texts = [self.lead_text(sents), span_text(sents[_first_body(sents)])]
        texts.extend(span_text(c.sent) for c in candidates)
        self._texts = _TextScores(texts)

    def extract(self, article: Article, doc: Doc) -> list[Event]:
        """Events of ``article`` (parsed as ``doc``), the main event first."""
        sents, candidates = self.candidates(article, doc)
        if not sents:
            return []
        self._prepare(sents, candidates)
        self._lead = self.lead_text(sents)
        self._usable = usable_places(article)
        self._borrowed: set[int] = set()  # events whose place is the document's main place
        self._guessed: set[int] = set()  # ... and that are reported acts (see _extract)
        body = sents[_first_body(sents) :]
        lede = Span(start=body[0].start_char, end=body[min(1, len(body) - 1)].end_char)
        # an undated article: its times again, resolved against its dateline's day
        undated = article.published is None
        self._times = dateline_times(article, doc_hints(doc)) if undated else None
        self._anchor = event_anchor(article, lede, self._times) if body else None
        self._body_start = body[0].start_char if body else 0
        self._lede_end = lede.end
        home = main_place(self._usable)
        self._home = iso3(home.country) if home is not None else None
        self._protagonist = protagonist(article)
        self._court = court_place(doc, self._usable)
        self._text = article.text
        self._doc = doc
        try:
            return self._extract(article, doc, sents, candidates)
        finally:
            self._texts = None
            self._doc = None

    def _extract(
        self, article: Article, doc: Doc, sents: list[SpacySpan], candidates: list[_Candidate]
    ) -> list[Event]:
        main = self._main_candidate(candidates, sents)
        if main is None:
            return []
        self._type_secondary(candidates, main, article.text)
        # build in text order (a pronoun source takes the previous named source), then put
        # the main event first
        built: list[tuple[_Candidate, Event]] = []
        last_source: EventActor | None = None
        guessed: Event | None = None  # the main event guessed for a lead that tells no act
        for cand in sorted(candidates, key=lambda c: (c.sent_index, _token_index(c))):
            if not (cand.act or cand.main):
                continue
            event = self._event(article, doc, cand, last_source)
            if cand.unfounded:
                guessed = event
            ctrig = cand.trigger
            if event.source_actor is not None and ctrig is not None and not ctrig.source_is_pronoun:
                last_source = event.source_actor
            built.append((cand, event))
        records = self._records(sents, built)
        if len(article.text.split()) >= _DOMAIN_WORDS and not _political(article.text, records):
            return []  # (the roles the text names: an inferred party is no evidence)
        for record in records:
            self._infer_roles(record)
        _answer_protests(records)
        for record in records:
            self._hero_target(record)
        _same_doer(records, _state_attacker(doc))
        _police_of_protests(records)
        told = {id(r): r.target_actor for r in records}  # (before the aims inferred below)
        _aimed_at_main_target(records)
        _done_by_main_doer(records, article.text)
        persons = {a.id for a in article.actors if a.kind == ActorKind.PERSON}
        _answer_the_asker(records, told, persons)
        _offenders(records, article.text)
        _air_bombings(records, article.text)
        for record in records:
            if id(record) in self._guessed:
                # a reported act ("Volker said he discussed the delay") with no place of its
                # own: the document's main place only served to corefer its mentions
                record.place = record.geo_precision = None
        if guessed is not None:
            # it served as the main event above (the first record); no other mention joined
            # it, so no act of the text stands behind it
            records = [r for r in records if r is not guessed or len(r.mentions) > 1]
        return records

    def _police_in(self, record: Event) -> EventActor | None:
        """The police or troops a protest's own sentence names ("drawing riot police"): the
        party a protest confronts (codebook: a riot's actor2 is the police it fights)."""
        text = self._text[record.evidence.start : record.evidence.end]
        found = _POLICE.search(text)
        if found is None:
            return None
        where = record.place.country if record.place is not None else None
        word = found.group(0)
        start = record.evidence.start + found.start()
        return EventActor(
            span=Span(start=start, end=start + len(word)),
            text=word,
            country=iso3(where) or self._home,
            sector="military" if word.lower() in ("troops", "soldiers") else "police",
        )

    def _crowd(self, record: Event) -> tuple[Span, str] | None:
        """The people a protest's sentences show in the crowd: the first plural noun of
        protesting people, with its quantity ("thousands of teachers and nurses", "tens
        of thousands more residents")."""
        doc = self._doc
        if doc is None:
            return None
        for mention in record.mentions or [record.evidence]:
            sent = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if sent is None:
                continue
            for tok in sent:
                if tok.tag_ != "NNS" or tok.lemma_.lower() not in CROWD_NOUNS:
                    continue
                head = tok
                prep = tok.head
                if (
                    tok.dep_ == "pobj"
                    and prep.lower_ == "of"
                    and prep.head.lemma_.lower() in _QUANTITY_NOUNS
                ):
                    head = prep.head  # "thousands of students"
                start, end = np_span(head)
                for child in head.rights:  # not "across the country"
                    if child.dep_ == "prep" and child.lower_ != "of":
                        end = min(end, child.i)
                phrase = doc[start:end]
                return Span(start=phrase.start_char, end=phrase.end_char), phrase.text
        return None

    def _infer_roles(self, record: Event) -> None:
        """Roles the clause leaves unnamed that a coder infers (after the records are merged,
        so an inferred actor never keeps two mentions of one event apart): a protest's doer
        is its protesters, and it confronts the police its clause names."""
        doer = record.source_actor
        if record.plover_type == "PROTEST" and (doer is None or doer.sector in _FORCES):
            # the police or troops a protest's clause names are whom it confronts ("the
            # shooting of a boy by police unleashed a wave of unrest"), never its doers
            where = record.place.country if record.place is not None else None
            record.source_actor = protesters(
                record.evidence, iso3(where) or self._home, self._crowd(record)
            )
        if record.target_actor is None and record.plover_type == "PROTEST":
            record.target_actor = self._police_in(record)
        for actor in (record.source_actor, record.target_actor):
            if actor is not None and actor.name is None and actor.sector == "civilians":
                actor.name = "civilians"  # unnamed victims: ACLED's "Civilians (country)"

    def _hero_target(self, record: Event) -> None:
        """A legal act that names no one ("the case was dropped in 2017", "the judge handed
        down the maximum sentence") concerns the person the article is about."""
        hero = self._protagonist
        source = record.source_actor
        if (
            record.target_actor is None
            and record.plover_type in _LEGAL_TYPES
            and hero is not None
            and (source is None or source.actor_id != hero.actor_id)
        ):
            record.target_actor = hero

    def _merge(self, kept: Event, other: Event) -> None:
        """:func:`merge_into`, where a place of the other mention's own sentence replaces
        the main place a reported act only borrowed."""
        merge_into(kept, other)
        if (
            id(kept) in self._guessed
            and other.place is not None
            and id(other) not in self._borrowed
        ):
            kept.place, kept.geo_precision = other.place, other.geo_precision
            self._guessed.discard(id(kept))
            self._borrowed.discard(id(kept))

    def _records(
        self, sents: list[SpacySpan], built: list[tuple[_Candidate, Event]]
    ) -> list[Event]:
        """One record per event: mentions that corefer merge into the first (text order);
        a headline mention only joins a body record; the main event first."""
        headline = _first_body(sents) == 1
        records: list[tuple[bool, Event]] = []  # (main, record)
        verbs: list[set[str]] = []  # the verb lemmas of each record's mentions
        nouns: list[set[str]] = []  # and their event nouns
        heads: list[tuple[_Candidate, Event]] = []
        again: list[tuple[_Candidate, Event]] = []  # agreements named again (_named_again)
        for cand, event in built:
            if (headline and cand.sent_index == 0 and not cand.main) or (
                not cand.main and _title_line(cand.sent)
            ):
                # a headline, a subheading or a teaser line only names an event the body tells
                heads.append((cand, event))
                continue
            anaphoric = _anaphoric(cand)
            # an act set in time against the sentence's main act is never part of it
            sequenced = cand.trigger is not None and "sequenced" in cand.trigger.extra
            verb = _verb_lemma(cand)
            noun = _noun_lemma(cand) if event.plover_type in _INCIDENT_TYPES else None
            suffered = _suffered_in(cand)
            # "the protests", "the accusation": a definite event noun with no place or time
            # in its own phrase took them from its sentence, whose act is another; they
            # neither keep it apart from the event it names again nor join that record
            probe = _unset(event) if anaphoric and not _own_setting(cand) else event
            for k in range(len(records) - 1, -1, -1):
                fresh = noun is not None and noun not in nouns[k]
                if (
                    suffered is not None
                    and records[k][1].plover_type == event.plover_type
                    and suffered in _kinds(verbs[k], nouns[k])
                    and not (_own_day(cand, event) and same_date(records[k][1], event) is False)
                ):
                    # "five people were killed in those raids": the victims of an
                    # incident told before, whoever the victims (two stated days are two
                    # incidents, as the codebook counts them)
                    self._merge(records[k][1], event)
                    records[k] = (records[k][0] or cand.main, records[k][1])
                    break
                if (not sequenced and _same_sentence_act(records[k][1], event)) or corefer(
                    records[k][1],
                    probe,
                    anaphoric=anaphoric,
                    lemmas=(verbs[k], verb),
                    fresh=fresh,
                    borrowed=id(records[k][1]) in self._borrowed
                    and probe.place is not None
                    and id(event) not in self._borrowed,
                ):
                    self._merge(records[k][1], probe)
                    records[k] = (records[k][0] or cand.main, records[k][1])
                    if verb is not None:
                        verbs[k].add(verb)
                    if noun is not None:
                        nouns[k].add(noun)
                    break
            else:
                riot = None if cand.main else _riot_of(event, [rec for _, rec in records])
                if riot is not None:
                    # "small groups of hooded youths are still hurling fire bombs", "a van
                    # was hit with bricks": the riot's own violence, told with no doer; the
                    # riot's target stays its own (a policeman hurt is no target of the riot)
                    target = riot.target_actor
                    self._merge(riot, event)
                    riot.target_actor = target
                    continue
                if cand.mention_only and not cand.main:
                    continue
                if _named_again(cand, event) and not cand.main:
                    again.append((cand, event))
                    continue
                records.append((cand.main, event))
                verbs.append({verb} if verb is not None else set())
                nouns.append({noun} if noun is not None else set())
        for cand, event in again:
            # the only agreement the article tells keeps its record ("the truce came into
            # force at midnight")
            if not any(rec.plover_type == event.plover_type for _, rec in records):
                records.append((cand.main, event))
        for cand, event in heads:
            for k, (main, rec) in enumerate(records):
                if corefer(rec, event, anaphoric=True):
                    self._merge(rec, event)
                    rec.mentions.sort(key=lambda s: s.start)
                    records[k] = (main or cand.main, rec)
                    break
        records.sort(key=lambda pair: not pair[0])
        # an act that is one party's towards another, told with no other party, is no
        # interaction (the main event keeps its record: the article is about it)
        kept = [rec for main, rec in records if main or not _undirected(rec)]
        return _second_readings_out(kept)

    # -- typing ---------------------------------------------------------------------------
    def lead_text(self, sents: list[SpacySpan]) -> str:
        lead = sents[: self.lead_sentences]
        return doc_text(lead[0].doc)[lead[0].start_char : lead[-1].end_char]

    def acled_scores(self, lead_text: str) -> np.ndarray | None:
        if self.acled_model is None:
            return None
        return np.asarray(self._decision(self.acled_model, [lead_text])[0])

    def plover_features(
        self,
        candidates: list[_Candidate],
        sents: list[SpacySpan],
        acled_label: str | None,
    ) -> tuple[np.ndarray, list[_Candidate], SpacySpan]:
        """The combiner's evidence per PLOVER type (see :mod:`sitrep.events.combine`), the
        main sentence's candidates and the main sentence."""
        pool = self._main_pool(candidates, sents)
        main_sent = pool[0].sent if pool else sents[_first_body(sents)]
        n_types = len(PLOVER_TYPES)
        feats = np.zeros((len(FEATURES), n_types), dtype=np.float64)
        if self.plover_model is not None:
            margins = self._decision(self.plover_model, [span_text(main_sent)])[0]
            for label, m in zip(self.plover_model.labels, margins, strict=True):
                feats[0, self._plover_index[label]] = m
        if pool:
            shallow = min(c.trigger.depth for c in pool if c.trigger is not None)
            for c in pool:
                assert c.trigger is not None
                row = 1 if c.trigger.depth == shallow else 2
                feats[row, self._plover_index[c.plover or "ASSAULT"]] = 1.0
        mapped = ACLED_TO_PLOVER.get(acled_label or "")
        if mapped:
            feats[3, self._plover_index[mapped]] = 1.0
        return feats, pool, main_sent

    def document_features(self, article: Article, doc: Doc) -> np.ndarray | None:
        """The combiner's features for a document (None when it has no sentence); used to fit
        the combiner on out-of-fold classifier margins."""
        sents, candidates = self.candidates(article, doc)
        if not sents:
            return None
        scores = self.acled_scores(self.lead_text(sents))
        label = None
        if scores is not None and self.acled_model is not None:
            label = self.acled_model.labels[int(scores.argmax())]
        return self.plover_features(candidates, sents, label)[0]

    def _main_pool(self, candidates: list[_Candidate], sents: list[SpacySpan]) -> list[_Candidate]:
        """Candidates of the main sentence: the first lead sentence with a trigger (a
        headline only when no body sentence of the lead has one)."""
        body = _first_body(sents)
        limit = self.lead_sentences + body
        for first in (body, 0):
            idx = [c.sent_index for c in candidates if first <= c.sent_index < limit]
            if idx:
                return [c for c in candidates if c.sent_index == min(idx)]
        return []

    def _main_candidate(
        self, candidates: list[_Candidate], sents: list[SpacySpan]
    ) -> _Candidate | None:
        """Pick the main event among lead triggers and type it with both classifiers."""
        lead_text = self.lead_text(sents)
        scores = self.acled_scores(lead_text)
        acled_label: str | None = None
        acled_conf = 0.0
        margin = -np.inf
        if scores is not None and self.acled_model is not None:
            best = int(scores.argmax())
            margin = float(scores[best])
            acled_label = choose_acled(self.acled_model.labels, scores.tolist(), lead_text)
            if acled_label is not None:
                best = self.acled_model.labels.index(acled_label)
            acled_conf = float(softmax(scores[np.newaxis, :] / 0.3)[0, best])
        feats, pool, main_sent = self.plover_features(candidates, sents, acled_label)
        plover_scores = self.combiner.scores(feats)
        proba = softmax(plover_scores[np.newaxis, :])[0]
        if not pool and margin < self.min_margin and proba.max() < self.min_plover:
            return None
        plover = PLOVER_TYPES[int(plover_scores.argmax())]
        long_article = len(sents) > 2 * self.lead_sentences
        if pool:
            chosen = self._choose(pool, plover, acled_label)
            if long_article:
                chosen = self._with_actor(candidates, chosen, sents)
        else:
            chosen = _Candidate(
                _first_body(sents), main_sent, clause_arguments(main_sent), plover, None, 0.0
            )
            candidates.insert(0, chosen)
        chosen.plover = plover
        chosen.main = True
        if (
            long_article
            and not pool
            and chosen.trigger is not None
            and chosen.trigger.token.dep_ == "ROOT"
        ):
            # a long article whose lead has no trigger: the classifier's guess types the
            # article, but a main clause the article itself tells that names no act ("the
            # survey finds few changes", "the ruling poses the question whether ...": a
            # generic present) opens an analysis and records no event (see _extract); a
            # state a speaker reports ("officials said soldiers are in charge of the town")
            # is news of an act, and stays, as does the guess for a brief or a snippet,
            # whose lead is all there is
            found = chosen.trigger
            chosen.unfounded = not_an_act(found.token, found.modality, plover) is not None
        chosen.acled = acled_label if acled_label is not None else default_acled(plover, lead_text)
        territory = chosen.trigger.extra.get("territory") if chosen.trigger else None
        territorial = False
        if scores is not None and self.acled_model is not None and plover in _VIOLENT_PLOVER:
            labels = self.acled_model.labels
            allowed = [i for i, lab in enumerate(labels) if ACLED_TO_PLOVER.get(lab) == plover]
            if territory is not None:
                chosen.acled = self._territory_label(chosen, scores)
                territorial = True
            elif long_article and allowed and not is_acled(acled_label):
                # a long article is typed on its lead, headline included; a headline such as
                # "... denies involvement" must not make a violent main event non-ACLED:
                # score the lead and the main sentence together over the compatible classes
                both = lead_text + " " + chosen.sent.text
                row = self.acled_scores(both)
                assert row is not None
                chosen.acled = choose_acled(labels, row.tolist(), both, plover=plover)
        # the ACLED classifier's own first choice over the lead (it was trained on what ACLED
        # codes) and agreeing with the PLOVER type needs no further sign that ACLED would code
        # it; a default from the PLOVER type, or a choice among its sub-types, does
        chosen.classified = territorial or (
            acled_label is not None
            and chosen.acled == acled_label
            and ACLED_TO_PLOVER.get(acled_label) == plover
        )
        if long_article and plover in _VERBAL and ACLED_TO_PLOVER.get(chosen.acled or "") != plover:
            # in a long article the lead's ACLED class describes the article; a verbal or
            # diplomatic main act (an accusation, a demand) is not an act ACLED codes
            chosen.acled = None
        chosen.confidence = round(max(acled_conf, float(proba.max())), 3)
        return chosen

    @staticmethod
    def _choose(pool: list[_Candidate], plover: str, acled_label: str | None) -> _Candidate:
        same = [c for c in pool if c.plover == plover]
        if not same and acled_label is not None:
            want = ACLED_TO_PLOVER.get(acled_label)
            same = [c for c in pool if c.plover == want]
        pick = same or pool
        shallow = min(c.trigger.depth if c.trigger else 99 for c in pick)
        pick = [c for c in pick if (c.trigger.depth if c.trigger else 99) == shallow]
        named = [c for c in pick if c.trigger and c.trigger.source is not None]
        return (named or pick)[0]

    def _with_actor(
        self, candidates: list[_Candidate], chosen: _Candidate, sents: list[SpacySpan]
    ) -> _Candidate:
        """In an article, the first lead mention of the main event often has no actor ("Fierce
        fighting has been ongoing ..."); a later lead mention of the same type that names its
        source is the same event told in full, and becomes the main event."""
        if chosen.trigger is None or chosen.trigger.source is not None:
            return chosen
        limit = _first_body(sents) + self.lead_sentences + 2
        for c in candidates:
            trig = c.trigger
            if (
                trig is not None
                and c.sent_index <= limit
                and c.plover == chosen.plover
                and trig.source is not None
                and not trig.source_is_pronoun
                and trig.modality == "reported"
            ):
                return c
        return chosen

    def _territory_label(self, cand: _Candidate, scores: np.ndarray | None) -> str:
        """ "liberated two towns", "recaptured the airport": who takes the ground decides
        between the two ACLED territory types (ACLED codebook, Battles)."""
        trig = cand.trigger
        kind = trig.extra.get("territory") if trig is not None else None
        sector = None
        if trig is not None and trig.source is not None:
            span = trig.token.doc[trig.source[0] : trig.source[1]]
            sector = sector_of([t.lemma_.lower() for t in span], span.root.lemma_.lower())
        if cand.sent is not None and any(t.lemma_.lower() in _HANDOVER for t in cand.sent):
            # taken after the other side withdrew or handed it over: no fight for it
            return "Non-violent transfer of territory"
        state = sector in ("military", "government", "police")
        if state or (sector is None and kind == "regain"):
            return "Government regains territory"
        return "Non-state actor overtakes territory"

    def _type_secondary(self, candidates: list[_Candidate], main: _Candidate, text: str) -> None:
        """ACLED types for the other events: the classifier on their sentence, restricted to
        sub-types that agree with the trigger's PLOVER type."""
        rest = [c for c in candidates if c is not main and c.plover in _VIOLENT_PLOVER]
        for c in candidates:
            if c is not main and c.plover not in _VIOLENT_PLOVER:
                c.acled = default_acled(c.plover, c.sent.text)
        if not rest:
            return
        if self.acled_model is None:
            for c in rest:
                c.acled = default_acled(c.plover, c.sent.text)
            return
        texts = sorted({span_text(c.sent) for c in rest})
        scores = self._decision(self.acled_model, texts)
        by_text = dict(zip(texts, scores, strict=True))
        labels = self.acled_model.labels
        for c in rest:
            if c.trigger is not None and "territory" in c.trigger.extra:
                c.acled = self._territory_label(c, None)
                c.classified = True  # ground taken is a battle's outcome whoever reports it
                continue
            row = by_text[span_text(c.sent)]
            acled_only = [is_acled(lab) for lab in labels]
            masked = [float(r) if ok else -np.inf for r, ok in zip(row, acled_only, strict=True)]
            label = choose_acled(labels, masked, c.sent.text, plover=c.plover)
            if label is None:
                c.acled = default_acled(c.plover, c.sent.text)
                continue
            best = labels.index(label)
            c.acled = label
            c.confidence = round(float(softmax(row[np.newaxis, :] / 0.3)[0, best]), 3)

    # -- building records -----------------------------------------------------------------
    def _event(
        self, article: Article, doc: Doc, cand: _Candidate, last_source: EventActor | None
    ) -> Event:
        sent = cand.sent
        evidence = Span(start=sent.start_char, end=sent.end_char)
        trig = cand.trigger
        head = trig.token if trig is not None else None
        # a refusal ("chose not to accept a plea deal", "will dismiss any criticism") is made
        # where its text says or nowhere known: not on the dateline's or the story's ground
        refusal = cand.plover == "REJECT"
        reported = head is not None and reported_act(head)
        # a court's step in the case ("was sentenced to nine months") is taken where the court
        # the article names sits, not on the dateline or in the story's main place
        trig = cand.trigger
        step = trig is not None and court_act(trig.token, cand.plover)
        court = self._court if step and not reported else None
        # a country's or a region's court ("Azerbaijan's supreme court") does not say which
        # city: the dateline still does
        dateline = not refusal and (court is None or geo_precision(court) != "exact")
        place = choose_place(article, sent, head, self._usable, fallback=False, dateline=dateline)
        borrowed = guessed = False
        if place is None and court is not None:
            main = main_place(self._usable)
            coarse = geo_precision(court) != "exact"
            if not (coarse and main is not None and main.country == court.country):
                place = court  # a country's court yields to the story's place inside it
        if place is None:  # the document's main place: it still lets mentions corefer, but
            # a reported act's or a refusal's record does not claim it (see _extract)
            place = widen(main_place(self._usable), self._usable)
            borrowed = place is not None
            guessed = borrowed and (refusal or reported)
        # an unnamed state actor is the state where the act happened, else the article's own
        self._where = iso3(place.country) if place is not None and place.country else None
        source = target = None
        trigger_span = None
        modality = "reported"
        claimant = None
        claim_quote = None
        if trig is not None:
            tok = trig.token
            trigger_span = Span(start=tok.idx, end=tok.idx + len(tok.text))
            if trig.source is not None:
                source = self._actor(
                    article,
                    doc,
                    trig.source,
                    demonym="demonym_doer" in trig.extra,
                    plover=cand.plover,
                    doer=True,
                )
                if (
                    source is not None
                    and trig.source_is_pronoun
                    and source.actor_id is None
                    and last_source is not None
                ):
                    source = source.model_copy(
                        update={
                            "actor_id": last_source.actor_id,
                            "name": last_source.name or last_source.text,
                            "country": last_source.country,
                            "sector": last_source.sector,
                        }
                    )
            if trig.target is not None:
                target = self._actor(
                    article,
                    doc,
                    trig.target,
                    plover=cand.plover,
                    demonym="demonym_target" in trig.extra,
                )
            modality = trig.modality
            if trig.claimant is not None:
                claimant_actor = self._actor(article, doc, trig.claimant, strict=False)
                assert claimant_actor is not None
                claimant = claimant_actor.name or claimant_actor.text
                if claimant.lower() in _PRONOUN_WORDS and last_source is not None:
                    claimant = last_source.name or last_source.text  # "They announced ..."
            if modality in ("claimed", "denied"):
                claim_quote = _quote_index(article, trigger_span, trig)
        protest_noun = cand.plover == "PROTEST" and trig is not None and trig.token.pos_ != "VERB"
        undergone = trig is not None and "undergone" in trig.extra
        if source is None and cand.main and not protest_noun and not undergone:
            # (a protest named by a noun is done by its protesters, not by the clause's subject:
            # "With Hong Kong protests exploding, Xi is likely to deploy ...")
            fallback = clause_arguments(sent)
            if (
                fallback is not None
                and fallback.source is not None
                and trig is not None
                and fallback.source[0] <= trig.token.i < fallback.source[1]
            ):
                fallback = None  # the trigger noun is the clause's subject ("Incursion raises")
            if fallback is not None and fallback.source is not None:
                source = self._actor(article, doc, fallback.source, doer=True)
                if target is None and fallback.target is not None:
                    target = self._actor(article, doc, fallback.target, plover=cand.plover)
        if source is None and trig is not None:
            # "was arrested": by the police; "found guilty of murder": by a court
            source = implicit_agent(trig.token, trig.extra.get("agent"))
            if source is not None:
                source.country = source.country or self._where or self._home
                source.name = national_name(source.name or source.text, source.country)
        if (
            trig is not None
            and "demonym_target" in trig.extra
            and target is not None
            and source is not None
            and source.country == target.country
        ):
            target = None  # "the Swedish investigation was shelved": Sweden's own act
        if (
            place is not None
            and not borrowed
            and names_a_state_party(doc, place, source, target, cand.plover)
        ):
            # the place names a state party of the act, not its scene: it still lets the
            # mentions corefer, but the record does not claim it (see _extract)
            borrowed = guessed = True
        # ACLED fields only where ACLED would code the event; a non-ACLED CASE class
        # ("Diplomatic event") goes to event_class
        context = [sent.text, self._lead]
        sectors = [a.sector for a in (source, target) if a is not None]
        acled_type, sub, event_class = acled_fields(
            cand.acled, context, sectors, classified=cand.classified
        )
        if sub == "Arrests" and head is not None and court_word(head.text):
            # a charge, a prosecution or a jailing by a court is no detention by state
            # forces, whatever arrest the rest of the sentence tells (ACLED: Arrests)
            acled_type = sub = None
        plover = cand.plover
        if sub == "Violent demonstration" and plover == "ASSAULT":
            plover = "PROTEST"  # a riot is a violent protest (PLOVER PROTEST, CAMEO 145)
        if (
            source is not None
            and source.sector == "protesters"
            and _DEMONSTRATORS.search(f"{source.text} {source.name or ''}") is not None
        ):
            # violence done by demonstrators is a riot in ACLED's scheme, not force used
            # against them, a battle or an armed group's attack; the act keeps its PLOVER type
            acled_type, sub = riot_by_demonstrators(acled_type, sub)
        time, day, day_source = choose_time(
            article,
            sent,
            head,
            self._anchor,
            self._times,
            headline=sent.start_char < self._body_start,
            lede=sent.start_char < self._lede_end,
        )
        violent = plover == "ASSAULT" or acled_type in _VIOLENT_ACLED
        event = Event(
            plover_type=plover,
            acled_event_type=acled_type,
            acled_sub_event_type=sub,
            event_class=event_class,
            fatalities=fatalities([sent.text]) if violent else None,
            trigger=trigger_span,
            evidence=evidence,
            source_actor=source,
            target_actor=target,
            place=place,
            geo_precision=geo_precision(place),
            time=time,
            date=day,
            date_source=day_source,
            modality=modality,
            claimant=claimant,
            claim_quote=claim_quote,
            confidence=cand.confidence,
        )
        if borrowed:
            self._borrowed.add(id(event))
            if plover in _VERBAL and source is not None and source.country is None:
                # a statement by a party tied to no country ("Twitter pledged to act",
                # "Wikileaks welcomed the move"): nothing says it was made where the story is
                guessed = True
        if guessed:
            self._guessed.add(id(event))
        return event

    def _actor(
        self,
        article: Article,
        doc: Doc,
        toks: tuple[int, int],
        *,
        strict: bool = True,
        demonym: bool = False,
        plover: str | None = None,
        doer: bool = False,
    ) -> EventActor | None:
        """The actor a phrase names; None (``strict``) when it names none: a date, a place
        alone, a weapon, an act or a fragment ("Tuesday", "One rocket", "no evidence").
        ``demonym``: a nationality adjective is the doer of an event noun ("an Israeli
        massacre"): that country's forces (an assault) or government. ``doer``: the phrase is
        the subject of the act, where a name the NER left untyped is an actor too ("Wikileaks
        welcomed the move")."""
        span = _one_line(doc[toks[0] : toks[1]])
        start, end = span.start_char, span.end_char
        actor_id = name = country = sector = None
        role = ""
        person = False
        for mention in article.mentions:
            if mention.actor_id and mention.span.start < end and start < mention.span.end:
                actor = article.actor(mention.actor_id)
                if actor is not None:
                    actor_id, name, country = actor.id, actor.name, actor.country
                    person = str(actor.kind) == "person"
                    sector = actor.sector or KIND_SECTOR.get(str(actor.kind))
                    role = actor.role or ""
                    break
        seat = _state_seat(article, span, capital=doer or plover not in _VIOLENT_PLOVER)
        if (
            strict
            and actor_id is None
            and seat is None
            and not is_actor_phrase(span)
            and not (doer and _untyped_name(span))
        ):
            return None
        words = [t.text for t in span]
        if demonym and span.root.ent_type_ == "NORP" and country_of(words) is not None:
            sector = sector or ("military" if plover == "ASSAULT" else "government")
        elif seat is not None:
            # a country ("accused South Sudan", however the NER labels it) or its capital
            # ("Beijing's backtracking", "a trip to Beijing") stands for its government; a
            # capital attacked is where, not who
            country, sector = country or seat, sector or "government"
        elif strict and _only_a_place(article, span):
            return None  # "in Manhattan", "Brownsville": where, not who
        if country is None:
            country = country_of(words)
        lemmas = [t.lemma_.lower() for t in span] + role.lower().split()
        titled = (role_sector(role) if role else None) or title_sector(lemmas)
        if titled is not None and sector in (None, "civilians", "other"):
            sector = titled  # a head of state is government, an army spokesman military
        if country is None and role:
            country = country_of(role.replace("'s", "").split())  # "Sudanese Army spokesman"
        if country is None and person:
            country = self._home  # a person the article names: of the country it is about
        if sector is None:
            sector = sector_of(lemmas, span.root.lemma_.lower())
        if country is None and sector in _STATE_SECTORS and actor_id is None:
            # "the government", "police": the state where it happened, else the article's own
            country = self._where or self._home
        return EventActor(
            span=Span(start=start, end=end),
            text=span.text,
            actor_id=actor_id,
            name=name,
            country=country,
            sector=sector,
        )


#: Entity types that never name an actor.
_NOT_ACTOR_ENTS = frozenset(
    "DATE TIME CARDINAL MONEY PERCENT QUANTITY ORDINAL LOC FAC LAW WORK_OF_ART EVENT PRODUCT "
    "LANGUAGE".split()
)


def _untyped_name(span: SpacySpan) -> bool:
    """A capitalised name the NER left untyped ("Wikileaks", "Anonymous") inside a sentence in
    running text (a title-case headline capitalises every word)."""
    root = span.root
    sent = root.sent
    if root.i == sent.start or root.ent_type_ in _NOT_ACTOR_ENTS or not root.text[:1].isupper():
        return False
    if root.pos_ not in ("PROPN", "NOUN"):
        return False
    words = [t for t in sent if t.is_alpha and t.i != sent.start]
    return sum(t.text[:1].islower() for t in words) * 2 > len(words)


def _told_allegation(doc: Doc, before: int) -> tuple[str, tuple[int, int] | None] | None:
    """The type of the act of the last allegation told before token ``before`` ("a 2010 rape
    allegation", "accused of rape"): what "denied the allegations" denies (codebook: a party's
    denial of an alleged act is that act, modality ``denied``); and who made it (see
    :func:`_accuser`)."""
    for tok in reversed(doc[:before]):
        lemma = tok.lemma_.lower()
        if lemma in ALLEGATION_NOUNS or (tok.pos_ == "VERB" and lemma in ALLEGATION_VERBS):
            found = alleged_type(tok)
            if found is not None:
                return found, _accuser(doc, tok, before)
    return None


#: Nouns of the party who brings an allegation ("the complainant's evidence").
ACCUSER_NOUNS = frozenset({"complainant", "accuser", "plaintiff"})


def _accuser(doc: Doc, allegation: Token, before: int) -> tuple[int, int] | None:
    """Who made an allegation: the ``by`` agent of "accused of rape by a woman", else the
    last complainant or accuser the text names before token ``before``; the victim of an
    alleged assault, as a coder reads a denial of it."""
    for tok in allegation.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.pos_ in ("NOUN", "PROPN"):
            start, end = actor_span(tok)
            for child in tok.rights:  # "by a neighbour and assault by another": a neighbour
                if child.dep_ in ("cc", "conj"):
                    end = min(end, child.i)
            return start, end
    for tok in reversed(doc[:before]):
        if tok.lemma_.lower() in ACCUSER_NOUNS and tok.pos_ == "NOUN":
            return actor_span(tok)
    return None


def _second_readings_out(records: list[Event]) -> list[Event]:
    """A record with no doer of its own, told only in sentences an earlier record (the main
    event first) already tells, is another reading of that sentence ("A video showing the
    moment a kidnapped girl was rescued by police was released": one rescue)."""
    kept: list[Event] = []
    for rec in records:
        spans = rec.mentions or [rec.evidence]
        told = {(s.start, s.end) for k in kept for s in (k.mentions or [k.evidence])}
        if rec.source_actor is None and all((s.start, s.end) in told for s in spans):
            continue
        kept.append(rec)
    return kept


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


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})


#: Types whose definite noun with no party names an agreement told before ("the accord took
#: effect in May", "the pact signed last spring"): an agreement is introduced with its parties
#: or its terms ("a ceasefire deal between the army and the rebels", "agreed to buy the mill").
_NAMED_AGAIN_TYPES = frozenset({"AGREE"})


def _named_again(cand: _Candidate, event: Event) -> bool:
    """A definite event noun of an agreement that names no party of its own ("the deal"): one
    more mention of an agreement the article tells (it joins that record), never a second
    record of its own (news dev: two duplicate AGREE records in two documents); the only
    agreement an article tells keeps its record ("the truce came into force"). A named or
    dated one ("the 1998 border treaty", "the Lisbon accord") introduces the agreement it
    names."""
    trig = cand.trigger
    return (
        event.plover_type in _NAMED_AGAIN_TYPES
        and _anaphoric(cand)
        and event.source_actor is None
        and event.target_actor is None
        and trig is not None
        and not any(c.dep_ in ("compound", "nummod") for c in trig.token.children)
    )


def _anaphoric(cand: _Candidate) -> bool:
    """A definite event noun refers back to an event told before ("the attack")."""
    trig = cand.trigger
    if trig is None or trig.token.pos_ == "VERB":
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in trig.token.children)


#: not_an_act reasons of a mention that joins a record but never makes one ("nobody was
#: hurt in the blast" tells of the blast told elsewhere, no act of its own; "the ban might
#: be lifted" names the ban).
_MENTION_ONLY = frozenset({"judged", "complement", "no one", "possible", "opinion"})


#: Types whose event nouns count incidents ("an airstrike", "heavy clashes", "a series of
#: blasts"): a new such noun tells a new incident, where a deal, a probe or a ban named again
#: is the one already told.
_INCIDENT_TYPES = frozenset({"ASSAULT"})


#: Event nouns that name one kind of incident: "fierce fighting" and "intense clashes" in
#: one region are one fight told twice (two airstrikes in one city are two strikes).
_INCIDENT_KIND = {
    "clash": "fight",
    "fighting": "fight",
    "fight": "fight",
    "battle": "fight",
    "combat": "fight",
}


#: Entity labels that set an event noun in a place or a time of its own.
_SETTING_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def _own_setting(cand: _Candidate) -> bool:
    """Whether the event noun's own phrase names a place or a time ("the protests in the
    capital", "the attack on Monday"), or the noun is what its verb acts on, whose setting is
    the event's ("reopened the investigation in May")."""
    trig = cand.trigger
    if trig is None or trig.token.dep_ not in ("nsubj", "nsubjpass", "pobj"):
        return True
    return any(t.ent_type_ in _SETTING_ENTS for t in trig.token.subtree)


def _unset(event: Event) -> Event:
    """``event`` with no place and no stated date: what a mention says of its own when both
    came from its sentence (a date guessed from the lede or the publication stays)."""
    update: dict[str, object] = {"place": None, "geo_precision": None}
    if event.date_source == "stated":
        update.update(time=None, date=None, date_source=None)
    return event.model_copy(update=update)


def _noun_lemma(cand: _Candidate) -> str | None:
    """The kind of incident an event noun trigger names (its lemma unless
    ``_INCIDENT_KIND`` groups it; None for a verb or no trigger)."""
    trig = cand.trigger
    if trig is None or trig.token.pos_ == "VERB":
        return None
    lemma = trig.token.lemma_.lower()
    return _INCIDENT_KIND.get(lemma, lemma)


#: Words that make an incident another one ("in an earlier strike", "in a separate attack").
_NEW_INCIDENT = frozenset(
    "a an another separate earlier later new second other previous further fresh".split()
)
#: Verbs of harm suffered: "were killed in the attack", "died in clashes".
_SUFFER_VERBS = frozenset({"kill", "injure", "wound", "die", "hurt", "maim"})


def _suffered_in(cand: _Candidate) -> str | None:
    """The kind of incident (as :func:`_noun_lemma`) a harm verb says its victims suffered
    in ("five people were killed in those raids", "were hurt in clashes"), or None."""
    trig = cand.trigger
    if trig is None or trig.token.pos_ != "VERB" or trig.token.lemma_.lower() not in _SUFFER_VERBS:
        return None
    for prep in trig.token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or noun_type(obj) != "ASSAULT":
                continue
            dets = {c.lower_ for c in obj.children if c.dep_ in ("det", "poss", "amod")}
            bare = not dets & _NEW_INCIDENT and (
                obj.tag_ == "NNS" or obj.lemma_.lower() in _INCIDENT_KIND
            )
            if dets & _DEFINITE or bare:
                # "in those bombings", "in clashes", "in heavy fighting"; "in an air strike
                # on their house", "in a separate attack" tell another incident
                lemma = obj.lemma_.lower()
                return _INCIDENT_KIND.get(lemma, lemma)
    return None


def _own_day(cand: _Candidate, event: Event) -> bool:
    """Whether ``event``'s day is stated in its trigger's own clause ("on Sunday, twelve were
    killed in clashes"), not on a verb that reports it ("said Thursday that seven were killed
    in those bombings": the day of the saying)."""
    trig, time = cand.trigger, event.time
    if trig is None or time is None:
        return False
    tok = trig.token
    end = tok.right_edge.idx + len(tok.right_edge)
    return tok.left_edge.idx <= time.span.start and time.span.end <= end


def _kinds(verbs: set[str], nouns: set[str]) -> set[str]:
    """The kinds of incident a record's mentions name: its event nouns, and the nouns of its
    verbs ("bombed": a bombing, "attacked": an attack, "fought": fighting)."""
    out = set(nouns)
    for verb in verbs:
        for word in (verb, verb + "ing", verb + verb[-1:] + "ing"):
            out.add(_INCIDENT_KIND.get(word, word))
    return out


def _verb_lemma(cand: _Candidate) -> str | None:
    trig = cand.trigger
    if trig is None or trig.token.pos_ != "VERB":
        return None
    if "refuge" in trig.extra:
        return "refuge"  # "sought refuge at the embassy", "had taken refuge in it": one act
    return trig.token.lemma_.lower()


_STATE_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})


def _only_a_place(article: Article, span: SpacySpan) -> bool:
    """A phrase that is only a literal sub-national place name ("Manhattan") or a bare
    adjective of origin ("Belgian"); a country name can stand for its state."""
    root = span.root
    if root.pos_ == "ADJ" and root.ent_type_ == "NORP":
        return True
    if root.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    start, end = span.start_char, span.end_char
    for place in article.places:
        if place.span.start < end and start < place.span.end and place.literal:
            return (place.feature_code or "") not in _STATE_CODES
    return False


def _state_seat(article: Article, span: SpacySpan, *, capital: bool) -> str | None:
    """The ISO3 code of the state a phrase names by a place and nothing more: a country
    ("South Sudan", even where the NER calls it a location) or, with ``capital``, its
    national capital ("Beijing"); not "Beijing residents"."""
    root = span.root
    if root.pos_ != "PROPN":
        return None
    start, end = span.start_char, span.end_char
    for place in article.places:
        if place.span.start < end and start < place.span.end:
            if not place.span.start <= root.idx < place.span.end or place.span.end < end - 1:
                return None  # the place is only part of the phrase
            code = place.feature_code or ""
            if code in _STATE_CODES or (capital and code == "PPLC"):
                return iso3(place.country)
            return None
    return None


def _same_sentence_act(kept: Event, event: Event) -> bool:
    """Two assaults in one sentence are one attack told with two verbs ("killed 43 and
    wounded 55"), unless their doers differ; a bare second trigger with no actor of its own
    is part of the act the sentence already tells."""
    if not any(m == event.evidence for m in kept.mentions or [kept.evidence]):
        return False
    if event.source_actor is None and event.target_actor is None:
        return True  # a bare second trigger of the sentence: part of the act already told
    if kept.plover_type != event.plover_type or kept.modality != event.modality:
        return False
    a, b = kept.source_actor, event.source_actor
    if event.plover_type == "COERCE":
        # "was convicted and sentenced to ten years": one legal act on one person (the second
        # verb of the pair often has no target of its own)
        x, y = kept.target_actor, event.target_actor
        if x is None or (y is not None and not _same_name(x, y)):
            return False
        return a is None or b is None or _same_name(a, b)
    if event.plover_type != "ASSAULT":
        return False  # "arrested ... and raided the office": two acts
    return a is None or b is None or (a.name or a.text).lower() == (b.name or b.text).lower()


#: PLOVER types of acts between two parties: a meeting, a visit or talks (CONSULT), support,
#: aid or a sanction given to someone (PLOVER 2.0 definitions).
_DIRECTED = frozenset({"CONSULT", "SUPPORT", "AID", "SANCTION"})


def _riot_of(event: Event, records: list[Event]) -> Event | None:
    """The riot an assault with no named doer belongs to: the last violent demonstration told
    before it (codebook: the violence of a riot is the riot's, one record), when the assault
    targets no one or the police and no stated day sets it apart."""
    doer, target = event.source_actor, event.target_actor
    if event.plover_type != "ASSAULT" or (doer is not None and doer.sector is not None):
        return None
    if target is not None and target.sector != "police":
        return None  # soldiers hit, or civilians: an attack of its own
    if event.acled_event_type == "Explosions/Remote violence":
        return None  # a bombing is no rioters' violence
    for rec in reversed(records):
        if rec.plover_type == "PROTEST" and rec.acled_event_type == "Riots":
            if same_date(rec, event) is False or same_place(rec.place, event.place) is False:
                return None  # another day or another town: another incident
            return rec
    return None


def _undirected(record: Event) -> bool:
    """A two-party act with no second party: "the victim's mother testified", "was met with
    hoots of laughter", "helped to elect her", "she praised the reports"."""
    return record.plover_type in _DIRECTED and record.target_actor is None


def _same_name(a: EventActor, b: EventActor) -> bool:
    return (a.name or a.text).lower() == (b.name or b.text).lower()


_STATE_SECTORS = frozenset({"government", "military", "police", "judiciary"})
#: Sectors of the forces a protest confronts (never its doers).
_FORCES = frozenset({"military", "police"})
#: Plural nouns of the people who make up a protest's crowd.
CROWD_NOUNS = frozenset(
    "protester protestor demonstrator rioter activist student worker striker resident "
    "villager farmer anarchist youth supporter citizen marcher teacher".split()
)
#: Nouns that count a crowd ("thousands of students", "a group of residents").
_QUANTITY_NOUNS = frozenset("thousand hundred ten dozen score million crowd group".split())
#: actor sectors the codebook's events involve (an event is an act of a government, a
#: security force, an armed or political group, protesters, a court or an organisation)
_POLITICAL_SECTORS = _STATE_SECTORS | frozenset(
    {"rebels", "militia", "party", "protesters", "igo", "ngo"}
)
#: an article's domain is judged from at least this many words: a snippet of a few
#: sentences (a wire brief, a coded sentence) has no context to judge it by
_DOMAIN_WORDS = 120
#: words of conflict, crime, justice and politics: an article that uses none of them and
#: whose events name no political actor (a game report, a casting story) codes no events
_CONFLICT_WORDS = re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|dies|murder\w*|guns?|gunm[ae]n|gunfire|"
    r"wound\w*|bomb\w*|blasts?|explo\w*|attack\w*|assault\w*|arrest\w*|police\w*|troops?|"
    r"soldiers?|army|armed|milit\w*|rebels?|insurgen\w*|terroris\w*|"
    r"protest\w*|demonstrat\w*|riot\w*|marche[drs]|marching|rall(?:y|ies)|strikes?|courts?|jury|judges?|"
    r"convict\w*|charged|sentenc\w*|prison\w*|jail\w*|crim\w*|gangs?|cartels?|suspects?|"
    r"govern\w*|minist\w*|president\w*|officials?|authorities|mayor|senat\w*|congress\w*|"
    r"parliament\w*|elect\w*|vot\w*|part(?:y|ies)|opposition|regime|diplomat\w*|"
    r"embass\w*|sanction\w*|treaty|ceasefire|truce|war|wars|refugees?|rape\w*|kidnap\w*|"
    r"abduct\w*|hostages?|violen\w*|stabb\w*|(?:was|were|been|being|got) shot|arson\w*|"
    r"vandal\w*|loot\w*|robb\w*|theft|thie\w*|clash\w*|fighting|airstrikes?|shell(?:ing|ed)|"
    r"missiles?|rockets?|weapons?|security)\b",
    re.IGNORECASE,
)


def _political(text: str, records: list[Event]) -> bool:
    """Whether ``records`` can be the codebook's events: one of them names a political actor,
    or the article speaks of conflict, crime, justice or politics at all. A game report's
    "blocked a shot" or a casting story's "was named as" is no event (the codebook codes
    specific acts of political actors and crimes), whatever the verb's other senses."""
    for record in records:
        for actor in (record.source_actor, record.target_actor):
            if actor is not None and actor.sector in _POLITICAL_SECTORS:
                return True
    return bool(records) and _CONFLICT_WORDS.search(text) is not None


_POLICE = re.compile(
    r"\b(?:riot police|police(?: officers)?|policemen|officers|cops|security forces|troops|"
    r"soldiers)\b",
    re.IGNORECASE,
)
#: PLOVER types of verbal and diplomatic acts: ACLED codes none of them as such.
_VERBAL = frozenset(
    {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONSULT", "SUPPORT", "CONCEDE", "AID"}
)
#: PLOVER types of legal acts (charges, trials, sentences, dropped cases, investigations).
_LEGAL_TYPES = frozenset({"COERCE", "CONCEDE", "ACCUSE"})


#: Types whose unnamed doer is the doer of the article's other acts of that type ("Two people
#: were killed when an artillery shell hit a UN school" in an article on Israel's shelling).
_CONTINUED_TYPES = frozenset({"ASSAULT"})


def _same_doer(records: list[Event], attacker: EventActor | None = None) -> None:
    """An act of violence that names no doer takes the doer of the article's first act of
    the same type that names one, when that doer is an armed or state actor (a coder infers
    the perpetrator from the article: the codebook's "cannot be inferred"); where no act
    names one, the state the article names as the attacker (``attacker``, see
    :func:`_state_attacker`), unless the victims are that state's or a government."""
    doers: dict[str, EventActor] = {}
    for record in records:
        actor = record.source_actor
        if (
            record.plover_type in _CONTINUED_TYPES
            and actor is not None
            and actor.sector in ("military", "rebels", "militia", "government", "police")
        ):
            doers.setdefault(record.plover_type, actor)
    if attacker is not None and "ASSAULT" not in doers:
        for record in records:
            target = record.target_actor
            if (
                record.plover_type == "ASSAULT"
                and record.source_actor is None
                and not (
                    target is not None
                    and (target.country == attacker.country or target.sector in _RULERS)
                )
            ):
                record.source_actor = attacker.model_copy()
        return
    for record in records:
        if record.source_actor is None and record.plover_type in doers:
            record.source_actor = doers[record.plover_type]


#: Sectors of those who govern: an unnamed attacker of a government or a party is no war's
#: (a candidate "beating" a rival is an election).
_RULERS = frozenset({"government", "party"})


def _state_attacker(doc: Doc) -> EventActor | None:
    """The one state whose armed attacks the article names by its nationality or as its
    possessor ("the Israeli shelling", "Turkey's assault on Afrin"): that state's military,
    whom a coder takes as the doer of the article's attacks that name none. None where the
    article names no such state or more than one."""
    found: dict[str, Token] = {}
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() in PATIENT_NOUNS:
            continue
        mods = [
            c
            for c in tok.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
            and c.i < tok.i
            and c.pos_ in ("PROPN", "ADJ")
        ]
        if not mods or noun_type(tok) != "ASSAULT":
            continue
        for mod in mods:
            code = country_of([mod.text])
            if code is not None:
                found.setdefault(code, mod)
    if len(found) != 1:
        return None
    ((code, mod),) = found.items()
    name = national_name("military", code)
    return EventActor(
        span=Span(start=mod.idx, end=mod.idx + len(mod.text)),
        text=name,
        name=name,
        country=code,
        sector="military",
    )


def _police_of_protests(records: list[Event]) -> None:
    """A protest whose own sentence names no one it confronts confronts the police the
    article shows acting against people in that country, or fighting protesters there
    ("cops began arresting", "a clash between strikers and police"): codebook, a riot's
    actor2 is the police it fights.
    A protest in an article where the police do nothing stays without a target."""
    police: dict[str | None, EventActor] = {}
    for record in records:
        if record.plover_type not in ("ASSAULT", "COERCE"):
            continue
        source, target = record.source_actor, record.target_actor
        actor = source
        if source is not None and source.sector == "protesters":
            actor = target  # "a clash between strikers and police"
        if actor is not None and actor.sector == "police" and actor.country is not None:
            police.setdefault(actor.country, actor)
    if not police:
        return
    for record in records:
        if record.plover_type != "PROTEST" or record.target_actor is not None:
            continue
        doer = record.source_actor
        where = doer.country if doer is not None else None
        if where is None and record.place is not None:
            where = iso3(record.place.country)
        if where in police:
            record.target_actor = police[where]


#: Types of an authority's answer to a protest: a threat, a refusal, a concession, a ban or
#: a crackdown (an act towards the protesters when its clause names no one else).
_ANSWER_TYPES = frozenset({"THREATEN", "REJECT", "CONCEDE", "COERCE", "ASSAULT", "SANCTION"})


def _answer_protests(records: list[Event]) -> None:
    """In an article on a protest, an act of the state (government, police, troops) that
    names no one it is directed at ("officers threatened to use live fire", "Beijing's
    backtracking on the law") answers the protesters: they are its actor2, as a coder
    reads the article."""
    crowd = next(
        (
            r.source_actor
            for r in records
            if r.plover_type == "PROTEST"
            and r.source_actor is not None
            and r.source_actor.sector == "protesters"
        ),
        None,
    )
    if crowd is None:
        return
    for record in records:
        doer = record.source_actor
        if (
            record.target_actor is None
            and record.plover_type in _ANSWER_TYPES
            and doer is not None
            and doer.sector in _ANSWERING
        ):
            record.target_actor = crowd.model_copy()


def _aimed_at_main_target(records: list[Event]) -> None:
    """A threat that names its speaker but not whom it is aimed at ("the platform pledged
    decisive action against such tactics", "the paper warned there is no room for
    compromise") is aimed at the party the article's main event (the first record) is done
    to, as a coder reads the article; never at a party of the main event itself. A rejection
    or a demand has an aim of its own and is left as told."""
    if not records:
        return
    main = records[0]
    party = main.target_actor
    if party is None or party.sector is None:
        return  # (an unnamed or untyped party: a place, a building)
    for record in records[1:]:
        doer = record.source_actor
        if (
            record.target_actor is None
            and record.plover_type == "THREATEN"  # (a rejection or a demand has its own aim)
            and doer is not None
            and doer.name is not None  # (a named speaker, not "audience members")
            and not _same_name(doer, party)
            and not (main.source_actor is not None and _same_name(doer, main.source_actor))
        ):
            record.target_actor = party.model_copy()


#: Sectors of a main doer whose unnamed acts a coder attributes to it: a state or a body that
#: acts in politics (not a crowd, a victim or a person of no office).
_ACTING_BODIES = _STATE_SECTORS | frozenset({"party", "igo", "ngo"})


def _done_by_main_doer(records: list[Event], text: str) -> None:
    """A statement or political act the article tells with no doer ("the withdrawal of the
    bill came too late", "rolling back tariffs requires deeper concessions") is the act of the
    state or body the article's main event (the first record) is done by, as a coder infers
    it; never where that body is the act's own target, nor for a passive act, whose doer the
    text withholds ("the arrests were widely condemned")."""
    if not records:
        return
    doer = records[0].source_actor
    if doer is None or doer.sector not in _ACTING_BODIES:
        return
    for record in records[1:]:
        target = record.target_actor
        if (
            record.source_actor is None
            and record.plover_type in _VERBAL
            # a passive act's doer is withheld, not the main doer's ("the arrests were
            # widely condemned", "the ministry was urged to ...", "were accused by ...")
            and not (record.trigger is not None and _passive_before(text, record.trigger.start))
            and not (target is not None and _shared_word(target, doer))
        ):
            record.source_actor = doer.model_copy()


#: Acts that answer an earlier act of another party (a demand, a protest, an offer).
_RESPONSES = frozenset({"REJECT", "CONCEDE"})


def _same_party(a: EventActor, b: EventActor) -> bool:
    """Whether two actors are one party: the same name, a shared capitalised name word, or
    two arms of one state ("Beijing" and "China", "Hong Kong" and its police); a court is a
    party of its own."""
    if _same_name(a, b) or _shared_word(a, b):
        return True
    return (
        a.country is not None
        and a.country == b.country
        and a.sector in _ANSWERING
        and b.sector in _ANSWERING
    )


def _answer_the_asker(
    records: list[Event], told: dict[int, EventActor | None], persons: set[str]
) -> None:
    """A rejection or a concession by a government or a political body (not a person: ids
    in ``persons``) that names no one it answers ("the ministry is refusing to set a date",
    "the council's retreat on the levy was too late") answers the party whose latest
    earlier act in the article was directed at that body (the demand, the protest, the
    offer): that party is its actor2, as a coder reads the article. Only the targets in
    ``told`` count (by record id: those the text gave, before any aim was inferred), never
    one inferred for a threat or by this rule; an attack or an arrest is no demand to answer
    (review29 #18: a refusal of talks after an air raid answers no one)."""
    ordered = sorted(records, key=lambda r: r.evidence.start)
    aims = [
        (r.source_actor, None if r.plover_type in ("ASSAULT", "COERCE") else told.get(id(r)))
        for r in ordered
    ]
    for i, record in enumerate(ordered):
        doer = record.source_actor
        if record.target_actor is not None or record.plover_type not in _RESPONSES:
            continue
        if doer is None or doer.sector not in _ACTING_BODIES or doer.actor_id in persons:
            continue  # (a person's refusals are told with whom they answer, or not at all)
        for asker, aim in reversed(aims[:i]):
            if asker is None or aim is None or not _same_party(aim, doer):
                continue
            if not _same_party(asker, doer):
                record.target_actor = asker.model_copy()
            break


#: A passive auxiliary (and an adverb) just before a participle: "were widely condemned".
_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _passive_before(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a passive auxiliary."""
    return _PASSIVE_AUX.search(text[max(0, start - 40) : start]) is not None


def _shared_word(a: EventActor, b: EventActor) -> bool:
    """Whether two actors share a capitalised word of their names ("Comeaux", "Arcade Joseph
    Comeaux Jr.")."""

    def words(actor: EventActor) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Z][\w'-]+", f"{actor.name or ''} {actor.text}")}

    return bool(words(a) & words(b))


#: Sectors whose acts answer a protest.
_ANSWERING = frozenset({"government", "police", "military"})


def _offenders(records: list[Event], text: str) -> None:
    """A person the article reports as committing an ordinary crime (an assault ACLED would
    not code: a kidnapping, a murder) or as convicted or sentenced by a court is an
    offender, the codebook's sector "other", in every record that names them, not a
    civilian (the victims are the civilians); one who denies the act they are accused of
    stays as the article describes them."""
    names: set[str | None] = set()
    for record in records:
        if record.modality != "reported":
            continue  # (not an act they deny)
        source, target = record.source_actor, record.target_actor
        if record.plover_type == "ASSAULT" and record.acled_event_type is None:
            offender = source
        elif (
            record.plover_type == "COERCE"
            and source is not None
            and source.sector == "judiciary"
            and record.trigger is not None
            and verdict_word(text[record.trigger.start : record.trigger.end])
        ):
            offender = target
        else:
            continue
        if offender is not None and offender.sector == "civilians":
            names.add(offender.actor_id or offender.name)
    names -= {None, "civilians"}
    for record in records:
        for actor in (record.source_actor, record.target_actor):
            if (
                actor is not None
                and actor.sector == "civilians"
                and (actor.actor_id or actor.name) in names
            ):
                actor.sector = "other"


def _air_bombings(records: list[Event], text: str) -> None:
    """An assault told as a bombing, in an article that tells of aircraft or air strikes, is
    an air strike (see :func:`air_dropped`)."""
    for record in records:
        if record.plover_type != "ASSAULT":
            continue
        sentence = text[record.evidence.start : record.evidence.end]
        sub = air_dropped(record.acled_sub_event_type, sentence, text)
        if sub != record.acled_sub_event_type:
            record.acled_sub_event_type = sub
            record.acled_event_type = ACLED_PARENT.get(sub or "")


def protagonist(article: Article) -> EventActor | None:
    """The person an article is about: the one named most often, when named at least three
    times and more often than anyone else."""
    people = sorted(
        (a for a in article.actors if a.kind == ActorKind.PERSON),
        key=lambda a: -len(a.mentions),
    )
    if not people or len(people[0].mentions) < 3:
        return None
    if len(people) > 1 and len(people[1].mentions) >= len(people[0].mentions):
        return None
    top = people[0]
    first = min(top.mentions, key=lambda m: m.start)
    return EventActor(
        span=first,
        text=top.name,
        actor_id=top.id,
        name=top.name,
        country=top.country,
        sector=top.sector,
    )


def _one_line(span: SpacySpan) -> SpacySpan:
    """The part of an actor phrase on its root's line ("Fertilizer\n\nOfficers" ->
    "Officers")."""
    root = span.root
    start, end = span.start, span.end
    for tok in span:
        if tok.is_space and "\n" in tok.text:
            if tok.i < root.i:
                start = tok.i + 1
            elif tok.i > root.i:
                end = min(end, tok.i)
    return span.doc[start:end] if start < end else span
