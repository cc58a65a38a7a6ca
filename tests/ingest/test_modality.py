"""Modality: denied, alleged, hypothetical and reported events are told apart."""

from __future__ import annotations

import pytest

from graph.model import Article


def kinds(found, modality):
    return {(s, k, t) for s, k, t, m in found if m == modality}


def test_denial(extract):
    found = extract("Rwanda denied that its troops had shelled Goma.", all_modalities=True)
    assert kinds(found, "denied") and not kinds(found, "asserted")


def test_accusation_is_alleged(extract):
    found = extract("Kyiv accused Belarus of arming Russian units.", all_modalities=True)
    assert ("Belarus", "BACKS", "Russia") in kinds(found, "alleged")


def test_closing_in_is_not_a_capture(extract):
    found = extract("JNIM fighters are closing in on the town of Djibo.", all_modalities=True)
    assert not any(k == "CAPTURES" for _, k, _, _ in found)


def test_conditional_and_modal_are_hypothetical(extract):
    found = extract(
        "If Tehran stops arming the Houthis, the group could lose Hodeidah.", all_modalities=True
    )
    assert ("Iran", "BACKS", "Houthis") in kinds(found, "hypothetical")
    found = extract("Analysts say the TPLF could capture Alamata within days.", all_modalities=True)
    assert not kinds(found, "asserted") and not kinds(found, "reported")


def test_threat_is_hypothetical(extract):
    found = extract("Hezbollah threatened to strike Haifa.", all_modalities=True)
    assert ("Hezbollah", "STRIKES", "Haifa") in kinds(found, "hypothetical")


def test_reported_speech(extractor):
    ex = extractor.extract(Article("t", "The Arakan Army said it had captured Buthidaung."))
    (rel,) = ex.relations
    town = next(a for a in ex.actors if a.id == rel.target)
    assert rel.kind.value == "CAPTURES" and rel.modality.value == "reported"
    assert rel.source == "faction:arakan-army" and "Buthidaung" in (town.name, *town.aliases)


def test_negation(extract):
    found = extract("The rebels have not entered Sirte.", all_modalities=True)
    assert not kinds(found, "asserted")


def test_relative_clause_keeps_its_own_modality(extract):
    found = extract(
        "Uganda, which backs the Congolese army, has called for talks.", all_modalities=True
    )
    assert ("Uganda", "BACKS", "DR Congo", "asserted") in found


def test_passive_accusation_is_alleged(extract):
    found = extract("Eritrea has been accused of arming Fano militias.", all_modalities=True)
    assert any(s == "Eritrea" and k == "BACKS" and m == "alleged" for s, k, _, m in found)


def test_a_clause_of_time_under_a_verb_of_movement_keeps_its_own_modality(extract):
    text = "Russian troops advanced on Chasiv Yar as Ukrainian drones struck Russian positions."
    assert ("Ukraine", "STRIKES", "Russia") in kinds(extract(text, all_modalities=True), "asserted")
    # while the goal of the movement stays hypothetical
    text = "Russian troops advanced to capture Chasiv Yar."
    found = kinds(extract(text, all_modalities=True), "hypothetical")
    assert ("Russia", "CAPTURES", "Chasiv Yar") in found


def test_rejecting_accusations_that_is_a_denial(extract):
    found = extract("Uganda rejects accusations that it arms the M23 rebels.", all_modalities=True)
    assert kinds(found, "denied") and not kinds(found, "asserted")


def test_a_noun_completed_by_that_says_how_sure_the_clause_is(extract):
    found = extract(
        "There are allegations that Iran supplied drones to the RSF.", all_modalities=True
    )
    assert ("Iran", "BACKS", "Rapid Support Forces") in kinds(found, "alleged")


def test_neither_nor_and_no_one_deny_the_event(extract):
    text = "Neither Russia nor Belarus has claimed the attack on the Lithuanian depot."
    found = extract(text, all_modalities=True)
    assert not kinds(found, "asserted") and not kinds(found, "reported")


def test_failing_to_capture_is_no_capture(extract):
    found = extract(
        "Houthi fighters failed to capture Marib despite a long siege.", all_modalities=True
    )
    assert not kinds(found, "asserted") and kinds(found, "hypothetical")


def test_national_rebels_are_not_their_state(extract):
    found = extract(
        "Chadian rebels seized the town of Faya near the Libyan border.", all_modalities=True
    )
    assert ("Chad", "CAPTURES", "Faya") not in kinds(found, "asserted")


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Russian state media said Ukrainian drones struck an oil depot in Belgorod.",
            ("Ukraine", "STRIKES", "Belgorod"),
        ),
        (
            "Houthi media said Saudi warplanes bombed a market in Saada on Tuesday.",
            ("Saudi Arabia", "STRIKES", "Sa'dah"),
        ),
        (
            "The Sudanese army said RSF drones hit the airport in Kassala.",
            ("Rapid Support Forces", "STRIKES", "Kassala"),
        ),
    ],
)
def test_one_sides_word_on_what_the_other_did_to_it_is_its_claim(extract, text, edge):
    found = extract(text, all_modalities=True)
    assert (*edge, "claimed") in found


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (  # a party's own account of its own act
            "The Sudanese army said it shelled RSF positions in Omdurman.",
            ("Sudan", "STRIKES", "Rapid Support Forces"),
        ),
        (  # a monitor is a third party
            "A war monitor said Russian jets struck Maarat al-Numan on Sunday.",
            ("Russia", "STRIKES", "Maarat al-Numan"),
        ),
        (  # an ally's report of a strike on the enemy
            "The Turkish army said US-led coalition jets struck Islamic State fighters "
            "near al-Bab.",
            ("Global Coalition to Defeat ISIS", "STRIKES", "Islamic State"),
        ),
    ],
)
def test_own_accounts_and_third_parties_stay_reported(extract, text, edge):
    found = extract(text, all_modalities=True)
    assert (*edge, "reported") in found
