"""Event ontologies: the 16 PLOVER 2.0 types, ACLED's 6 event types / 25 sub-event types, the
5 non-ACLED CASE 2021 classes, and the PLOVER <-> ACLED mapping documented in docs/events.md.

Sources: PLOVER 2.0 manual (Open Event Data Alliance, draft of 4 Feb 2024), ACLED codebook
(2019 and later, public), Haneczok et al. (CASE 2021) for the non-ACLED classes.
"""

from __future__ import annotations

from typing import Final

PLOVER_TYPES: Final[tuple[str, ...]] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: PLOVER types of material acts, which an instrument or an event can do ("the blast killed
#: five", "the raid netted weapons"); every other type is an act of a party towards another.
MATERIAL_PLOVER: Final = frozenset({"ASSAULT", "COERCE", "PROTEST"})

#: ACLED event type -> its sub-event types (ACLED codebook).
ACLED_TAXONOMY: Final[dict[str, tuple[str, ...]]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

#: Sub-event type -> parent event type.
ACLED_PARENT: Final[dict[str, str]] = {
    sub: parent for parent, subs in ACLED_TAXONOMY.items() for sub in subs
}
ACLED_SUB_TYPES: Final[tuple[str, ...]] = tuple(ACLED_PARENT)

#: CASE 2021 classes outside ACLED's taxonomy: the event is real but has no ACLED type.
NON_ACLED_CLASSES: Final[tuple[str, ...]] = (
    "Organized crime",
    "Natural disaster",
    "Man-made disaster",
    "Diplomatic event",
    "Attribution of responsibility",
)

#: All classes the document classifier predicts (25 ACLED + 5 non-ACLED).
ACLED_CLASSES: Final[tuple[str, ...]] = ACLED_SUB_TYPES + NON_ACLED_CLASSES

#: ACLED sub-event type (or non-ACLED class) -> the PLOVER type of the same event.
ACLED_TO_PLOVER: Final[dict[str, str | None]] = {
    "Armed clash": "ASSAULT",
    "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT",
    "Chemical weapon": "ASSAULT",
    "Air/drone strike": "ASSAULT",
    "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "ASSAULT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT",
    "Peaceful protest": "PROTEST",
    "Protest with intervention": "PROTEST",
    "Excessive force against protesters": "ASSAULT",
    "Violent demonstration": "PROTEST",
    "Mob violence": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Change to group/activity": "MOBILIZE",
    "Disrupted weapons use": "COERCE",
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "ASSAULT",
    "Non-violent transfer of territory": "RETREAT",
    "Other": None,
    "Organized crime": None,
    "Natural disaster": None,
    "Man-made disaster": None,
    "Diplomatic event": "CONSULT",
    "Attribution of responsibility": "ACCUSE",
}

#: PLOVER type -> the default ACLED sub-event type when only the PLOVER type is known
#: (None: PLOVER types with no ACLED counterpart: verbal and diplomatic interactions).
PLOVER_TO_ACLED: Final[dict[str, str | None]] = {
    "AGREE": "Agreement",
    "CONSULT": None,
    "SUPPORT": None,
    "CONCEDE": None,
    "COOPERATE": None,
    "AID": None,
    "RETREAT": "Non-violent transfer of territory",
    "REQUEST": None,
    "ACCUSE": None,
    "REJECT": None,
    "THREATEN": None,
    "PROTEST": "Peaceful protest",
    "SANCTION": None,
    "MOBILIZE": "Change to group/activity",
    "COERCE": "Arrests",
    "ASSAULT": "Armed clash",
}


def acled_parent(sub_type: str | None) -> str | None:
    """The ACLED event type of a sub-event type; None for non-ACLED classes or None."""
    if sub_type is None:
        return None
    return ACLED_PARENT.get(sub_type)


def is_acled(label: str | None) -> bool:
    """True when ``label`` is one of ACLED's 25 sub-event types."""
    return label in ACLED_PARENT
