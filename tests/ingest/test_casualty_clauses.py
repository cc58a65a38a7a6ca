"""Casualty clauses as wire copy writes them: the weapon named for its side, the dead of a
clash and a strike together, the place on the victims, a relative pronoun the parser strands,
counted people of a nation, and sentences run together without a space."""

from __future__ import annotations

import pytest

from graph.ingest.nlp import load_nlp
from tests.ingest.edge_sets import edges


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "At least nine civilians were killed and 30 others wounded by Turkish artillery "
            "fire on Sunday at Tel Rifaat.",
            ("Turkey", "STRIKES", "Tel Rifaat"),
        ),
        (
            "Two farmers were injured by Russian drone strikes in Kupiansk.",
            ("Russia", "STRIKES", "Kupyansk"),
        ),
        (
            "Four children were wounded by Israeli tank fire in Khan Younis on Friday.",
            ("Israel", "STRIKES", "Khan Younis"),
        ),
    ],
)
def test_wounded_by_a_sides_weapon_is_its_strike_where_they_fell(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Thirty Islamic State militants were killed in clashes and US-led coalition air "
            "strikes in eastern Syria.",
            ("Global Coalition to Defeat ISIS", "STRIKES", "Islamic State"),
        ),
        (
            "Nine Houthi fighters died in clashes and Saudi air strikes near Marib.",
            ("Saudi Arabia", "STRIKES", "Houthis"),
        ),
        (
            "Ten Boko Haram fighters were killed in fighting and Nigerian air strikes near Bama.",
            ("Nigeria", "STRIKES", "Boko Haram"),
        ),
    ],
)
def test_the_dead_of_clashes_and_strikes_are_the_strikes_targets(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Taliban fighters set off a car bomb outside a fortified compound killing at least "
            "five people and wounding dozens in the capital, Kabul.",
            ("Taliban", "STRIKES", "Kabul"),
        ),
        (
            "Al-Shabaab militants detonated a bomb at a checkpoint, killing four soldiers in "
            "Afgoye.",
            ("Al-Shabaab", "STRIKES", "Afgooye"),
        ),
        (
            "ISWAP fighters set off explosives near a market, wounding ten traders in Monguno.",
            ("Islamic State West Africa Province", "STRIKES", "Monguno"),
        ),
    ],
)
def test_a_bomb_hits_the_place_where_its_victims_fell(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "The raid hit an area north of the old Houthi stronghold of Harib which Yemeni "
            "government forces retook in the spring.",
            ("Yemen", "CAPTURES", "Harib"),
        ),
        (
            "The strikes targeted an area west of the former Shabaab stronghold of Jamaame "
            "which Somali forces captured on the first day of the offensive.",
            ("Somalia", "CAPTURES", "Jamaame"),
        ),
        (
            "The attack targeted an area north of the former rebel stronghold of Kidal which "
            "Malian forces captured on the first day of the operation.",
            ("Mali", "CAPTURES", "Kidal"),
        ),
        (  # 'which' read as a determiner of the subject, the clause hung on 'hit'
            "The raid hit an area west of the former Shabaab stronghold of Bardhere which "
            "AU-backed SNA forces captured on the first day.",
            ("Somalia", "CAPTURES", "Bardhere"),
        ),
        (
            "The strike hit an area north of the former rebel stronghold of Kidal which "
            "Russian-backed Malian forces captured on the first day.",
            ("Mali", "CAPTURES", "Kidal"),
        ),
        (  # 'which' parsed as a modifier of the subject, the clause hung on 'area'
            "The bombardment targeted an area south of the former IS group stronghold of "
            "Raqqa which Syrian Democratic Forces captured on the first day.",
            ("Syrian Democratic Forces", "CAPTURES", "Ar Raqqah"),
        ),
    ],
)
def test_a_relative_pronoun_the_parser_strands_still_names_what_was_taken(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "state", "place"),
    [
        ("Russian missiles killed twelve Ukrainians in Dnipro.", "Ukraine", "Dnipro"),
        ("Israeli strikes killed 30 Palestinians in Rafah.", "Palestine", "Rafah"),
        ("A Taliban bomb wounded 110 Afghans in Kandahar.", "Afghanistan", "Kandahar"),
    ],
)
def test_counted_people_of_a_nation_are_not_its_state(extract, text, state, place):
    found = edges(extract(text))
    assert not any(k == "STRIKES" and t == state for _, k, t in found), found
    assert any(k == "STRIKES" and t == place for _, k, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the camp overnight.Last week, Houthi fighters seized Harib.",
        "The army denied it.On Sunday, RSF fighters stormed El Geneina.",
        "Talks collapsed in May.Militants of JNIM attacked Djibo later that week.",
    ],
)
def test_sentences_run_together_are_split_where_the_space_was_lost(text):
    doc = load_nlp()(text)
    sentences = [s.text for s in doc.sents]
    assert len(sentences) == 2, sentences
    assert doc.text == text  # offsets into the stored text do not move


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "A police officer was shot dead and two others injured by Oromo Liberation Front "
            "rebels near Moyale, in northern Kenya.",
            ("Oromo Liberation Front", "STRIKES", "Kenya"),
        ),
        (
            "A Somali soldier was killed and three others wounded by Al Shabaab militants "
            "near Afgoye.",
            ("Al-Shabaab", "STRIKES", "Somalia"),
        ),
        (
            "A Malian gendarme was killed and two others wounded by JNIM fighters near Niono.",
            ("Jama'at Nusrat al-Islam wal-Muslimin", "STRIKES", "Mali"),
        ),
    ],
)
def test_an_agent_told_once_for_two_casualty_clauses_is_the_first_ones_too(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "A police officer was shot dead by gunmen hunting Ethiopian rebels in northern Kenya.",
            "Kenya",
        ),
        ("Soldiers clashed with Sudanese rebels on the border of Chad.", "Chad"),
        (
            "Troops pursued Rwandan rebels across North Kivu in Congo.",
            "DR Congo",
        ),
    ],
)
def test_a_demonym_on_rebels_does_not_make_the_story_about_that_state(extractor, text, state):
    from graph.ingest.resolve import Context

    doc = extractor.nlp(text)
    ctx = Context(doc, extractor.finder.find(doc), extractor.lexicon, extractor.finder.gazetteer)
    assert ctx.home_state is not None and ctx.home_state.name == state
