"""The store contract, part one: ingest, replace, delete, lookups and filters.

Every test runs against each store (see conftest.py). The other parts:
``test_contract_graph.py`` (neighbourhoods, paths, supporters), ``test_contract_curation.py``
(merge, alias, split, undo) and ``test_contract_properties.py`` (hypothesis properties).
``reference.py`` computes what a store must hold after a sequence of ingests.

The rules, in short:

- Ingest is keyed by article id and content hash: the same text again is UNCHANGED and
  writes nothing (even if the extraction differs); a new text REPLACES the old evidence.
- Reports of one (source, kind, target, modality) are one relation: confidence is the maximum
  over its evidence, first/last reported the earliest/latest dated evidence (``None`` when
  none is dated), article_count the distinct articles. An undated relation fails every date
  filter; ``since`` tests last_reported, ``until`` and ``as_of`` test first_reported.
- A relation left without evidence is gone; so is an actor no article mentions and no
  relation touches. Mentions are summed over articles; aliases are every other name the
  articles (or curation) gave an actor, one per folded form, sorted.
- Lists come in a stable order: relations and articles by id, actors found by search exact
  match first, then by mentions (descending), then by id; paths and chains shortest first,
  then by actor ids, then by relation ids.
- ``get_actor`` of a merged-away id gives the kept actor; undo restores the store exactly and
  refuses while a later curation of the same actors stands.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from graph.errors import BadInputError
from graph.model import ActorKind, Extraction, Modality, Relation, RelationKind
from graph.stores.base import (
    Direction,
    GraphStore,
    IngestResult,
    IngestStatus,
    RelationFilter,
)

from .conftest import StoreMaker
from .corpus import (
    ALL,
    BACKS,
    CAPTURES,
    CONGO_1,
    EL_FASHER,
    FAMA,
    FARDC,
    FIGHTS,
    HEMEDTI,
    HOUTHIS,
    IRAN,
    JNIM,
    MALI,
    RSF,
    SAF,
    STRIKES,
    SUDAN_1,
    SUDAN_2,
    UAE,
    WAGNER,
    YEMEN_1,
    YEMEN_2,
    Fact,
    report,
    rid,
)
from .reference import expected_snapshot

pytestmark = pytest.mark.anyio


async def ids_of(store: GraphStore, flt: RelationFilter) -> list[str]:
    return [r.id for r in await store.get_relations(flt, limit=1000)]


# -- ingest, replace, delete -----------------------------------------------------------------


async def test_ingest_stores_the_article_and_reports_added(store: GraphStore) -> None:
    [result] = await store.ingest_many([SUDAN_1])
    assert result == IngestResult("sudan-2023-04", IngestStatus.ADDED, actors=4, relations=3)
    info = await store.get_article("sudan-2023-04")
    assert info is not None
    assert (info.title, info.url, info.published) == (
        "Report sudan-2023-04",
        "https://news.example/sudan-2023-04",
        date(2023, 4, 16),
    )
    assert info.content_hash == SUDAN_1.article.content_hash
    assert info.relations == 3
    assert await store.count_articles() == 1
    assert await store.get_article("nowhere") is None


async def test_the_whole_corpus_is_stored_as_the_reference_says(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    assert await store.snapshot() == expected_snapshot(ALL)


async def test_same_article_again_is_unchanged_and_writes_nothing(store: GraphStore) -> None:
    await store.ingest_many([SUDAN_1, SUDAN_2])
    before = await store.snapshot()
    info = await store.get_article("sudan-2024-05")
    result = await store.ingest(SUDAN_2)
    assert result.status is IngestStatus.UNCHANGED
    assert await store.snapshot() == before
    assert await store.get_article("sudan-2024-05") == info


async def test_new_text_replaces_the_old_evidence(store: GraphStore) -> None:
    await store.ingest_many([SUDAN_1, SUDAN_2])
    revised = report("sudan-2024-05", date(2024, 5, 13), [
        Fact(RSF, CAPTURES, EL_FASHER, "The RSF took El Fasher.", source_text="RSF"),
    ])  # fmt: skip
    assert (await store.ingest(revised)).status is IngestStatus.REPLACED
    relations = {r.id: r for r in (await store.snapshot()).relations}
    assert rid(RSF, STRIKES, EL_FASHER) not in relations  # only the old text evidenced it
    assert rid(RSF, CAPTURES, EL_FASHER) in relations
    fights = relations[rid(RSF, FIGHTS, SAF)]  # still evidenced by the other article
    assert [e.article_id for e in fights.evidence] == ["sudan-2023-04"]
    assert (fights.confidence, fights.last_reported) == (0.8, date(2023, 4, 16))
    assert await store.get_actor(UAE.id) is None  # only the old text named it
    info = await store.get_article("sudan-2024-05")
    assert info is not None and info.content_hash == revised.article.content_hash
    assert await store.snapshot() == expected_snapshot([SUDAN_1, SUDAN_2, revised])


async def test_replacing_equals_ingesting_the_new_text_alone(make_store: StoreMaker) -> None:
    revised = report("yemen-2021-02", date(2021, 2, 9), [
        Fact(IRAN, BACKS, HOUTHIS, "Iran backs Ansar Allah, the reports say.", Modality.REPORTED),
    ])  # fmt: skip
    async with make_store.fresh() as store:
        await store.ingest_many([YEMEN_1, YEMEN_2, revised])
        replaced = await store.snapshot()
    async with make_store.fresh() as store:
        await store.ingest_many([YEMEN_1, revised])
        assert await store.snapshot() == replaced


async def test_deleting_an_article_takes_its_evidence_with_it(store: GraphStore) -> None:
    await store.ingest_many([SUDAN_1, SUDAN_2])
    assert await store.delete_article("sudan-2024-05") is True
    relations = {r.id: r for r in await store.get_relations(RelationFilter(), limit=100)}
    assert rid(RSF, STRIKES, EL_FASHER) not in relations  # left without evidence: gone
    assert relations[rid(RSF, FIGHTS, SAF)].article_count == 1
    assert await store.get_actor(EL_FASHER.id) is None  # nothing names it any more
    rsf = await store.get_actor(RSF.id)
    assert rsf is not None and rsf.mentions == 1
    assert await store.get_article("sudan-2024-05") is None
    assert await store.delete_article("sudan-2024-05") is False
    assert await store.snapshot() == expected_snapshot([SUDAN_1])
    assert await store.delete_article("sudan-2023-04") is True
    stats = await store.stats()
    assert (stats.articles, stats.actors, stats.relations, stats.evidence) == (0, 0, 0, 0)


@pytest.mark.parametrize("order", [[SUDAN_1, SUDAN_2], [SUDAN_2, SUDAN_1]])
async def test_two_reports_of_one_relation_merge(
    store: GraphStore, order: list[Extraction]
) -> None:
    await store.ingest_many(order)
    [fights] = await store.get_relations(RelationFilter(source=RSF.id, target=SAF.id))
    assert fights.id == rid(RSF, FIGHTS, SAF)
    assert sorted(e.article_id for e in fights.evidence) == ["sudan-2023-04", "sudan-2024-05"]
    assert fights.article_count == 2
    assert fights.confidence == 0.95  # the maximum over the evidence
    assert (fights.first_reported, fights.last_reported) == (date(2023, 4, 16), date(2024, 5, 12))


async def test_modality_keeps_reports_apart(store: GraphStore) -> None:
    await store.ingest_many([YEMEN_1, YEMEN_2])
    backs = await store.get_relations(RelationFilter(kinds=frozenset({BACKS}), source=IRAN.id))
    assert {r.modality for r in backs} == {Modality.REPORTED, Modality.ASSERTED}


async def test_mentions_sum_per_article_and_aliases_union(store: GraphStore) -> None:
    renamed = dataclasses.replace(RSF, aliases=("Quwat al-Da'm al-Sari", "rsf"))
    extra = report("sudan-2024-06", date(2024, 6, 1), [
        Fact(renamed, STRIKES, EL_FASHER, "RSF drones hit El Fasher.", source_text="RSF"),
    ])  # fmt: skip
    await store.ingest_many([SUDAN_1, SUDAN_2, extra, SUDAN_2, extra])
    rsf = await store.get_actor(RSF.id)
    assert rsf is not None
    assert rsf.mentions == 3  # three articles, each counted once however often ingested
    assert rsf.aliases == ("Quwat al-Da'm al-Sari", "RSF")  # one per folded form


async def test_an_extraction_naming_unlisted_actors_is_refused(store: GraphStore) -> None:
    broken = dataclasses.replace(SUDAN_1, actors=SUDAN_1.actors[:1])
    with pytest.raises(BadInputError):
        await store.ingest(broken)
    assert await store.count_articles() == 0


async def test_an_undated_article_gives_undated_relations(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    [rel] = await store.get_relations(RelationFilter(source=JNIM.id, target=WAGNER.id))
    assert (rel.first_reported, rel.last_reported) == (None, None)


# -- lookups ---------------------------------------------------------------------------------


async def test_get_actors_keeps_the_order_asked(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    found = await store.get_actors([SAF.id, "faction:nobody", RSF.id])
    assert [a.id if a else None for a in found] == [SAF.id, None, RSF.id]
    hemedti = await store.get_actor(HEMEDTI.id)
    assert hemedti is not None and hemedti.kind is ActorKind.PERSON
    fasher = await store.get_actor(EL_FASHER.id)
    assert fasher is not None and fasher.location == EL_FASHER.location


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("rapid", [RSF.id]),  # part of the name
        ("HEMEDTI", [HEMEDTI.id]),  # an alias, any case
        ("forces armees", [FARDC.id]),  # accents folded
        ("Forces Armées de la", [FARDC.id]),
        ("nobody at all", []),
    ],
)
async def test_search_by_name_or_alias(store: GraphStore, query: str, found: list[str]) -> None:
    await store.ingest_many(ALL)
    assert [a.id for a in await store.search_actors(query)] == found
    assert await store.count_actors(query) == len(found)


async def test_search_puts_exact_matches_first_then_mentions(store: GraphStore) -> None:
    more = report("sahel-2023-09", date(2023, 9, 1), [
        Fact(JNIM, STRIKES, FAMA, "JNIM ambushed FAMa near Bamba.", target_text="FAMa"),
    ])  # fmt: skip
    await store.ingest_many([*ALL, more])
    fama = await store.get_actor(FAMA.id)
    mali = await store.get_actor(MALI.id)
    assert fama is not None and mali is not None and fama.mentions > mali.mentions
    assert [a.id for a in await store.search_actors("mali")] == [MALI.id, FAMA.id]
    forces = await store.search_actors("forces")
    ranked = sorted(forces, key=lambda a: (-a.mentions, a.id))
    assert forces == ranked and len(forces) == 4


async def test_search_filters_by_kind(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    cities = await store.search_actors(kind=ActorKind.CITY, limit=100)
    everyone = await store.search_actors(limit=100)
    assert cities == [a for a in everyone if a.kind is ActorKind.CITY]
    assert {a.id for a in cities} == {a.id for a in expected_snapshot(ALL).actors
                                       if a.kind is ActorKind.CITY}  # fmt: skip
    assert await store.count_actors(kind=ActorKind.CITY) == len(cities)
    assert await store.search_actors("rapid", kind=ActorKind.STATE) == []
    assert everyone == sorted(everyone, key=lambda a: (-a.mentions, a.id))


def _reference(keep: object) -> list[str]:
    return [r.id for r in expected_snapshot(ALL).relations if keep(r)]  # type: ignore[operator]


FILTERS: list[tuple[RelationFilter, object]] = [
    (RelationFilter(), lambda r: True),
    (RelationFilter(kinds=frozenset({BACKS})), lambda r: r.kind is BACKS),
    (RelationFilter(kinds=frozenset({STRIKES, CAPTURES})), lambda r: r.kind in {STRIKES, CAPTURES}),
    (RelationFilter(kinds=frozenset()), lambda r: False),
    (RelationFilter(source=RSF.id), lambda r: r.source == RSF.id),
    (RelationFilter(target=FAMA.id), lambda r: r.target == FAMA.id),
    (RelationFilter(since=date(2024, 1, 1)),
     lambda r: r.last_reported is not None and r.last_reported >= date(2024, 1, 1)),
    (RelationFilter(until=date(2015, 12, 31)),
     lambda r: r.first_reported is not None and r.first_reported <= date(2015, 12, 31)),
    (RelationFilter(as_of=date(2020, 1, 1)),
     lambda r: r.first_reported is not None and r.first_reported <= date(2020, 1, 1)),
    (RelationFilter(min_confidence=0.8), lambda r: r.confidence >= 0.8),
    (RelationFilter(modalities=frozenset({Modality.ALLEGED, Modality.CLAIMED})),
     lambda r: r.modality in {Modality.ALLEGED, Modality.CLAIMED}),
    (RelationFilter(kinds=frozenset({BACKS}), since=date(2022, 1, 1), min_confidence=0.6),
     lambda r: r.kind is BACKS and r.last_reported is not None
     and r.last_reported >= date(2022, 1, 1) and r.confidence >= 0.6),
]  # fmt: skip


@pytest.mark.parametrize(("flt", "keep"), FILTERS)
async def test_get_relations_filters(store: GraphStore, flt: RelationFilter, keep: object) -> None:
    await store.ingest_many(ALL)
    expected = _reference(keep)
    found = await store.get_relations(flt, limit=1000)
    assert [r.id for r in found] == expected  # by id
    assert await store.count_relations(flt) == len(expected)


async def test_filters_pick_what_the_corpus_says(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    old = await ids_of(store, RelationFilter(as_of=date(2015, 12, 31)))
    assert set(old) == {r.id for ex in (YEMEN_1, CONGO_1) for r in ex.relations}
    undated = rid(JNIM, FIGHTS, WAGNER)
    assert undated in await ids_of(store, RelationFilter())
    for dated in (RelationFilter(since=date(1900, 1, 1)), RelationFilter(until=date(2100, 1, 1)),
                  RelationFilter(as_of=date(2100, 1, 1))):  # fmt: skip
        assert undated not in await ids_of(store, dated)


async def test_relations_page_by_id(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    everything = await ids_of(store, RelationFilter())
    pages = [
        [r.id for r in await store.get_relations(RelationFilter(), limit=4, offset=o)]
        for o in range(0, len(everything) + 4, 4)
    ]
    assert [i for page in pages for i in page] == everything == sorted(everything)


@pytest.mark.parametrize("direction", list(Direction))
async def test_relations_of_many_actors_at_once(store: GraphStore, direction: Direction) -> None:
    await store.ingest_many(ALL)
    actors = [RSF.id, "faction:nobody", FAMA.id, IRAN.id]
    found = await store.relations_of(actors, direction)
    snapshot = expected_snapshot(ALL).relations

    def touches(rel: Relation, actor: str) -> bool:
        out, into = rel.source == actor, rel.target == actor
        return {Direction.OUT: out, Direction.IN: into, Direction.BOTH: out or into}[direction]

    assert [[r.id for r in rels] for rels in found] == [
        [r.id for r in snapshot if touches(r, actor)] for actor in actors
    ]
    assert found[0] and found[1] == []
    backs = await store.relations_of(actors, direction, RelationFilter(kinds=frozenset({BACKS})))
    assert [[r.id for r in rels] for rels in backs] == [
        [r.id for r in rels if r.kind is BACKS] for rels in found
    ]


async def test_articles_page_by_id_and_stats_count(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    ids = sorted(ex.article.id for ex in ALL)
    assert [a.id for a in await store.get_articles(limit=100)] == ids
    assert [a.id for a in await store.get_articles(limit=5, offset=5)] == ids[5:10]
    assert await store.count_articles() == len(ALL)
    stats = await store.stats()
    reference = expected_snapshot(ALL)
    assert stats.actors == len(reference.actors)
    assert stats.relations == len(reference.relations)
    assert stats.evidence == sum(len(r.evidence) for r in reference.relations)
    assert stats.relations_by_kind == {
        k.value: n for k in RelationKind
        if (n := sum(r.kind is k for r in reference.relations))
    }  # fmt: skip
    assert sum(stats.actors_by_kind.values()) == stats.actors


async def test_ping_and_close(make_store: StoreMaker) -> None:
    async with make_store.fresh() as store:
        assert await store.ping() is True
    assert await store.ping() is False
