"""What ACLED would code, and with which sub-event type: the evidence a label needs.

Written from the ACLED codebook (2019 and later) definitions, not from benchmark errors:

- A **specific sub-type** needs its weapon or act in the text: Grenade a grenade; Air/drone
  strike an aircraft, a drone or an air raid; Chemical weapon a chemical agent; Suicide bomb a
  suicide attacker; Shelling/artillery/missile attack artillery, mortars, rockets or missiles;
  Remote explosive/landmine/IED a bomb, mine or explosive device; Sexual violence words of
  sexual violence; Abduction/forced disappearance an abduction; Looting/property destruction
  looting or destruction; Disrupted weapons use a weapon; the protest sub-types a protest;
  Mob violence a mob or communal violence. A classifier's guess without that support falls
  back to the best-scoring sub-type whose evidence is there (or needs none).
- **ACLED codes political violence and demonstrations**, not ordinary crime: battles (between
  organised armed groups), violence against civilians, arrests, agreements and the other
  strategic developments are coded only when an organised political or armed actor, a protest
  or a conflict is in the text (:func:`political_context`; an Agreement needs a conflict: a
  ceasefire, not a trade deal). Explosions, protests and riots are coded as they are.
- **Fatalities** as stated, the lowest figure when mentions disagree (:func:`fatalities`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from sitrep.events.ontology import (
    ACLED_PARENT,
    ACLED_TO_PLOVER,
    NON_ACLED_CLASSES,
    PLOVER_TO_ACLED,
)


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


#: Sub-event type -> what the text must mention for it (ACLED codebook definitions).
EVIDENCE: Final[dict[str, re.Pattern[str]]] = {
    "Grenade": _words(r"grenades?|RPGs?"),
    "Air/drone strike": _words(
        r"air[- ]?strikes?|air[- ]?raids?|air (?:attack|campaign|force|power)s?|aerial\w*|"
        r"drones?|UAVs?|warplanes?|war ?planes?|(?:fighter )?jets?|aircraft|helicopters?|"
        r"gunships?|bombers?|planes?|air[- ]?borne|airforce|sorties?|barrel bombs?"
    ),
    "Chemical weapon": _words(
        r"chemical\w*|chlorine|sarin|mustard gas|nerve (?:agent|gas)|toxic gas|poison(?:ous)? "
        r"gas|phosgene|VX|novichok|gas attack"
    ),
    "Suicide bomb": _words(
        r"suicide[- ](?:bomb\w*|attack\w*|blasts?|explosions?|vests?|belts?|cars?|trucks?|"
        r"operations?|missions?)|blew (?:him|her|them)sel(?:f|ves) up|self-detonat\w*|"
        r"explosive (?:vest|belt)s?|kamikazes?"
    ),
    "Shelling/artillery/missile attack": _words(
        r"shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|howitzers?|katyushas?|"
        r"projectiles?|barrages?|bombard\w*|MLRS|grads?|HIMARS|cannon\w*"
    ),
    "Remote explosive/landmine/IED": _words(
        r"IEDs?|improvised|(?:land)?mines?|bombs?|bombing|bomber|explosi\w+|"
        r"detonat\w+|blasts?|booby[- ]trap\w*|car[- ]bombs?|explod\w+|dynamite"
    ),
    "Abduction/forced disappearance": _words(
        r"abduct\w*|kidnap\w*|hostages?|disappear\w*|captives?|captivity|taken away|"
        r"seized (?:him|her|them)|went missing|held captive|whereabouts"
    ),
    "Looting/property destruction": _words(
        r"loot\w*|plunder\w*|pillag\w*|ransack\w*|vandali[sz]\w*|torch\w*|burn\w*|"
        r"ablaze|arson\w*|set fire|on fire|destroy\w*|destruction|demolish\w*|raze[ds]?|"
        r"damag\w*|smash\w*|wreck\w*|bulldoz\w*"
    ),
    "Disrupted weapons use": _words(
        r"weapons?|arms|ammunition|munitions?|explosives?|bombs?|IEDs?|(?:land)?mines?|"
        r"missiles?|rockets?|drones?|grenades?|rifles?|guns?|firearms?|cache\w*|arsenal\w*|"
        r"defus\w*|intercept\w*|shot down|shoot down|detonat\w*|disarm\w*|bomb squad|"
        r"sappers?|warheads?|launchers?|shells?|mortars?|projectiles?|pistols?|stash\w*"
    ),
    "Sexual violence": _words(
        r"rap(?:e|es|ed|ing|ist|ists)|sexual\w*|sexually|molest\w*|gang-?rap\w*"
    ),
    # ACLED: "state forces or other actors detain ... individuals"; a charge, a trial, a
    # sentence or a ban is not an arrest
    "Arrests": _words(
        r"arrest\w*|detain\w*|detention\w*|detainees?|custody|captur\w*|apprehend\w*|"
        r"round(?:ed|ing)? up|round-?ups?|abduct\w*|raid\w*|seiz\w*|nabbed|"
        r"tak(?:e|en|ing)|took|held|prisoners?|jail\w*|imprison\w*|incarcerat\w*"
    ),
}
# Battles are between organised armed groups (ACLED codebook): an armed party must be named
# (protesters against the police are a riot, not an armed clash)
EVIDENCE["Armed clash"] = _words(
    r"armed|arms|troops?|soldiers?|army|armies|military|militar\w+|forces|militants?|"
    r"rebels?|insurgents?|fighters?|gunmen|gunman|militias?|militiam[ae]n|guerrillas?|"
    r"jihadis?t?s?|paramilitar\w+|combatants?|separatists?|terrorists?|bandits|pirates|"
    r"battalions?|brigades?|commandos?|marines?|gangs?|cartels?|Taliban|Shabaa?b|Hamas|"
    r"Hezbollah|Houthis?|FARC|ELN|PKK|YPG|SDF|Wagner|ISIS|ISIL|Daesh|Qaeda|Boko Haram|"
    # fighting itself is between armed parties ("heavy fighting near the frontier")
    r"fighting|fought|gun ?battles?|firefights?|exchanges? of fire|exchanged fire|"
    r"shootouts?|skirmish\w*|combat"
)
# Territory changes hands: a verb of taking ground must be there ("an aerial bombardment of a
# FARC camp" is an air strike, not ground regained)
_TAKING_GROUND = (
    r"captur\w*|seiz\w*|took|taken|taking|retak\w*|retook|recaptur\w*|regain\w*|reclaim\w*|"
    r"liberat\w*|overr[au]n\w*|overtak\w*|wrest\w*|push\w*|drove|driven|expel\w*|"
    r"dislodg\w*|advanc\w*|gain\w*|occup\w*|storm\w*|enter\w*|control\w*|clear\w*|"
    r"secur\w*|fell|fall\w*|takeover|take-over|recover\w*|restor\w*|hoist\w*|flags?"
)
EVIDENCE["Government regains territory"] = _words(_TAKING_GROUND)
EVIDENCE["Non-state actor overtakes territory"] = _words(_TAKING_GROUND)

#: Disrupted weapons use needs a weapon *and* its disruption (seized, defused, destroyed,
#: found); a weapon named in a charge ("assault with a deadly weapon") is not one.
WEAPON_DISRUPTION: Final[re.Pattern[str]] = _words(
    r"seiz\w*|confiscat\w*|defus\w*|intercept\w*|shot down|shoot(?:s|ing)? down|"
    r"dismantl\w*|disarm\w*|neutrali[sz]\w*|destroy\w*|clear\w*|remov\w*|de-?min\w*|"
    r"caches?|stockpiles?|arsenal\w*|stash\w*|found|discover\w*|recover\w*|uncover\w*|"
    r"bomb squads?|sappers?|specialists?|experts?|foil\w*|thwart\w*|controlled explosion|"
    r"handed (?:over|in)|surrender\w*|(?:failed|prematurely) (?:to )?(?:explod|detonat)\w*"
)

_PROTEST_EVIDENCE = _words(
    r"protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|marchers?|sit-?ins?|strik\w+|"
    r"picket\w*|riot\w*|crowds?|unrest|boycott\w*|walk-?outs?|vigils?|petition\w*|"
    r"dissent\w*|activists?"
)
for _sub in (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
):
    EVIDENCE[_sub] = _PROTEST_EVIDENCE
EVIDENCE["Mob violence"] = _words(
    r"mobs?|crowds?|rioters?|riot\w*|lynch\w*|vigilant\w*|communal|sectarian|"
    r"angry (?:residents|villagers|youths|people)|xenophobic|rampag\w*|clashes between"
)

#: Sub-types that an ordinary crime or an ordinary act of government can look like: coded
#: only in a political context (a battle is between organised armed groups). Explosions,
#: protests, riots, looting and disrupted weapons use are coded as they are.
NEEDS_CONTEXT: Final[frozenset[str]] = frozenset(
    {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Headquarters or base established",
        "Non-violent transfer of territory",
        "Other",
    }
)

#: Words of organised political or armed actors, conflict and unrest (ACLED's actor types:
#: state forces, rebels, political and identity militias, rioters, protesters, civilians
#: targeted by them; its codebook's note that ordinary crime is left out).
POLITICAL_WORDS: Final[re.Pattern[str]] = _words(
    r"militants?|insurgen\w+|rebels?|rebellion|militias?|militiam[ae]n|guerrillas?|"
    r"jihadis?t?s?|terroris[tm]s?|extremists?|separatists?|paramilitar\w+|army|armies|"
    r"troops?|soldiers?|military|militaries|armed (?:forces|groups?|men)|security forces|"
    r"fighters?|combatants?|warring|gunmen|bandits|pirates|assailants|armed m[ae]n|"
    r"battalions?|brigades?|regiments?|legions?|platoons?|(?:volunteer|armed|army) corps|"
    r"(?:fierce|heavy|intense) fighting|gun ?battles?|firefights?|exchanges? of fire|"
    r"(?:fierce|heavy|intense|armed) clashes|skirmish\w*|"
    r"forces|xenophobic|"
    r"ceasefire|cease-fire|truce|peace (?:deal|talks|accord|"
    r"agreement|process)|civil war|war crimes?|offensive|front ?lines?|occupied|occupation|"
    r"protests?|protesters?|protestors?|demonstrat\w+|rall(?:y|ies)|riots?|rioters?|"
    r"unrest|activists?|dissidents?|opposition|politicians?|lawmakers?|candidates?|"
    r"party (?:members?|leaders?|supporters?|workers?)|journalists?|coup|junta|regime|"
    r"Taliban|(?:al-)?Shabaa?b|Boko Haram|Islamic State|ISIS|ISIL|Daesh|al-Qaeda|Qaeda|"
    r"Hamas|Hezbollah|Houthis?|FARC|ELN|PKK|YPG|SDF|Wagner|Maoists?|Naxal\w*|"
    r"NATO|peacekeep\w+|police (?:forces?|operation)|riot police|"
    r"crackdown|martial law|curfew|massacre|genocide|ethnic cleansing|atrocit\w+|"
    r"sectarian|communal|clan|tribal|vigilantes?|mobs?|lynch\w*"
)

_NUMBER_WORDS: Final[dict[str, int]] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12})
#: A figure ("12", "1,200"; never the comma after it: "Alexis, 15, was killed" states an age)
_NUM = r"\d+(?:,\d{3})*|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_HEDGE = r"(?:at least|as many as|more than|over|some|about|around|nearly|almost|up to|roughly)"
_DEATH = r"(?:killed|dead|died|slain|murdered|shot dead|lost their lives|perished|deaths?|bodies)"
_FATALITY_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    # "killing at least 12 people"
    re.compile(
        rf"\b(?:killing|killed|kills|kill)\s+(?:{_HEDGE}\s+)?({_NUM})\b"
        rf"(?=(?:[\s-]+[A-Za-z]+){{0,3}}?\s*(?:dead|people|persons|civilians|soldiers|"
        rf"members|men|women|children|fighters|militants|officers|police|troops|residents|"
        rf"others|of|and|in|,|\.|$))",
        re.IGNORECASE,
    ),
    # "left 3 dead", "leaving two soldiers dead" (never "left 70 people injured")
    re.compile(
        rf"\b(?:left|leaving)\s+(?:{_HEDGE}\s+)?({_NUM})\s+(?:[A-Za-z-]+\s+){{0,3}}?"
        rf"(?:dead|killed)\b",
        re.IGNORECASE,
    ),
    # "12 people were killed", "three soldiers died", "two dead"
    re.compile(
        rf"\b(?:{_HEDGE}\s+)?({_NUM})\s+(?:[A-Za-z-]+\s+){{0,3}}?(?:(?:were|was|have been|had "
        rf"been|are|being|is)\s+)?(?:reportedly\s+|confirmed\s+)?{_DEATH}\b",
        re.IGNORECASE,
    ),
    # "a massacre of more than 100 people"
    re.compile(
        rf"\b(?:massacre|killing|killings|deaths?|murders?) of\s+(?:{_HEDGE}\s+)?({_NUM})\b",
        re.IGNORECASE,
    ),
    # "the death toll rose to 15"
    re.compile(
        rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+(?:{_HEDGE}\s+)?({_NUM})\b",
        re.IGNORECASE,
    ),
)
_NONE_KILLED: Final[re.Pattern[str]] = re.compile(
    r"\b(?:no one|nobody|no-one|no casualties|no deaths|no fatalities)\b"
    r"(?:\s+\w+){0,3}\s*(?:killed|dead|died|injured|hurt|wounded|were reported|reported)?",
    re.IGNORECASE,
)
_SINGLE_KILLED: Final[re.Pattern[str]] = re.compile(
    r"(?:\b(?:a|an|one|another)\s+(?:[a-z-]+\s+){0,2}?|^\s*)(?:man|woman|boy|girl|child|"
    r"person|soldier|officer|policeman|civilian|student|journalist|protester|worker|farmer|"
    r"resident|teen|teenager)\s+(?:was\s+)?(?:killed|shot dead|died|murdered|slain)\b",
    re.IGNORECASE,
)


def _number(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return _NUMBER_WORDS.get(token)


#: A month name right before a figure ("on May 23 caused the death of"), or right after it
#: ("the 23 May attack killed"): the figure is a day, not a count.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_BEFORE: Final[re.Pattern[str]] = re.compile(rf"\b{_MONTH}\.?\s+$")
_MONTH_AFTER: Final[re.Pattern[str]] = re.compile(rf"^(?:st|nd|rd|th)?\s+{_MONTH}\b")


def _a_day(text: str, m: re.Match[str]) -> bool:
    """Whether the figure ``m`` captured is the day of a date written with its month."""
    start, end = m.span(1)
    return bool(_MONTH_BEFORE.search(text, 0, start) or _MONTH_AFTER.match(text[end:]))


def sentence_fatalities(text: str) -> int | None:
    """Deaths stated in one sentence ("killing at least 12", "three soldiers died"), the
    first figure given; 0 for "no one was killed"; None when the text states none. A year
    or the day of a date is no count."""
    found: list[tuple[int, int]] = []
    for pattern in _FATALITY_PATTERNS:
        for m in pattern.finditer(text):
            n = _number(m.group(1))
            if n is None or n >= 100_000 or (1900 <= n <= 2100 and m.group(1).isdigit()):
                continue
            if m.group(1).isdigit() and _a_day(text, m):
                continue
            found.append((m.start(), n))
    if found:
        return min(found)[1]
    if _SINGLE_KILLED.search(text):
        return 1
    if _NONE_KILLED.search(text):
        return 0
    return None


def fatalities(texts: Iterable[str]) -> int | None:
    """ACLED's lowest-estimate rule over every mention of one event."""
    counts = [n for n in (sentence_fatalities(t) for t in texts) if n is not None]
    return min(counts) if counts else None


def has_evidence(label: str, text: str) -> bool:
    """True when ``label`` needs no specific evidence or ``text`` shows it."""
    pattern = EVIDENCE.get(label)
    if label == "Disrupted weapons use" and not WEAPON_DISRUPTION.search(text):
        return False
    return pattern is None or pattern.search(text) is not None


#: Agreements ACLED codes are between conflict actors: ceasefires, peace deals, prisoner
#: exchanges, evacuation deals (a trade or budget deal is not one).
CONFLICT_WORDS: Final[re.Pattern[str]] = _words(
    r"ceasefires?|cease-fires?|truces?|armistice|peace|prisoners? (?:of war|exchange|swap)|"
    r"(?:prisoner|hostage)s? (?:exchange|swap|release)|evacuation|hostilities|"
    r"non-aggression|militants?|insurgen\w+|rebels?|militias?|guerrillas?|jihadis?t?s?|"
    r"armed groups?|fighters?|warring|separatists?|paramilitar\w+|disarm\w*|demobili[sz]\w*|"
    r"Taliban|(?:al-)?Shabaa?b|Hamas|Hezbollah|Houthis?|FARC|ELN|PKK|SDF|Maoists?"
)


def political_context(
    texts: Sequence[str], sectors: Iterable[str | None] = (), label: str | None = None
) -> bool:
    """An organised political or armed actor, a protest or a conflict in the text, or an
    actor of a political sector; for an Agreement, a conflict (see :data:`CONFLICT_WORDS`)."""
    if label == "Agreement":
        return any(CONFLICT_WORDS.search(t) for t in texts)
    political = {"military", "rebels", "militia", "government", "protesters", "party"}
    if any(s in political for s in sectors):
        return True
    return any(POLITICAL_WORDS.search(t) for t in texts)


def default_acled(plover: str | None, text: str) -> str | None:
    """The ACLED sub-type a PLOVER type maps to when the text shows its evidence ("Arrests"
    for a COERCE event only when someone is detained), else None."""
    label = PLOVER_TO_ACLED.get(plover or "")
    return label if label is not None and has_evidence(label, text) else None


def choose_acled(
    labels: Sequence[str],
    scores: Sequence[float],
    text: str,
    *,
    plover: str | None = None,
) -> str | None:
    """The best-scoring class whose evidence ``text`` shows; with ``plover``, only the ACLED
    sub-types of that PLOVER type."""
    order = sorted(range(len(labels)), key=lambda i: -scores[i])
    for i in order:
        label = labels[i]
        if plover is not None and (label not in ACLED_PARENT or ACLED_TO_PLOVER[label] != plover):
            continue
        if has_evidence(label, text):
            return label
    return None


def acled_fields(
    label: str | None,
    texts: Sequence[str],
    sectors: Iterable[str | None] = (),
    *,
    classified: bool = False,
) -> tuple[str | None, str | None, str | None]:
    """``(acled_event_type, acled_sub_event_type, event_class)`` of a typed event: a non-ACLED
    CASE class goes to ``event_class`` with null ACLED fields; an ACLED sub-type that needs a
    political context (see module doc) and has none is dropped. ``classified``: the label is
    the ACLED classifier's own first choice for the text, which was trained on what ACLED
    codes; then only an Agreement still needs its conflict."""
    if label is None:
        return None, None, None
    if label in NON_ACLED_CLASSES:
        return None, None, label
    if label not in ACLED_PARENT:
        return None, None, None
    needs = label == "Agreement" if classified else label in NEEDS_CONTEXT
    if needs and not political_context(texts, sectors, label):
        return None, None, None
    if label in _PEACEFUL_PROTEST and any(PROTESTER_VIOLENCE.search(t) for t in texts[:1]):
        label = "Violent demonstration"  # protesters' violence makes a protest a riot
    return ACLED_PARENT[label], label, None


#: Sub-types a violent act by demonstrators never is: force used *against* protesters, a
#: battle (between organised armed groups; "protesters against the police are a riot, not an
#: armed clash") and an armed group's attack on civilians.
_NOT_BY_DEMONSTRATORS = frozenset({"Excessive force against protesters", "Armed clash", "Attack"})


def riot_by_demonstrators(acled_type: str | None, sub: str | None) -> tuple[str | None, str | None]:
    """``(acled_event_type, acled_sub_event_type)`` of an act whose doer is the
    demonstrators: ACLED codes violence by demonstrators as Riots / Violent demonstration,
    whatever force-against-protesters, battle or attack label the text first suggested
    ("demonstrators fought with police", "a man was hit by a brick in a clash between
    protesters and police"). Other labels are kept."""
    if sub in _NOT_BY_DEMONSTRATORS:
        return "Riots", "Violent demonstration"
    return acled_type, sub


#: Protest sub-types for demonstrators who are not violent themselves.
_PEACEFUL_PROTEST = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
#: Violence by demonstrators (ACLED: a demonstration where participants engage in violence or
#: destruction is a Riot / Violent demonstration).
PROTESTER_VIOLENCE: Final[re.Pattern[str]] = _words(
    r"(?:threw|throw\w*|hurl\w*|pelt\w*|lob\w*)\b.{0,40}\b(?:stones?|rocks?|bricks?|bottles?|"
    r"petrol bombs?|fire ?bombs?|molotov\w*|projectiles?|objects?|firecrackers?|eggs?)|"
    r"petrol bombs?|fire ?bombs?|molotov\w*|vandali[sz]\w*|trash\w*|ransack\w*|loot\w*|"
    r"smash\w*|torch\w*|set (?:on )?fire|set ablaze|rampag\w*|rioters?|rioting|"
    r"riots?(?!\s+(?:police|gear|squads?|control|officers?|units?|troops|shields?))|"
    r"street battles?|unruly|stormed"
)


#: Bombs named as such ("the bombing", "bombs fell"); a bombardment is shelling.
_BOMBS: Final[re.Pattern[str]] = _words(r"bomb(?:s|ed|ing|ings)?")
#: Devices that are planted or carried, not dropped ("a roadside bomb", "a car bomb"), and
#: bombs that exploded where they lay ("a bomb hidden in a motorcycle went off").
_PLANTED: Final[re.Pattern[str]] = _words(
    r"IEDs?|improvised|(?:land)?mines?|roadside|car[- ]bombs?|truck[- ]bombs?|booby[- ]trap\w*|"
    r"planted|parcel bombs?|letter bombs?|pipe bombs?|suicide\w*|bomber|explosive devices?|"
    r"bomb squads?|bomb threats?|explod\w*|detonat\w*|went off|go(?:es)? off|hidden|concealed|"
    r"strapped"
)
#: Sub-types a bombing is mistaken for when the classifier misses its weapon: an explosion
#: told as destruction, as violence against civilians or as fighting.
_UNARMED_READINGS = frozenset(
    {
        "Remote explosive/landmine/IED",
        "Attack",
        "Looting/property destruction",
        "Armed clash",
    }
)


def air_dropped(label: str | None, sentence: str, document: str) -> str | None:
    """``label`` of an act whose sentence tells of bombs, in a document that tells of
    aircraft or air strikes: the bombs were dropped, an Air/drone strike (ACLED: air assets
    were used), unless the sentence names a planted device ("a roadside bomb")."""
    if (
        label in _UNARMED_READINGS
        and _BOMBS.search(sentence)
        and not _PLANTED.search(sentence)
        and EVIDENCE["Air/drone strike"].search(document)
    ):
        return "Air/drone strike"
    return label
