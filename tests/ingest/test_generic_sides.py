"""Who 'the rebels', 'various factions' and unit words stand for: a government's militias
are never 'the rebels'; several factions are no one group; 'Battalion' and 'Army camp' name no
actor or place by themselves; a tagger entity that ran over a lost comma is two names."""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import Extractor
from graph.model import Article
from tests.ingest.edge_sets import edges


@pytest.mark.parametrize(
    ("text", "militia"),
    [
        (
            "Two Hezbollah members were killed near Aleppo. Government forces shelled rebels "
            "in the countryside.",
            "Hezbollah",
        ),
        (
            "Fighters of the Popular Mobilization Forces entered the area. Iraqi troops later "
            "attacked insurgents near Tikrit.",
            "Popular Mobilization Forces",
        ),
        (
            "Imbonerakure youths patrolled the market. Burundian soldiers pursued rebels into "
            "the forest.",
            "Imbonerakure",
        ),
    ],
)
def test_a_governments_militia_is_never_the_rebels(extract, text, militia):
    assert not any(t == militia for _, k, t in edges(extract(text)) if k in ("STRIKES", "FIGHTS"))


def test_an_anti_government_militia_can_be_the_rebels(extract):
    text = "Ethiopian drones struck rebel positions on Monday. The Fano militia denied losses."
    assert ("Ethiopia", "STRIKES", "Fano") in edges(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Al-Mourabitoun claimed the raid. Since then the army has battled various rebel "
        "factions in the north.",
        "The M23 took Bunagana. Congolese troops fought several armed groups elsewhere.",
        "JNIM claimed the ambush. The junta has fought numerous militant groups since 2012.",
    ],
)
def test_several_factions_are_no_one_group(extract, text):
    assert not any(k == "FIGHTS" for _, k, _ in edges(extract(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked Battalion headquarters of 3 GR near Uri at dawn.",
        "Major General Singh of 19 Division of Army said the search continued.",
        "Gunmen fired at Brigade headquarters in Kupwara on Monday.",
    ],
)
def test_unit_words_alone_name_no_actor(extractor: Extractor, text):
    actors = extractor.extract(Article("t", text)).actors
    names = {a.name for a in actors}
    assert not names & {"Battalion", "Division of Army", "Brigade", "Battalion headquarters"}


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked Army camp near the Line of Control at Uri.",
        "Gunmen stormed Police station in Sukma district on Friday.",
        "Drones hit Navy base near Sevastopol overnight.",
    ],
)
def test_a_forces_camp_is_not_a_town_named_after_it(extractor: Extractor, text):
    actors = extractor.extract(Article("t", text)).actors
    assert not any(a.name in ("Army", "Police", "Navy") and a.kind.value == "city" for a in actors)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "But Al-Nusra Front Syrias Al-Qaeda affiliate launched a counterattack.",
            {"Hayat Tahrir al-Sham", "Al-Qaeda"},
        ),
        (
            "Fighters of Boko Haram ISWAP rivals clashed near Lake Chad.",
            {"Boko Haram", "Islamic State West Africa Province"},
        ),
        (
            "The Houthis Ansar Allah movement said the RSF Rapid Support Forces had not called.",
            {"Houthis", "Rapid Support Forces"},
        ),
    ],
)
def test_an_entity_over_two_known_names_is_the_two(extractor: Extractor, text, names):
    actors = {a.name for a in extractor.extract(Article("t", text)).actors}
    assert names <= actors, actors
