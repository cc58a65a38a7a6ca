"""The store contract, actors named after a curation: an article that names an actor merged
into one of another kind lands on the kept actor, whatever its kind."""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import ActorKind
from graph.stores.base import Direction, GraphStore

from .corpus import ALL, BACKS, IRAN, RSF, SAF, Fact, report

pytestmark = pytest.mark.anyio

LATER = report("sudan-2024-07", date(2024, 7, 1), [
    Fact(IRAN, BACKS, SAF, "Iran backs the Sudanese Armed Forces."),
])  # fmt: skip


async def test_an_article_naming_an_actor_merged_into_another_kind_lands_on_the_kept_one(
    store: GraphStore,
) -> None:
    await store.ingest_many(ALL)
    await store.merge_actors(RSF.id, IRAN.id)  # a state folded into a faction
    await store.ingest(LATER)
    kept = await store.get_actor(IRAN.id)
    assert kept is not None and (kept.id, kept.kind) == (RSF.id, ActorKind.FACTION)
    [relations] = await store.relations_of([RSF.id], Direction.OUT)
    assert any(r.kind is BACKS and r.target == SAF.id for r in relations)
    assert (await store.stats()).actors == len((await store.snapshot()).actors)
