"""The ``store`` fixtures: every contract test runs against each store implementation.

The embedded store runs on a fresh file in a temp dir. The Neo4j store runs only when
``ACTORGRAPH_TEST_NEO4J_URI`` names a live server (user and password from
``ACTORGRAPH_NEO4J_USER``/``ACTORGRAPH_NEO4J_PASSWORD``); its database is wiped first.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from graph.stores.base import GraphStore
from graph.stores.sqlite.store import EmbeddedStore

NEO4J_URI = os.environ.get("ACTORGRAPH_TEST_NEO4J_URI")
NEO4J_SKIP = "set ACTORGRAPH_TEST_NEO4J_URI to run the contract suite against a live Neo4j"


def _wipe_neo4j() -> None:
    from neo4j import GraphDatabase  # only with a live server

    user = os.environ.get("ACTORGRAPH_NEO4J_USER", "neo4j")
    password = os.environ.get("ACTORGRAPH_NEO4J_PASSWORD", "")
    with (
        GraphDatabase.driver(str(NEO4J_URI), auth=(user, password)) as driver,
        driver.session(database=os.environ.get("ACTORGRAPH_NEO4J_DATABASE") or None) as session,
    ):
        session.run("MATCH (n) DETACH DELETE n").consume()


class StoreMaker:
    """Opens fresh, empty stores of one kind (several per test for property tests)."""

    def __init__(self, kind: str, base: Path) -> None:
        self.kind = kind
        self.base = base

    def _new(self) -> GraphStore:
        if self.kind == "embedded":
            return EmbeddedStore(Path(tempfile.mkdtemp(dir=self.base)) / "graph.sqlite3")
        from graph.stores.neo4j.store import Neo4jStore

        _wipe_neo4j()
        store: GraphStore = Neo4jStore(
            str(NEO4J_URI),
            os.environ.get("ACTORGRAPH_NEO4J_USER", "neo4j"),
            os.environ.get("ACTORGRAPH_NEO4J_PASSWORD"),
            database=os.environ.get("ACTORGRAPH_NEO4J_DATABASE") or None,
        )
        return store

    @asynccontextmanager
    async def fresh(self) -> AsyncIterator[GraphStore]:
        store = self._new()
        await store.open()
        try:
            yield store
        finally:
            await store.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(
    params=[
        "embedded",
        pytest.param(
            "neo4j", marks=[pytest.mark.neo4j, pytest.mark.skipif(not NEO4J_URI, reason=NEO4J_SKIP)]
        ),
    ]
)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreMaker:
    return StoreMaker(request.param, tmp_path)


@pytest.fixture
async def store(make_store: StoreMaker) -> AsyncIterator[GraphStore]:
    async with make_store.fresh() as opened:
        yield opened
