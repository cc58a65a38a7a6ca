"""Who a phrase stands for when the parser or the gazetteer would mislead: an appositive the
parser hangs on the wrong name, a machine and the side that works it, a seat of government as
a target, a town known abroad by the same spelling."""

from __future__ import annotations

import pytest

from graph.ingest.gazetteer import Gazetteer
from tests.ingest.edge_sets import edges


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "The strikes targeted groups such as Daesh and the Democratic Union Party (PYD) a "
            "US-backed Kurdish group based in Syria.",
            ("United States", "BACKS", "Democratic Union Party"),
        ),
        (
            "Troops fought the Arakan Army (AA) an ethnic armed group backed by China.",
            ("China", "BACKS", "Arakan Army"),
        ),
        (
            "Clashes pitted the army against the Southern Transitional Council (STC) a "
            "UAE-backed separatist movement.",
            ("United Arab Emirates", "BACKS", "Southern Transitional Council"),
        ),
    ],
)
def test_an_appositive_after_a_bracketed_name_is_that_name(extract, text, edge):
    found = edges(extract(text))
    assert edge in found
    assert not any(t.endswith(("group", "movement")) for _, _, t in found)


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "A Yemeni jet commanded by the capital's Houthi conquerors fired missiles at a "
            "palace housing Hadi in Aden.",
            ("Houthis", "STRIKES", "Abdrabbuh Mansur Hadi"),
        ),
        (
            "Drones operated by the RSF struck the airport in Kassala on Sunday.",
            ("Rapid Support Forces", "STRIKES", "Kassala"),
        ),
        (
            "A Russian-made helicopter flown by Malian troops fired rockets at rebel positions "
            "in Kidal.",
            ("Mali", "STRIKES", "Kidal"),
        ),
    ],
)
def test_the_side_that_works_a_machine_is_its_agent(extract, text, edge):
    found = edges(extract(text))
    assert edge in found
    assert not any(k == "STRIKES" and s == "Yemen" for s, k, _ in found)


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "RSF drones struck Port Sudan on Sunday.",
            ("Rapid Support Forces", "STRIKES", "Port Sudan"),
        ),
        ("A Ukrainian drone hit the Kremlin overnight.", ("Ukraine", "STRIKES", "Kremlin")),
        (
            "Houthi missiles struck Villa Somalia, officials said.",
            ("Houthis", "STRIKES", "Villa Somalia"),
        ),
    ],
)
def test_a_seat_of_government_that_is_struck_is_the_city_or_the_site(extract, text, edge):
    assert edge in edges(extract(text))


def test_a_spelling_that_names_a_town_far_away_is_not_that_town(extractor):
    from graph.model import Article

    text = "Suspected JNIM militants attacked a checkpoint in Boni on Tuesday."
    actors = extractor.extract(Article("t", text)).actors
    boni = [a for a in actors if a.name == "Boni" or "Boni" in a.aliases]
    assert boni and all(a.location is None or a.location.country_code != "DE" for a in boni)


def test_another_spelling_counts_in_the_articles_countries_and_their_neighbours():
    rows = {
        "boni": (("Bonn", 1, 50.7, 7.1, "DE", 300_000),),
        "menbij": (("Manbij", 2, 36.5, 37.9, "SY", 99_000),),
        "manbij": (("Manbij", 2, 36.5, 37.9, "SY", 99_000),),
    }
    gazetteer = Gazetteer(rows, {}, {"TR": frozenset({"SY", "IQ"}), "ML": frozenset({"BF"})})
    assert gazetteer.lookup("Boni", frozenset({"ML"})) is None
    found = gazetteer.lookup("Menbij", frozenset({"TR"}))
    assert found is not None and found.name == "Manbij"
    assert gazetteer.lookup("Menbij", frozenset({"ML"})) is None
    manbij = gazetteer.lookup("Manbij", frozenset({"ML"}))  # its own name counts anywhere
    assert manbij is not None and manbij.country_code == "SY"


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Houthi fighters attempt to overthrow Yemen's Western and Saudi-backed Hadi.",
            ("Saudi Arabia", "BACKS", "Abdrabbuh Mansur Hadi"),
        ),
        (
            "Rebels fought the Russian-backed Assad for a decade.",
            ("Russia", "BACKS", "Bashar al-Assad"),
        ),
        (
            "Fighters loyal to the Russian-backed Haftar advanced on Tripoli.",
            ("Russia", "BACKS", "Khalifa Haftar"),
        ),
    ],
)
def test_a_leader_can_be_backed(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "And he added:'Russia's illegal annexation of Crimea has shown its contempt.",
            ("Russia", "CAPTURES", "Crimea"),
        ),
        (
            "The minister said:Houthi forces seized Hazm last night.",
            ("Houthis", "CAPTURES", "Hazm"),
        ),
        (
            "A spokesman wrote:'RSF fighters took Wad Madani at dawn.",
            ("Rapid Support Forces", "CAPTURES", "Wad Medani"),
        ),
    ],
)
def test_a_quote_glued_to_its_colon_is_read(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("They fought the Turkish-backed SNA near Afrin.", "Syrian National Army"),
        ("SNA troops clashed with al-Shabaab near Baidoa.", "Somalia"),
        ("The Turkish-backed SNA shelled positions outside Manbij.", "Syrian National Army"),
    ],
)
def test_towns_named_in_a_story_tell_which_actor_an_acronym_is(extract, text, meant):
    found = edges(extract(text))
    assert any(meant in (s, t) for s, _, t in found), found
