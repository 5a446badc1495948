"""Clause-level event triggers and their arguments over a spaCy parse.

A trigger is a verb (or an event noun not governed by another trigger) whose lemma is in the
PLOVER lexicon. Its source is the grammatical subject (the ``by`` agent of a passive, or the
subject inherited from the governing verb for ``xcomp`` / ``conj``), its target the direct
object (the passive subject) or the object of ``on`` / ``against`` / ``with`` / ``at``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.events.actors import reduced_passive
from sitrep.events.lexicon import (
    BELIEF_VERBS,
    CLAIM_VERBS,
    COURT_VERBS,
    DENY_VERBS,
    INTENT_ADJECTIVES,
    LABOUR_STRIKE,
    LIGHT_VERBS,
    MODIFIED_NOUNS,
    NOT_EVENTS,
    NOUN_TRIGGERS,
    OBJECT_CLASSES,
    OBJECT_TYPED,
    PLAN_AUX,
    PLAN_VERBS,
    PUBLISHED_NOUNS,
    REGAIN_VERBS,
    REPORTING_VERBS,
    SECTOR_NOUNS,
    STRIKE_MODIFIERS,
    TERRITORY_NOUNS,
    TERRITORY_VERBS,
    VERB_TRIGGERS,
)
from sitrep.model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_SUBJ = frozenset({"nsubj", "csubj"})
_PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_TARGET_PREPS = frozenset({"on", "against", "with", "at", "to", "upon", "into"})
_NP_KEEP_LEFT = frozenset(
    {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "case", "punct", "npadvmod"}
)
_NP_KEEP_RIGHT = frozenset({"prep", "pobj", "conj", "cc", "appos", "compound", "case", "punct"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "him", "her", "us", "i"})
_SAY_LIKE = frozenset({"say", "tell", "report", "state", "write", "add", "post", "tweet"})


@dataclass
class Trigger:
    """One candidate event: its trigger token and what the parse says about it."""

    token: Token
    plover: str
    depth: int  # distance to the clause root, reporting verbs not counted
    source: tuple[int, int] | None = None  # token indexes [start, end)
    target: tuple[int, int] | None = None
    modality: Modality = "reported"
    cue: Token | None = None  # the claim / denial / plan verb governing the trigger
    claimant: tuple[int, int] | None = None
    source_is_pronoun: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    #: why the clause is not a factual event ("negated", "conditional", ...), or None
    nonfactual: str | None = None


def _multiword(tok: Token) -> str | None:
    """Lemma plus particle, preposition or object noun when that pair is in the lexicon."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj", "aux"):
            key = f"{lemma} {child.lemma_.lower()}"
            if key in VERB_TRIGGERS:
                return VERB_TRIGGERS[key]
    return None


def _objects(tok: Token) -> list[Token]:
    """Direct objects (or the passive subject) of a verb, with their conjuncts."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if (
        not objs
        and tok.dep_ == "conj"
        and tok.tag_ == "VBN"
        and not any(c.dep_ in _SUBJ for c in tok.children)
    ):
        # a passive conjunct shares the passive subject of the verb it is coordinated with
        # ("the video was edited and (was) released on Monday")
        objs = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
    for child in tok.children:
        if child.dep_ == "prt":  # "handed over the medicine": the object may follow
            objs.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "prep" and child.lower_ in ("in", "on"):  # "engaged in cleansing"
            objs.extend(c for c in child.children if c.dep_ == "pobj")
    return objs


#: What a defendant is released on or under while the case goes on.
_BAIL_WORDS = frozenset("bail bond condition conditions parole probation recognizance".split())


def _on_bail(tok: Token) -> bool:
    """ "released on bail", "released on the condition that each post bond", "released
    under conditions": a court's interim release of a defendant."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "under")
        and any(g.dep_ == "pobj" and g.lemma_.lower() in _BAIL_WORDS for g in c.children)
        for c in tok.children
    )


def _gerund_type(tok: Token) -> str | None:
    """A verb's -ing form used as a noun ("Beijing's backtracking", "the beating of
    protesters") names the verb's act: the verb's type."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or not lemma.endswith("ing") or len(lemma) < 6:
        return None
    stem = lemma[:-3]
    for verb in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
        if verb in VERB_TRIGGERS and verb not in REPORTING_VERBS:
            return VERB_TRIGGERS[verb]
    return None


def noun_type(tok: Token) -> str | None:
    """The PLOVER type of an event noun, its modifiers considered ("war games", "air strike")."""
    lemma = tok.lemma_.lower()
    if lemma in ("withdrawal", "scrapping", "shelving"):  # "the withdrawal of the bill"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if OBJECT_CLASSES.get(obj.lemma_.lower()) == "decision":
                        return "CONCEDE"
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
    if any((lemma, mod) in PUBLISHED_NOUNS for mod in mods):
        return None  # "said in a news release": a publication, not a release of anyone
    for mod in mods:
        typed = MODIFIED_NOUNS.get((lemma, mod))
        if typed is not None:
            return typed
    if lemma not in NOUN_TRIGGERS:
        return _gerund_type(tok)
    if lemma == "strike":
        if mods & STRIKE_MODIFIERS:
            return "ASSAULT"
        if mods & LABOUR_STRIKE or not mods:
            return "PROTEST"
    return NOUN_TRIGGERS[lemma]


def territory_kind(tok: Token) -> str | None:
    """``"regain"`` or ``"take"`` when a verb takes ground ("liberated two towns", "seized
    control of the district", "recaptured the airport"), else None."""
    lemma = tok.lemma_.lower()
    if lemma not in TERRITORY_VERBS:
        return None
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for obj in objs:
        olemma = obj.lemma_.lower()
        if olemma == "control" or olemma in TERRITORY_NOUNS or obj.ent_type_ in ("GPE", "FAC"):
            return "regain" if lemma in REGAIN_VERBS else "take"
    return None


#: Verbs of taking someone: with a person as object, an arrest (COERCE).
_CAPTURE_VERBS = frozenset({"capture", "seize", "nab"})


def _is_person(tok: Token) -> bool:
    from sitrep.events.actors import PEOPLE_NOUNS

    if tok.ent_type_ == "PERSON" or tok.lower_ in ("him", "her", "them", "he", "she"):
        return True
    if any(c.ent_type_ == "PERSON" for c in tok.children if c.dep_ in ("compound", "appos")):
        return True  # "rival Juan Gomez Ruiz"
    return tok.lemma_.lower() in PEOPLE_NOUNS and tok.ent_type_ not in ("GPE", "LOC", "FAC")


#: Nouns of a visiting party that is received ("received the ambassador", "received the head
#: of the agency", "received the credentials of the new envoy").
_VISITORS = frozenset(
    "ambassador president premier king queen prince chancellor counterpart guest visitor "
    "pope delegate delegation team mission head official representative commander chief envoy "
    "leader minister secretary credential credentials".split()
)


def _a_party(tok: Token) -> bool:
    """Whether ``tok`` names a person, a group or a state that can be received as a visitor;
    anything else received (information, threats, funding, treatment, a sentence, a share of
    the vote) is no meeting (evcheck29: 74 of 76 "received X" meetings outside news dev were
    wrong when only listed things were excluded)."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or _is_person(tok):
        return True
    lemma = tok.lemma_.lower()
    return lemma in _VISITORS or OBJECT_CLASSES.get(lemma) == "envoy"


def _has_finite_complement(tok: Token) -> bool:
    """A ``that`` clause (or a finite clause with its own subject) as complement."""
    return any(
        child.dep_ == "ccomp"
        and any(g.dep_ in ("mark", "nsubj", "nsubjpass") for g in child.children)
        for child in tok.children
    )


#: Words that make a person a captive ("a kidnapped girl", "the hostages").
_CAPTIVE_WORDS = ("kidnap", "abduct", "hijack", "hostage", "captive")


def _captive_word(tok: Token) -> bool:
    return tok.lower_.startswith(_CAPTIVE_WORDS)  # (a title-case "Kidnapped" is a PROPN)


def _captive(person: Token) -> bool:
    """Whether ``person`` is held by a captor: a hostage or one the phrase calls kidnapped
    or abducted ("a kidnapped girl", "the girl who was ... kidnapped")."""
    if _captive_word(person):
        return True
    for child in person.children:
        if child.dep_ not in ("amod", "acl", "relcl", "compound"):
            continue
        words = [child, *(c for c in child.children if c.dep_ == "conj")]
        if any(_captive_word(w) for w in words):
            return True
    return False


def _rescues_captive(tok: Token) -> bool:
    """A rescue from a captor ("rescued the kidnapped girl", "the rescue of the hostages"):
    the security forces' operation against the captor, not aid (news codebook: COERCE, with
    the arrest it ends in)."""
    if tok.lemma_.lower() != "rescue":
        return False
    if tok.pos_ == "VERB":
        return any(_captive(o) for o in _objects(tok))
    return any(
        _captive(g)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    )


#: Verbs of shelter taken ("sought refuge", "took sanctuary", "found asylum") and what is taken.
_REFUGE_VERBS = frozenset({"seek", "take", "find"})
_REFUGE_NOUNS = frozenset({"refuge", "asylum", "sanctuary", "shelter"})
#: Nouns of a state's diplomatic mission abroad.
MISSION_NOUNS = frozenset({"embassy", "consulate", "mission", "legation"})


def _refuge_mission(tok: Token) -> Token | None:
    """The diplomatic mission a verb of refuge names as the shelter taken ("sought refuge at
    the Peruvian embassy", "took asylum in the consulate"): the mission's state gives that
    shelter (PLOVER AID: asylum), the one who took it receives it."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _REFUGE_VERBS:
        return None
    shelter = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in _REFUGE_NOUNS]
    if not shelter:
        return None
    for head in (tok, *shelter):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("at", "in", "inside"):
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in MISSION_NOUNS:
                    return obj
    return None


def mission_state(mission: Token) -> Token | None:
    """The mission noun that names its state ("the Peruvian embassy", "the embassy of Peru"):
    ``mission`` itself, or, for a bare "the mission" / "the embassy", the last mission the
    text named with its state; None when no state is named."""
    from sitrep.events.actors import country_of

    def owner(noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and country_of([child.text]):
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and country_of([obj.text]):
                        return obj
        return None

    found = owner(mission)
    if found is not None:
        return mission
    kids = list(mission.children)
    if [c.lower_ for c in kids if c.i < mission.i] not in (["the"], ["this"], ["that"]):
        return None  # not a bare definite mission ("the UN mission", "a mission")
    for tok in reversed(mission.doc[: mission.i]):
        if tok.lemma_.lower() in MISSION_NOUNS and owner(tok) is not None:
            return tok
    return None


#: Verbs that grant what a request asks for.
_GRANT_VERBS = frozenset({"approve", "grant", "accept"})
_REQUEST_NOUNS = frozenset({"request", "application", "bid", "demand", "plea"})


def _requested_act(objs: list[Token]) -> str | None:
    """The type of the act a granted request names ("an extradition request" ->
    COOPERATE; "a request for asylum" -> AID), or None."""
    for obj in objs:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in _REQUEST_NOUNS:
            continue
        for child in obj.children:
            if child.dep_ == "compound":
                typed = noun_type(child)
                if typed is not None:
                    return typed
            if child.dep_ == "prep" and child.lower_ == "for":
                for grand in child.children:
                    typed = noun_type(grand) if grand.dep_ == "pobj" else None
                    if typed is not None:
                        return typed
    return None


def _wanted_of_others(tok: Token, objs: list[Token]) -> bool:
    """``want`` as a demand (PLOVER REQUEST): another party's act ("wants the UK to
    extradite him") or an act as its object ("wanted an impartial probe"); wanting to act
    oneself is an intention."""
    if any(noun_type(o) is not None for o in objs if o.dep_ == "dobj"):
        return True
    return any(
        c.dep_ in ("ccomp", "xcomp") and any(g.dep_ == "nsubj" for g in c.children)
        for c in tok.children
    )


#: Verbs of promising: what is promised decides between AGREE and THREATEN.
_PROMISE_VERBS = frozenset({"pledge", "promise", "commit", "undertake"})
#: Objects of a light verb that name an unspecified act ("take action against").
_ACTION_NOUNS = frozenset({"action", "measure", "step"})


def _hostile_complement(verb: Token) -> bool:
    """Whether the act ``verb`` promises is a hostile one: a conflictual act on a party
    ("pledged to impose sanctions on Iran"; not "to fight corruption") or an action against
    something ("pledged to take action against")."""
    for comp in verb.children:
        if comp.dep_ != "xcomp" or comp.pos_ != "VERB":
            continue
        if any(c.dep_ == "neg" for c in comp.children):
            continue  # "pledged never to attack him": a promise of restraint
        if trigger_type(comp) in ("ASSAULT", "COERCE", "SANCTION"):
            obj = _object(comp)
            if obj is not None and actor_in(obj) is not None:
                return True
        for obj in comp.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in _ACTION_NOUNS:
                preps = [*obj.children, *comp.children]
                if any(p.dep_ == "prep" and p.lower_ == "against" for p in preps):
                    return True
    return False


def trigger_type(tok: Token) -> str | None:
    """The PLOVER type ``tok`` triggers, or None."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return None  # "escaped on March 4": a month name, not a march
    pos = tok.pos_
    lemma = tok.lemma_.lower()
    if pos == "VERB":
        if _names_doers(tok):
            return None  # "wrote to aid groups": the parser's verb starts a noun compound
        if lemma in BELIEF_VERBS and _has_finite_complement(tok):
            return None  # "analysts agree that ...": an opinion, not an event
        if lemma == "release" and _on_bail(tok):
            return None  # "released on bail": a step of the court case, no one set free
        objs = _objects(tok)
        if lemma == "receive" and not any(_a_party(o) for o in objs):
            # receiving a visitor is a meeting; receiving treatment, a sentence, damage or
            # a share of the vote is no event of the receiver's
            return None
        for obj in objs:
            # (the word itself too: "evacuated the wounded" parses "wounded" as a verb
            # with lemma "wound")
            oclass = OBJECT_CLASSES.get(obj.lemma_.lower()) or OBJECT_CLASSES.get(obj.lower_)
            if oclass is None:
                for child in obj.children:  # "diplomatic ties" / "tear gas"
                    if child.dep_ in ("compound", "amod"):
                        oclass = OBJECT_CLASSES.get(f"{child.lemma_.lower()} {obj.lemma_.lower()}")
            if (lemma, oclass or "") in NOT_EVENTS:
                return None
            typed = OBJECT_TYPED.get((lemma, oclass or ""))
            if typed is not None:
                return typed
        if lemma in LIGHT_VERBS:
            for obj in objs:
                typed = noun_type(obj)
                if typed is not None:
                    return typed
        if territory_kind(tok) is not None:
            return "ASSAULT"
        if _refuge_mission(tok) is not None:
            return "AID"  # "sought refuge at the Peruvian embassy": asylum given (PLOVER AID)
        if lemma in _CAPTURE_VERBS and any(_is_person(o) for o in objs):
            return "COERCE"  # "was captured in Ecuador": an arrest, not an assault
        if lemma in _GRANT_VERBS:
            granted = _requested_act(objs)
            if granted is not None:
                return granted  # "approved an extradition bid": the extradition
        if _rescues_captive(tok):
            return "COERCE"
        if lemma in _PROMISE_VERBS and _hostile_complement(tok):
            return "THREATEN"  # "pledged to impose sanctions": a promised hostile act (3.11)
        if lemma == "want" and _wanted_of_others(tok, objs):
            return "REQUEST"  # "the US wants the UK to extradite him", "wanted a probe"
        if lemma == "rule" and court_ruling(tok):
            return "COERCE"  # "a judge ruled that he should remain in jail"
        guilty = next((c for c in tok.children if c.lower_ == "guilty"), None)
        if lemma == "plead" and guilty is not None:
            # "pleaded not guilty": the charges rejected; "pleaded guilty": conceded (the
            # negation hangs on the verb or on "guilty")
            negated = any(c.dep_ == "neg" for c in (*tok.children, *guilty.children))
            return "REJECT" if negated else "CONCEDE"
        if lemma == "protest" and (
            _has_finite_complement(tok)
            or tok.dep_ == "ROOT"
            and any(c.dep_ == "ccomp" for c in tok.children)
        ):
            return "ACCUSE"  # "X protested that ...": verbal disapproval (CAMEO 11)
        if lemma in REPORTING_VERBS and lemma not in VERB_TRIGGERS:
            return None
        if lemma == "ask" and _asks_question(tok):
            return None  # "asked him about the delay", "when asked whether ...": a question
        multi = _multiword(tok)
        if multi is not None:
            return multi
        return VERB_TRIGGERS.get(lemma)
    if pos in ("NOUN", "PROPN"):
        return "COERCE" if _rescues_captive(tok) else noun_type(tok)
    return None


#: People and bodies a compound names by the act they do for a living ("aid workers", "aid
#: agencies", "relief officials").
_DOER_NOUNS = frozenset(
    "worker agency group official organization organisation volunteer staff charity team "
    "convoy".split()
)


def _names_doers(tok: Token) -> bool:
    """Whether ``tok``, "aid" parsed as a verb, is the first word of a compound naming people
    or a body, the next word its "object" though the verb has no subject or auxiliary of its
    own ("handed the letter to aid officials", "links to aid agencies"): no one aided anyone
    (a verb "killing workers" keeps its object: only "aid" doubles as a noun modifier here)."""
    doc = tok.doc
    if tok.lemma_.lower() != "aid" or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    if nxt.lemma_.lower() not in _DOER_NOUNS or nxt.dep_ != "dobj" or nxt.head.i != tok.i:
        return False
    return not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c.lower_ != "to"
        for c in tok.children
    )


#: Words of a court or its members.
_COURT_WORDS = frozenset("judge court tribunal magistrate justice jury".split())


def court_ruling(tok: Token) -> bool:
    """ "a judge ruled that ...", "the Supreme Court ruled that ...", "was ruled illegal by the
    court system": a court's binding decision on a party, a legal act of the state (codebook:
    COERCE), not "ruled out" nor a government that ruled a country."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() != "rule":
        return False
    if any(c.dep_ == "prt" for c in tok.children):
        return False
    subj, _passive = _subject(tok)
    for who in (subj, _agent(tok)):
        if who is None:
            continue
        words = [who, *(c for c in who.children if c.dep_ in ("compound", "amod"))]
        if any(w.lemma_.lower() in _COURT_WORDS for w in words):
            return True
    return False


def court_act(tok: Token, plover: str | None) -> bool:
    """Whether a trigger is a court's or a prosecutor's step in a case: coercion told by a
    verb of charging, indicting, convicting, sentencing, jailing or ruling. A charge is one
    "with" an offence or in the passive ("charging inmates for protection" is none); a jail
    that holds gang members tells a state, and the noun of "serving her long sentence" is no
    step."""
    if plover != "COERCE" or tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "charge":
        if any(
            c.dep_ == "nsubj" and SECTOR_NOUNS.get(c.lemma_.lower()) == "police"
            for c in tok.children
        ):
            return False  # "police charged him with assault": at the station, not in court
        return any(c.dep_ == "auxpass" or c.lower_ == "with" for c in tok.children)
    return lemma in COURT_VERBS


#: Words that open an indirect question ("asked whether ...", "asked why ...").
_QUESTION_WORDS = frozenset("whether if what why how when where who whom which".split())


def _asks_question(tok: Token) -> bool:
    """Whether "ask" puts a question, not a request (PLOVER REQUEST asks for something or
    asks someone to act): "asked the minister about the delay", "when asked whether she
    would stay", "asked questions", a bare "the senator asked." after a quoted question.
    "Asked them to leave", "asked for help" and "asked that the court ..." stay requests."""
    kids = list(tok.children)
    if any(c.dep_ == "xcomp" for c in kids):
        return False
    preps = {c.lower_ for c in kids if c.dep_ == "prep"}
    if "for" in preps:
        return False
    if "about" in preps:
        return True
    for c in kids:
        if c.dep_ in ("ccomp", "advcl") and c.i > tok.i:
            first = c.doc[c.left_edge.i]
            marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")}
            if first.lower_ in _QUESTION_WORDS or marks & _QUESTION_WORDS:
                return True
    objs = [c for c in kids if c.dep_ == "dobj"]
    if any(o.lemma_.lower() == "question" for o in objs):
        return True
    return not objs and not any(c.dep_ in ("ccomp", "dative") for c in kids)


def np_span(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head`` (no relative clauses, no comma tail)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_KEEP_LEFT or child.dep_ == "conj":
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _NP_KEEP_RIGHT:
            if child.dep_ == "punct" and child.text not in ("(", ")"):
                break
            if child.dep_ == "prep" and _temporal(child):
                break  # "the judge on Saturday", "rebels in the region on Tuesday": a time
            end = max(end, child.right_edge.i + 1)
        else:
            break
    doc = head.doc
    # trim leading determiners / punctuation and trailing punctuation / conjunctions
    while start < end - 1 and (doc[start].dep_ in ("det", "punct", "cc") or doc[start].is_punct):
        if doc[start].dep_ == "det" and doc[start].lower_ not in ("the", "a", "an"):
            break
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct and doc[end - 1].text != ")"):
        end -= 1
    while end - 1 > start and doc[end - 1].dep_ in ("cc", "prep", "case"):
        end -= 1
    # balance a dangling parenthesis
    text = doc[start:end].text
    if text.count("(") > text.count(")"):
        for k in range(end, min(len(doc), end + 12)):
            if doc[k].text == ")":
                end = k + 1
                break
    return start, end


def _temporal(prep: Token) -> bool:
    """A prepositional phrase that tells when ("on Saturday", "in March"), not who."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _is_actorish(tok: Token) -> bool:
    return tok.ent_type_ in _ACTOR_ENTS or tok.lemma_.lower() in SECTOR_NOUNS


#: Objects that are means, not parties: the recipient or place is the target ("offered its
#: troops to Lebanon", "sent inspectors to Bosnia", "opened an embassy in Hanoi").
_MEANS = frozenset(
    "troop troops force forces soldier personnel inspector observer monitor envoy delegation "
    "embassy consulate aid assistance".split()
)
_RECIPIENT_PREPS = frozenset({"to", "in", "into", "from", "for", "with"})


def _named_recipient(obj: Token) -> Token | None:
    verb = obj.head
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS and child.i > obj.i:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.ent_type_ in _ACTOR_ENTS | {"LOC"}:
                    return grand
    return None


def actor_in(obj: Token) -> Token | None:
    """The object itself when it names an actor, else the first actor inside its phrase
    ("efforts of Turkey" -> Turkey; "asylum to five officers" -> officers); a means object
    gives way to a named recipient ("troops to Liberia" -> Liberia)."""
    if obj.lemma_.lower() in _MEANS and obj.ent_type_ not in _ACTOR_ENTS:
        named = _named_recipient(obj)
        if named is not None:
            return named
    if _is_actorish(obj):
        return obj
    for tok in _phrase(obj):
        if tok.i != obj.i and _is_actorish(tok) and tok.pos_ in ("PROPN", "NOUN", "ADJ"):
            return tok
    head = obj.head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "on", "against", "with"):
            for grand in child.children:
                if grand.dep_ == "pobj" and _is_actorish(grand):
                    return grand
    return obj if obj.pos_ == "PROPN" else None


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"})


def _names_people(tok: Token) -> bool:
    """A head noun that can stand for a party ("army", "security forces", "guerrilla camps"),
    not an act ("the Swedish investigation", "an Israeli attack")."""
    return noun_type(tok) is None


def _phrase(head: Token) -> list[Token]:
    """The tokens of ``head``'s phrase in text order, without the clauses inside it ("the
    purchase of the mill, for which the firm paid ...": not the relative clause)."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)


def actor_span(tok: Token) -> tuple[int, int]:
    """A tight actor span: the named entity holding ``tok``, else its noun phrase."""
    if tok.ent_type_ in _ACTOR_ENTS:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                start, end = ent.start, ent.end
                head = tok
                while (
                    head.dep_ in ("compound", "amod", "nmod")
                    and head.head.i > head.i
                    and head.head.pos_ in ("NOUN", "PROPN")
                ):
                    head = head.head
                # "Panamanian army", "Palestinian security forces": the entity plus the noun
                # it modifies
                if (
                    tok.ent_type_ == "NORP"
                    and head.i >= end
                    and head.i - end < 3
                    and _names_people(head)
                ):
                    end = head.i + 1
                return start, end
    start, end = np_span(tok)
    # no prepositional tail for targets
    for k in range(tok.i + 1, end):
        if tok.doc[k].dep_ == "prep" and tok.doc[k].head.i == tok.i:
            end = k
            break
    return start, end


def _subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject of ``tok`` (following xcomp / conj / relcl up); second: passive?"""
    cur: Token | None = tok
    hops = 0
    active_conj = False  # reached ``cur`` from an active verb conjoined to it
    while cur is not None and hops < 4:
        if cur is tok and reduced_passive(cur):
            # "two guards were killed and nine others hurt": the nine were hurt, by whoever
            # killed the two (an infinitive under it keeps its controller: "and dozens
            # forced to flee")
            return _agent(cur) or _agent(cur.head), True
        for child in cur.children:
            if child.dep_ in _SUBJ:
                return child, False
            if child.dep_ in _PASS_SUBJ:
                if active_conj:
                    # an answer conjoined to a passive request is the one asked's
                    # ("the minister was asked to resign, but refused")
                    return child, False
                agent = _agent(cur)
                return agent, True
        if cur.dep_ == "conj" and any(c.dep_ in ("auxpass", "agent") for c in cur.children):
            # a passive conjunct shares its patient with the verb before it, not its doer
            # ("the ban served the opposite effect and was ruled illegal by the court")
            return _agent(cur), True
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp") and cur.head.i != cur.i:
            if cur.dep_ == "ccomp":
                return None, False
            active_conj = (
                cur.dep_ == "conj"
                and cur.lemma_.lower() in _ANSWERS
                and cur.head.lemma_.lower() in _ASKED
                and any(c.dep_ == "cc" and c.i < cur.i for c in cur.head.children)
            )
            cur = cur.head
            hops += 1
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.i != cur.i:
            return cur.head, False
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
            verb = cur.head.head
            if verb.lemma_.lower() in ALLEGATION_VERBS and cur.head.lower_ == "of":
                # "X was accused of killing", "the men accused of killing": X is the doer
                if verb.dep_ == "acl" and verb.tag_ == "VBN":
                    return verb.head, False
                passive = next((c for c in verb.children if c.dep_ in _PASS_SUBJ), None)
                return passive, False
            if cur.head.lower_ in _SAME_DOER_PREPS:  # "deliberated before convicting Webb"
                cur = verb
                hops += 1
                continue
        break
    return None, False


#: Answers to a request and the verbs that ask: "X was asked to resign, but refused" is X's
#: refusal; the conjoined answer is done by the one asked, the passive's patient.
_ANSWERS = frozenset("refuse decline reject agree accept comply".split())
_ASKED = frozenset("ask urge invite request press call order tell".split())
#: Verbs of allegation: "accused of Xing" names the alleged doer of X.
ALLEGATION_VERBS = frozenset("accuse suspect charge convict indict arrest blame".split())
#: Prepositions whose gerund shares the subject of the verb they attach to.
_SAME_DOER_PREPS = frozenset({"before", "after", "by", "while", "without", "in"})


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _nearest_first(tok: Token) -> list[Token]:
    """Children of ``tok``, nearest first: of two subjects the one next to the verb is its
    own ("PARIS (AP) — France's ruling party was accused": not the dateline)."""
    return sorted(tok.children, key=lambda c: abs(c.i - tok.i))


def _object(tok: Token) -> Token | None:
    for child in _nearest_first(tok):
        if child.dep_ in _PASS_SUBJ:
            return child
    if reduced_passive(tok):
        return next(c for c in tok.children if c.dep_ in _SUBJ)
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "attr") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    for child in tok.children:
        if child.dep_ == "prep" and (
            child.lower_ in _TARGET_PREPS
            or (child.lower_ == "before" and tok.lemma_.lower() in _APPEAR_VERBS)
        ):
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.ent_type_ not in ("DATE", "TIME"):
                    return grand
    return None


#: Verbs whose ``before`` object is the body addressed ("testified before the committee").
_APPEAR_VERBS = frozenset({"testify", "appear", "plead"})


def _noun_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in _NOUN_TARGET_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ in ("PROPN", "NOUN"):
                    return grand
    return None


#: Prepositions that give an event noun its target ("attack on X", "investigation into X").
_NOUN_TARGET_PREPS = frozenset(
    {"on", "against", "with", "of", "to", "into", "regarding", "upon", "targeting"}
)
#: Event nouns whose possessor is the one acted upon ("Assange's arrest", "his extradition",
#: "Gray's killing"), unless an ``of`` object names that one ("Hamas's killing of ...").
PATIENT_NOUNS = frozenset(
    "arrest detention capture extradition deportation conviction sentencing sentence "
    "prosecution indictment release kidnapping abduction killing murder assassination "
    "execution rescue evacuation expulsion imprisonment trial jailing beating "
    "shooting stabbing lynching torture".split()
)
#: Verbs whose subject only talks about the act named by their event-noun object ("CNN
#: described a massacre", "condemned the attack", "survived the bombing"): not its doer.
_COMMENT_VERBS = frozenset(
    "describe condemn criticize criticise deplore denounce decry slam call term label "
    "characterize characterise report witness survive fear recall mark commemorate "
    "investigate probe blame explain discuss mourn remember cover film document protest "
    "question dismiss justify applaud praise welcome see watch hear".split()
)


#: Verbs whose subject undergoes or resists the act named by their object.
_UNDERGO_VERBS = frozenset(
    "battle fight resist oppose avoid face escape challenge contest evade dodge survive suffer "
    "undergo endure await".split()
)


#: Verbs whose subject owns up to the act their ``to`` object names ("confessed to the
#: kidnapping", "pleaded guilty to the murder", "admitted to the attack").
_ADMIT_VERBS = frozenset("confess admit plead".split())
#: Verbs whose subject takes the ``responsibility for`` an act ("claimed responsibility for").
_RESPONSIBILITY_VERBS = frozenset("claim take accept admit bear assume".split())


def _owner_of_act(tok: Token) -> Token | None:
    """The doer an event noun's governing phrase names as owning up to it: the subject of
    "confessed / admitted / pleaded guilty to N", "claimed / took responsibility for N", "is
    responsible for N"."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    gov = prep.head
    lemma = gov.lemma_.lower()
    verb: Token | None
    if prep.lower_ == "to" and gov.pos_ == "VERB" and lemma in _ADMIT_VERBS:
        verb = gov
    elif prep.lower_ == "to" and lemma == "guilty" and gov.head.lemma_.lower() == "plead":
        verb = gov.head
    elif prep.lower_ == "for" and lemma == "responsibility" and gov.dep_ == "dobj":
        verb = gov.head if gov.head.lemma_.lower() in _RESPONSIBILITY_VERBS else None
    elif prep.lower_ == "for" and lemma == "responsible" and gov.dep_ == "acomp":
        verb = gov.head
    else:
        return None
    if verb is None:
        return None
    subj, passive = _subject(verb)
    return None if passive else subj


def _noun_arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """Source and target of an event noun: its possessor, a nationality or group modifier
    ("Israeli massacre", "the Hamas attack") or ``by`` agent is the doer; ``on`` / ``against``
    / ``of`` / ``into`` objects the target; a patient noun's possessor is the target; the
    subject of a support verb ("launched an offensive") is the doer."""
    head = tok.head
    obj = _noun_object(tok)
    subj: Token | None = None
    patient = tok.lemma_.lower() in PATIENT_NOUNS
    if (
        tok.dep_ in ("dobj", "attr")
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() not in _COMMENT_VERBS
    ):
        subj, _passive = _subject(head)
        if head.lemma_.lower() in _UNDERGO_VERBS:
            # "the banker is battling extradition", "the school that suffered the attack": the
            # subject undergoes the act (a victim is never its doer)
            subj, obj = None, (subj if obj is None or patient else obj)
    owner = _owner_of_act(tok)
    if owner is not None:
        subj = owner  # "the suspect confessed to the kidnapping", "X claimed responsibility for"
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ in ("PROPN", "NOUN", "PRON"):
                    subj = grand
    between = list(tok.children)
    if tok.dep_ == "nsubj" and head.pos_ == "VERB":
        between += list(head.children)  # "fighting broke out between X and Y"
        for prep in head.children:  # "broke out in the state between X and Y"
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    between += [c for c in pobj.children if c.dep_ == "prep"]
    for child in between:
        if child.dep_ == "prep" and child.lower_ == "between":
            for grand in child.children:
                if grand.dep_ == "pobj":  # "fighting between the army and rebels"
                    subj, other = grand, _conjunct(grand)
                    obj = other if other is not None else obj
    for child in tok.children:
        if child.dep_ != "poss" or child.ent_type_ in ("DATE", "TIME"):
            continue  # "Monday's ambush", "last week's raid": a time, no party
        if patient and obj is None:
            obj = child
        else:
            subj = child
    if subj is None:
        for child in tok.children:
            if (
                child.dep_ in ("amod", "compound", "nmod")
                and child.i < tok.i
                and child.ent_type_ in ("NORP", "ORG")
                and not patient
            ):
                subj = child  # "an Israeli massacre", "the Hamas attack"
                break
    if tok.dep_ == "nsubj" and (obj is None or actor_in(obj) is None):
        # "the offensive has left 30,000 civilians dead", "an air raid on a school left nine
        # pupils dead": the victims, over an object that names no one
        obj = _left_harmed(head) or obj
    if obj is None and tok.dep_ == "dobj":
        obj = _object_after_noun(head)
    return subj, obj


def _left_harmed(verb: Token) -> Token | None:
    """The victims of "X left N people dead / injured", with ``verb`` X's verb or one it
    shares its subject with ("was launched in May and has left 30,000 civilians dead")."""
    verbs = [verb] + [
        c
        for c in verb.children
        if c.dep_ == "conj" and not any(g.dep_ in _SUBJ for g in c.children)
    ]
    for cand in verbs:
        if cand.lemma_.lower() != "leave":
            continue
        obj = next((c for c in cand.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lower_ not in _HARMED:
            if any(c.lower_ in _HARMED for c in cand.children if c.dep_ != "dobj"):
                return obj
            # the parser's other reading: "left [seven people dead]", the state an
            # adjective of the victims
            if any(c.lower_ in _HARMED and c.dep_ == "amod" for c in obj.rights):
                return obj
            continue
        # and a third: "left [one armed militant dead]", the victims a modifier of the
        # state, which is the object or a complement of the verb
        for state in cand.rights:
            if state.lower_ not in _HARMED:
                continue
            victims = [c for c in state.lefts if c.pos_ in ("NOUN", "PROPN", "ADJ")]
            if victims and _can_act(victims[-1]):
                return victims[-1]
    return None


#: States an act leaves its victims in ("left 12 people dead").
_HARMED = frozenset("dead injured wounded hurt homeless displaced missing maimed".split())


def _depth(tok: Token, sent_root: Token) -> int:
    depth = 0
    cur = tok
    for _ in range(40):
        if cur.i == sent_root.i or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() not in REPORTING_VERBS:
            depth += 1
    return depth


def _modality(tok: Token) -> tuple[Modality, Token | None]:
    """Walk up the clause: claim, denial and plan cues govern the trigger."""
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in PLAN_AUX:
            return "planned", child
    cur = tok
    quoted = _scare_quoted(tok)
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        dep = cur.dep_
        cur = cur.head
        lemma = cur.lemma_.lower()
        if lemma in _DENY and dep in ("ccomp", "xcomp", "dobj", "pcomp", "pobj", "prep", "acl"):
            return "denied", cur
        if lemma in PLAN_VERBS and dep in ("xcomp", "ccomp"):
            return "planned", cur
        if lemma in INTENT_ADJECTIVES and dep == "xcomp":  # "is ready to host"
            return "planned", cur
        if dep == "ccomp" and lemma in CLAIM_VERBS:
            if lemma in _SAY_LIKE and not quoted:
                return "reported", cur
            return "claimed", cur
        if dep == "xcomp" and lemma in _CLAIM_TO:  # "the army claimed to have killed him"
            return "claimed", cur
        if cur.pos_ == "VERB" and dep not in ("xcomp", "conj", "prep", "pobj", "pcomp"):
            break
        if cur.pos_ == "ADJ" and dep != "xcomp":
            break
    if quoted or any(c.dep_ == "advmod" and c.lower_ in _HEARSAY for c in tok.children):
        # "the suspect allegedly met the gang's leaders": only a source asserts it
        return "claimed", None
    return "reported", None


#: Verbs whose infinitive complement is asserted, not established ("claimed to have seized").
_CLAIM_TO = frozenset({"claim", "allege", "purport", "profess"})
#: Adverbs that leave an act to its unnamed sources ("reportedly visited").
_HEARSAY = frozenset({"allegedly", "reportedly", "purportedly", "supposedly", "reputedly"})


def _scare_quoted(tok: Token) -> bool:
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    return doc[tok.i - 1].text in ('"', "“", "'", "‘") and doc[tok.i + 1].text in (
        '"',
        "”",
        "'",
        "’",
    )


def find_triggers(sent: SpacySpan) -> list[Trigger]:
    """Every event trigger in ``sent`` with its source, target and modality."""
    found: list[Trigger] = []
    trigger_ids: set[int] = set()
    typed: list[tuple[Token, str]] = []
    for tok in sent:
        ptype = trigger_type(tok)
        if ptype is not None:
            typed.append((tok, ptype))
            trigger_ids.add(tok.i)
    for tok, ptype in typed:
        is_noun = tok.pos_ != "VERB"
        if _describes_allegation(tok, trigger_ids):
            continue  # "the men accused of killing her": the killing is the event
        if is_noun and tok.head.i in trigger_ids and tok.head.i != tok.i:
            continue  # "condemned the attack": the noun is an argument, not a new event
        if is_noun and tok.dep_ in ("compound", "amod"):
            continue
        trig = Trigger(token=tok, plover=ptype, depth=_depth(tok, sent.root))
        party: Token | None = None  # a verb's addressee or proposer, an actor by its finding
        giver: Token | None = None  # the mission whose state gives the refuge taken
        if not is_noun:
            kind = territory_kind(tok)
            if kind is not None:
                trig.extra["territory"] = kind
            if ptype == "COERCE" and tok.lemma_.lower() in _CAPTURE_VERBS:
                trig.extra["agent"] = "police"  # "was captured": by the police
            subj, _passive = _subject(tok)
            obj = _object(tok)
            mission = _refuge_mission(tok) if ptype == "AID" else None
            if mission is not None:
                # "he sought refuge at the Peruvian embassy": the mission's state shelters him
                giver = mission_state(mission)
                if subj is not None and not _passive:
                    obj = party = subj  # (a pronoun too: "she sought refuge at ...")
                    subj = None
            if ptype == "REQUEST":
                party = _addressee(tok)  # "sought his extradition from the UK": the UK
            elif mission is not None:
                pass
            elif tok.lemma_.lower() in _REFUSAL_VERBS:
                party = _proposer(tok)  # "rejected a plea deal offered by prosecutors"
            obj = party or obj
            if mission is None and (subj is None or (_passive and not _can_act(subj))):
                # "killed in clashes with soldiers", "hit by a brick during a clash between
                # protesters and police": the other party of the fight is the doer
                party, other = _clash_party(tok)
                subj = party or (subj if subj is not None and _can_act(subj) else None)
                if other is not None and party is not None:
                    obj = other
        else:
            subj, obj = _noun_arguments(tok)
            if obj is not None and tok.dep_ == "nsubj":
                harmed = _left_harmed(tok.head)
                if harmed is not None and harmed.i == obj.i:
                    party = obj  # the people it left dead, whatever noun names them
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _UNDERGO_VERBS:
                trig.extra["undergone"] = "1"  # its clause's subject is no doer of it
            if subj is not None and subj.dep_ == "amod" and subj.ent_type_ == "NORP":
                trig.extra["demonym_doer"] = "1"
            legal = _legal_word(tok) if ptype == "ASSAULT" else None
            if legal is not None:
                # "found guilty of murder", "faces charges of kidnapping": the legal act is the
                # event, its subject the one charged (codebook: COERCE)
                if legal.i in trigger_ids:
                    continue
                ptype = "COERCE"
                trig.plover = ptype
                trig.extra["agent"] = LEGAL_WORDS[legal.lemma_.lower()]
                verb = legal if legal.pos_ == "VERB" else legal.head
                charged = next((c for c in verb.children if c.dep_ in _SUBJ | _PASS_SUBJ), None)
                subj, obj = None, charged
        if subj is not None and not sent.start <= subj.i < sent.end:
            subj = None  # a headline is never the subject of the next line's act
        if giver is not None:
            subj = None
        if obj is not None and not sent.start <= obj.i < sent.end:
            obj = None
        if subj is not None and subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl":
            subj = subj.head.head
        if subj is not None and subj.lower_ in _RELATIVE:
            subj = None
        if subj is not None and subj.lower_ in _PRONOUNS | {"its", "their", "his", "her"}:
            subj = _antecedent(tok) or subj
        if subj is not None and not is_noun and _reciprocal(tok):
            other = _conjunct(subj)  # "Sanders and Warren attacked each other": X does it to Y
            if other is not None:
                obj = other
        if subj is not None:
            trig.source = np_span(subj)
            trig.source_is_pronoun = subj.lower_ in _PRONOUNS
            if obj is not None and obj.dep_ == "conj" and obj.head.i == subj.i:
                trig.source = (trig.source[0], _before_conjuncts(subj))  # "between X and Y"
        if obj is not None and obj is not party and not (obj.dep_ == "conj" and subj is not None):
            obj = actor_in(obj)
        if obj is not None and (subj is None or obj.i != subj.i):
            trig.target = actor_span(obj)
            if ptype in _ADDRESSED_TYPES and _acting_demonym(obj):
                trig.extra["demonym_target"] = "1"  # "rejected a Canadian ultimatum"
        if giver is not None:
            trig.source = actor_span(giver)
            trig.extra["refuge"] = "1"
        dead = _died_of(tok) if ptype == "ASSAULT" else None
        if dead is not None:
            # "Three people died in an air strike on a school": the dead are its victims,
            # whatever the strike hit; "died in clashes with soldiers": the soldiers did it
            if trig.source is None and obj is not None and obj.head.lower_ == "with":
                trig.source = np_span(obj)
            trig.target = actor_span(dead)
            if _inside(dead.i, trig.source):
                trig.source = None
        if trig.target is None:
            trig.target = _fallback_target(tok, trig.source)
        trig.modality, trig.cue = _modality(tok)
        trig.plover = _stance_type(tok, ptype, trig.modality, trig.cue)
        if trig.plover == ptype or trig.modality == "denied":  # a stance re-typing is an act
            trig.nonfactual = nonfactual(tok, trig.modality)
        else:
            trig.nonfactual = nonfactual(tok, trig.modality, own=False)
        if trig.modality == "reported" and _denies_responsibility(tok):
            trig.modality, trig.cue = "denied", tok  # "Kyiv denies any responsibility"
            alleged = alleged_type(tok)
            if alleged is not None:  # "denied the rape allegations": the rape, denied
                trig.plover = alleged
            elif any(
                c.dep_ == "dobj" and c.lemma_.lower() in ALLEGATION_NOUNS for c in tok.children
            ):
                trig.extra["alleged"] = "elsewhere"  # "denied the allegations": told before
        if trig.cue is not None and trig.modality in ("claimed", "denied"):
            claimer, _ = _subject(trig.cue)
            if claimer is not None:
                trig.claimant = np_span(claimer)
        found.append(trig)
    return _prune(found)


#: Verbs of dying: their subject is a victim, never a doer (codebook: "a victim is never
#: actor1").
DEATH_VERBS = frozenset({"die", "perish", "succumb"})
#: Words that may join an act noun to the verb of dying ("died *in* an air strike", "died
#: *as a result of* torture", "died *from* wounds *in* the attack").
_CAUSE_LINKS = frozenset({"prep", "pobj"})


def _died_of(tok: Token) -> Token | None:
    """The subject of a verb of dying whose prepositional phrase names the act ``tok``
    ("Three people died in an air strike", "A prisoner died as a result of torture")."""
    if tok.pos_ == "VERB":
        return None
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _CAUSE_LINKS or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    if cur.lemma_.lower() not in DEATH_VERBS:
        return None
    return next((c for c in cur.children if c.dep_ in _SUBJ and c.pos_ != "PRON"), None)


_TARGET_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
_COMPLEMENTS = frozenset({"xcomp", "ccomp"})


def _fallback_target(tok: Token, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """A target when the trigger has no actor object: the object or subject of its
    complement ("threatened to shell *Iraqi towns*", "demanded that *the US* match"), else
    the first named actor or place in the trigger's own clause after it ("postpone the
    demonstration in *Baku*", "opened fire to disperse *Moslem* demonstrators")."""
    for child in tok.children:
        if child.dep_ in _COMPLEMENTS and child.pos_ in ("VERB", "AUX"):
            obj = None
            if child.dep_ == "ccomp":  # "demanded that the US match ...": the addressee
                obj = next((c for c in child.children if c.dep_ in _SUBJ), None)
            if obj is None or obj.pos_ == "PRON":
                obj = _object(child)
            if obj is not None and obj.pos_ != "PRON":
                obj = actor_in(obj) or (obj if obj.pos_ in ("NOUN", "PROPN") else None)
                if obj is not None and not _inside(obj.i, source):
                    return actor_span(obj)
    clause = tok.head if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "pobj") else tok
    for cand in clause.subtree:
        if cand.i <= tok.i or _inside(cand.i, source):
            continue
        if any(a.dep_ == "relcl" for a in cand.ancestors if a.i > clause.i):
            continue  # "..., for which the firm paid": a relative clause's own actors
        if cand.ent_type_ in _TARGET_ENTS and cand.ent_iob_ == "B":
            if any(a.lemma_.lower() in REPORTING_VERBS for a in cand.ancestors if a.i > tok.i):
                continue  # "..., officials said": the attribution tail
            found = actor_span(cand)
            if source is not None and found[0] < source[1] and source[0] < found[1]:
                continue  # "banned by the city council": the doer's own name
            return found
    return None


#: Acts addressed to a party: a request or a refusal is aimed at the state whose act it is about.
_ADDRESSED_TYPES = frozenset({"REQUEST", "REJECT"})
#: Act nouns whose nationality names the people the act is done to ("the Haitian deportations").
_PATIENT_ACTS = frozenset(
    {"deportation", "expulsion", "eviction", "detention", "death", "evacuation", "extradition"}
)


def _acting_demonym(tok: Token) -> bool:
    """A nationality adjective on an act noun ("an Australian ultimatum", "a probe of the
    Israeli shelling"): the state that did the act, as a party; not on an act done to people
    of that nationality ("an end to the Haitian deportations")."""
    return (
        tok.dep_ == "amod"
        and tok.ent_type_ == "NORP"
        and tok.head.pos_ == "NOUN"
        and tok.head.lemma_.lower() not in _PATIENT_ACTS
        and noun_type(tok.head) is not None
    )


def _inside(i: int, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= i < span[1]


def _antecedent(tok: Token) -> Token | None:
    """For "X said it would ...": the subject of a governing verb that is not a pronoun."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        for child in cur.children:
            if child.dep_ in _SUBJ and child.lower_ not in _PRONOUNS and child.pos_ != "PRON":
                return child
    return None


def clause_arguments(sent: SpacySpan) -> Trigger | None:
    """Source and target of the sentence's main clause, for an event found by the classifier
    without a lexicon trigger (the root verb, or the complement of a reporting root)."""
    root = sent.root
    if root.lemma_.lower() in REPORTING_VERBS:
        for child in root.children:
            if child.dep_ == "ccomp":
                root = child
                break
    if root.pos_ not in ("VERB", "AUX"):
        return None
    trig = Trigger(token=root, plover="", depth=0)
    subj, _ = _subject(root)
    if subj is not None and root.lemma_.lower() in DEATH_VERBS:
        # "A prisoner died as a result of torture": the one who died is the victim
        trig.target = actor_span(subj)
        trig.modality, trig.cue = _modality(root)
        return trig
    if subj is not None and subj.lower_ not in _RELATIVE:
        trig.source = np_span(subj)
        trig.source_is_pronoun = subj.lower_ in _PRONOUNS
    obj = _object(root)
    if obj is not None:
        obj = actor_in(obj)
    if obj is not None and (subj is None or obj.i != subj.i):
        trig.target = actor_span(obj)
    trig.modality, trig.cue = _modality(root)
    return trig


def _prune(found: list[Trigger]) -> list[Trigger]:
    """Keep the shallowest triggers of the sentence and their coordinated verbs; deeper
    triggers are the content of the main one ("threatened to shell", "condemned the attack")."""
    if len(found) < 2:
        return found
    shallow = min(t.depth for t in found)
    kept = [t for t in found if t.depth == shallow]
    kept_ids = {t.token.i for t in kept}
    for t in found:
        if t.depth == shallow:
            continue
        if t.token.dep_ == "conj" and t.token.head.i in kept_ids:
            kept.append(t)
        elif t.modality in ("claimed", "denied") and t.cue is not None and t.token.pos_ == "VERB":
            kept.append(t)  # "announced that they had liberated two towns": a claimed event
        elif "refuge" in t.extra:
            kept.append(t)  # "has avoided trial since seeking refuge at an embassy": asylum
        elif _sequenced(t):
            t.extra["sequenced"] = "1"
            kept.append(t)  # "launched after the Hamas attack on Israel": an earlier act
    return sorted(kept, key=lambda t: t.token.i)


#: Words that place one act before or beside another in time ("after the raid", "since
#: troops invaded", "while 400 were detained"); not "when" or "as", whose clause often tells
#: the same act again ("were killed when a shell hit the school"), nor "during" (the setting).
_SEQUENCE_MARKS = frozenset({"after", "since", "before", "following", "while", "until"})


def _sequenced(trig: Trigger) -> bool:
    """A deeper trigger that tells an act of its own, set in time against the sentence's
    main act: a clause or an event noun after a sequence word, naming a party of its own."""
    if trig.source is None and trig.target is None:
        return False  # a bare noun ("since his arrest") only dates the main act
    tok = trig.token
    if tok.pos_ == "VERB":  # a finite clause with its own subject, not "while searching"
        kids = list(tok.children)
        mark = next((c.lower_ for c in kids if c.dep_ == "mark"), None)
        subj = next((c for c in kids if c.dep_ in _SUBJ | _PASS_SUBJ), None)
        if tok.dep_ != "advcl" or mark not in _SEQUENCE_MARKS or subj is None:
            return False
        # "seized pistols while they were searching the car": one operation of one doer
        return mark != "while" or subj.lower_ not in _PRONOUNS
    return tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in _SEQUENCE_MARKS


_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "AGREE"})
_CONFLICTUAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})


_PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "'s", "'d"})


def _stance_type(tok: Token, ptype: str, modality: Modality, cue: Token | None) -> str:
    """PLOVER codes intentions and refusals, not the act itself (manual 3.1, 3.8, 3.10, 3.11):
    "will release" is AGREE, "will boycott" THREATEN, "must return" REQUEST, "would not
    meet" REJECT."""
    if tok.pos_ != "VERB":
        return ptype
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    negated = any(c.dep_ == "neg" for c in tok.children)
    if _if_clause(tok) and ptype in _CONFLICTUAL and not negated:
        return "THREATEN"  # "will halt mediation if ...": a conditional threat (3.11)
    if negated and ptype in _COOPERATIVE and not (aux & _PERFECT_AUX):
        # "would not meet", "refuses ... won't sign": a refusal; "hasn't committed to any
        # specifics so far" tells that no act happened yet, not that one was refused
        return "REJECT"
    if aux & {"must", "should"}:
        return "REQUEST"
    if (
        modality == "planned"
        and (cue is None or cue.lemma_.lower() not in ("threaten", "warn"))
        and _stance_holder(tok)
    ):
        if ptype in _COOPERATIVE:
            return "AGREE"
        if ptype in _CONFLICTUAL:
            return "THREATEN"
    return ptype


#: Legal instruments that can be a clause's subject without being a party ("the Act").
_INSTRUMENTS = frozenset({"act", "legislation", "law", "bill", "decree", "order", "rule"})


def _stance_holder(tok: Token) -> bool:
    """Whether a planned act's clause has a party that can promise or threaten it: an active
    verb whose subject (if named) is an actor. "will be charged" (passive) and "the act would
    impose sanctions" (a bill) schedule the act itself; the news codebook codes such an act
    with its own type and modality ``planned``."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return True
    if subj.lemma_.lower() in _INSTRUMENTS or OBJECT_CLASSES.get(subj.lemma_.lower()) == "decision":
        return False  # "the bill would impose sanctions"
    return any(_is_actorish(t) or t.pos_ == "PRON" for t in _phrase(subj))


def _object_after_noun(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


#: Modal auxiliaries of possibility or obligation: the act is hypothetical, not reported.
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "can", "should", "must", "ought"})
#: Words whose complement is an act only feared, not one that happened.
_FEAR_WORDS = frozenset({"fear", "afraid", "risk", "worry", "dread"})
#: Verbs whose complement is a demanded or proposed act, not one that happened.
_DEMAND_VERBS = frozenset(
    "demand urge call ask order request press appeal insist encourage invite beg "
    "recommend advise require".split()
)
#: Words of wishing: what their holder would like "to see" done is that holder's wish ("the
#: donors would like to see the generals withdraw"), not an act the article narrates. Being
#: glad or pleased to see something done is factive (it was done), so those words are not here.
_WISH_WORDS = frozenset("want wish hope like love prefer eager keen".split())
#: Verbs of seeing that take an act as their complement ("see them agree").
_SEEING_VERBS = frozenset({"see", "watch"})
#: Verbs of failing, avoiding or refusing: their complement did not happen.
_FAIL_VERBS = frozenset("fail refuse decline avoid neglect forget".split())
#: Nouns of aim or ability: "efforts to broker a truce", "the right to protest", "a
#: charge of conspiracy to commit fraud" (what a plot aims at is charged, not told done).
_AIM_NOUNS = frozenset(
    "effort attempt bid plan aim goal way right ability power option need call demand "
    "pressure push order request proposal strategy chance intention conspiracy plot".split()
)
_LIGHT_ACT_VERBS = frozenset(
    "reach sign strike launch carry conduct make hold stage mount seal conclude".split()
)
#: Judgements of possibility: what they qualify may not have happened.
_POSSIBLE = frozenset("possible likely unlikely probable plausible conceivable".split())
_IRREALIS_AUX = _HYPOTHETICAL_AUX | {"will", "would", "shall", "'ll"}
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})


def negating_no(tok: Token) -> bool:
    """Whether ``tok`` carries a determiner "no" that says there was none ("no agreement",
    "no one"), not one that bounds a number ("no fewer than 40 miners", "no more than five")."""
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ == "no":
            nxt = c.nbor(1) if c.i + 1 < len(c.doc) else None
            return nxt is None or nxt.lower_ not in ("fewer", "less", "more")
    return False


def nonfactual(tok: Token, modality: Modality = "reported", *, own: bool = True) -> str | None:
    """Why the clause of ``tok`` does not report an act that happened (codebook: "Not
    events"), or None: negated ("did not attack"), hypothetical ("could hit the capital"),
    conditional ("if they attack"), a purpose ("to secure the road"), a demanded or failed act
    ("urged them to surrender", "failed to agree") or a question. Planned, claimed and denied
    acts are coded with their modality instead."""
    if tok.sent.text.rstrip().rstrip("\"'”’").endswith("?"):
        return "question"
    if tok.pos_ != "VERB":
        # an event noun is a mention of an act told elsewhere ("explain the attack"), unless
        # a light verb makes it the clause's act ("failed to reach a deal"); the object of a
        # possible act is only possible ("could face a jail term")
        if negating_no(tok):
            return "negated"  # "there will be no competing extradition request"
        if _judged_possible(tok):
            return "hypothetical"  # "a suspension is possible", "is likely to be a ban"
        if tok.dep_ == "dobj" and any(
            c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in tok.head.children
        ):
            return "hypothetical"
        if tok.dep_ == "dobj" and _if_clause(tok.head):
            return "conditional"  # "faces a sentence of 175 years if convicted"
        if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in _LIGHT_ACT_VERBS:
            return None
        tok = tok.head
    elif tok.lemma_.lower() in _LIGHT_ACT_VERBS and any(
        c.dep_ == "dobj" and negating_no(c) for c in tok.children
    ):
        return "negated"  # "reached no agreement", "made no arrests": the act names none
    cur = tok
    came = tok.dep_
    for hop in range(5):
        kids = list(cur.children)
        if (
            hop > 0
            and came in ("ccomp", "xcomp")
            and any(c.dep_ == "acomp" and c.lemma_.lower() in _POSSIBLE for c in kids)
        ):
            return "hypothetical"  # "it is very possible the group was collaborating"
        if hop == 0 and not own:
            # the stance re-typing read the clause's own negation or modal ("must return":
            # REQUEST, "would not meet": REJECT); the clause above it still counts
            kids = [c for c in kids if c.dep_ != "neg" and c.lower_ not in _IRREALIS_AUX]
        if modality != "denied" and any(c.dep_ == "neg" for c in kids):
            return "negated"
        modal = any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids)
        if modal and (hop == 0 or cur.dep_ != "ccomp"):
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in kids):
            return "conditional"
        if (
            hop == 0
            and any(c.dep_ == "aux" and c.lower_ in _IRREALIS_AUX for c in kids)
            and _if_clause(cur)
        ):
            return "conditional"
        dep = cur.dep_
        head = cur.head
        if head.i == cur.i:
            break
        hlemma = head.lemma_.lower()
        to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
        if dep in ("advcl", "acl", "relcl") and to_inf:
            if dep == "acl" and head.pos_ in ("NOUN", "PROPN") and hlemma not in _AIM_NOUNS:
                pass  # "the first country to recognise": a description, kept
            elif head.pos_ != "VERB" or trigger_type(head) is not None:
                # the purpose of another act ("fired tear gas to disperse them"); a purpose
                # that is the only act named ("sent inspectors to investigate") is kept
                return "purpose"
        if dep in ("xcomp", "ccomp", "dobj") and hlemma in _DEMAND_VERBS:
            return "demanded"
        if dep in ("xcomp", "ccomp", "dobj", "prep", "acl") and hlemma in _FEAR_WORDS:
            return "feared"  # "his fear of being deported", "fears they intend to invade"
        if dep == "xcomp" and hlemma in _FAIL_VERBS:
            return "failed"
        if (
            dep == "xcomp"
            and hlemma in ("have", "be")
            and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
        ):
            return "negated"  # "have yet to agree", "is yet to sign": it has not happened
        if (
            hop > 0
            and came == "ccomp"
            and cur.lemma_.lower() in _SEEING_VERBS
            and dep == "xcomp"
            and hlemma in _WISH_WORDS
        ):
            return "wished"  # "would like to see the generals withdraw"
        if dep in ("ccomp", "advcl", "relcl", "acl", "csubj") and hop > 0:
            break
        if dep not in ("xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "ccomp"):
            break
        came = dep
        cur = head
    return None


def _judged_possible(noun: Token) -> bool:
    """An event noun that a copula says is possible or likely ("a suspension certainly is
    possible", "the penalty is likely to be a fine")."""
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_ == "be" and head.dep_ == "xcomp":
        head = head.head  # "is likely to be a fine"
        return head.lemma_.lower() in _POSSIBLE or any(
            c.dep_ == "acomp" and c.lemma_.lower() in _POSSIBLE for c in head.children
        )
    return noun.dep_ == "nsubj" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in _POSSIBLE for c in head.children
    )


def _if_clause(verb: Token) -> bool:
    """Whether ``verb`` has a condition ("... if convicted", "unless they pay")."""
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )


#: Denial cues: the lexicon's and "disputed claims that ...".
_DENY = DENY_VERBS | {"dispute", "contest"}
#: Objects of a denial that make it a denial of an act ("denies any responsibility").
_DENIED_OBJECTS = frozenset(
    "responsibility involvement role part claim allegation accusation charge report "
    "link participation".split()
)


#: Nouns that name an allegation whose act is denied ("denied the allegations").
ALLEGATION_NOUNS = frozenset("allegation accusation charge claim".split())


def alleged_type(head: Token) -> str | None:
    """The PLOVER type of the act an allegation names ("rape allegation", "allegations of
    torture", "accused of rape", "charges of kidnapping"), looking below ``head``."""
    for tok in head.subtree:
        if tok.i == head.i:
            continue
        lemma = tok.lemma_.lower()
        if tok.dep_ in ("compound", "amod", "pobj", "pcomp", "nmod"):
            found = NOUN_TRIGGERS.get(lemma) or VERB_TRIGGERS.get(lemma)
            if found in ("ASSAULT", "COERCE"):
                return found
    return None


def _denies_responsibility(tok: Token) -> bool:
    """ "X denies any responsibility / involvement / the allegations": the denial of an act
    alleged elsewhere (codebook: coded with modality ``denied``, the denier the claimant)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _DENY:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _DENIED_OBJECTS for c in tok.children)


#: Nouns of fighting whose other party is the doer of an agentless act ("two farmers killed
#: in clashes with soldiers": the soldiers are actor1; codebook, roles).
_CLASH_NOUNS = frozenset(
    "clash fighting fight battle gunfight shootout firefight confrontation skirmish raid "
    "attack ambush exchange crossfire operation offensive".split()
)


def _clash_party(tok: Token) -> tuple[Token | None, Token | None]:
    """The party named in "in/during clashes with X", "during a clash between X and Y" or
    "at the hands of X" attached to ``tok`` (X), and for "between X and Y" the other one."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "amid", "at"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            inner: tuple[str, ...]
            if noun.lower_ == "hands":  # "at the hands of X"
                inner = ("of",)
            elif noun.lemma_.lower() in _CLASH_NOUNS:
                inner = ("with", "between", "by")
            else:
                continue
            for p2 in noun.children:
                if p2.dep_ == "prep" and p2.lower_ in inner:
                    for party in p2.children:
                        if party.dep_ == "pobj":
                            return party, _conjunct(party) if p2.lower_ == "between" else None
    return None, None


def _legal_word(tok: Token) -> Token | None:
    """The charge or verdict word an act noun is the object of ("found guilty of murder",
    "faces charges of kidnapping"), or None."""
    if tok.dep_ not in ("pobj", "conj") or tok.head.lower_ not in ("of", "with", "for"):
        return None
    head = tok.head.head
    if head.lemma_.lower() in LEGAL_WORDS:
        return head
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    if verb.pos_ in ("VERB", "AUX"):
        for child in verb.children:  # "was found guilty last week of arson"
            if child.lemma_.lower() in LEGAL_WORDS and child.dep_ in ("oprd", "acomp", "dobj"):
                return child
    return None


def _describes_allegation(tok: Token, trigger_ids: set[int]) -> bool:
    """A participle of allegation that describes a noun ("two men accused of killing a
    mother"): not an act of its own when the alleged act is a trigger."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.lemma_.lower() not in ALLEGATION_VERBS:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.i in trigger_ids for g in c.children)
        for c in tok.children
    )


def _before_conjuncts(tok: Token) -> int:
    """End of ``tok``'s phrase before its first coordinated conjunct."""
    start, end = np_span(tok)
    for child in tok.rights:
        if child.dep_ in ("cc", "conj"):
            end = min(end, child.left_edge.i)
            break
    while end - 1 > start and tok.doc[end - 1].is_punct:
        end -= 1
    return max(end, tok.i + 1)


def _addressee(verb: Token) -> Token | None:
    """Who a request is made of: the ``from`` object of the verb or of what it asks for
    ("demanded an apology from Britain", "is seeking the banker's extradition from Spain",
    "will demand more from the mayor")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or pobj.ent_type_ in ("DATE", "TIME"):
                    continue
                if _is_actorish(pobj) or _people_noun(pobj):
                    return pobj
    return None


def _people_noun(tok: Token) -> bool:
    from sitrep.events.actors import PEOPLE_NOUNS, TITLE_SECTOR

    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in PEOPLE_NOUNS or lemma in TITLE_SECTOR)


#: Verbs of accepting or turning down what another party offers or demands.
_REFUSAL_VERBS = frozenset("reject refuse decline rebuff spurn dismiss accept".split())


def _proposer(verb: Token) -> Token | None:
    """Whose offer or demand a rejection turns down: the agent of a participle on its object
    or the object's ``from`` party ("a plea deal offered by prosecutors", "rejected calls
    from the opposition")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for child in obj.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                found = _agent(child)
            elif child.dep_ == "prep" and child.lower_ == "from":
                found = next((g for g in child.children if g.dep_ == "pobj"), None)
            else:
                continue
            if found is not None and (_is_actorish(found) or _people_noun(found)):
                return found
    return None


def _reciprocal(verb: Token) -> bool:
    """Whether the verb's object is "each other" / "one another" or their possessive ("each
    other's policies")."""
    near = {verb.i, *(c.i for c in verb.children)}
    for tok in verb.subtree:
        if tok.lower_ not in ("other", "another") or tok.head.i not in near:
            continue
        before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if before in ("each", "one") or any(c.lower_ in ("each", "one") for c in tok.children):
            return True
    return False


def _conjunct(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "conj"), None)


#: Words of charges and verdicts; an act named as their object is what someone is charged
#: with, and the legal act's inferred doer.
LEGAL_WORDS: dict[str, str] = {
    **dict.fromkeys("guilty conviction convict sentence acquit acquittal".split(), "court"),
    **dict.fromkeys("charge count indictment indict".split(), "prosecutors"),
}


def _can_act(tok: Token) -> bool:
    from sitrep.events.actors import is_actor_phrase

    start, end = np_span(tok)
    return is_actor_phrase(tok.doc[start:end])
