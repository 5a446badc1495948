"""Non-events: which event words name no act an analyst codes.

A trigger filter over the parse, run before any record is built: a wanted, planned, denied,
hypothetical, habitual, quoted or merely described act ("do not want to send the army", "the
threat of an attack", "a wave of protests") is a mention, not an event (codebook: no events made
from teasers, hypotheticals or denials). Every function here is pure over spaCy tokens.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.events.actors import is_actor_phrase
from sitrep.events.extract import negating_no, trigger_type
from sitrep.events.ontology import MATERIAL_PLOVER

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

#: Verbs whose infinitive complement is only wanted, tried or prepared, not done ("do not want
#: to send the army", "aiming to build up connections", "ready to contest the charges").
_INTENT_HEADS = frozenset(
    "want wish hope aim try attempt strive struggle seek need prepare prepared work go due like "
    "able unable ready willing unwilling reluctant hesitant eager conspire plot".split()
)
#: "declined to comment", "did not respond to a request for comment": reporting formulas.
_NO_COMMENT = frozenset("comment address say elaborate discuss answer confirm".split())


def not_an_act(tok: Token, modality: str = "reported", plover: str | None = None) -> str | None:
    """Why a trigger in narrated text still names no act an analyst codes (codebook: "Not
    events"), or None: a generic or habitual present ("the legislation calls for prison terms",
    "the city is burning" is kept), an act only wanted or tried ("want to deploy troops"), a
    participle describing a noun ("the seized phones", "migrants held in Texas") or a
    reporting formula ("declined to comment"). Headlines (no closing punctuation) keep their
    present tense."""
    if _formula(tok):
        return "formula"
    if tok.pos_ not in ("VERB", "AUX"):
        if _judged(tok, plover):
            return "judged"
        if _possible_subject(tok):
            return "possible"
        if _of_complement(tok):
            return "complement"
        if _in_opinion(tok):
            return "opinion"
        if plover in _VIOLENT_MASS and _bare_mass_noun(tok):
            return "generic"
        if plover not in MATERIAL_PLOVER and plover != "MOBILIZE" and _kind_of_act(tok):
            # (a force put "on alert" is mobilised, as a man put "under arrest" is arrested)
            return "generic"
        if _a_danger(tok):
            return "generic"
        return None
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _INTENT_HEADS:
        return "intended"
    if _nobody_subject(tok):
        return "no one"
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and "have" in aux:
        return "hypothetical"  # "he would have objected"
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG")):
        return "description"
    if _status_participle(tok):
        return "description"
    if tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        # "farmers who had marched on the capital were relieved", "a title she had held for
        # years": what was done before, told to say who or what the noun is. (Keeping those
        # with a date in their subtree, review29 #17, was right 1 / wrong 4 outside news dev:
        # durations and other clauses' dates; evcheck29.)
        return "description"
    if tok.tag_ in ("VBZ", "VBP") and modality == "reported" and _closed_sentence(tok):
        return "generic"
    if _habitual(tok):
        return "generic"
    if plover == "ACCUSE" and _standing_allegation(tok):
        return "generic"
    if plover not in MATERIAL_PLOVER and _framing_participle(tok):
        return "description"
    if plover not in MATERIAL_PLOVER and _thing_subject(tok):
        return "no actor"
    if _measured(tok):
        return "figure"
    if plover == "ACCUSE" and _examines_a_thing(tok):
        return "no actor"
    if plover == "REQUEST" and _unasked(tok):
        return "no actor"
    if _to_clause(tok):
        return "intended"
    if plover == "REQUEST" and _quoted_demand(tok):
        return "quoted"
    if plover == "REJECT" and modality == "reported" and _denies_a_statement(tok):
        return "statement"
    if plover == "CONCEDE" and _admits_a_fact(tok):
        return "statement"
    return None


_OPENING = frozenset({"“", "‘"})
_CLOSING = frozenset({"”", "’"})


def _quote_mark(doc: Doc, i: int, *, closing: bool) -> bool:
    """Whether token ``i`` is a quotation mark that closes (or opens) a quotation; a straight
    mark closes when its line has an odd number of them before it."""
    if not 0 <= i < len(doc):
        return False
    text = doc[i].text
    if text in (_CLOSING if closing else _OPENING):
        return True
    if text != '"':
        return False
    line = doc.text[: doc[i].idx].rsplit("\n", 1)[-1]
    return (line.count('"') % 2 == 1) == closing


def _utterance(doc: Doc, i: int, *, closing: bool) -> bool:
    """Whether token ``i`` opens (or closes) a quoted utterance, not a scare-quoted word
    ("urged 'restraint'"): a closing mark follows the utterance's own punctuation; an opening
    one starts a clause, or words that end in their own punctuation ("'Everybody inside!'")."""
    if not _quote_mark(doc, i, closing=closing):
        return False
    if closing:
        return i > 0 and doc[i - 1].text in (",", ".", "!", "?")
    verb = False
    for tok in doc[i + 1 :]:
        if _quote_mark(doc, tok.i, closing=True):
            return doc[tok.i - 1].text == "," or verb  # "'Release them,' ..."
        if "\n" in tok.text:
            break
        if tok.text in (".", "!", "?"):
            return True
        verb = verb or tok.pos_ in ("VERB", "AUX")
    return verb


def _quoted_demand(verb: Token) -> bool:
    """Whether a request verb only introduces the speaker's own words ("the sergeant
    shouted at them, 'Get down!'", "'Open the gate!' a guard ordered"): what was said is an
    attributed statement, not an act directed at a party. A complement of its own ("urged
    them to leave", "begged them 'not to go'") keeps the request."""
    doc = verb.doc
    core: list[Token] = []
    for kid in verb.children:
        if kid.dep_ == "punct":
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in kid.children):
            return False  # "begged lawmakers 'not to lose sight of' the conflict"
        first = kid.left_edge.i
        if _utterance(doc, first, closing=False) or _utterance(doc, first - 1, closing=False):
            continue  # the quotation itself
        if kid.dep_ in ("ccomp", "xcomp"):
            return False  # "ordered that the gates be opened"
        core.append(kid)
    right = max([c.right_edge.i for c in core] + [verb.i]) + 1
    while right < len(doc) and doc[right].text in (",", ":"):
        right += 1
    if _utterance(doc, right, closing=False):
        return True  # "he urged voters, 'Look what ...'"
    left = min([c.left_edge.i for c in core] + [verb.i]) - 1
    return _utterance(doc, left, closing=True)  # "'Step out,' an officer ordered"


#: Verbs that deny that something is so ("denied the guards were armed"); "reject" and
#: "dismiss" refuse an offer or a demand as well.
_DENY_THAT = frozenset({"deny", "refute"})
#: Dependents that make a denial a refusal of something: a thing denied someone ("denied
#: the envoy a visa", "the request was denied").
_DENIED_THING = frozenset({"dobj", "dative", "iobj", "nsubjpass", "attr"})


def _denies_a_statement(verb: Token) -> bool:
    """A denial that says something is not so ("the warden denied the guards had been
    asleep", "He denied that he had met the envoy"): the speaker's statement about an act
    (the act, where it is one, is coded with modality ``denied``), not a refusal of a demand
    or an offer, which is what REJECT codes."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DENY_THAT:
        return False
    if any(c.dep_ in _DENIED_THING for c in verb.children):
        return False
    # what is denied follows: a that-clause ("denied (that) S"), or the clause the parser
    # hangs the denial on ("X denied S" read as S with "X denied" inside it); a clause before
    # it is a noun the parser missed ("a prospect the minister denied")
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None and verb.dep_ == "ccomp" and verb.head.i > verb.i:
        clause = verb.head
    # denying one will ever do something refuses it ("denied he would ever negotiate")
    return clause is not None and not any(
        c.dep_ == "aux" and c.lower_ in _UNDERTAKING for c in clause.children
    )


#: Auxiliaries of an undertaking: denying one will do it is a refusal.
_UNDERTAKING = frozenset({"would", "will", "'ll", "wo", "shall"})


#: Verbs of owning up to something done.
_ADMIT = frozenset({"admit", "confess"})


def _admits_a_fact(verb: Token) -> bool:
    """An admission of something done ("the driver admitted to hiding the cash", "admitted
    that the count was wrong", "admitting its errors costs the agency nothing"): a statement
    about an act (the act is coded on its own), not a concession to another party. Admitting
    people ("admitted 300 refugees") still lets them in; "admitted defeat" concedes."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ADMIT:
        return False
    for kid in verb.children:
        if kid.dep_ in ("ccomp", "xcomp", "pcomp"):
            return True
        if kid.dep_ == "prep" and kid.lower_ == "to":
            return any(c.dep_ in ("pcomp", "pobj") for c in kid.children)  # "admitted to hiding"
        if kid.dep_ == "dobj":
            # only the habitual gerund ("admitting its errors costs nothing"): "admitted
            # defeat" is a concession
            return verb.tag_ == "VBG" and not (
                kid.ent_type_ or is_actor_phrase(verb.doc[kid.i : kid.i + 1])
            )
    return False


#: Modal auxiliaries of possibility.
_MAYBE = frozenset({"could", "might", "may"})
#: Entity labels that place or date an event noun of its own.
_TOLD_AT = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def _possible_subject(noun: Token) -> bool:
    """An event noun that is the subject of what only may happen ("fresh protests could
    erupt", "a ban might follow"): the event is named, not told to have happened; at most
    one more mention of an event told elsewhere. "The blast may have killed 30" tells the
    blast (a perfect "may have" doubts a detail, not the event)."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if any(t.ent_type_ in _TOLD_AT for t in noun.subtree) or any(
        c.dep_ == "relcl" for c in noun.children
    ):
        # "an explosion in Rivne on Monday may be linked to sabotage", "a strike, which
        # began on Monday, could last for weeks": the event is told; only a detail is doubted
        return False
    aux = {c.lower_ for c in noun.head.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & _MAYBE) and not aux & {"have", "'ve"}


#: Subjects that deny the act happened at all ("nobody was hurt", "none were injured").
_NOBODY = frozenset({"nobody", "none", "nothing", "noone", "no-one"})


def _nobody_subject(verb: Token) -> bool:
    """Whether the subject of ``verb`` is no one: "no one was killed", "nobody was hurt",
    "no shots were fired" (the clause says the act did not happen)."""
    for subj in verb.children:
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if subj.lower_ in _NOBODY:
            return True
        if negating_no(subj):
            return True
    return False


#: Subjects that stand for people: quantifiers ("many in the capital") and personal pronouns.
_PEOPLE_WORDS = frozenset(
    "many some most all few several both each majority half rest others one none any it "
    "they he she we i you who".split()
)


#: Endings of nouns of doers ("auditor", "lawyer", "economist", "consultant", "resident").
_AGENT_SUFFIXES = ("or", "er", "ist", "ant", "ent", "ian", "eer")


def _status_participle(tok: Token) -> bool:
    """A past participle after "as" with no subject or auxiliary of its own ("plants listed as
    threatened", "the polar bear was listed as threatened"): a status the clause gives
    something, not an act anyone did."""
    if tok.tag_ != "VBN":
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return False
    return not any(c.dep_ in _OWN_CLAUSE for c in tok.children)


#: Dependents that make a participle a clause of its own ("as others have called for").
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "agent"})


def _framing_participle(tok: Token) -> bool:
    """A verbal act in a bare passive participle that frames the main clause ("criticised
    for its coverage, the network has ...", "asked about the talks, she said ...", "snubbed
    or not, the envoys must ..."): no subject, auxiliary, agent or subordinator of its own, so
    it tells a standing state of the main clause's subject, not an act anyone did then."""
    if tok.tag_ != "VBN" or tok.dep_ != "advcl":
        return False
    return not any(c.dep_ in _OWN_CLAUSE or c.dep_ == "mark" for c in tok.children)


def _thing_subject(tok: Token) -> bool:
    """A verbal or political act whose subject is a thing, an act or a figure, not a party
    ("a search of the vehicle yielded 30 grams", "the protest vote offered an opportunity",
    "that would help the farm belt", "campaigns have been pressing the boundaries"): the
    codebook's interactions are acts of one identifiable actor towards another."""
    if tok.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    for subj in tok.children:
        if subj.dep_ != "nsubj":
            continue
        if subj.ent_type_ or subj.lower_ in _PEOPLE_WORDS or subj.pos_ not in ("NOUN", "PRON"):
            return False
        if subj.text[:1].isupper() and subj.i != subj.sent.start:
            return False  # a name the NER left untyped ("Wikileaks welcomed the move")
        if subj.lemma_.lower().endswith(_AGENT_SUFFIXES):
            return False  # a noun of a doer the lexicon lacks ("auditors", "consultants")
        return not is_actor_phrase(subj.doc[subj.i : subj.i + 1])
    return False


def _number(tok: Token) -> bool:
    """A written number ("4,200", "1.9 million", "56"), not a word the tagger took for one."""
    return tok.tag_ == "CD" and tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "QUANTITY")


def _figure(prep: Token) -> bool:
    """Whether ``prep`` takes a figure: a number ("to 1.9 million"), or a count of things that
    are no party ("by 4,200 votes", "by a 56-40 margin"); not a date, a time or a distance
    ("by 10 km"), nor a count of people."""
    for obj in prep.children:
        if obj.dep_ != "pobj" or obj.ent_type_ in ("DATE", "TIME", "QUANTITY"):
            continue
        if _number(obj):
            return True
        if any(c.dep_ == "nummod" and _number(c) for c in obj.children) and not _party(obj):
            return True
    return False


#: Verbs of a contest that a margin measures ("beat the mayor by 4,200 votes").
_CONTESTS = frozenset("beat defeat lead trail edge top outpoll win lose".split())


def _measured(tok: Token) -> bool:
    """A verb measured by a figure: a margin over a party ("the challenger beat the mayor by
    4,200 votes"), or a change from one figure to another ("the number of
    refugees declined from 2.4 million to 1.9 million"): a score or a count, not an act one
    party does to another. ("The council rejected the plan by 12 votes" keeps its act: its
    object is a thing; "agreed to $5 million" names one figure, an act's terms.)"""
    if tok.pos_ != "VERB":
        return False
    preps = [c for c in tok.children if c.dep_ == "prep"]
    preps += [g for c in preps for g in c.children if g.dep_ == "prep"]  # "from 2 to 3"
    figures = {c.lower_ for c in preps if _figure(c)}
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if {"from", "to"} <= figures:
        return not any(_party(o) for o in objs)  # not "evacuated residents from 12 to 3"
    # a contest won or led by a margin; "expelled the senator by 62 votes" stays an act
    return (
        "by" in figures
        and tok.lemma_.lower() in _CONTESTS
        and bool(objs)
        and all(_party(o) for o in objs)
    )


def _party(tok: Token) -> bool:
    """A name of a person, group or state, or a noun the actor lexicon knows."""
    return bool(tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE")) or is_actor_phrase(
        tok.doc[tok.i : tok.i + 1]
    )


def _unasked(tok: Token) -> bool:
    """A request told in the passive with no one who asks ("an interpreter was requested",
    "envoys will be invited to attend"): no party directs it at another."""
    if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    return not any(c.dep_ == "agent" for c in tok.children)


#: Verbs of examining: an act towards a party only when what is examined involves one.
_EXAMINE = frozenset("investigate inspect examine probe search".split())
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})


def _examines_a_thing(tok: Token) -> bool:
    """An examination of a thing or an incident that names no party ("the fire is being
    investigated as a possible arson", "officers inspected the room"): no accusation of
    anyone (PLOVER ACCUSE's investigations are of a party: "investigating the existence of a
    criminal group inside Petrobras" names one)."""
    if tok.lemma_.lower() not in _EXAMINE:
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:
        return False
    return not any(
        t.ent_type_ or t.lower_ in _POSSESSIVES or is_actor_phrase(t.doc[t.i : t.i + 1])
        for obj in objs
        for t in obj.subtree
    )


#: Verbs whose infinitive tells what was done, not what was meant ("managed to flee",
#: "claimed to have killed", "chose not to sign", "is going to have to sign a treaty").
_IMPLICATIVE = frozenset(
    "manage proceed go begin start continue get come move act decide agree fail refuse use "
    "help claim have choose".split()
)


def _to_clause(tok: Token) -> bool:
    """An infinitive that tells what a non-event verb was for ("a movement organised three
    days ago to rally donors", "believed Peru needed to audit", "weighed in to
    object"): a purpose or an intention, not an act told (codebook: purposes are not events).
    The infinitive of an act ("sent inspectors to investigate") is the act's purpose and is
    judged with it (:func:`sitrep.events.extract.nonfactual`)."""
    if tok.dep_ not in ("advcl", "xcomp"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    if head.pos_ != "VERB" or head.lemma_.lower() in _IMPLICATIVE:
        return False
    return trigger_type(head) is None


#: Types whose bare mass noun names a phenomenon, not one act ("families who fled violence",
#: "to curb street violence", "more like protest"); one incident is counted or determined
#: ("an attack", "the protest", "two bombings") or is the subject of its happening ("fighting
#: broke out").
_VIOLENT_MASS = frozenset({"ASSAULT", "PROTEST"})


#: Copulas: an event noun as their subject or complement is described, not told.
_COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})
#: Complements of a copula that tell an event under way, not a judgement of it.
_UNDER_WAY = frozenset({"ongoing", "underway", "continuing", "under", "over", "raging"})


def _judged(tok: Token, plover: str | None) -> bool:
    """A violent event noun that a copula describes or judges ("the violence is troubling",
    "the unrest has grown so severe"), or any event noun that is what a copula says
    something is ("street battles are a threat to the regime"): a comment on events, not the
    telling of one ("the withdrawal of the bill was too little" still tells the withdrawal)."""
    head = tok.head
    if head.lemma_.lower() not in _COPULAS:
        return False
    if any(c.lower_ in _UNDER_WAY for c in head.children):
        return False  # "fierce fighting has been ongoing since Monday": it happens
    return tok.dep_ == "attr" or (tok.dep_ == "nsubj" and plover in _VIOLENT_MASS)


#: Nouns of a wave of acts: "a wave of protests" tells the protests in aggregate.
_AGGREGATE = frozenset({"wave", "spate", "outbreak", "round", "surge", "campaign"})


#: Verbs of belief or of evidence: their complement clause is what someone thinks or what
#: figures show ("officers believe the sale could be linked to a fraud inquiry", "surveys
#: showing most think the council botched the evacuation").
_OPINION_VERBS = frozenset("think believe feel suspect show suggest indicate".split())


def _in_opinion(noun: Token) -> bool:
    """An event noun inside the complement clause of a verb of belief or evidence: the
    opinion names an event, it does not tell one."""
    cur = noun
    for _ in range(6):
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in _OPINION_VERBS:
            return True
        # through the complement's subject too: outside news dev the subjects of believed
        # clauses are mostly generic or hypothetical ("a ban will come", "the threat came from
        # ...": evcheck29 counted 6 wrong records against 1 right when subjects were skipped)
        if cur.dep_ not in ("dobj", "pobj", "prep", "ccomp", "xcomp", "nsubj", "nsubjpass"):
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _of_complement(tok: Token) -> bool:
    """An event noun that only completes another noun ("56 percent of arrests", "the head
    of criminal prosecutions", "a string of explosions"): that noun is what the phrase is about; the
    acts of a wave ("a wave of protests") are told in aggregate."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    owner = tok.head.head
    return owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() not in _AGGREGATE


def _bare_mass_noun(tok: Token) -> bool:
    if tok.tag_ != "NN" or tok.dep_ not in ("dobj", "pobj"):
        return False
    return not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)


def _kind_of_act(tok: Token) -> bool:
    """A verbal or political act named by a bare noun inside a prepositional phrase, with no
    determiner, possessor, number, modifier or argument of its own ("open to inquiry", "a
    commitment to scrutiny and inquiry", "the case is under investigation"): a kind of act,
    not one that someone did."""
    if tok.tag_ != "NN":
        return False
    head = tok
    while head.dep_ == "conj" and head.head.pos_ == "NOUN":
        head = head.head  # "scrutiny and inquiry": the phrase's place is the first noun's
    if head.dep_ != "pobj":
        return False
    return not any(
        c.dep_ in ("det", "poss", "nummod", "amod", "compound", "prep", "acl", "relcl")
        for c in tok.children
    )


def _a_danger(tok: Token) -> bool:
    """The noun "threat" as a danger, not a threat made ("due to the threat from the cartels",
    "a growing threat to the region"): a threat someone makes says what they will do ("a threat
    to kill him", "the threat that it would strike") or is one of several ("death threats")."""
    if tok.lemma_.lower() != "threat" or tok.tag_ != "NN":
        return False
    for c in tok.children:
        if c.dep_ in ("acl", "relcl", "ccomp") and any(
            g.dep_ in ("aux", "mark") for g in c.children
        ):
            return False  # "a threat to kill him", "a threat that it would strike"
        if c.dep_ == "poss" and c.ent_type_ == "PERSON":
            return False  # "the minister's threat": a person makes threats
        if (
            c.dep_ == "prep"
            and c.lower_ in ("from", "by")
            and any(g.dep_ == "pobj" and g.ent_type_ == "PERSON" for g in c.children)
        ):
            return False  # "a threat from the interior minister, Ann Roe"
    return True


#: Adverbs of habit or trend: the clause tells what tends to happen, not one act ("gangs
#: frequently extort migrants", "unions have long warned that ...").
_HABITUAL = frozenset(
    "frequently often usually typically routinely regularly habitually increasingly "
    "commonly generally long".split()
)


def _habitual(tok: Token) -> bool:
    verbs = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for v in verbs for c in v.children)


#: Accusers that are no identifiable party ("is accused by opponents of ...").
_GENERIC_ACCUSERS = frozenset(
    "critic detractor opponent sceptic skeptic some many other observer commentator".split()
)


#: A stated day, month or year in a date ("on Saturday", "in May", "2019"; not "for years").
_DAY_OR_DIGIT = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)


def _dated_in(ent: SpacySpan, tok: Token) -> bool:
    """Whether ``ent`` is a date inside ``tok``'s clause."""
    return ent.label_ == "DATE" and tok.left_edge.i <= ent.start and ent.end <= tok.right_edge.i + 1


def _standing_allegation(tok: Token) -> bool:
    """An accusation told as a standing state of its target, not as an act: a passive in the
    present perfect with no accuser ("the firm has been accused of paying bribes", "she has
    been criticised for approving the deal"), or any passive whose accuser is no party
    ("he is accused by opponents of ..."). Codebook: a verbal act counts only when an
    identifiable actor directs it at another, at a specific time."""
    if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    if any(_DAY_OR_DIGIT.search(e.text) for e in tok.doc.ents if _dated_in(e, tok)):
        return False  # "have been accused of beating an inmate on Saturday": an act, dated
    agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return all(a.lemma_.lower() in _GENERIC_ACCUSERS for a in agents)
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)


def _formula(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "decline":
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in _NO_COMMENT for c in tok.children)
    if lemma == "request" and tok.pos_ == "NOUN":
        return any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(g.lemma_.lower() in ("comment", "anonymity") for g in c.children)
            for c in tok.children
        )
    if lemma in _ASKING and tok.pos_ == "VERB":
        # "a diplomat, who requested anonymity", "asked for anonymity": a source's terms with
        # the reporter, not a request one party directs at another
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children]
        return any(o.lemma_.lower() == "anonymity" for o in objects)
    return False


_ASKING = frozenset("request ask seek demand insist".split())


def _closed_sentence(tok: Token) -> bool:
    """Whether the sentence of ``tok`` ends as a sentence does (a headline does not)."""
    text = tok.sent.text.rstrip().rstrip("\"'”’)")
    return text.endswith((".", "!", "?", ":", ";"))
