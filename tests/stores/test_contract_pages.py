"""The store contract, pages: a limit or an offset beyond 32 bits means what it says."""

from __future__ import annotations

import pytest

from graph.stores.base import GraphStore, RelationFilter

from .corpus import ALL

pytestmark = pytest.mark.anyio

HUGE = 2**32 + 1  # past 32 bits, where a wrapped or cut value would be 1


async def test_a_limit_past_32_bits_is_no_limit(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    assert len(await store.get_articles(limit=HUGE)) == await store.count_articles()
    assert len(await store.search_actors(limit=HUGE)) == await store.count_actors()
    relations = await store.get_relations(RelationFilter(), limit=HUGE)
    assert len(relations) == await store.count_relations(RelationFilter())


@pytest.mark.arcadedb_differs(
    reason="SKIP is cut to 32 bits there (2**32 + 1 skips one row), so the store refuses an "
    "offset past 2**31 - 1 with a BadInputError; Neo4j skips every row and answers an empty page"
)
async def test_an_offset_past_32_bits_skips_everything(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    assert await store.get_articles(offset=HUGE) == []
    assert await store.search_actors(offset=HUGE) == []
    assert await store.get_relations(RelationFilter(), offset=HUGE) == []
