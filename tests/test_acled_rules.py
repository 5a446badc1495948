"""ACLED typing rules: evidence for specific sub-types, ACLED's scope, fatalities."""

from __future__ import annotations

import pytest

from sitrep.events.acled_rules import (
    acled_fields,
    air_dropped,
    choose_acled,
    fatalities,
    has_evidence,
    sentence_fatalities,
)


@pytest.mark.parametrize(
    ("label", "text", "ok"),
    [
        ("Grenade", "Attackers hurled a grenade at the police post.", True),
        ("Grenade", "Two men were shot outside a bar.", False),
        ("Air/drone strike", "A drone hit a car near the border.", True),
        ("Air/drone strike", "Gunmen opened fire on the convoy.", False),
        ("Chemical weapon", "Residents choked on chlorine gas after the attack.", True),
        ("Chemical weapon", "A man set himself on fire in the square.", False),
        ("Suicide bomb", "A suicide bomber blew himself up at the checkpoint.", True),
        ("Suicide bomb", "A bomb exploded in the market.", False),
        ("Sexual violence", "Soldiers raped two women in the village.", True),
        ("Sexual violence", "Police beat protesters with batons.", False),
        ("Armed clash", "Troops fought rebels.", True),  # needs nothing specific
    ],
)
def test_specific_sub_types_need_their_evidence(label: str, text: str, ok: bool) -> None:
    assert has_evidence(label, text) is ok


def test_choose_falls_back_to_a_supported_label() -> None:
    labels = ["Grenade", "Attack", "Armed clash"]
    text = "Gunmen shot dead three villagers."
    assert choose_acled(labels, [2.0, 1.0, 0.5], text) == "Attack"
    assert choose_acled(labels, [2.0, 1.0, 0.5], "A grenade exploded.") == "Grenade"


def test_choose_respects_the_plover_type() -> None:
    labels = ["Peaceful protest", "Arrests", "Diplomatic event"]
    assert choose_acled(labels, [3.0, 1.0, 2.0], "Police arrested him.", plover="COERCE") == (
        "Arrests"
    )
    # a non-ACLED class is never an ASSAULT's type
    assert choose_acled(["Diplomatic event"], [1.0], "They fought.", plover="ASSAULT") is None


def test_non_acled_classes_stay_out_of_the_acled_fields() -> None:
    assert acled_fields("Diplomatic event", ["The ministers met."]) == (
        None,
        None,
        "Diplomatic event",
    )
    assert acled_fields("Man-made disaster", ["A bridge collapsed."])[:2] == (None, None)


def test_ordinary_crime_is_not_acled() -> None:
    crime = ["Police arrested a man suspected of stealing a car in Leeds."]
    assert acled_fields("Arrests", crime) == (None, None, None)
    political = ["Police arrested twelve opposition activists after the rally."]
    assert acled_fields("Arrests", political) == ("Strategic developments", "Arrests", None)
    # an actor of a political sector is context enough
    assert acled_fields("Attack", ["He was shot."], ["military"])[1] == "Attack"
    # explosions are coded whoever the actors are
    assert acled_fields("Remote explosive/landmine/IED", ["A bomb exploded."])[1] is not None


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Gunmen killed at least 12 people in the village.", 12),
        ("Three soldiers were killed and two wounded.", 3),
        ("The blast left 5 dead.", 5),
        ("The shelling left four soldiers dead.", 4),
        ("The street battles have left at least 80 people injured.", None),
        ("The death toll rose to 31 on Monday.", 31),
        ("Nobody was injured in the fire.", 0),
        ("A man was shot dead on Friday.", 1),
        ("Two people died in the clashes.", 2),
        ("Another man died after he was hit by a brick.", 1),
        ("Teen Killed By Police", 1),
        ("a massacre of more than 100 people who were waiting for food", 100),
        ("The talks resumed in 2019.", None),
        ("Officials met on Tuesday.", None),
        # an age in apposition is no count; a figure with thousands separators is one
        ("The courier, Samir Haddad, 27, was killed at a checkpoint.", None),
        ("Ana Ruiz, 15, was shot dead by a sniper near the market.", None),
        ("The floods have killed 1,240 people since June.", 1240),
        # the day of a date, its month before or after it, is no count
        ("Gunmen on Oct. 14 shot dead a village headman near the ferry.", None),
        ("A roadside bomb on 9 March killed two people near the depot.", 2),
        ("The riot at the depot on August 3 left 6 dead.", 6),
    ],
)
def test_sentence_fatalities(text: str, n: int | None) -> None:
    assert sentence_fatalities(text) == n


def test_fatalities_take_the_lowest_estimate() -> None:
    assert fatalities(["The attack killed 20 people.", "At least 14 people died."]) == 14
    assert fatalities(["Officials met."]) is None


def test_the_classifiers_own_choice_needs_no_context_but_an_agreement_needs_a_conflict() -> None:
    text = ["Police detained 40 people in the capital on Sunday."]
    assert acled_fields("Arrests", text) == (None, None, None)
    assert acled_fields("Arrests", text, classified=True)[1] == "Arrests"
    trade = ["The two countries agreed a trade deal on tariffs."]
    assert acled_fields("Agreement", trade, classified=True) == (None, None, None)
    truce = ["The army and the rebels agreed a ceasefire."]
    assert acled_fields("Agreement", truce, classified=True)[1] == "Agreement"


def test_a_bombing_in_an_air_war_is_an_air_strike() -> None:
    barn = "A farmer said the bombing flattened his barn."
    war = "Jets from the north struck the valley again. " + barn
    assert air_dropped("Looting/property destruction", barn, war) == "Air/drone strike"
    assert air_dropped("Attack", "Ten villagers died in the bombings.", war) == "Air/drone strike"
    # no aircraft anywhere in the article: the bomb may have been planted
    assert air_dropped("Attack", barn, barn) == "Attack"
    # a planted device stays what it is, and a specific explosion is not re-read
    roadside = "A roadside bomb killed two soldiers."
    assert air_dropped("Remote explosive/landmine/IED", roadside, war + " " + roadside) == (
        "Remote explosive/landmine/IED"
    )
    assert air_dropped("Chemical weapon", "Bombs of chlorine fell.", war) == "Chemical weapon"
    # a bomb that went off where it was left was not dropped, whatever the article's air war
    for sentence in (
        "On Monday a bomb concealed in a handcart exploded at a bus depot in Velnor.",
        "A bomb went off near the grain market, killing three porters.",
    ):
        assert air_dropped("Attack", sentence, war + " " + sentence) == "Attack"
