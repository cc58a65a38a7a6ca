"""The default graph store: one SQLite file for the facts, a networkx graph for traversals.

Writes go through one connection guarded by a lock, in ``BEGIN IMMEDIATE`` transactions that
hold whole articles (one per :meth:`EmbeddedStore.ingest`, a few thousand relations' worth per
:meth:`EmbeddedStore.ingest_many`) or one curation, so a killed process leaves each article
wholly stored or absent. Reads use their own connections (WAL lets them run while a write is
open) and run in worker threads, like the writes, so an event loop never blocks on SQLite.

The in-memory graph is patched after each of this store's writes. Every write also bumps a
generation counter in the file; a reader that finds a generation it did not produce (another
process wrote) reloads the graph before traversing it.

What the store decides:

- A relation's confidence is the maximum over its evidence (not a noisy-or: one story copied
  by many outlets should not look surer for it). ``first_reported``/``last_reported`` are the
  earliest and latest publication dates of its evidence (the evidence's own date, else its
  article's); with no dated evidence they are ``None``, never the ingest date, so that
  exports do not depend on when articles were loaded. An undated relation fails every date
  filter (``since``, ``until``, ``as_of``).
- Re-ingesting the same text changes nothing; a new text retracts the old evidence and
  mentions first, in the same transaction. A relation left without evidence is deleted; an
  actor left with no relation and no mention is deleted too, with its curated aliases and the
  redirects pointing at it (an article naming a merged-away actor then brings it back).
  Curation itself deletes only the merged-away actor.
- Mention totals and extracted aliases come from one row per (article, actor), added once and
  taken away once, so re-ingesting never counts twice.
- ``get_actor``/``get_actors`` follow merges: a merged-away id gives the kept actor.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path as FilePath
from typing import TypeVar

from graph.errors import BadInputError, StoreError
from graph.model import Actor, ActorKind, Extraction, Relation, RelationKind
from graph.queries import shortest_paths, simple_paths
from graph.queries import supporters_of as supporters_query
from graph.stores.base import (
    ArticleInfo,
    CurationRecord,
    Direction,
    GraphSnapshot,
    IngestResult,
    IngestStatus,
    Path,
    RelationFilter,
    StoreStats,
    Subgraph,
)
from graph.stores.sqlite import catalog, curation, reads
from graph.stores.sqlite.engine import SQLiteEngine, Write
from graph.stores.sqlite.facts import Touched, ids_param
from graph.stores.sqlite.ingest import check_extraction, retract_article, write_article
from graph.stores.sqlite.schema import BUSY_TIMEOUT
from graph.stores.sqlite.traversal import neighbourhood_of, paths_of

__all__ = ["EmbeddedStore"]

T = TypeVar("T")
BATCH_RELATIONS = 5000  # evidence rows per bulk transaction: big enough to share page writes


def _now() -> datetime:
    return datetime.now(UTC)


def _check_page(limit: int, offset: int = 0) -> None:
    if limit < 0 or offset < 0:
        raise BadInputError(f"limit and offset must not be negative (got {limit}, {offset})")


class EmbeddedStore:
    """A :class:`~graph.stores.base.GraphStore` in one SQLite file, no server needed."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readers: int = 4,
        busy_timeout: float = BUSY_TIMEOUT,
        read_only: bool = False,
    ) -> None:
        self.path = FilePath(path).expanduser()
        self._engine = SQLiteEngine(
            self.path, readers=readers, busy_timeout=busy_timeout, read_only=read_only
        )

    @property
    def read_only(self) -> bool:
        """True when opened to read only, or when the file turned out not to be writable."""
        return self._engine.read_only

    async def _read(self, action: str, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._engine.read, action, fn)

    async def _lookup(self, action: str, fn: Callable[[sqlite3.Connection], T]) -> T:
        """A read by primary key or index, run right here: a thread hop would cost more."""
        return self._engine.read_here(action, fn)

    async def _write(self, action: str, fn: Write[T]) -> T:
        return await asyncio.to_thread(self._engine.write, action, fn)

    # -- lifecycle --------------------------------------------------------------------------

    async def open(self) -> None:
        await asyncio.to_thread(self._engine.open)

    async def close(self) -> None:
        await asyncio.to_thread(self._engine.close)

    async def ping(self) -> bool:
        if not self._engine.is_open:
            return False
        try:
            return await self._read("ping", lambda c: c.execute("SELECT 1").fetchone() == (1,))
        except StoreError:
            return False

    # -- ingest and delete ------------------------------------------------------------------

    def _ingest_batch(self, extractions: Sequence[Extraction]) -> list[IngestResult]:
        """Write a batch in one transaction: all of it or none, so each article whole or absent."""
        for extraction in extractions:  # refuse a bad batch before writing any of it
            check_extraction(extraction)

        def run(conn: sqlite3.Connection) -> tuple[list[IngestStatus], Touched | None]:
            now, touched, statuses = _now().isoformat(), Touched(), []
            for extraction in extractions:
                status, changed = write_article(conn, extraction, now)
                statuses.append(status)
                touched.update(changed)
            wrote = any(s is not IngestStatus.UNCHANGED for s in statuses)
            return statuses, (touched if wrote else None)

        statuses = self._engine.write(f"ingest {len(extractions)} article(s)", run)
        return [
            IngestResult(e.article.id, status, len(e.actors), len(e.relations))
            for e, status in zip(extractions, statuses, strict=True)
        ]

    async def ingest(self, extraction: Extraction) -> IngestResult:
        return (await asyncio.to_thread(self._ingest_batch, [extraction]))[0]

    async def ingest_many(self, extractions: Sequence[Extraction]) -> list[IngestResult]:
        """The bulk path: articles are written in transactions of up to ~5,000 relations.

        A transaction holds whole articles only, so a crash leaves each article wholly stored
        or absent; an article that fails validation stops the call before its batch is written
        (earlier batches stay).
        """
        return await asyncio.to_thread(self._ingest_batches, list(extractions))

    def _ingest_batches(self, extractions: list[Extraction]) -> list[IngestResult]:
        results: list[IngestResult] = []
        batch: list[Extraction] = []
        size = 0
        for extraction in extractions:
            batch.append(extraction)
            size += 1 + sum(len(r.evidence) for r in extraction.relations)
            if size >= BATCH_RELATIONS:
                results += self._ingest_batch(batch)
                batch, size = [], 0
        return results + (self._ingest_batch(batch) if batch else [])

    async def delete_article(self, article_id: str) -> bool:
        def run(conn: sqlite3.Connection) -> tuple[bool, Touched | None]:
            touched = retract_article(conn, article_id)
            return touched is not None, touched

        return await self._write(f"delete article {article_id!r}", run)

    # -- lookups ----------------------------------------------------------------------------

    async def get_actor(self, actor_id: str) -> Actor | None:
        return (await self.get_actors([actor_id]))[0]

    async def get_actors(self, actor_ids: Sequence[str]) -> list[Actor | None]:
        """Actors in the order asked; a merged-away id gives the actor it was merged into."""

        def run(conn: sqlite3.Connection) -> list[Actor | None]:
            moved = dict(
                conn.execute(
                    "SELECT from_id, to_id FROM actor_redirects "
                    "WHERE from_id IN (SELECT value FROM json_each(?))",
                    (ids_param(actor_ids),),
                ).fetchall()
            )
            wanted = [moved.get(a, a) for a in actor_ids]
            found = reads.fetch_actors(conn, wanted)
            return [found.get(a) for a in wanted]

        return await self._lookup("get actors", run)

    async def search_actors(
        self,
        query: str | None = None,
        kind: ActorKind | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Actor]:
        _check_page(limit, offset)
        return await self._read(
            "search actors", lambda c: reads.search_actors(c, query, kind, limit, offset)
        )

    async def count_actors(self, query: str | None = None, kind: ActorKind | None = None) -> int:
        return await self._read("count actors", lambda c: reads.count_actors(c, query, kind))

    async def get_relations(
        self, flt: RelationFilter, limit: int = 100, offset: int = 0
    ) -> list[Relation]:
        _check_page(limit, offset)
        return await self._read(
            "get relations", lambda c: reads.get_relations(c, flt, limit, offset)
        )

    async def count_relations(self, flt: RelationFilter) -> int:
        return await self._read("count relations", lambda c: reads.count_relations(c, flt))

    async def relations_of(
        self, actor_ids: Sequence[str], direction: Direction, flt: RelationFilter | None = None
    ) -> list[list[Relation]]:
        return await self._lookup(
            "relations of actors", lambda c: reads.relations_of(c, actor_ids, direction, flt)
        )

    async def neighbourhood(
        self,
        actor_id: str,
        depth: int = 1,
        flt: RelationFilter | None = None,
        limit: int | None = None,
    ) -> Subgraph:
        """The actors within ``depth`` relations (either way) and the relations among them."""
        if limit is not None and limit < 1:
            raise BadInputError(f"limit must be at least 1 (got {limit})")
        return await self._read(
            "neighbourhood",
            lambda c: neighbourhood_of(
                self._engine, c, actor_id, depth, flt or RelationFilter(), limit
            ),
        )

    # -- paths ------------------------------------------------------------------------------

    async def paths(
        self,
        source: str,
        target: str,
        *,
        kinds: frozenset[RelationKind] | None = None,
        max_length: int = 4,
        direction: Direction = Direction.BOTH,
        shortest: bool = False,
        as_of: date | None = None,
        limit: int = 50,
    ) -> list[Path]:
        """Factual paths from ``source`` to ``target``: see :mod:`graph.queries.paths`."""
        _check_page(limit)
        find = shortest_paths if shortest else simple_paths

        def run(conn: sqlite3.Connection) -> list[Path]:
            found = self._engine.traverse(
                conn, lambda g: find(g, source, target, kinds, max_length, direction, as_of, limit)
            )
            return paths_of(conn, found)

        return await self._read("find paths", run)

    async def supporters(
        self,
        actor_id: str,
        *,
        depth: int = 2,
        direction: Direction = Direction.IN,
        as_of: date | None = None,
        limit: int = 200,
    ) -> list[Path]:
        """Chains of factual BACKS relations: see :func:`graph.queries.supporters_of`."""
        _check_page(limit)

        def run(conn: sqlite3.Connection) -> list[Path]:
            found = self._engine.traverse(
                conn, lambda g: supporters_query(g, actor_id, depth, direction, as_of, limit)
            )
            return paths_of(conn, found)

        return await self._read("find supporters", run)

    # -- articles and stats -----------------------------------------------------------------

    async def get_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleInfo]:
        _check_page(limit, offset)
        return await self._read("list articles", lambda c: catalog.get_articles(c, limit, offset))

    async def count_articles(self) -> int:
        return await self._read(
            "count articles",
            lambda c: int(c.execute("SELECT count(*) FROM articles").fetchone()[0]),
        )

    async def get_article(self, article_id: str) -> ArticleInfo | None:
        return await self._lookup("get article", lambda c: catalog.article_info(c, article_id))

    async def stats(self) -> StoreStats:
        return await self._read("count the graph", catalog.stats)

    # -- curation ---------------------------------------------------------------------------

    async def merge_actors(self, keep_id: str, drop_id: str) -> CurationRecord:
        return await self._write(
            "merge actors", lambda c: curation.merge_actors(c, keep_id, drop_id, _now())
        )

    async def add_alias(self, actor_id: str, alias: str) -> CurationRecord:
        return await self._write(
            "add an alias", lambda c: curation.add_alias(c, actor_id, alias, _now())
        )

    async def split_actor(
        self, actor_id: str, names: Sequence[str], kind: ActorKind | None = None
    ) -> CurationRecord:
        return await self._write(
            "split an actor", lambda c: curation.split_actor(c, actor_id, names, kind, _now())
        )

    async def undo(self, curation_id: str) -> CurationRecord:
        return await self._write("undo a curation", lambda c: curation.undo(c, curation_id, _now()))

    async def curations(self, limit: int = 50) -> list[CurationRecord]:
        _check_page(limit)
        return await self._read("list curations", lambda c: catalog.curation_log(c, limit))

    # -- export -----------------------------------------------------------------------------

    async def snapshot(self) -> GraphSnapshot:
        return await self._read("snapshot", catalog.snapshot)
