"""DataLoaders keep the number of store calls per request fixed as a page grows."""

from __future__ import annotations

import pytest
from api_harness import Api, CountingStore, chain_world, serve

from api.app import create_app, settings_store
from graph.settings import Settings
from graph.stores.base import GraphStore

pytestmark = pytest.mark.anyio

PAGE = """query($first: Int!) { actors(first: $first) { edges { node {
  id name
  relationsOut { kind target { id name } }
  relationsIn { kind source { id name } }
  backers { id name }
  backing { id name backers { id } }
} } } }"""


async def test_store_calls_do_not_grow_with_the_page(settings: Settings) -> None:
    proxies: list[CountingStore] = []

    def counting_store(s: Settings) -> GraphStore:
        proxies.append(CountingStore(settings_store(s)))
        return proxies[-1]  # type: ignore[return-value]

    async with serve(create_app(settings, make_store=counting_store)) as api:
        await api.store.ingest_many(chain_world(150))
        counts = {}
        for first in (10, 100):
            proxies[0].calls.clear()
            data = await api.data(PAGE, {"first": first})
            edges = data["actors"]["edges"]
            assert len(edges) == first
            assert sum(len(e["node"]["backing"]) for e in edges) >= first - 1  # work was done
            counts[first] = dict(proxies[0].calls)
    assert counts[10] == counts[100], counts
    # one search; relations out and in for the page, and relations in for the actors it backs
    # (a second level); one batched actor lookup; never one call per actor
    assert counts[100] == {"search_actors": 1, "relations_of": 3, "get_actors": 1}, counts


async def test_loaders_are_fresh_per_request(seeded: Api) -> None:
    """A second request sees a change the first could have cached."""
    query = '{ actor(id: "state:russia") { aliases } }'
    before = (await seeded.data(query))["actor"]["aliases"]
    await seeded.store.add_alias("state:russia", "Kremlin")
    after = (await seeded.data(query))["actor"]["aliases"]
    assert "Kremlin" not in before and "Kremlin" in after
