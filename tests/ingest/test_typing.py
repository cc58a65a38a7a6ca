"""What kind of thing a name is: the tagger's guess gives way to where the name stands, to the
ISO list of provinces and states, and to the kind word the article gives it elsewhere."""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import Extractor
from graph.model import ActorKind, Article


def kinds(extractor: Extractor, text: str) -> dict[str, set[ActorKind]]:
    """Every name or alias in the extraction -> the kinds of the nodes that carry it."""
    out: dict[str, set[ActorKind]] = {}
    for actor in extractor.extract(Article("t", text)).actors:
        for name in {actor.name, *actor.aliases}:
            out.setdefault(name, set()).add(actor.kind)
    return out


# ---- a name where only a place can stand -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Rebels retook the villages of Kafr Dael and Umm Jurn after a night of fighting.",
            ["Kafr Dael", "Umm Jurn"],
        ),
        (
            "Gunmen killed nine farmers in the villages of Dogon Daji and Tungan Bako on Sunday.",
            ["Dogon Daji", "Tungan Bako"],
        ),
        (
            "The army took villages including Wadi Kutum and Abu Gamra while battles raged.",
            ["Wadi Kutum", "Abu Gamra"],
        ),
        (
            "Militants shelled the town of Bir Hakeem late on Monday, residents said.",
            ["Bir Hakeem"],
        ),
        (
            "Drone strikes hit Sar Kandaw, a village south of Kunduz, on Friday.",
            ["Sar Kandaw"],
        ),
        (
            "Soldiers were ambushed three kilometres east of Kyaukpadaung on Tuesday.",
            ["Kyaukpadaung"],
        ),
    ],
)
def test_a_name_in_a_place_position_is_a_place(extractor, text, places):
    found = kinds(extractor, text)
    for place in places:
        assert found.get(place) == {ActorKind.CITY}, (place, found.get(place))


def test_every_mention_of_a_retyped_name_is_the_place(extractor):
    text = (
        "Insurgents attacked the village of Tal Mahdi on Monday. "
        "Tal Mahdi lies on a hill above the main road."
    )
    assert kinds(extractor, text).get("Tal Mahdi") == {ActorKind.CITY}


# ---- provinces, states and governorates ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Cartel gunmen clashed with state police in Sinaloa on Friday.", "Sinaloa"),
        ("Maoist rebels ambushed a police patrol in Jharkhand, officials said.", "Jharkhand"),
        ("The Taliban attacked a checkpoint in Kunar overnight.", "Kunar"),
        ("Bandits raided several villages across Zamfara last week.", "Zamfara"),
    ],
)
def test_a_province_named_bare_is_a_region(extractor, text, region):
    assert kinds(extractor, text).get(region) == {ActorKind.REGION}


def test_a_province_that_shares_its_name_with_its_city_is_the_city(extractor):
    text = "Houthi forces shelled Taiz on Sunday, killing four civilians."
    assert kinds(extractor, text).get("Taiz") == {ActorKind.CITY}


# ---- one name, one thing in one story -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Gunmen opened fire at the El Pelicano bar on Friday night. "
            "Most of those killed worked at El Pelicano.",
            "El Pelicano",
            ActorKind.FACILITY,
        ),
        (
            "A car bomb exploded outside the Sahafi hotel in Mogadishu. "
            "Guards at Sahafi returned fire.",
            "Sahafi",
            ActorKind.FACILITY,
        ),
        (
            "RSF fighters stormed Wad Nourah village on Wednesday. "
            "Survivors from Wad Nourah described the attack.",
            "Wad Nourah",
            ActorKind.CITY,
        ),
    ],
)
def test_a_bare_name_is_what_the_article_called_it(extractor, text, name, kind):
    assert kinds(extractor, text).get(name) == {kind}


def test_a_common_noun_that_starts_a_sentence_names_nothing(extractor):
    found = kinds(extractor, "Gunmen arrived at the market late on Friday night.")
    assert "Gunmen" not in found


# ---- a capital that acts is its government ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "capital", "state"),
    [
        (
            "The YPG is a key partner against IS. Washington regards the group as its most "
            "effective ally.",
            "Washington",
            "United States",
        ),
        (
            "Britain sent body armour in response to a request from Kyiv for equipment.",
            "Kyiv",
            "Ukraine",
        ),
        (
            "Rebels backed by Turkey seized the town, with Ankara saying it wanted a buffer zone.",
            "Ankara",
            "Turkey",
        ),
    ],
)
def test_a_capital_that_acts_is_its_state(extractor, text, capital, state):
    found = kinds(extractor, text)
    assert found.get(capital) == {ActorKind.STATE}
    assert ActorKind.STATE in found.get(state, set())


def test_a_capital_where_something_happens_is_the_city(extractor):
    found = kinds(extractor, "The minister flew to Kabul for talks on Tuesday.")
    assert found.get("Kabul") == {ActorKind.CITY}


# ---- names spelled another way ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "canonical"),
    [
        (
            "Shabwa Defense Forces clashed with Houthi fighters near Ataq.",
            "Shabwa Defense Forces",
            "Shabwa Defence Forces",
        ),
        (
            "Ambazonian Defence Forces ambushed soldiers near Bamenda.",
            "Ambazonian Defence Forces",
            "Ambazonia Defence Forces",
        ),
        (
            "National Defense Forces militiamen shelled rebel positions near Hama.",
            "National Defense Forces",
            "National Defence Forces",
        ),
    ],
)
def test_a_name_in_another_spelling_is_the_same_actor(extractor, text, name, canonical):
    actors = extractor.extract(Article("t", text)).actors
    owner = [a for a in actors if name in {a.name, *a.aliases}]
    assert [a.name for a in owner] == [canonical]
    assert owner[0].kind is ActorKind.FACTION


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Militants of Lashkar-e-Taiba (LeT) attacked an army camp. LeT later denied it.", "LeT"),
        (
            "Fighters of Harkat-ul-Mujahideen (HuM) were arrested. HuM called a strike.",
            "HuM",
        ),
        ("Jaish-e-Mohammed (JeM) militants stormed a base. JeM claimed the raid.", "JeM"),
    ],
)
def test_a_mixed_case_acronym_is_the_group_it_abbreviates(extractor, text, acronym):
    found = kinds(extractor, text)
    assert found.get(acronym) == {ActorKind.FACTION}


@pytest.mark.parametrize(
    ("text", "place", "kind"),
    [
        (
            "The militants withdrew into the Alinguel Forest after the raid.",
            "Alinguel",
            ActorKind.REGION,
        ),
        ("Shells landed on the outskirts of Kafr Hamra on Sunday.", "Kafr Hamra", ActorKind.CITY),
        (
            "Troops pushed toward the jihadist stronghold of Dar Salam in Borno.",
            "Dar Salam",
            ActorKind.CITY,
        ),
    ],
)
def test_forests_outskirts_and_strongholds_are_places(extractor, text, place, kind):
    assert kinds(extractor, text).get(place) == {kind}


def test_tokens_where_finds_the_same_tokens_as_a_scan():
    from graph.ingest.mention_types import tokens_where
    from graph.ingest.nlp import load_nlp

    doc = load_nlp()("Rebels seized the village of Kalembe. Houthi forces shelled Aden's port.")
    words = frozenset({"village", "forces", "port"})
    assert tokens_where(doc, lower_in=words) == [t for t in doc if t.lower_ in words]
    assert tokens_where(doc, pos="PROPN") == [t for t in doc if t.pos_ == "PROPN"]
