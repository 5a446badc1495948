"""Trigger lexicon, written from the PLOVER 2.0 manual's category definitions and mode tables
(and CAMEO's verb dictionaries they descend from), plus modality and actor-sector cues.

Lookups are by lower-cased lemma, so a sentence costs one dict probe per token.
"""

from __future__ import annotations

import re
from typing import Final


def _expand(table: dict[str, str]) -> dict[str, str]:
    """``{"kill murder": "ASSAULT"}`` -> ``{"kill": "ASSAULT", "murder": "ASSAULT"}``."""
    out: dict[str, str] = {}
    for words, label in table.items():
        for word in words.split():
            out[word.replace("_", " ")] = label
    return out


#: Verb lemma -> PLOVER type (the verb is the event trigger). Two-word keys ("call_for") are
#: a verb plus its particle, preposition or object lemma.
VERB_TRIGGERS: Final[dict[str, str]] = _expand(
    {
        # 3.1 AGREE: agree to, offer, promise, indicate willingness or commitment; sign
        "agree offer promise pledge consent accept commit vow_to undertake sign conclude "
        "reaffirm initial": "AGREE",
        # 3.2 CONSULT: meetings, visits, hosting, phone calls, talks, negotiation, mediation
        "meet visit host consult discuss negotiate confer mediate telephone phone testify "
        "receive hold_talks convene": "CONSULT",
        # 3.3 SUPPORT: praise, endorse, approve, ratify, recognise, defend verbally, forgive,
        # diplomatic recognition and ties
        "support praise commend endorse welcome approve back hail applaud laud recognize "
        "recognise ratify congratulate thank reassure defend forgive salute side_with "
        "stand_by rally_behind vouch_for": "SUPPORT",
        # 3.4 CONCEDE: ease restrictions, pardons, amnesty, apologies, admissions, accede
        "concede ease relax lift pardon acquit apologize apologise admit regret yield backtrack "
        "compromise relent reinstate accede amnesty rescind revoke": "CONCEDE",
        # 3.5 COOPERATE: economic/military cooperation, extradition, intelligence sharing
        "cooperate collaborate extradite share partner coordinate ally join_forces "
        "team_up exchange_information exchange_intelligence": "COOPERATE",
        # 3.6 AID: material, humanitarian, military aid, asylum, rescue
        "aid assist donate grant supply fund finance loan rescue shelter deliver "
        "airlift help provide contribute hand_over ship_aid": "AID",
        # 3.7 RETREAT: withdraw, release, return, disarm, resign, cede territory
        "withdraw retreat release free repatriate return disarm demobilize demobilise "
        "resign cede evacuate surrender relinquish vacate pull_out pull_back ship_out "
        "step_down dismantle hand_back": "RETREAT",
        # 3.8 REQUEST: requests, demands, orders, appeals
        "demand ask request urge appeal order seek plead press implore petition "
        "insist invite call_for call_on push_for press_for lobby beg": "REQUEST",
        # 3.9 ACCUSE: disapprove, criticise, condemn, accuse, sue, investigate
        "accuse blame criticize criticise condemn denounce allege complain sue "
        "investigate probe deplore decry slam lambast castigate rebuke fault disapprove "
        "object censure question chide berate inspect": "ACCUSE",
        # 3.10 REJECT: reject, refuse, veto, defy, renege
        "reject refuse veto rebuff dismiss spurn decline defy resist oppose snub "
        "repudiate disregard ignore deny renege back_out balk": "REJECT",
        # 3.11 THREATEN: threats and coercive warnings, ultimatums
        "threaten warn menace": "THREATEN",
        # 3.12 PROTEST: demonstrations, rallies, strikes, boycotts, riots, obstruction
        "protest demonstrate rally march picket boycott riot block barricade "
        "stop_work walk_out": "PROTEST",
        # 3.13 SANCTION: reduce relations, expel, embargo (the state's legal steps against a
        # person, charge / convict / sentence, are COERCE, as the news codebook codes them)
        "sanction expel embargo sever recall downgrade suspend freeze "
        "cut_off break_off halt terminate boycott_talks cut_ties": "SANCTION",
        # 3.14 MOBILIZE: military or police moves short of force, readiness
        "mobilize mobilise deploy mass reinforce station alert muster build_up beef_up": "MOBILIZE",
        # 3.15 COERCE: arrest, detain, seize, raid, ban, censor, curfew, deport
        "arrest detain seize confiscate raid search ban censor impose restrict deport "
        "jail imprison blockade cordon round_up crack_down shut close_down apprehend "
        "intern outlaw prohibit repress intimidate expropriate nationalize charge indict "
        "prosecute convict sentence besiege": "COERCE",
        # 3.16 ASSAULT: deliberate physical harm, destruction, armed clashes
        "attack kill bomb shell strike shoot assault kidnap abduct hijack beat torture "
        "rape assassinate execute murder clash fight destroy burn torch demolish raze "
        "ambush massacre invade storm bombard wound injure detonate blast gun_down "
        "stab behead lynch loot capture overrun occupy pound target hit fire_on "
        "open_fire blow_up set_fire shoot_down liberate recapture retake overrun "
        "disperse bombed shelled": "ASSAULT",
    }
)

#: Noun lemma -> PLOVER type (an event noun can be a trigger: "the attack", "talks").
NOUN_TRIGGERS: Final[dict[str, str]] = _expand(
    {
        "agreement accord deal treaty pact truce ceasefire cease_fire promise pledge "
        "consensus commitment": "AGREE",
        "talk talks meeting visit trip summit negotiation consultation mediation "
        "welcome": "CONSULT",
        "endorsement praise recognition": "SUPPORT",
        "concession amnesty pardon apology": "CONCEDE",
        "cooperation extradition collaboration alliance partnership": "COOPERATE",
        "aid assistance donation relief asylum rescue": "AID",
        "withdrawal retreat release pullout repatriation resignation": "RETREAT",
        "demand request appeal ultimatum": "REQUEST",
        "accusation criticism condemnation allegation complaint lawsuit investigation "
        "probe inquiry inspection": "ACCUSE",
        "rejection refusal veto denial": "REJECT",
        "threat warning": "THREATEN",
        "protest demonstration rally march strike boycott riot sit_in picket walkout "
        "blockade_protest": "PROTEST",
        "sanction sanctions embargo expulsion suspension": "SANCTION",
        "mobilization mobilisation deployment buildup build_up alert": "MOBILIZE",
        "arrest detention raid seizure ban crackdown curfew censorship deportation "
        "blockade indictment conviction sentence prosecution": "COERCE",
        "attack assault airstrike strike bombing shelling explosion blast clash "
        "fighting battle ambush massacre killing murder kidnapping abduction "
        "assassination offensive incursion invasion bombardment gunfire firefight "
        "skirmish shootout hostilities violence cleansing genocide atrocity": "ASSAULT",
    }
)

#: A noun's type changed by its modifier ("war games", "joint exercises", "high alert").
MODIFIED_NOUNS: Final[dict[tuple[str, str], str]] = {
    ("game", "war"): "COOPERATE",
    ("exercise", "joint"): "COOPERATE",
    ("exercise", "military"): "COOPERATE",
    ("exercise", "naval"): "COOPERATE",
    ("drill", "joint"): "COOPERATE",
    ("drill", "military"): "COOPERATE",
    ("law", "martial"): "COERCE",
    ("tie", "diplomatic"): "SUPPORT",
    ("relation", "diplomatic"): "SUPPORT",
}

#: Support verbs whose event lies in their object ("imposed sanctions", "undertook a
#: mediation mission", "gave a warm welcome", "launched an offensive"): the noun's type wins.
LIGHT_VERBS: Final[frozenset[str]] = frozenset(
    "impose take carry launch hold stage make give issue conduct begin start continue order "
    "resume reach undertake engage mount declare extend announce pursue step wage "
    "establish open restore upgrade".split()
)

#: Verbs typed by what they act on: (verb, object class) -> type; object classes below.
OBJECT_TYPED: Final[dict[tuple[str, str], str]] = {
    # easing restrictions is a concession, easing a military blockade a retreat (CAMEO 08)
    ("lift", "restriction"): "CONCEDE",
    ("ease", "restriction"): "CONCEDE",
    ("relax", "restriction"): "CONCEDE",
    ("cancel", "restriction"): "CONCEDE",
    ("shorten", "restriction"): "CONCEDE",
    ("reduce", "restriction"): "CONCEDE",
    ("end", "restriction"): "CONCEDE",
    ("remove", "restriction"): "CONCEDE",
    ("lift", "sanction"): "CONCEDE",
    ("ease", "sanction"): "CONCEDE",
    ("relax", "sanction"): "CONCEDE",
    ("end", "sanction"): "CONCEDE",
    ("remove", "sanction"): "CONCEDE",
    ("lift", "military"): "RETREAT",
    ("ease", "military"): "RETREAT",
    ("end", "military"): "RETREAT",
    ("remove", "military"): "RETREAT",
    # imposing restrictions is coercion, imposing sanctions a sanction
    ("impose", "restriction"): "COERCE",
    ("impose", "sanction"): "SANCTION",
    ("announce", "sanction"): "SANCTION",
    # sending troops is mobilisation, sending goods aid, sending envoys consultation
    ("send", "troops"): "MOBILIZE",
    ("dispatch", "troops"): "MOBILIZE",
    ("move", "troops"): "MOBILIZE",
    ("send", "goods"): "AID",
    ("dispatch", "goods"): "AID",
    ("ship", "goods"): "AID",
    ("give", "goods"): "AID",
    ("send", "envoy"): "CONSULT",
    ("dispatch", "envoy"): "CONSULT",
    ("dispatch", "inspector"): "ACCUSE",
    ("send", "inspector"): "ACCUSE",
    # evacuating people is rescue (aid); troops evacuating a place is a retreat
    ("evacuate", "people"): "AID",
    # blocking a decision is a rejection; blocking roads a protest (obstruction)
    ("block", "decision"): "REJECT",
    # cutting / breaking ties reduces relations
    ("cut", "ties"): "SANCTION",
    ("break", "ties"): "SANCTION",
    ("sever", "ties"): "SANCTION",
    ("suspend", "ties"): "SANCTION",
    ("close", "ties"): "SANCTION",
    ("establish", "ties"): "SUPPORT",
    ("restore", "ties"): "SUPPORT",
    ("upgrade", "ties"): "SUPPORT",
    ("open", "ties"): "SUPPORT",
    # dropping an investigation or the charges eases legal pressure: a concession
    # withdrawing a bill, a plan or a measure is a concession, not a military retreat
    ("withdraw", "decision"): "CONCEDE",
    ("scrap", "decision"): "CONCEDE",
    ("shelve", "decision"): "CONCEDE",
    ("drop", "decision"): "CONCEDE",
    ("drop", "case"): "CONCEDE",
    ("shelve", "case"): "CONCEDE",
    ("withdraw", "case"): "CONCEDE",
    ("close", "case"): "CONCEDE",
    ("abandon", "case"): "CONCEDE",
    # "used tear gas / force"
    ("use", "force"): "ASSAULT",
    # attacking a policy, a record or a remark is verbal: criticism (CAMEO 111), not violence
    ("attack", "stance"): "ACCUSE",
    ("attack", "decision"): "ACCUSE",
    ("attack", "case"): "ACCUSE",
    ("hit", "stance"): "ACCUSE",
    ("target", "stance"): "ACCUSE",
    # crushing a protest or a revolt is its violent repression (CAMEO 18, ACLED excessive
    # force); "a wall crushed her head" is no act of anyone
    ("crush", "uprising"): "ASSAULT",
}

#: Verbs that are no event with an object of that class: releasing a video, data or
#: documents publishes them (PLOVER RETREAT's "release" frees people or property);
#: reinforcing a notion or a view is no reinforcement of troops; executing a warrant, a plan
#: or a deal carries it out (an execution kills a person).
NOT_EVENTS: Final[frozenset[tuple[str, str]]] = frozenset(
    {
        ("release", "information"),
        ("reinforce", "stance"),
        ("execute", "warrant"),
        ("execute", "decision"),
    }
)
#: Modifiers that make an event noun a publication: a "press release" or "news release"
#: publishes information, it frees no one.
PUBLISHED_NOUNS: Final[frozenset[tuple[str, str]]] = frozenset(
    {("release", "press"), ("release", "news")}
)

#: Object head lemma -> object class for :data:`OBJECT_TYPED`.
OBJECT_CLASSES: Final[dict[str, str]] = _expand(
    {
        "restriction curb curfew ban limit limitation emergency censorship control": "restriction",
        "sanction sanctions embargo": "sanction",
        "blockade siege encirclement cordon checkpoint roadblock": "military",
        "troop troops force soldier army warship battalion unit reinforcement tank "
        "peacekeeper contingent marine paratrooper": "troops",
        "aid food medicine medicines medical supply supplies equipment tent blanket "
        "vaccine fuel grain wheat money fund weapon arm ammunition "
        "intelligence": "goods",
        "envoy delegation emissary negotiator mediator diplomat minister": "envoy",
        "inspector observer monitor investigator": "inspector",
        "wounded injured civilian resident people villager refugee child family "
        "citizen national tourist worker": "people",
        "resolution bill proposal deal plan motion measure nomination law appointment": "decision",
        "tie ties relation relations link links embassy consulate": "ties",
        "gas force teargas tear_gas": "force",
        "investigation probe inquiry charge case allegation accusation lawsuit prosecution "
        "indictment": "case",
        "warrant subpoena order": "warrant",
        "video footage image photo photograph picture information data datum detail figure "
        "recording document transcript finding result estimate statistic report survey "
        "poll study": "information",
        "protest demonstration uprising revolt rebellion riot insurrection dissent": "uprising",
        "policy record remark comment statement idea stance approach rhetoric claim handling "
        "leadership credibility view agenda platform manifesto campaign speech notion "
        "belief perception impression": "stance",
    }
)

#: Adjectives of readiness and intent ("is ready to host", "prepared to impose").
INTENT_ADJECTIVES: Final[frozenset[str]] = frozenset(
    "ready prepared willing poised determined eager set keen".split()
)

#: Verbs that, with a finite ``that`` clause, report a belief or an opinion, not an event
#: ("analysts agree that ...", "officials acknowledged that ...").
BELIEF_VERBS: Final[frozenset[str]] = frozenset(
    "agree accept recognize recognise acknowledge concede understand share support "
    "welcome admit".split()
)

#: Verbs of taking ground: with a territorial object they are a territory transfer.
TERRITORY_VERBS: Final[frozenset[str]] = frozenset(
    "liberate capture seize take overrun occupy retake recapture regain control "
    "conquer gain enter".split()
)
#: Of these, the ones that mean taking ground back.
REGAIN_VERBS: Final[frozenset[str]] = frozenset("retake recapture regain reclaim".split())
#: Nouns for ground that can change hands.
TERRITORY_NOUNS: Final[frozenset[str]] = frozenset(
    "town village city territory area district region province base airport airfield "
    "position hill stronghold settlement outpost enclave locality county suburb "
    "neighbourhood neighborhood municipality port island valley capital control "
    "border_post garrison".split()
)

#: Nouns that turn a ``strike`` into a physical attack ("air strike", "drone strike").
STRIKE_MODIFIERS: Final[frozenset[str]] = frozenset(
    {"air", "drone", "missile", "rocket", "military", "artillery", "aerial", "precision"}
)
#: Nouns that keep ``strike`` a labour action.
LABOUR_STRIKE: Final[frozenset[str]] = frozenset({"hunger", "general", "labour", "labor", "worker"})

#: Verbs of saying: never the main event; their complement carries it.
REPORTING_VERBS: Final[frozenset[str]] = frozenset(
    "say tell report state add note announce declare claim confirm write post tweet explain "
    "insist stress reiterate quote assert indicate suggest believe think argue comment "
    "acknowledge disclose reveal inform remark maintain tell".split()
)

#: Claim cues: the event is asserted by a party, not established ("announced that ...").
CLAIM_VERBS: Final[frozenset[str]] = frozenset(
    "claim announce say assert allege boast report declare state".split()
)
#: Denial cues ("denied attacking", "rejected claims that").
DENY_VERBS: Final[frozenset[str]] = frozenset("deny refute dismiss reject disavow".split())
#: Planning / intention cues ("threatened to", "plans to", "will").
PLAN_VERBS: Final[frozenset[str]] = frozenset(
    "threaten plan intend vow prepare aim pledge promise propose want seek hope "
    "expect consider".split()
)
PLAN_AUX: Final[frozenset[str]] = frozenset({"will", "would", "shall", "'ll", "going"})

#: Head noun (lemma) -> actor sector.
SECTOR_NOUNS: Final[dict[str, str]] = _expand(
    {
        "army troop soldier force military navy marine commander general officer "
        "battalion brigade regiment paratrooper warship jet warplane tank "
        "airforce": "military",
        "police policeman policemen officer cop gendarme gendarmerie sheriff trooper "
        "detective constable": "police",
        "rebel militant insurgent militia militiaman guerrilla fighter jihadist "
        "separatist volunteer legion corps partisan gunman gunmen terrorist "
        "insurgency": "rebels",
        "government ministry minister president premier cabinet parliament official "
        "authority administration governor mayor regime kremlin spokesman spokesperson "
        "ambassador diplomat embassy envoy senator lawmaker chancellor king "
        "prime_minister": "government",
        "protester protestor demonstrator rioter activist student worker union "
        "striker": "protesters",
        "civilian resident villager farmer refugee child woman people family "
        "passenger pilgrim worshipper": "civilians",
        "journalist reporter newspaper media broadcaster agency correspondent": "media",
        "party opposition": "party",  # codebook sector: party
    }
)

#: Words that make an organisation name an armed group ("Russian Volunteer Corps").
ARMED_GROUP_WORDS: Final[frozenset[str]] = frozenset(
    "corps legion brigade battalion militia army front movement rebels guerrillas "
    "mujahideen taliban shabaab hamas hezbollah fighters forces regiment division "
    "wagner".split()
)

#: Verbs of a court's verdict or punishment ("convicted", "was jailed for a year"): the one
#: it falls on is an offender.
VERDICT_VERBS: Final[frozenset[str]] = frozenset("convict sentence jail imprison".split())
#: Verbs of a court's or a prosecutor's step in a case: the verdict or punishment, the legal
#: process before it ("charged", "indicted", "the prosecution") and its other rulings. The
#: one table of the events code's court steps (``extract.court_act``, the stage's Arrests
#: and offender rules).
COURT_VERBS: Final[frozenset[str]] = VERDICT_VERBS | frozenset(
    "charge prosecute indict acquit rule".split()
)


def _stems(verbs: frozenset[str]) -> re.Pattern[str]:
    """A word made from one of ``verbs``: the verb's stem ("sentenc", "prosecut") and any
    ending ("sentencing", "charges", "prosecution", "jailed")."""
    stems = sorted(v[:-1] if v.endswith("e") else v for v in verbs)
    return re.compile(rf"(?:{'|'.join(stems)})\w*", re.IGNORECASE)


_VERDICT_WORD = _stems(VERDICT_VERBS)
_COURT_WORD = _stems(COURT_VERBS - {"acquit", "rule"})


def verdict_word(word: str) -> bool:
    """Whether a word tells a verdict or a punishment ("convicted", "sentencing", "jailed")."""
    return _VERDICT_WORD.fullmatch(word) is not None


def court_word(word: str) -> bool:
    """Whether a word tells a court's or a prosecutor's step against someone ("charges",
    "prosecution", "indicted", "jailing"); an acquittal or a ruling is none."""
    return _COURT_WORD.fullmatch(word) is not None
