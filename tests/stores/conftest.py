"""The ``store`` fixtures: every contract test runs against each store implementation.

The embedded store runs on a fresh file in a temp dir. The Neo4j store runs over Bolt against
the server ``ACTORGRAPH_TEST_NEO4J_URI`` names (user and password from
``ACTORGRAPH_NEO4J_USER``/``ACTORGRAPH_NEO4J_PASSWORD``), or, with that variable unset,
against an ArcadeDB server the session starts for itself (see :mod:`bench.bolt_server`);
its database is wiped before every store.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bench.bolt_server import BoltServer, bolt_server
from graph.stores.base import GraphStore
from graph.stores.sqlite.store import EmbeddedStore

NEO4J_URI = os.environ.get("ACTORGRAPH_TEST_NEO4J_URI")


def _given_server() -> BoltServer:
    from neo4j import GraphDatabase

    user = os.environ.get("ACTORGRAPH_NEO4J_USER", "neo4j")
    password = os.environ.get("ACTORGRAPH_NEO4J_PASSWORD", "")
    database = os.environ.get("ACTORGRAPH_NEO4J_DATABASE") or ""
    with GraphDatabase.driver(str(NEO4J_URI), auth=(user, password)) as driver:
        agent = driver.get_server_info().agent
    return BoltServer(str(NEO4J_URI), user, password, database, agent)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """The Bolt server of this test session, started on first use and stopped at the end."""
    if NEO4J_URI:
        yield _given_server()
        return
    with bolt_server(tmp_path_factory.mktemp("bolt")) as server:
        yield server


def _wipe(server: BoltServer) -> None:
    from neo4j import GraphDatabase

    with (
        GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver,
        driver.session(database=server.database or None) as session,
    ):
        session.run("MATCH (n) DETACH DELETE n").consume()


class StoreMaker:
    """Opens fresh, empty stores of one kind (several per test for property tests)."""

    def __init__(self, kind: str, base: Path, server: BoltServer | None = None) -> None:
        self.kind = kind
        self.base = base
        self.server = server

    def _new(self) -> GraphStore:
        if self.server is None:
            return EmbeddedStore(Path(tempfile.mkdtemp(dir=self.base)) / "graph.sqlite3")
        from graph.stores.neo4j.store import Neo4jStore

        _wipe(self.server)
        store: GraphStore = Neo4jStore(
            self.server.uri,
            self.server.user,
            self.server.password,
            database=self.server.database or None,
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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "arcadedb_differs(reason): the Neo4j store over ArcadeDB's Bolt server answers "
        "otherwise than over Neo4j; a strict xfail there, and only there",
    )


def _expect_difference(request: pytest.FixtureRequest, server: BoltServer) -> None:
    marker = request.node.get_closest_marker("arcadedb_differs")
    if marker is not None and "ArcadeDB" in server.agent:
        reason = f"{server.agent}: {marker.kwargs['reason']}"
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreMaker:
    if request.param == "embedded":
        return StoreMaker("embedded", tmp_path)
    server: BoltServer = request.getfixturevalue("live_server")
    _expect_difference(request, server)
    return StoreMaker("neo4j", tmp_path, server)


@pytest.fixture
async def store(make_store: StoreMaker) -> AsyncIterator[GraphStore]:
    async with make_store.fresh() as opened:
        yield opened
