"""Trigger lexicon, written from the PLOVER 2.0 manual's category definitions and mode tables
(and CAMEO's verb dictionaries they descend from), plus modality and actor-sector cues.

Lookups are by lower-cased lemma, so a sentence costs one dict probe per token.
"""

from __future__ import annotations

from typing import Final


def _expand(table: dict[str, str]) -> dict[str, str]:
    """``{"kill murder": "ASSAULT"}`` -> ``{"kill": "ASSAULT", "murder": "ASSAULT"}``."""
    out: dict[str, str] = {}
    for words, label in table.items():
        for word in words.split():
            out[word.replace("_", " ")] = label
    return out


#: Verb lemma -> PLOVER type (the verb is the event trigger).
VERB_TRIGGERS: Final[dict[str, str]] = _expand(
    {
        # 3.1 AGREE: agree to, offer, promise, indicate willingness or commitment
        "agree offer promise pledge consent accept commit vow_to undertake sign conclude "
        "reaffirm": "AGREE",
        # 3.2 CONSULT: meetings, visits, hosting, phone calls, talks, negotiation, mediation
        "meet visit host consult discuss negotiate confer mediate telephone phone "
        "receive hold_talks": "CONSULT",
        # 3.3 SUPPORT: praise, endorse, approve, ratify, recognise, defend verbally
        "support praise commend endorse welcome approve back hail applaud laud recognize "
        "recognise ratify congratulate thank reassure": "SUPPORT",
        # 3.4 CONCEDE: ease restrictions, pardons, amnesty, apologies, admissions
        "concede ease relax lift pardon acquit apologize apologise admit regret yield "
        "compromise relent reinstate": "CONCEDE",
        # 3.5 COOPERATE: economic/military cooperation, extradition, intelligence sharing
        "cooperate collaborate extradite share partner coordinate": "COOPERATE",
        # 3.6 AID: material, humanitarian, military aid, asylum, rescue
        "aid assist donate grant supply fund finance loan rescue shelter deliver "
        "airlift help": "AID",
        # 3.7 RETREAT: withdraw, release, return, disarm, resign, cede territory
        "withdraw retreat release free repatriate return disarm demobilize demobilise "
        "resign cede evacuate surrender relinquish vacate": "RETREAT",
        # 3.8 REQUEST: requests, demands, orders, appeals
        "demand ask request urge appeal order seek plead press implore petition "
        "insist invite": "REQUEST",
        # 3.9 ACCUSE: disapprove, criticise, condemn, accuse, sue, investigate
        "accuse blame criticize criticise condemn denounce charge allege complain sue "
        "investigate probe deplore decry slam lambast castigate rebuke fault disapprove "
        "object indict censure question chide berate": "ACCUSE",
        # 3.10 REJECT: reject, refuse, veto, defy
        "reject refuse veto rebuff dismiss spurn decline defy resist oppose snub "
        "repudiate disregard ignore deny": "REJECT",
        # 3.11 THREATEN: threats and coercive warnings
        "threaten warn menace": "THREATEN",
        # 3.12 PROTEST: demonstrations, rallies, strikes, boycotts, riots
        "protest demonstrate rally march picket boycott riot": "PROTEST",
        # 3.13 SANCTION: reduce relations, expel, embargo, convict, sentence
        "sanction expel embargo sever recall convict sentence downgrade suspend freeze "
        "cut_off break_off halt terminate boycott_talks": "SANCTION",
        # 3.14 MOBILIZE: military or police moves short of force, readiness
        "mobilize mobilise deploy mass reinforce station alert muster": "MOBILIZE",
        # 3.15 COERCE: arrest, detain, seize, raid, ban, censor, curfew, deport
        "arrest detain seize confiscate raid search ban censor impose restrict deport "
        "jail imprison blockade cordon round_up crack_down shut close_down apprehend "
        "intern outlaw prohibit repress intimidate expropriate nationalize": "COERCE",
        # 3.16 ASSAULT: deliberate physical harm, destruction, armed clashes
        "attack kill bomb shell strike shoot assault kidnap abduct hijack beat torture "
        "rape assassinate execute murder clash fight destroy burn torch demolish raze "
        "ambush massacre invade storm bombard wound injure detonate blast gun_down "
        "stab behead lynch loot capture overrun occupy pound target hit fire_on "
        "open_fire blow_up set_fire shoot_down liberate recapture retake overrun "
        "bombed shelled": "ASSAULT",
    }
)

#: Noun lemma -> PLOVER type (an event noun can be a trigger: "the attack", "talks").
NOUN_TRIGGERS: Final[dict[str, str]] = _expand(
    {
        "agreement accord deal treaty pact truce ceasefire cease_fire promise pledge": "AGREE",
        "talk talks meeting visit summit negotiation consultation": "CONSULT",
        "endorsement praise recognition": "SUPPORT",
        "concession amnesty pardon apology": "CONCEDE",
        "cooperation extradition collaboration": "COOPERATE",
        "aid assistance donation relief asylum rescue": "AID",
        "withdrawal retreat release pullout repatriation resignation": "RETREAT",
        "demand request appeal ultimatum": "REQUEST",
        "accusation criticism condemnation allegation complaint lawsuit investigation "
        "probe inquiry indictment": "ACCUSE",
        "rejection refusal veto denial": "REJECT",
        "threat warning": "THREATEN",
        "protest demonstration rally march strike boycott riot sit_in picket walkout": "PROTEST",
        "sanction sanctions embargo expulsion conviction sentence": "SANCTION",
        "mobilization mobilisation deployment buildup build_up": "MOBILIZE",
        "arrest detention raid seizure ban crackdown curfew censorship deportation "
        "blockade": "COERCE",
        "attack assault airstrike strike bombing shelling explosion blast clash "
        "fighting battle ambush massacre killing murder kidnapping abduction "
        "assassination offensive incursion invasion bombardment gunfire firefight "
        "skirmish shootout hostilities violence": "ASSAULT",
    }
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
        "police policeman policemen officer cop gendarme gendarmerie": "police",
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
        "party opposition": "opposition",
    }
)

#: Words that make an organisation name an armed group ("Russian Volunteer Corps").
ARMED_GROUP_WORDS: Final[frozenset[str]] = frozenset(
    "corps legion brigade battalion militia army front movement rebels guerrillas "
    "mujahideen taliban shabaab hamas hezbollah fighters forces regiment division "
    "wagner".split()
)
