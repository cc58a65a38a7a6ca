"""Actor coverage: state units stay their state, armed groups and communal militias are factions.

The sentences are written for these tests, about the wars in Somalia, Afghanistan, Nigeria and
the Sahel, Ethiopia, Pakistan and Mexico.
"""

from __future__ import annotations

import pytest

from graph.ingest.lexicon import load_lexicon, number_variants, spelling_variants
from graph.model import ActorKind, Article


def resolved(surface: str) -> tuple[str, str, str] | None:
    found = load_lexicon().lookup(surface)
    return found and (found[0].name, found[0].kind.value, found[1].value)


@pytest.mark.parametrize(
    ("surface", "state"),
    [
        ("Police Forces of Kenya", "Kenya"),
        ("Military Forces of Afghanistan", "Afghanistan"),
        ("Military Forces of the Philippines", "Philippines"),
        ("Nigerien Gendarmerie", "Niger"),
        ("Malian National Guard", "Mali"),
        ("Chadian Presidential Guard", "Chad"),
        ("Congolese National Police", "DR Congo"),
        ("Afghan National Army", "Afghanistan"),
        ("ANA", "Afghanistan"),
        ("ANDSF", "Afghanistan"),
        ("Frontier Corps", "Pakistan"),
        ("Puntland Dervish Force", "Somalia"),
        ("Mexican National Guard", "Mexico"),
    ],
)
def test_a_unit_of_a_state_is_the_state_read_as_its_force(surface, state):
    assert resolved(surface) == (state, "state", "force")


@pytest.mark.parametrize(
    ("surface", "group"),
    [
        ("Libyan National Army", "Libyan National Army"),  # not a force of Libya
        ("Syrian National Army", "Syrian National Army"),
        ("Free Syrian Army", "Free Syrian Army"),
    ],
)
def test_a_generated_force_name_never_takes_a_groups_name(surface, group):
    assert resolved(surface) == (group, "faction", "name")


@pytest.mark.parametrize(
    ("surface", "militia"),
    [
        ("Hawiye-Abgal sub-clan militia", "Hawiye-Abgal sub-clan militia"),
        ("Abgal clan militia", "Hawiye-Abgal sub-clan militia"),
        ("Marehan militiamen", "Darod-Marehan sub-clan militia"),
        ("Fulani gunmen", "Fulani ethnic militia"),
        ("armed Murle youth", "Murle ethnic militia"),
        ("Pokot militia", "Pokot communal militia"),
        ("Dozo hunters", "Dozo communal militia"),
    ],
)
def test_clan_and_communal_militias_are_factions(surface, militia):
    assert resolved(surface) == (militia, "faction", "name")


def test_a_community_name_alone_names_no_actor():
    for community in ("Fulani", "Abgal", "Dinka", "Pokot"):
        assert resolved(community) is None


def test_names_are_found_without_their_hyphens_and_apostrophes():
    assert sorted(spelling_variants("Jama'at al-Ahrar")) == [
        "Jama'at al Ahrar",
        "Jamaat al Ahrar",
        "Jamaat al-Ahrar",
    ]
    assert list(spelling_variants("M-23")) == []  # "M 23" would read as a letter and a number
    assert resolved("Jaish e Mohammed") == ("Jaish-e-Mohammed", "faction", "name")
    assert resolved("Peoples Protection Units") == ("People's Protection Units", "faction", "name")


def test_a_force_or_brigade_is_found_in_either_number():
    assert list(number_variants("Puntland Dervish Force")) == ["Puntland Dervish Forces"]
    assert resolved("Puntland Dervish Forces") == ("Somalia", "state", "force")
    assert resolved("Giants Brigade") == ("Giants Brigades", "faction", "name")
    # a name the files give another entry keeps it: Liwa al-Quds is not Islamic Jihad's wing
    assert resolved("Quds Brigade")[0] == "Liwa al-Quds"
    assert resolved("Quds Brigades")[0] == "Palestinian Islamic Jihad"


def actors_of(extractor, text: str) -> dict[str, ActorKind]:
    return {a.name: a.kind for a in extractor.extract(Article("t", text)).actors}


def test_somali_clan_militia_fights_al_shabaab(extractor, extract):
    text = "Abgal clan militia fought Al-Shabaab fighters near Warsheikh on Sunday."
    actors = actors_of(extractor, text)
    assert actors["Hawiye-Abgal sub-clan militia"] is ActorKind.FACTION
    assert "Somalia" not in actors
    found = extract(text)
    assert any({s, t} == {"Hawiye-Abgal sub-clan militia", "Al-Shabaab"} for s, _, t, _ in found)


def test_afghan_army_acronym_is_afghanistan(extract):
    text = "ANA commandos recaptured Sangin district from the Taliban after two days."
    found = extract(text)
    assert any(s == "Afghanistan" and k == "CAPTURES" for s, k, _, _ in found)


def test_police_forces_of_a_state_in_the_sahel(extract):
    text = "Police Forces of Burkina Faso clashed with JNIM militants near Djibo."
    found = extract(text)
    assert any({s, t} == {"Burkina Faso", "Jama'at Nusrat al-Islam wal-Muslimin"}
               for s, _, t, _ in found)  # fmt: skip


def test_fulani_gunmen_are_a_militia_not_nigeria(extractor):
    text = "On Sunday, suspected Fulani gunmen raided Tiv farms in Benue state."
    actors = actors_of(extractor, text)
    assert actors.get("Fulani ethnic militia") is ActorKind.FACTION
    assert "Nigeria" not in actors


def test_ethiopian_regional_police_is_ethiopia(extract):
    text = "The Liyu Police clashed with Oromo Liberation Army fighters near Moyale."
    found = extract(text)
    assert any({s, t} == {"Ethiopia", "Oromo Liberation Army"} for s, _, t, _ in found)


def test_frontier_corps_post_attacked_by_baloch_group(extract):
    text = "Baloch Republican Army militants attacked a Frontier Corps post in Kech."
    found = extract(text)
    assert ("Baloch Republican Army", "STRIKES", "Pakistan", "asserted") in found


def test_cartel_names_with_and_without_their_article(extractor):
    actors = actors_of(extractor, "Los Zetas gunmen attacked a Gulf Cartel safe house in Reynosa.")
    assert actors["Los Zetas"] is ActorKind.FACTION
    assert resolved("Zetas") == ("Los Zetas", "faction", "name")


@pytest.mark.parametrize(
    ("text", "acronym", "actor"),
    [
        ("SNA troops retook Janaale from Al-Shabaab.", "SNA", "Somalia"),
        ("Turkish-backed SNA fighters shelled SDF positions near Manbij.", "SNA",
         "Syrian National Army"),
        ("NAF jets bombed Boko Haram hideouts near Bama.", "NAF", "Nigeria"),
        ("NAF rebel forces fired mortars at Ukrainian positions near Donetsk.", "NAF",
         "United Armed Forces of Novorossiya"),
    ],
)  # fmt: skip
def test_a_shared_acronym_is_read_in_the_articles_war(extractor, text, acronym, actor):
    ex = extractor.extract(Article("t", text))
    holders = [a.name for a in ex.actors if acronym in a.aliases or a.name == acronym]
    assert holders == [actor]
