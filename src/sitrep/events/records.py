"""Document-level event records: which place and day belong to an event mention, and which
mentions are one event (in-document event coreference).

The events stage finds one candidate per trigger; this module decides, from the clause
outwards, where and when each candidate happened, and merges the headline, the lede and later
recaps that agree on type, actors, place and time into one record whose ``mentions`` list every
mention (codebook: "One record per event").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitrep.events.actors import national_adjectives
from sitrep.events.ontology import MATERIAL_PLOVER
from sitrep.model import DateSource, GeoPrecision, Place, Span, TimeExpression
from sitrep.timex.expressions import time_expressions
from sitrep.timex.tagger import Hints, find_times

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from sitrep.model import Article, Event, EventActor

#: GeoNames feature codes of a whole country, and of a first-level division or region.
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "CONT"})
_ADMIN1_CODES = frozenset({"ADM1", "ADM1H", "RGN", "ADMD", "PRSH"})


def _tokens(doc: Doc, span: Span) -> SpacySpan | None:
    """The tokens of a text span, widened to whole tokens."""
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def geo_precision(place: Place | None) -> GeoPrecision | None:
    """ACLED's geo_precision for a resolved place: a country, a region, or a spot in it."""
    if place is None or place.geonames_id is None:
        return None
    code = place.feature_code or ""
    if code in _COUNTRY_CODES:
        return "country"
    if code in _ADMIN1_CODES:
        return "admin1"
    return "exact"


def _specificity(place: Place) -> int:
    return {"country": 0, "admin1": 1, "exact": 2, None: -1}[geo_precision(place)]


def clause_range(tok: Token) -> tuple[int, int]:
    """Token range of the clause an event token belongs to: the verb's subtree (a noun's own
    subtree when it is not an argument of a verb)."""
    head = tok
    if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        head = tok.head
    toks = list(head.subtree)
    return toks[0].i, toks[-1].i + 1


def usable_places(article: Article) -> list[Place]:
    """Literal, resolved places: never a demonym, an adjective or a metonym."""
    return [
        p
        for p in article.places
        if p.literal and not p.demonym and p.geonames_id is not None and p.lat is not None
    ]


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos)
    end = text.find("\n", pos)
    return start + 1, len(text) if end < 0 else end


#: Prepositions whose object is not where the act took place: a destination, a topic, an
#: origin or an addressee ("envoy to Peru", "stance on Tibet", "aircraft from Chad").
_NOT_WHERE = frozenset(
    "to on onto against about for with over toward towards from regarding concerning".split()
)
#: Nouns of places: "the state of South Kordofan", "the neighbourhood of Zeitun".
_PLACE_NOUNS = frozenset(
    "city town village state province region district county neighbourhood neighborhood "
    "camp capital area suburb island department municipality governorate prefecture "
    "outskirts centre center heart border streets territory part".split()
)

#: Words of going somewhere: the destination is where the act takes place.
_MOTION = frozenset("trip visit travel journey go come fly return march deploy move".split())


def _locative(doc: Doc, place: Place) -> bool:
    """Whether a place mention can be where an act happened: not a possessive ("Bolivia's
    agency", "Lima's backtracking") or the active subject of a verb ("Beijing is balking at the
    terms": a party, codebook: "Beijing warned" is no location), nor the object of a
    preposition of direction, topic or origin ("extradition to France", "his
    stance on Tibet"), except "of" after a noun of places ("the city of Aleppo")."""
    span = _tokens(doc, place.span)
    if span is None:
        return True
    root = span.root
    if root.dep_ == "poss":  # "Bolivia's customs agency", "Lima's backtracking"
        return False
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return False  # "China is going to have to sign a treaty" ("Kyiv was shelled": a scene)
    if root.dep_ != "pobj":
        return True
    prep = root.head
    if prep.lower_ not in _NOT_WHERE:
        return True
    if prep.lower_ == "of":
        return prep.head.lemma_.lower() in _PLACE_NOUNS
    if prep.lower_ == "to":  # "a trip to Beijing", "marched to the square": where they went
        return prep.head.lemma_.lower() in _MOTION
    return False


def _party(doc: Doc, place: Place) -> bool:
    """Whether a place is named as a party, the subject or possessor of its clause ("after
    Quito stripped him of his status", "Peru's trade ministry said"): in an earlier
    sentence, such a name tells who acted there, not where a later act took place."""
    span = _tokens(doc, place.span)
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "poss")


#: Nouns of a court: a place that names one ("Mombasa High Court", "the magistrates' court
#: in Kisumu") is where the court sits.
_COURT_NOUNS = frozenset("court courthouse courtroom tribunal".split())


def court_place(doc: Doc, usable: list[Place]) -> Place | None:
    """Where the court the article names sits: a place that modifies a court noun ("in
    Mombasa High Court") or is its location ("the Kibera Law Courts in Nairobi"); None when
    the article names no such place or courts in different places."""
    found: list[Place] = []
    for place in usable:
        span = _tokens(doc, place.span)
        if span is None:
            continue
        cur = span.root
        if cur.dep_ == "pobj" and cur.head.lower_ in ("in", "at"):
            cur = cur.head  # "a court in Kisumu"
        for _ in range(3):  # "Mombasa federal court", "Kibera Magistrate's Court"
            if cur.dep_ not in ("compound", "amod", "poss", "nmod", "prep"):
                break
            cur = cur.head
            if cur.lemma_.lower() in _COURT_NOUNS:
                found.append(place)
                break
            if cur.pos_ != "PROPN":
                break  # "from a courthouse to a Mombasa suburb": another noun's place
    if not found:
        return None
    if not all(same_place(found[0], p) for p in found[1:]):
        return None  # "Kibera Law Courts in Nairobi" is one court; two cities are not
    # "the Kenyan High Court ... a court in Kisumu": the city, not the country it lies in;
    # of two as specific, the first named ("Westminster Magistrates' Court in London")
    return max(found, key=_specificity)


def names_a_state_party(
    doc: Doc,
    place: Place,
    source: EventActor | None,
    target: EventActor | None,
    plover: str | None = None,
) -> bool:
    """Whether an act between two states names its place only as one of them: the doer or
    the one acted upon, as a subject, an object or the object of "between"/"with" ("the US
    is seeking his extradition from the UK", "a deal between the United States and China").
    Such a name is a party, not a scene, and the act has no stated place. A material act's
    target is its scene ("troops invaded Ukraine", "jets struck Iran")."""
    if source is None or target is None or source.country is None or target.country is None:
        return False
    if source.country == target.country:
        return False
    if plover in MATERIAL_PLOVER and target.span.overlaps(place.span):
        return False
    if not any(actor.span.overlaps(place.span) for actor in (source, target)):
        return False
    span = _tokens(doc, place.span)
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "between X and Y": judge X's role
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss") or (
        root.dep_ == "pobj" and root.head.lower_ in ("between", "with")
    )


def _stands_for_country(place: Place, possessive: bool = False) -> bool:
    """A demonym, metonym or possessive of a country ("Swedish", "Britain warned",
    "Chile's Senate"), resolved."""
    return (
        (place.demonym or not place.literal or possessive)
        and place.geonames_id is not None
        and place.lat is not None
        and (place.feature_code or "") in _COUNTRY_CODES
    )


def _doer_tokens(trigger: Token) -> set[int]:
    """The trigger and the subjects of its clause."""
    verb = _verb_of(trigger)
    out = {trigger.i}
    out.update(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    if verb.dep_ == "xcomp":  # "the Senate voted to open an inquiry"
        out.update(c.i for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


def _other_clause(doc: Doc, place: Place, trigger: Token) -> bool:
    """Whether a place belongs to another clause of the sentence, one with its own subject
    ("Danish prosecutors decided to reopen the case after he was arrested in London")."""
    span = _tokens(doc, place.span)
    if span is None:
        return False
    verb = _governor(span.root, trigger)
    if verb.i in _clause_verbs(trigger) or verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.i == verb.i for t in trigger.ancestors):
        return False  # a clause above the trigger's own ("X said troops attacked in Y")
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _doer_country(article: Article, sent: SpacySpan, trigger: Token) -> Place | None:
    """The country a demonym, metonym or possessive on the doer names ("Danish prosecutors
    reopened the case", "Norway has dropped ...", "Chile's Senate decided to open an
    investigation"): the country itself, never a place in it."""
    doc = sent.doc
    doers = _doer_tokens(trigger)
    for p in article.places:
        if not (sent.start_char <= p.span.start < sent.end_char):
            continue
        span = _tokens(doc, p.span)
        if span is None or not _stands_for_country(p, span.root.dep_ == "poss"):
            continue
        if span.root.i in doers or span.root.head.i in doers:
            return p
    return None


def choose_place(
    article: Article,
    sent: SpacySpan,
    trigger: Token | None,
    usable: list[Place],
    *,
    fallback: bool = True,
    dateline: bool = True,
) -> Place | None:
    """Where the act happened: a place in the trigger's clause ("in X province"), else in the
    sentence (never the object of a preposition of direction, topic or origin: "extradition
    to the United States"), else the country a demonym or metonym on the doer names
    ("Danish prosecutors"), else in the sentence before it in the paragraph (not a place
    named as a party there), else (``dateline``) the dateline; the most specific at each
    level; else (``fallback``) the document's main place."""
    if not usable:
        return None
    doc = sent.doc
    evidence = Span(start=sent.start_char, end=sent.end_char)
    inside = [p for p in usable if evidence.contains(p.span) and _locative(doc, p)]
    if trigger is not None:  # not a place of another clause ("... after he was arrested in X")
        inside = [p for p in inside if not _other_clause(doc, p, trigger)]
    levels: list[list[Place]] = []
    if trigger is not None:
        a, b = clause_range(trigger)
        clause = Span(start=doc[a].idx, end=doc[b - 1].idx + len(doc[b - 1].text))
        levels.append([p for p in inside if clause.contains(p.span)])
    levels.append(inside)
    for level in levels:
        if level:
            return widen(_most_specific(level), usable)
    if trigger is not None:
        country = _doer_country(article, sent, trigger)
        if country is not None:
            return country
    levels = []
    # the sentence before, within the paragraph (a news-wire paragraph can be a whole article)
    start = _paragraph(article.text, sent.start_char)[0]
    if sent.start > 0:
        start = max(start, doc[sent.start - 1].sent.start_char)
    before = [p for p in usable if start <= p.span.start < sent.start_char and not _party(doc, p)]
    if before:  # its nearest place
        levels.append([max(before, key=lambda p: p.span.start)])
    head = article.text[:120]
    dash = re.search(r"\s[-—–]{1,2}\s|\(\w+\)", head)
    if dash and dateline:  # a dateline: "KHARTOUM, Sudan (AP) -- ..."
        levels.append([p for p in usable if p.span.end <= dash.start()])
    for level in levels:
        if level:
            return widen(_most_specific(level), usable)
    return widen(main_place(usable), usable) if fallback else None


#: Verbs of telling: an act in their complement clause is one the speaker reports.
_TELLING = frozenset("say tell add explain state note insist report testify".split())


def reported_act(trigger: Token) -> bool:
    """Whether the trigger's act is reported inside a speaker's complement clause ("Volker
    said he discussed the delay with them", "he said the agency wanted an inquiry"): where a
    statement was made says nothing of where the reported act took place, and the codebook
    leaves such an act's place null unless the text states one."""
    cur = trigger
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in _TELLING:
            return True
        cur = cur.head
    return False


def _most_specific(level: list[Place]) -> Place:
    return max(level, key=lambda p: (_specificity(p), p.confidence, -p.span.start))


def main_place(usable: list[Place]) -> Place | None:
    """The document's focus: the most mentioned place, the more specific on a tie."""
    if not usable:
        return None
    counts = Counter(p.geonames_id for p in usable)
    return max(usable, key=lambda p: (counts[p.geonames_id], _specificity(p), -p.span.start))


_DAY = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)")


def date_value(time: TimeExpression) -> str | None:
    """A calendar date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) from a resolved TIMEX value;
    a week becomes the month of its Thursday; None for durations, sets and unresolved times."""
    value = (time.value or "").strip()
    if time.type not in ("DATE", "TIME") or not value or not value[:4].isdigit():
        return None
    week = _WEEK.match(value)
    if week:
        try:
            thursday = date.fromisocalendar(int(week[1]), int(week[2]), 4)
        except ValueError:
            return None
        return thursday.isoformat()[:7]
    m = _DAY.match(value)
    if m is None:
        return None
    return "-".join(part for part in m.groups() if part)


def _nearest(times: list[TimeExpression], pos: int) -> TimeExpression:
    return min(times, key=lambda t: abs(t.span.start - pos))


def _governor(tok: Token, stop: Token | None = None) -> Token:
    """The first verb above ``tok`` (or ``stop`` when the walk reaches it first)."""
    cur = tok
    for _ in range(12):
        if stop is not None and cur.i == stop.i:
            return cur
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _verb_of(trigger: Token) -> Token:
    """The verb of a trigger's clause: a verbal trigger itself, else the verb that governs
    the event noun."""
    return trigger if trigger.pos_ in ("VERB", "AUX") else _governor(trigger)


def _clause_verbs(trigger: Token) -> set[int]:
    """Token indexes that head the trigger's own clause: the trigger, the verb governing an
    event noun, and verbs coordinated with either ("attacked and burned ... on Monday")."""
    verb = _verb_of(trigger)
    heads = {trigger.i, verb.i}
    for v in (verb, verb.head if verb.dep_ == "conj" else verb):
        heads.add(v.i)
        heads.update(c.i for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB")
    return heads


_TEMPORAL_PREPS = frozenset({"after", "following", "since", "during", "amid"})


def _noun_modifier(root: Token, stop: Token) -> bool:
    """Whether a time expression (its root token) modifies a noun other than the event's own
    trigger on its way up to ``stop``: "closed its inquiry into a 2015 fraud complaint"
    dates the allegation, not the dropping."""
    cur = root
    for _ in range(12):
        if cur.i == stop.i or cur.head.i == cur.i:
            return False
        head = cur.head
        if head.i == stop.i or head.pos_ in ("VERB", "AUX"):
            return False
        if head.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("compound", "amod", "nmod", "nummod"):
            # the noun of a temporal phrase still dates the event ("after the October 7 attack")
            return not (head.dep_ == "pobj" and head.head.lower_ in _TEMPORAL_PREPS)
        cur = head
    return False


def own_times(sent: SpacySpan, trigger: Token, times: list[TimeExpression]) -> list[TimeExpression]:
    """Time expressions of the trigger's own clause (not of a relative or other clause of the
    same sentence: "dropped an investigation into an allegation made in 2010", nor of a noun of
    the clause: "a 2015 fraud complaint")."""
    doc = sent.doc
    heads = _clause_verbs(trigger)
    out = []
    for t in times:
        span = _tokens(doc, t.span)
        if span is None:
            continue
        if _governor(span.root, trigger).i in heads and not _noun_modifier(span.root, trigger):
            out.append(t)
    return out


def _in_relative(sent: SpacySpan, time: TimeExpression, trigger: Token) -> bool:
    """Whether ``time`` sits in a relative or noun-modifying clause that does not hold the
    trigger ("an allegation made in 2010")."""
    span = _tokens(sent.doc, time.span)
    if span is None:
        return True
    cur = span.root
    for _ in range(12):
        if cur.dep_ in ("relcl", "acl"):
            return not any(t.i == trigger.i for t in cur.subtree)
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _modifies_noun(sent: SpacySpan, time: TimeExpression, trigger: Token) -> bool:
    span = _tokens(sent.doc, time.span)
    return span is not None and _noun_modifier(span.root, trigger)


#: Auxiliaries of the future ("will dismiss any criticism").
_FUTURE_AUX = frozenset({"will", "'ll", "shall"})
#: Words that place an act in an undatable past ("having recently carried out", "her recent
#: trip"): the codebook leaves such an act undated rather than giving it the article's day.
_VAGUE_PAST = frozenset({"recently", "recent", "lately"})


def _clause_verb(trigger: Token) -> Token:
    """The finite verb of the trigger's clause: the trigger, the verb governing an event noun,
    up through infinitive complements ("Beijing wants Trump to eliminate the tariffs")."""
    verb = _verb_of(trigger)
    for _ in range(4):
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def undated_tense(trigger: Token, lede: bool = True) -> bool:
    """Whether the trigger's clause tells a state, a current or habitual act or a future one
    (present simple or progressive, present passive, "will"), or an act in a vague past
    ("recently"): with no time of its own such an act gets neither the lede's day nor the
    publication date ("the driver still faces four charges", "the banker is battling extradition",
    "It will dismiss any criticism"). The present perfect of a news lede ("Sweden has
    dropped its investigation") is dated as before; after the ``lede`` it tells background
    ("The Interior Ministry has charged the banker with fraud"). (:func:`choose_time` dates a
    progressive verb that is itself the act by the publication day first: :func:`under_way`;
    "battling" only governs the extradition, which is not under way.)"""
    verb = _clause_verb(trigger)
    words = [c for c in verb.children] + [c for c in trigger.children]
    if any(w.lower_ in _VAGUE_PAST for w in words):
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in aux):
        return True
    if not lede and any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in aux):
        return True  # a present perfect after the lede
    if any(a.tag_ in ("VBD", "VBN") or a.lemma_ == "have" for a in aux):
        return False  # past, perfect ("has dropped", "had been arrested")
    if verb.dep_ == "ccomp" and _told_before(verb.head) and _same_line(verb, verb.head):
        return False  # reported speech: "said Trump has decided that it requires concessions"
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ in ("VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in aux)


def under_way(trigger: Token) -> bool:
    """Whether the trigger is a verb in the present progressive, active ("government forces are
    shelling the town", "the ministry is seeking his extradition"): an act under way as the
    article is written. Not a vague one ("is recently ...") nor one the clause only plans ("is
    going to")."""
    if trigger.tag_ != "VBG" or trigger.lower_ == "going":
        return False
    aux = [c for c in trigger.children if c.dep_ == "aux"]
    if not any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux):
        return False
    return not any(c.lower_ in _VAGUE_PAST for c in trigger.children)


def _same_line(a: Token, b: Token) -> bool:
    """Whether two tokens lie on one line: the parser links words across line breaks (a
    teaser or headline line above a paragraph), and such a link says nothing about either."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in a.doc.text[lo:hi]


def _told_before(verb: Token) -> bool:
    """A verb in the past or perfect tense ("said", "has decided")."""
    return verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _past(verb: Token) -> bool:
    """A verb in the past simple, active or passive ("beat", "was captured")."""
    if verb.tag_ == "VBD":
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBN" and bool(aux) and all(a.tag_ == "VBD" for a in aux)


def _told_in_past(trigger: Token) -> bool:
    """Whether the trigger's act is told in the past simple: its clause's verb, or the verb a
    gerund or bare infinitive of that clause hangs on ("police began pepper-spraying and
    arresting", "was credited with ending the siege by talking to him"). A verb with
    auxiliaries of its own ("will arrest", "is arresting", "had been arrested") is not
    climbed past."""
    verb = _clause_verb(trigger)
    for _ in range(4):
        if _past(verb):
            return True
        if verb.tag_ not in ("VBG", "VB", "VBN") or any(
            c.dep_ in ("aux", "auxpass") for c in verb.children
        ):
            return False
        up = _governor(verb)
        if up.i == verb.i:
            return False
        verb = up
    return False


def narrative_time(
    sent: SpacySpan, trigger: Token, dated: list[TimeExpression], reach: int = 5
) -> TimeExpression | None:
    """In an article with no date of its own, the time that a narrative in the past simple
    states a few sentences back ("Dorsey escaped on March 4, 2009. He hit a guard ... He
    fled the town"): the last one in the main clause of the nearest earlier
    sentence, each sentence between them also in the past simple with no time of its own
    (:func:`_told_in_past`)."""
    if not _told_in_past(trigger):
        return None
    doc = sent.doc
    start = sent.start
    for _ in range(reach):
        if start == 0:
            return None
        prev = doc[start - 1].sent
        root = prev.root
        span = Span(start=prev.start_char, end=prev.end_char)
        inside = [t for t in dated if span.contains(t.span)]
        if inside:
            own = own_times(prev, root, inside)
            return max(own, key=lambda t: t.span.start) if own else None
        if root.pos_ in ("VERB", "AUX") and not _past(root):
            return None  # (a fragment without a verb, "Sgt. Hoyt Teasley, a deputy.", is passed)
        start = prev.start
    return None


#: A day named only by reference to an earlier one: "the next day", "earlier that night",
#: "the same day", "the previous evening". The tagger resolves it when the day it counts from
#: was named just before; otherwise it is left untagged.
_ANAPHORIC_DAY = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?P<rel>the\s+(?:following|next|previous|same)|that(?:\s+same)?)"
    r"\s+(?:day|morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)


def anaphoric_day(sent: SpacySpan, trigger: Token) -> int | None:
    """The step in days of an anaphoric day expression of the trigger's own clause ("the next
    day": 1, "the previous night": -1, "earlier that night": 0), None when it has none. An
    expression that the parser hangs on a word outside the sentence (a line break it read
    across) belongs to the sentence's main clause."""
    doc = sent.doc
    for m in _ANAPHORIC_DAY.finditer(sent.text):
        start = sent.start_char + m.start()
        span = doc.char_span(start, start + len(m[0]), alignment_mode="expand")
        if span is None:
            continue
        gov = _governor(span.root, trigger)
        if gov.i in _clause_verbs(trigger) or not sent.start <= gov.i < sent.end:
            rel = m["rel"].lower()
            return 1 if ("next" in rel or "following" in rel) else -1 if "previous" in rel else 0
    return None


_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:at\s+least\s+|about\s+|around\s+)?$", re.I)
_RANGE_LINK = re.compile(r"^\s*(?:to|and|until|through|-|–)\s*$", re.I)
#: A range with a year the tagger leaves untagged as a number ("from at least 1998 to ...").
_YEAR_THEN = re.compile(
    r"\b(?:from|between)\s+(?:at\s+least\s+|about\s+|around\s+)?(?:19|20)\d\d\s*"
    r"(?:to|and|until|through|-|–)\s*$",
    re.I,
)
_THEN_YEAR = re.compile(r"^\s*(?:to|and|until|through|-|–)\s*(?:19|20)\d\d\b", re.I)


def _one_day(first: TimeExpression, last: TimeExpression) -> bool:
    """Whether a range runs within one day: both ends on the same day, the later clock time
    last ("between 10 a.m. and noon"; "from 10:30 p.m. to 6:30 a.m." crosses midnight)."""
    a, b = date_value(first), date_value(last)
    if a is None or b is None or len(a) != 10 or a != b:
        return False
    return (first.value or "") <= (last.value or "")


def range_ends(
    text: str, own: list[TimeExpression], times: list[TimeExpression]
) -> list[TimeExpression]:
    """Those of ``own`` that are an end of a range of dates ("from 2011 to 2014", "between
    March and June 2017", "from May 2014 through April"): an act spread over a span
    has no one date, and neither end is its day (a coder leaves such a date null). Two ends
    on one day are no such range ("on Saturday between 10 a.m. and noon" keeps its day)."""
    ends: list[TimeExpression] = []
    for t in own:
        before = text[max(0, t.span.start - 40) : t.span.start]
        if _YEAR_THEN.search(before) or (
            _RANGE_OPEN.search(before) and _THEN_YEAR.match(text[t.span.end : t.span.end + 12])
        ):
            ends.append(t)
            continue
        for u in times:
            first, last = (t, u) if u.span.start >= t.span.end else (u, t)
            if _one_day(first, last):
                continue
            if not 0 <= last.span.start - first.span.end <= 12:
                continue
            if _RANGE_LINK.match(text[first.span.end : last.span.start]) and _RANGE_OPEN.search(
                text[max(0, first.span.start - 30) : first.span.start]
            ):
                ends.append(t)
                break
    return ends


def choose_time(
    article: Article,
    sent: SpacySpan,
    trigger: Token | None,
    anchor: TimeExpression | None,
    times: list[TimeExpression] | None = None,
    *,
    headline: bool = False,
    lede: bool = True,
) -> tuple[TimeExpression | None, str | None, DateSource | None]:
    """The event's time expression, date and the date's source: the clause's own time
    expression, else the article's event-time anchor (the lede's day), else the publication
    date; never a time from another clause or an unrelated sentence, and no borrowed day for a
    body clause in the present or future tense (:func:`undated_tense`; a ``headline`` keeps
    its present tense) nor for one set on a day it names only by reference ("the next day",
    "earlier that night", :func:`anaphoric_day`): that day counts from the narrative's day or
    stays unknown. An act under way as the article is written ("government forces are
    shelling the town", :func:`under_way`) takes the publication day. In an article without
    a publication date, a body act told in the past takes the day its narrative stated before
    (:func:`narrative_time`) rather than the lede's.
    ``times``: the article's time expressions (default ``article.times``; see
    :func:`dateline_times`)."""
    pool = article.times if times is None else times
    dated = [t for t in pool if date_value(t) is not None]
    evidence = Span(start=sent.start_char, end=sent.end_char)
    inside = [t for t in dated if evidence.contains(t.span)]
    if inside and trigger is not None:
        own = own_times(sent, trigger, inside)
        if not own:  # a time of the sentence's main clause, not of a relative clause
            own = [
                t
                for t in inside
                if not _in_relative(sent, t, trigger) and not _modifies_noun(sent, t, trigger)
            ]
        ends = range_ends(article.text, own, pool)
        if ends:
            own = [t for t in own if t not in ends]
            if not own:  # "abused girls from at least 2011 to 2014": no one day
                return None, None, None
        if own:
            best = _nearest(own, trigger.idx)
            return best, date_value(best), "stated"
    step = anaphoric_day(sent, trigger) if trigger is not None else None
    if step is not None and trigger is not None:
        # "was caught the following day", "Earlier that night, a sergeant searched": the day of
        # the narrative before, moved by the step; never the lede's or the publication day
        told = narrative_time(sent, trigger, dated, reach=8)
        day = date_value(told) if told is not None else None
        if day is not None and len(day) == 10:
            return None, (date.fromisoformat(day) + timedelta(days=step)).isoformat(), "narrative"
        if day is not None and step == 0:
            return told, day, "narrative"
        return None, None, None
    if (
        trigger is not None
        and not headline
        and article.published is not None
        and under_way(trigger)
    ):
        # "forces are shelling the town": under way on the day the article is published
        return None, article.published.isoformat(), "published"
    if trigger is not None and not headline and undated_tense(trigger, lede):
        return None, None, None
    if article.published is None and trigger is not None and (anchor is None or not lede):
        # an undated article's narrative in the past dates a body act from the day it
        # stated a few sentences back ("on Wednesday the crowd became unruly. ... police
        # began arresting"), before the lede's day
        told = narrative_time(sent, trigger, dated, reach=8)
        if told is not None:
            return told, date_value(told), "narrative"
    if anchor is not None:
        return anchor, date_value(anchor), "lede"
    if article.published is not None:
        return None, article.published.isoformat(), "published"
    return None, None, None


def event_anchor(
    article: Article, lede: Span, times: list[TimeExpression] | None = None
) -> TimeExpression | None:
    """The article's event time: the first day-precise time expression of the lede."""
    for t in article.times if times is None else times:
        value = date_value(t)
        if value and len(value) == 10 and lede.contains(t.span):
            return t
    return None


_SPACED = re.compile(r"\s+([/:])\s+|(?<=\d)([/:])\s+|\s+([/:])(?=\d)")


def dateline_day(text: str) -> tuple[date, Span] | None:
    """The day a dateline or time-stamp line at the top of an undated article states ("MAR. 14,
    2019, 9: 40 AM", "Published: May 3, 2019", "03 / 07 / 19 10: 15 AM ET"), and that
    line: the article's own date when no publication date came with it."""
    pos = 0
    for line in text[:400].split("\n")[:4]:
        start, pos = pos, pos + len(line) + 1
        if not line.strip() or len(line) > 60 or len(line.split()) > 9:
            continue
        norm = _SPACED.sub(lambda m: next(g for g in m.groups() if g), line)
        for tx in find_times(norm, None):
            value = tx.value or ""
            if tx.type == "DATE" and len(value) == 10 and _DAY.match(value):
                try:
                    day = date.fromisoformat(value)
                except ValueError:
                    continue
                return day, Span(start=start, end=start + len(line))
    return None


def dateline_times(article: Article, hints: Hints | None = None) -> list[TimeExpression] | None:
    """The article's time expressions resolved against its dateline's day when it came without
    a publication date ("On Monday" in an article stamped "MAR. 14, 2013"); None when it has
    a publication date or no dateline. The dateline itself is left out: it dates the page,
    not an event."""
    if article.published is not None:
        return None
    found = dateline_day(article.text)
    if found is None:
        return None
    day, line = found
    return time_expressions(article.text, day, hints, skip=line)


# -- coreference --------------------------------------------------------------------------
_GENERIC = frozenset(
    "the a an of and in on for to at by from with its their his her government forces force "
    "officials official people group members state national authorities spokesman local "
    "some two three several many".split()
)


def _words(actor: EventActor | None) -> set[str]:
    if actor is None:
        return set()
    text = f"{actor.name or ''} {actor.text}".lower()
    # a nationality alone is no identity ("Mexican police", "Mexican prosecutors"): the
    # country and sector are compared on their own
    return {
        w.rstrip("s")
        for w in re.findall(r"[a-z0-9]+", text)
        if w not in _GENERIC and w not in national_adjectives()
    }


def _same_actor(a: EventActor | None, b: EventActor | None) -> bool | None:
    """True / False when both are known, None when one is missing."""
    if a is None or b is None:
        return None
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    if _words(a) & _words(b):
        return True
    return bool(a.country) and a.country == b.country and a.sector == b.sector


def _km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    r = math.radians
    d = (
        math.sin(r(b.lat - a.lat) / 2) ** 2
        + math.cos(r(a.lat)) * math.cos(r(b.lat)) * math.sin(r(b.lon - a.lon) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(d)))


def same_place(a: Place | None, b: Place | None) -> bool | None:
    if a is None or b is None:
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    pa, pb = geo_precision(a), geo_precision(b)
    if "country" in (pa, pb) or "admin1" in (pa, pb):
        return bool(a.country) and a.country == b.country
    if None in (a.lat, a.lon, b.lat, b.lon):
        return (a.name or a.text).lower() == (b.name or b.text).lower()
    return _km(a, b) <= 50.0


def same_date(a: Event, b: Event) -> bool | None:
    """Dates agree or conflict only where both are stated; a date guessed from the lede or
    the publication never splits two mentions."""
    if a.date_source != "stated" or b.date_source != "stated" or not a.date or not b.date:
        return None
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def corefer(
    kept: Event,
    other: Event,
    *,
    anaphoric: bool = False,
    lemmas: tuple[set[str], str | None] = (set(), None),
    fresh: bool = False,
    borrowed: bool = False,
) -> bool:
    """Whether ``other`` is one more mention of ``kept``: same type and modality, no field in
    conflict, and at least one positive agreement (an actor, the place) unless ``other`` is
    an anaphoric mention ("the attack") or the headline. ``lemmas``: the verb lemmas of
    ``kept``'s mentions and ``other``'s verb lemma (None for an event noun): two different
    verbs are two acts ("crossed the border", "destroyed a post"); a noun names one told
    before. ``fresh``: ``other`` is an event noun with a word ``kept`` does not use ("an
    airstrike", "heavy clashes" after "destroyed"): unless anaphoric, it joins only on an
    agreeing actor (a shared place alone does not make two acts one). ``borrowed``: ``kept``'s
    place is only the document's main place and ``other`` names a place of its own; an event
    noun at another place that agrees with ``kept`` on no actor is a report of its own
    ("fighting went on in the east ..."; "clashes were continuing in <a town>"), as two
    places make two events."""
    if kept.plover_type != other.plover_type or kept.modality != other.modality:
        return False
    verbs, verb = lemmas
    if verb is not None and verbs and verb not in verbs:
        return False
    checks = [
        _same_actor(kept.source_actor, other.source_actor),
        _same_actor(kept.target_actor, other.target_actor),
        same_place(kept.place, other.place),
        same_date(kept, other),
    ]
    if any(c is False for c in checks):
        return False
    if (fresh or (borrowed and verb is None)) and not anaphoric:
        return any(c is True for c in checks[:2])
    return anaphoric or any(c is True for c in checks[:3])


def widen(place: Place | None, usable: list[Place]) -> Place | None:
    """A bare country defers to the document's focus inside that country ("crossed the
    Russian border" in an article about the Belgorod region)."""
    if place is None or geo_precision(place) != "country":
        return place
    counts = Counter(p.geonames_id for p in usable)
    inner = [
        p
        for p in usable
        if p.country == place.country and _specificity(p) > 0 and counts[p.geonames_id] >= 2
    ]
    if not inner:
        return place
    return max(inner, key=lambda p: (counts[p.geonames_id], _specificity(p), -p.span.start))


def merge_into(kept: Event, other: Event) -> None:
    """Add ``other``'s mention to ``kept`` and fill the fields ``kept`` lacks."""
    if not kept.mentions:
        kept.mentions = [kept.evidence]
    for span in other.mentions or [other.evidence]:
        if not any(s.overlaps(span) for s in kept.mentions):
            kept.mentions.append(span)
    for name in ("source_actor", "target_actor", "claimant", "claim_quote"):
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    if kept.place is None and other.place is not None:
        kept.place, kept.geo_precision = other.place, other.geo_precision
    if other.date is not None and (
        kept.date is None or (other.date_source == "stated" and kept.date_source != "stated")
    ):  # a stated date wins over a guessed one
        kept.time, kept.date, kept.date_source = other.time, other.date, other.date_source
        kept.date_precision = other.date_precision
        kept.date_start, kept.date_end = other.date_start, other.date_end
    counts = [n for n in (kept.fatalities, other.fatalities) if n is not None]
    kept.fatalities = min(counts) if counts else None  # ACLED: the lowest stated estimate
    kept.confidence = max(kept.confidence, other.confidence)
