"""The store contract, part three: curation (merge, alias, split) and its exact undo.

After an undo the store must equal a store that never saw the curation, even when articles
were ingested in between: the reference snapshot of all the articles is the judge.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import BadInputError, NotFoundError
from graph.model import ActorKind, actor_id
from graph.stores.base import Direction, GraphStore, RelationFilter

from .corpus import (
    ALL,
    BACKS,
    FAMA,
    HOUTHIS,
    IRAN,
    JNIM,
    MARIB,
    RUSSIA,
    STRIKES,
    WAGNER,
    Fact,
    actor,
    report,
    rid,
)
from .reference import expected_snapshot

pytestmark = pytest.mark.anyio

HOUTHI_MOVEMENT = actor(ActorKind.FACTION, "Houthi movement", "Ansar Allah movement")
DUPLICATE = report("yemen-2024-01", date(2024, 1, 12), [
    Fact(HOUTHI_MOVEMENT, STRIKES, MARIB, "The Houthi movement shelled Marib."),
    Fact(IRAN, BACKS, HOUTHI_MOVEMENT, "Iran supplies the Houthi movement.", confidence=0.9),
])  # fmt: skip
LATER = report("yemen-2024-03", date(2024, 3, 2), [
    Fact(IRAN, BACKS, HOUTHI_MOVEMENT, "Iran shipped drones to the Houthi movement."),
])  # fmt: skip
AFRICA_CORPS = actor_id(ActorKind.FACTION, "Africa Corps")
SAHEL_LATER = report("sahel-2024-06", date(2024, 6, 3), [
    Fact(WAGNER, STRIKES, JNIM, "Wagner raided a JNIM camp.", source_text="Wagner"),
])  # fmt: skip


async def test_merge_folds_one_actor_into_another(store: GraphStore) -> None:
    await store.ingest_many([*ALL, DUPLICATE])
    before = await store.stats()
    record = await store.merge_actors(HOUTHIS.id, HOUTHI_MOVEMENT.id)
    assert (record.action, record.actor_id, record.other_id) == (
        "merge",
        HOUTHIS.id,
        HOUTHI_MOVEMENT.id,
    )
    assert (await store.stats()).actors == before.actors - 1
    merged = await store.get_actor(HOUTHI_MOVEMENT.id)  # the old id leads to the kept actor
    assert merged is not None and merged.id == HOUTHIS.id
    assert {"Houthi movement", "Ansar Allah movement", "Houthis"} <= set(merged.aliases)
    assert merged.mentions == 3
    [backs] = await store.get_relations(
        RelationFilter(source=IRAN.id, target=HOUTHIS.id, kinds=frozenset({BACKS}),
                       min_confidence=0.85)
    )  # fmt: skip
    assert backs.id == rid(IRAN, BACKS, HOUTHIS)  # the duplicate merged into the existing one
    assert sorted(e.article_id for e in backs.evidence) == ["yemen-2021-02", "yemen-2024-01"]
    assert (backs.confidence, backs.article_count) == (0.9, 2)
    strikes = await store.get_relations(RelationFilter(target=MARIB.id))
    assert [r.id for r in strikes] == [rid(HOUTHIS, STRIKES, MARIB)]
    assert await store.relations_of([HOUTHI_MOVEMENT.id], direction=Direction.BOTH) == [[]]
    assert [a.id for a in await store.search_actors("houthi movement")] == [HOUTHIS.id]


async def test_articles_naming_a_merged_actor_land_on_the_kept_one(store: GraphStore) -> None:
    await store.ingest_many([*ALL, DUPLICATE])
    await store.merge_actors(HOUTHIS.id, HOUTHI_MOVEMENT.id)
    await store.ingest(LATER)
    revised = report("yemen-2024-01", date(2024, 1, 13), [
        Fact(HOUTHI_MOVEMENT, STRIKES, MARIB, "The Houthi movement shelled Marib again."),
    ])  # fmt: skip
    await store.ingest(revised)
    snapshot = await store.snapshot()
    assert HOUTHI_MOVEMENT.id not in {a.id for a in snapshot.actors}
    assert all(HOUTHI_MOVEMENT.id not in (r.source, r.target) for r in snapshot.relations)
    [backs] = [r for r in snapshot.relations if r.id == rid(IRAN, BACKS, HOUTHIS)]
    assert "yemen-2024-03" in {e.article_id for e in backs.evidence}


async def test_undoing_a_merge_restores_the_store_exactly(store: GraphStore) -> None:
    await store.ingest_many([*ALL, DUPLICATE])
    before = await store.snapshot()
    record = await store.merge_actors(HOUTHIS.id, HOUTHI_MOVEMENT.id)
    undo = await store.undo(record.id)
    assert undo.action == "undo"
    assert await store.snapshot() == before
    [latest, merge] = await store.curations(limit=2)
    assert (latest.id, merge.id, merge.undone) == (undo.id, record.id, True)


async def test_undo_after_more_articles_equals_never_merging(store: GraphStore) -> None:
    await store.ingest_many([*ALL, DUPLICATE])
    record = await store.merge_actors(HOUTHIS.id, HOUTHI_MOVEMENT.id)
    await store.ingest(LATER)
    await store.undo(record.id)
    assert await store.snapshot() == expected_snapshot([*ALL, DUPLICATE, LATER])
    assert (await store.get_actor(HOUTHI_MOVEMENT.id)) == next(
        a for a in expected_snapshot([*ALL, DUPLICATE, LATER]).actors
        if a.id == HOUTHI_MOVEMENT.id
    )  # fmt: skip


async def test_alias_is_searchable_and_undone(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    before = await store.snapshot()
    record = await store.add_alias(HOUTHIS.id, "Ansarullah")
    assert (record.action, record.actor_id) == ("alias", HOUTHIS.id)
    assert [a.id for a in await store.search_actors("ansarullah")] == [HOUTHIS.id]
    houthis = await store.get_actor(HOUTHIS.id)
    assert houthis is not None and "Ansarullah" in houthis.aliases
    await store.undo(record.id)
    assert await store.search_actors("ansarullah") == []
    assert await store.snapshot() == before


async def test_split_moves_names_and_their_evidence_out(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    record = await store.split_actor(WAGNER.id, ["Africa Corps", "Wagner"], ActorKind.FACTION)
    assert (record.action, record.actor_id, record.other_id) == ("split", WAGNER.id, AFRICA_CORPS)
    corps = await store.get_actor(AFRICA_CORPS)
    assert corps is not None and (corps.name, corps.aliases) == ("Africa Corps", ("Wagner",))
    wagner = await store.get_actor(WAGNER.id)
    assert wagner is not None and "Wagner" not in wagner.aliases
    [backer] = await store.supporters(FAMA.id, depth=2)  # the chain to Russia is cut
    assert [a.id for a in backer.actors] == [FAMA.id, AFRICA_CORPS]
    to_wagner = await store.get_relations(RelationFilter(target=WAGNER.id))
    assert [r.id for r in to_wagner] == [rid(RUSSIA, BACKS, WAGNER)]  # named "Wagner Group"
    await store.ingest(SAHEL_LATER)  # "Wagner" in new reports goes to the split-off actor
    [raid] = await store.get_relations(RelationFilter(kinds=frozenset({STRIKES}), target=JNIM.id))
    assert raid.source == AFRICA_CORPS


async def test_undoing_a_split_equals_never_splitting(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    before = await store.snapshot()
    record = await store.split_actor(WAGNER.id, ["Africa Corps", "Wagner"])
    await store.undo(record.id)
    assert await store.snapshot() == before
    record = await store.split_actor(WAGNER.id, ["Africa Corps", "Wagner"])
    await store.ingest(SAHEL_LATER)
    await store.undo(record.id)
    assert await store.snapshot() == expected_snapshot([*ALL, SAHEL_LATER])


async def test_undo_refuses_what_it_cannot_do(store: GraphStore) -> None:
    await store.ingest_many([*ALL, DUPLICATE])
    with pytest.raises(NotFoundError):
        await store.undo("no-such-curation")
    original = await store.snapshot()
    merge = await store.merge_actors(HOUTHIS.id, HOUTHI_MOVEMENT.id)
    alias = await store.add_alias(HOUTHIS.id, "Ansarullah")
    with pytest.raises(BadInputError):  # the alias was added on top of the merge
        await store.undo(merge.id)
    undo_alias = await store.undo(alias.id)
    with pytest.raises(BadInputError):
        await store.undo(alias.id)  # already undone
    with pytest.raises(BadInputError):
        await store.undo(undo_alias.id)  # an undo is not undone
    await store.undo(merge.id)
    assert await store.snapshot() == original


async def test_curation_refuses_bad_requests(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    before = await store.snapshot()
    with pytest.raises(BadInputError):
        await store.merge_actors(HOUTHIS.id, HOUTHIS.id)
    with pytest.raises(NotFoundError):
        await store.merge_actors(HOUTHIS.id, "faction:nobody")
    with pytest.raises(NotFoundError):
        await store.add_alias("faction:nobody", "Somebody")
    with pytest.raises(BadInputError):
        await store.add_alias(HOUTHIS.id, "   ")
    with pytest.raises(BadInputError):
        await store.split_actor(WAGNER.id, [])
    with pytest.raises(NotFoundError):
        await store.split_actor("faction:nobody", ["Somebody"])
    assert await store.snapshot() == before
    assert await store.curations() == []


async def test_curations_are_listed_newest_first(store: GraphStore) -> None:
    await store.ingest_many([*ALL, DUPLICATE])
    first = await store.add_alias(IRAN.id, "Islamic Republic")
    second = await store.merge_actors(HOUTHIS.id, HOUTHI_MOVEMENT.id)
    listed = await store.curations()
    assert [c.id for c in listed] == [second.id, first.id]
    assert listed[1].detail == {"alias": "Islamic Republic"}
    assert all(c.created_at is not None and not c.undone for c in listed)
    assert [c.id for c in await store.curations(limit=1)] == [second.id]
