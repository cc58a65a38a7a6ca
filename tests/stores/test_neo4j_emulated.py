"""The whole store contract, run against the Neo4j store over an emulated graph.

Without a Neo4j server, :mod:`tests.stores.emulated_graph` carries out each statement as its
Cypher says, so the contract's tests (imported here, with ``make_store`` and ``store`` made to
give Neo4j stores over that graph) check the store's own logic: how it batches, resolves,
retracts, curates and undoes, and what it makes of the rows it reads. The statements' Cypher is
checked by ``test_cypher_lint.py``; against a live server by the contract suite itself, when
``ACTORGRAPH_TEST_NEO4J_URI`` is set.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import cast

import pytest
from neo4j import AsyncDriver

from graph.stores.base import GraphStore
from graph.stores.neo4j.store import Neo4jStore

from .emulated_graph import EmulatedDriver

pytestmark = pytest.mark.anyio

# every part of the contract, present and future: its tests become this module's tests
for _part in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _part.name.startswith("test_contract"):
        _module = importlib.import_module(f"{__package__}.{_part.name}")
        globals().update({k: v for k, v in vars(_module).items() if k.startswith("test_")})


class EmulatedStores:
    """Fresh Neo4j stores, each over its own empty emulated graph."""

    kind = "neo4j-emulated"

    @asynccontextmanager
    async def fresh(self) -> AsyncIterator[GraphStore]:
        driver = cast(AsyncDriver, EmulatedDriver())
        store = Neo4jStore("neo4j://emulated:7687", "neo4j", "secret", driver=driver)
        await store.open()
        try:
            yield store
        finally:
            await store.close()


@pytest.fixture
def make_store() -> EmulatedStores:
    return EmulatedStores()


@pytest.fixture
async def store(make_store: EmulatedStores) -> AsyncIterator[GraphStore]:
    async with make_store.fresh() as opened:
        yield opened
