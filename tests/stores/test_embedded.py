"""What only the embedded store promises: its file, its locks, its errors and its factory."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import ConfigError, StoreError, StoreUnavailableError, TransientStoreError
from graph.model import ActorKind
from graph.queries import add_relation
from graph.settings import Settings
from graph.stores import open_store
from graph.stores.base import GraphStore, IngestStatus, RelationFilter
from graph.stores.sqlite.graph_cache import load_graph
from graph.stores.sqlite.reads import page_sql
from graph.stores.sqlite.schema import connect
from graph.stores.sqlite.store import EmbeddedStore

from .corpus import ALL, FAMA, RUSSIA, SAHEL_1, SUDAN_1, SUDAN_2, UKRAINE_1, WAGNER
from .reference import expected_snapshot

pytestmark = pytest.mark.anyio


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "graph.sqlite3", busy_timeout=0.2)
    await store.open()
    yield store
    await store.close()


# -- the factory -----------------------------------------------------------------------------


def test_a_path_opens_the_embedded_store(tmp_path: Path) -> None:
    store = open_store(Settings(store=str(tmp_path / "g.sqlite3")))
    assert isinstance(store, EmbeddedStore) and store.path == tmp_path / "g.sqlite3"
    assert isinstance(store, GraphStore)


@pytest.mark.parametrize("url", ["neo4j://localhost:7687", "neo4j+s://db.example", "bolt://h:7687"])
def test_a_neo4j_url_opens_the_neo4j_store(url: str) -> None:
    from graph.stores.neo4j.store import Neo4jStore

    assert isinstance(open_store(Settings(store=url, neo4j_password="secret")), Neo4jStore)


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("http://localhost:7474", "http://"),
        ("neo4j://", "names no host"),
        ("bolt://db:port", "malformed"),
        ("  ", "no store location"),
    ],
)
def test_a_malformed_location_is_a_config_error(location: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        open_store(Settings(store=location))


# -- the file --------------------------------------------------------------------------------


async def test_a_folder_that_cannot_be_made_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    store = EmbeddedStore(tmp_path / "a-file" / "sub" / "graph.sqlite3")
    with pytest.raises(StoreUnavailableError, match="cannot create the folder"):
        await store.open()


async def test_a_file_that_is_not_a_store_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    path.write_bytes(b"this is no database, " * 100)
    with pytest.raises(StoreUnavailableError, match=r"graph\.sqlite3"):
        await EmbeddedStore(path).open()


async def test_the_file_is_in_wal_mode_with_the_indexes(embedded: EmbeddedStore) -> None:
    conn = sqlite3.connect(embedded.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        indexed = {
            (table, column)
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for (index,) in conn.execute(
                "SELECT name FROM pragma_index_list(?)", (table,)
            ).fetchall()
            for (_, _, column) in conn.execute("SELECT * FROM pragma_index_info(?)", (index,))
        }
    finally:
        conn.close()
    for needed in [("relations", "source"), ("relations", "target"), ("relations", "kind"),
                   ("evidence", "relation_id"), ("evidence", "article_id")]:  # fmt: skip
        assert needed in indexed


async def test_a_page_of_actors_walks_an_index_instead_of_sorting(
    embedded: EmbeddedStore,
) -> None:
    """The unfiltered page (the API's default listing) must not sort every actor per page."""
    conn = sqlite3.connect(embedded.path)
    try:
        for kind in (None, ActorKind.FACTION):
            sql, params = page_sql(None, kind, 50, 1000)
            plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            details = " | ".join(row[3] for row in plan)
            assert "TEMP B-TREE" not in details, details
            assert "actors_rank" in details or "actors_kind_rank" in details, details
    finally:
        conn.close()


async def test_reopening_reads_back_the_same_graph(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    first = EmbeddedStore(path)
    await first.open()
    await first.ingest_many(ALL)
    chains = await first.supporters(FAMA.id, depth=2)
    await first.close()
    again = EmbeddedStore(path)
    await again.open()
    try:
        assert await again.snapshot() == expected_snapshot(ALL)
        assert await again.supporters(FAMA.id, depth=2) == chains
    finally:
        await again.close()


async def test_a_closed_store_refuses_politely(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "graph.sqlite3")
    with pytest.raises(StoreError, match="not open"):
        await store.get_actor(FAMA.id)
    await store.open()
    await store.close()
    with pytest.raises(StoreError, match="not open"):
        await store.ingest(SUDAN_1)


# -- concurrency -----------------------------------------------------------------------------


async def test_reads_go_on_while_another_connection_holds_a_write(embedded: EmbeddedStore) -> None:
    await embedded.ingest_many(ALL)
    before = await embedded.snapshot()
    chains = await embedded.supporters(FAMA.id, depth=2)
    other = sqlite3.connect(embedded.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM evidence")
        other.execute("DELETE FROM relations")
        assert await embedded.snapshot() == before  # nothing uncommitted shows
        assert await embedded.supporters(FAMA.id, depth=2) == chains
        assert await embedded.count_relations(RelationFilter()) == len(before.relations)
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_a_busy_writer_is_a_transient_error(embedded: EmbeddedStore) -> None:
    other = sqlite3.connect(embedded.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(TransientStoreError, match="busy"):
            await embedded.ingest(SUDAN_1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (await embedded.ingest(SUDAN_1)).status is IngestStatus.ADDED


async def test_reads_during_an_ingest_see_whole_articles(embedded: EmbeddedStore) -> None:
    async def read_while(task: asyncio.Task[object]) -> list[int]:
        seen = []
        while not task.done():
            snapshot = await embedded.snapshot()
            articles = {e.article_id for r in snapshot.relations for e in r.evidence}
            expected = expected_snapshot([ex for ex in ALL if ex.article.id in articles])
            assert snapshot == expected  # every article wholly there or wholly absent
            seen.append(len(articles))
        return seen

    task = asyncio.ensure_future(embedded.ingest_many(ALL))
    seen = await read_while(task)  # type: ignore[arg-type]
    await task
    assert seen == sorted(seen)
    assert await embedded.snapshot() == expected_snapshot(ALL)


async def test_the_graph_follows_writes_from_another_store(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    server, cli = EmbeddedStore(path), EmbeddedStore(path)
    await server.open()
    await cli.open()
    try:
        await server.ingest(UKRAINE_1)
        assert [len(p.relations) for p in await server.supporters(FAMA.id, depth=2)] == []
        await cli.ingest(SAHEL_1)  # written by another store on the same file
        assert [len(p.relations) for p in await server.supporters(FAMA.id, depth=2)] == [1, 2]
        await server.ingest(SUDAN_2)  # and the server's own writes still show
        await cli.delete_article("sahel-2022-01")
        assert await server.supporters(FAMA.id) == []
        assert await server.neighbourhood(WAGNER.id, 1) == await cli.neighbourhood(WAGNER.id, 1)
    finally:
        await server.close()
        await cli.close()


@pytest.mark.parametrize("log_kept", [256, 1], ids=["patched-from-the-log", "reloaded"])
async def test_another_stores_writes_are_patched_in_not_reloaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_kept: int
) -> None:
    """A store catches up with another's writes from graph_log; with the log too short to
    cover the gap it reloads the whole graph, and both ways give the graph a fresh open does."""
    from graph.stores.sqlite import engine as sqlite_engine
    from graph.stores.sqlite import facts as sqlite_facts

    monkeypatch.setattr(sqlite_facts, "LOG_GENERATIONS", log_kept)
    path = tmp_path / "graph.sqlite3"
    server, cli = EmbeddedStore(path), EmbeddedStore(path)
    await server.open()
    await cli.open()
    loads = []
    real_load = sqlite_engine.load_graph
    monkeypatch.setattr(
        sqlite_engine, "load_graph", lambda conn: loads.append(1) or real_load(conn)
    )
    try:
        await server.ingest(UKRAINE_1)
        await cli.ingest(SAHEL_1)
        await cli.ingest(SUDAN_2)
        await cli.delete_article("sahel-2022-01")
        await server.supporters(FAMA.id)  # the server catches up here
        # without the log: cli reloads at its first write (the server had written), and the
        # server once, here
        assert len(loads) == (0 if log_kept > 1 else 2)
        fresh = EmbeddedStore(path)
        await fresh.open()
        try:
            for store in (server, cli):
                assert nx.utils.graphs_equal(store._engine._graph, fresh._engine._graph)
        finally:
            await fresh.close()
    finally:
        await server.close()
        await cli.close()


async def test_the_loaded_graph_is_the_one_networkx_would_build(embedded: EmbeddedStore) -> None:
    await embedded.ingest_many(ALL)
    snapshot = await embedded.snapshot()
    expected = nx.MultiDiGraph()
    expected.add_nodes_from(a.id for a in snapshot.actors)
    for r in snapshot.relations:
        add_relation(
            expected, r.id, r.source, r.target, r.kind, r.modality,
            r.first_reported, r.last_reported, r.confidence,
        )  # fmt: skip
    conn = connect(embedded.path)
    try:
        loaded = load_graph(conn)
    finally:
        conn.close()
    assert nx.utils.graphs_equal(loaded, expected)
    loaded.remove_edge(RUSSIA.id, WAGNER.id)  # and networkx can still work on it
    assert not loaded.has_edge(RUSSIA.id, WAGNER.id)
    assert loaded.pred[WAGNER.id].get(RUSSIA.id) is None
