"""Shapes that conflict monitors' event notes use over and over: two coalitions of sides,
acronyms that spell a word, an event told on a clause hung on its target, assassinations, and
victims given only as a count."""

from __future__ import annotations

import pytest

from graph.ingest.nlp import load_nlp
from tests.ingest.edge_sets import edges


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 3 June, clashes were reported between pro-Hadi forces and affiliates on one "
            "side and pro-Houthi forces on the other in Sirwah area.",
            ("Yemen", "FIGHTS", "Houthis"),
        ),
        (
            "On 9 May, fighting was reported between SNA soldiers and clan militias on one "
            "side and Al Shabaab on the other near Jowhar.",
            ("Somalia", "FIGHTS", "Al-Shabaab"),
        ),
        (
            "On 2 April, clashes took place between RSF fighters and allied gunmen on one side "
            "and SAF troops on the other in Bara.",
            ("Rapid Support Forces", "FIGHTS", "Sudan"),
        ),
    ],
)
def test_sides_told_as_one_side_and_the_other(extract, text, edge):
    found = edges(extract(text))
    assert edge in found
    # the second member of the first side is never set against the first
    assert all(s != t for s, _, t in found)


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 7 May, Iraqi forces killed 2 IS suicide bombers near Tal Afar.",
            ("Iraq", "STRIKES", "Islamic State"),
        ),
        (
            "IS carried out an attack on a checkpoint in Kirkuk on Friday.",
            ("Islamic State", "STRIKES", "Kirkuk"),
        ),
        (
            "IS fighters attacked Hajin overnight, residents said.",
            ("Islamic State", "STRIKES", "Hajin"),
        ),
    ],
)
def test_an_acronym_that_spells_a_word_is_read_as_a_name(extract, text, edge):
    assert edge in edges(extract(text))


def test_the_acronym_keeps_its_text_and_offsets():
    text = "On 7 May, Iraqi forces killed 2 IS suicide bombers."
    doc = load_nlp()(text)
    token = next(t for t in doc if t.text == "IS")
    assert doc.text == text and text[token.idx : token.idx + 2] == "IS"
    assert token.pos_ != "AUX"


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 1 May 2020, an IED placed at a former district court detonated in Marka town. "
            "Police cordoned off the area. Al Shabaab militants claimed responsibility for "
            "the attack.",
            ("Al-Shabaab", "STRIKES", "Marka"),
        ),
        (
            "On 4 June, a bomb planted near a bus station exploded in Gao town. "
            "Residents fled. JNIM claimed responsibility for the attack.",
            ("Jama'at Nusrat al-Islam wal-Muslimin", "STRIKES", "Gao"),
        ),
        (
            "On 2 March, a landmine laid near a school detonated in Kyaukme town. "
            "Two children were hurt. The TNLA claimed responsibility for the attack.",
            ("Ta'ang National Liberation Army", "STRIKES", "Kyaukme"),
        ),
    ],
)
def test_an_event_told_on_a_clause_hung_on_its_target_is_where_it_happened(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 30 April, an IS member assassinated a regime intelligence officer in Dar'a.",
            ("Islamic State", "STRIKES", "Syria"),
        ),
        (
            "A Taliban gunman assassinated an Afghan police commander in Kunduz.",
            ("Taliban", "STRIKES", "Afghanistan"),
        ),
        (
            "Al Shabaab operatives assassinated a Somali army colonel in Baidoa.",
            ("Al-Shabaab", "STRIKES", "Somalia"),
        ),
    ],
)
def test_an_assassination_strikes_the_side_of_the_one_killed(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "One civilian was killed and 7 were wounded by Afghan forces mortars in Puli Alam "
            "city.",
            ("Afghanistan", "STRIKES", "Puli Alam"),
        ),
        (
            "Two were killed and 5 were injured by Houthi shelling in Taiz city.",
            ("Houthis", "STRIKES", "Taiz"),
        ),
        (
            "Three were wounded by Russian artillery fire in Kherson city on Monday.",
            ("Russia", "STRIKES", "Kherson"),
        ),
    ],
)
def test_victims_given_as_a_count_locate_the_strike(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 4 May, two Saudi-led coalition air raids were reported on Majzar district west "
            "of Marib city.",
            ("Saudi-led coalition", "STRIKES", "Majzar"),
        ),
        (
            "Russian artillery shelled Vovchansk district north of Kharkiv city on Monday.",
            ("Russia", "STRIKES", "Vovchansk"),
        ),
        (
            "RSF drones struck Um Kadada district east of El Fasher town.",
            ("Rapid Support Forces", "STRIKES", "Um Kadada"),
        ),
    ],
)
def test_a_place_named_with_its_bearing_is_that_place(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 28 April, a drone strike by NATO forces [assumed US military] killed 1 civilian "
            "in Bala Dasht village.",
            ("NATO", "STRIKES", "Bala Dasht"),
        ),
        (
            "On 3 May, pro-Houthi forces [coded as Ansar Allah] shelled houses in Qaataba town.",
            ("Houthis", "STRIKES", "Qaataba"),
        ),
        (
            "On 9 May, Al Shabaab [HSM] militants fired mortars at Afgoye town.",
            ("Al-Shabaab", "STRIKES", "Afgoye"),
        ),
    ],
)
def test_an_editors_aside_in_square_brackets_does_not_break_the_clause(extractor, text, edge):
    from graph.model import Article

    found = extractor.extract(Article("t", text))
    names = {a.id: a.name for a in found.actors}
    got = {(names[r.source], r.kind.value, names[r.target]) for r in found.relations}
    assert edge in got
    # the evidence keeps the article's own brackets
    assert all("[" in e.sentence for r in found.relations for e in r.evidence)


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 7 May, clashes took place between Ahrar al-Sham against the Levant Front in Afrin.",
            ("Ahrar al-Sham", "FIGHTS", "Levant Front"),
        ),
        (
            "Fighting broke out between the RSF against SAF troops in Bara.",
            ("Rapid Support Forces", "FIGHTS", "Sudan"),
        ),
        (
            "Clashes erupted between JNIM against Wagner fighters near Niono.",
            ("Jama'at Nusrat al-Islam wal-Muslimin", "FIGHTS", "Wagner Group"),
        ),
    ],
)
def test_between_a_against_b_is_a_clash_of_a_and_b(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 2 June, a clash between the TCP (Pure Third Command) and CV (Red Command) "
            "groups took place in Cordovil.",
            ("Terceiro Comando Puro", "FIGHTS", "Comando Vermelho"),
        ),
        (
            "On 12 July, clashes between the ADF and CODECO militias took place near Bunia.",
            ("Allied Democratic Forces", "FIGHTS", "CODECO"),
        ),
        (
            "Fighting between Fano and TPLF forces continued near Alamata.",
            ("Fano", "FIGHTS", "Tigray People's Liberation Front"),
        ),
    ],
)
def test_sides_named_as_modifiers_of_one_plural_noun(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "(CNN)Saudi and allied warplanes struck rebels in Yemen on Thursday. Officials "
            "in Riyadh said the campaign would go on for weeks and that ground troops were "
            "ready. Several Gulf states sent jets, and Egypt offered ships for a blockade of "
            "the coast. The kingdom's neighbours have long feared a hostile state on their "
            "border. Since last year the Houthi rebels have held the capital, Sanaa.",
            ("Saudi Arabia", "STRIKES", "Houthis"),
        ),
        (
            "(AFP)Ethiopian drones struck rebels in Amhara on Monday. Officials said the "
            "operation targeted command posts and would continue. The region has seen "
            "fighting for months, and aid groups say roads are closed. Residents described "
            "long queues for fuel and bread. In Gondar, Fano militiamen blocked the main road.",
            ("Ethiopia", "STRIKES", "Fano"),
        ),
        (
            "(Reuters)Nigerian jets bombed insurgents in Borno on Friday. The air force said "
            "the raids hit camps and logistics hubs near the lake. Officials gave no toll, and "
            "the claims could not be checked. Aid workers said thousands had fled. ISWAP "
            "later said its fighters had repelled an assault near Marte.",
            ("Nigeria", "STRIKES", "Islamic State West Africa Province"),
        ),
    ],
)
def test_the_rebels_of_a_lead_are_the_one_group_the_story_names_later(extract, text, edge):
    found = edges(extract(text))
    assert edge in found
    assert not any(s in ("CNN", "Agence France-Presse", "Reuters") for s, _, _ in found)


def test_the_rebels_of_a_lead_stay_unnamed_when_the_story_later_names_several_groups(extract):
    text = (
        "Syrian jets struck rebels in Idlib on Monday. Officials said the raids hit depots "
        "and tunnels, and that the army would press on until the roads were safe again. Aid "
        "agencies counted hundreds of families fleeing north toward the border, many of "
        "them for the third time in two years. Schools and clinics closed across the "
        "province, and the price of bread doubled in a week. Traders said fuel had run out "
        "in most towns, and that the crossings to the north stayed shut for a fifth day. "
        "Later in the week Hayat Tahrir "
        "al-Sham and the National Front for Liberation both said they had lost fighters."
    )
    found = edges(extract(text))
    assert not any(
        k == "STRIKES" and t in ("Hayat Tahrir al-Sham", "National Front for Liberation")
        for _, k, t in found
    ), found


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 3 May, an operation by Afghan military commandos killed at least 8 Taliban "
            "militants in Yangi village.",
            ("Afghanistan", "STRIKES", "Taliban"),
        ),
        (
            "On 9 June, a raid by Somali special forces killed 6 Al Shabaab fighters near Jilib.",
            ("Somalia", "STRIKES", "Al-Shabaab"),
        ),
        (
            "On 2 July, an ambush by ISWAP fighters killed 11 Nigerian soldiers near Monguno.",
            ("Islamic State West Africa Province", "STRIKES", "Nigeria"),
        ),
    ],
)
def test_an_event_noun_with_its_author_that_killed_a_side_strikes_it(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 19 March, 10 Taliban militants were killed and 3 were wounded following their "
            "attacks on Afghan forces in Laghman.",
            ("Taliban", "STRIKES", "Afghanistan"),
        ),
        (
            "On 2 May, 6 Al Shabaab fighters were killed and 4 were injured following their "
            "assault on Somali troops near Afgoye.",
            ("Al-Shabaab", "STRIKES", "Somalia"),
        ),
        (
            "On 5 June, 12 JNIM militants were killed and 2 were captured following their attack "
            "on Malian soldiers near Boni.",
            ("Jama'at Nusrat al-Islam wal-Muslimin", "STRIKES", "Mali"),
        ),
    ],
)
def test_their_attack_is_the_attack_of_the_dead_named_before_the_count(extract, text, edge):
    assert edge in edges(extract(text))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "On 4 May, 15 Taliban militants were killed and 5 were wounded when Afghan forces "
            "repulsed their attack in Nad Ali district.",
            ("Afghanistan", "FIGHTS", "Taliban"),
        ),
        (
            "On 8 June, 9 Houthi fighters were killed and 4 were wounded when government forces "
            "of Yemen repulsed their attack near Marib.",
            ("Yemen", "FIGHTS", "Houthis"),
        ),
        (
            "On 1 April, 7 RSF fighters were killed and 3 were wounded when Sudanese troops "
            "repelled their attack on El Obeid.",
            ("Sudan", "FIGHTS", "Rapid Support Forces"),
        ),
    ],
)
def test_a_repulsed_attack_is_a_clash_with_the_dead_named_before_the_count(extract, text, edge):
    found = edges(extract(text))
    assert edge in found or (edge[2], edge[1], edge[0]) in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "On 1 May, Houthi forces shelled civilian areas of Salim [Al Fajir] (Qaatabah, Ad "
            "Dali).",
            "Salim",
        ),
        (
            "On 4 June, RSF fighters shelled Um Sumeima [Umm Sumaymah] west of El Obeid.",
            "Um Sumeima",
        ),
        (
            "On 6 July, Russian drones struck Kozacha Lopan [Kozachya Lopan] near the border.",
            "Kozacha Lopan",
        ),
    ],
)
def test_no_name_runs_into_a_bracket(extractor, text, name):
    from graph.model import Article

    actors = extractor.extract(Article("t", text)).actors
    names = {a.name for a in actors}
    assert not any(c in n for n in names for c in "()[]"), names
    assert any(n.startswith(name.split()[0]) for n in names), names
