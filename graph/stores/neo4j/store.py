"""The Neo4j graph store, over the official async driver.

The graph it keeps::

    (:Actor:<Kind> {id, name, name_key, kind, aliases, curated_aliases, mentions,
                    geonames_id, latitude, longitude, country_code, search_keys, search_text})
        <Kind> is one of Faction, State, City, Region, Person, Organization, Facility
    (:Actor)-[:BACKS|CAPTURES|STRIKES|FIGHTS|LEADS|ALLIED_WITH {id, modality, confidence,
              first_reported, last_reported, article_count, evidence_count,
              evidence_ids}]->(:Actor)
    (:Article {id, title, url, published, content_hash, ingested_at})
    (:Article)-[:MENTIONS {origin_id, name, aliases, mentions}]->(:Actor)
    (:Evidence {id, relation_id, article_id, sentence, start, end, trigger, source_text,
                target_text, extractor_version, confidence, published, kind, modality,
                source, target, origin_source, origin_target, event_start, event_end,
                event_precision, event_text})-[:FROM]->(:Article)
    (:Redirect {from_id, to_id}), (:SplitRule {from_id, key, to_id})   merges and splits
    (:Curation {seq, id, action, actor_id, other_id, detail, actors, before, created_at, undone})
    (:Counter {name, value})                                            numbers the curations

A relationship's ``evidence_ids`` name its ``Evidence`` nodes (whose ``relation_id`` is the
relationship's ``id``), so the evidence of any relationship is one index lookup away. Mentions
and evidence are the facts; relationships and actor totals are rebuilt from them in the same
transaction as every write (see :mod:`graph.stores.neo4j.facts`).

The driver is made by :func:`create_driver` (or handed in), and driver errors become
ActorGraph errors here, at the boundary. Managed transactions (``execute_read`` and
``execute_write``) retry transient failures; what still fails is a
:class:`~graph.errors.TransientStoreError`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import (
    BadInputError,
    ConfigError,
    StoreError,
    StoreUnavailableError,
    TransientStoreError,
)
from graph.model import Actor, ActorKind, Extraction, Relation, RelationKind
from graph.settings import NEO4J_SCHEMES
from graph.stores.base import (
    ArticleInfo,
    CurationRecord,
    Direction,
    GraphSnapshot,
    IngestResult,
    Path,
    RelationFilter,
    StoreStats,
    Subgraph,
)
from graph.stores.neo4j import curation, cypher, reads
from graph.stores.neo4j.capabilities import (
    LARGEST_LIMIT,
    LARGEST_SKIP,
    PORTABLE,
    Capabilities,
    RolledBack,
    probe_shortest_path,
    shortest_path_answer,
    takes_long_skip,
)
from graph.stores.neo4j.cypher import Query
from graph.stores.neo4j.facts import batches, delete_article, ingest_batch
from graph.stores.neo4j.rows import Row, Tx
from graph.stores.neo4j.values import from_driver, to_driver

__all__ = ["CHUNK_ROWS", "Neo4jStore", "create_driver"]

T = TypeVar("T")
Work = Callable[[Tx], Awaitable[T]]

#: Rows per ``UNWIND $rows`` statement; longer lists go in several statements of one transaction.
CHUNK_ROWS = 2000
#: Rows (actors, evidence) one ingest transaction may hold before the next batch starts.
BATCH_ROWS = 5000


def create_driver(uri: str, user: str, password: str | None, **config: Any) -> AsyncDriver:
    """The one place the store's driver is made; ``config`` goes to the driver as is."""
    if not password:
        raise ConfigError(
            "no Neo4j password: set ACTORGRAPH_NEO4J_PASSWORD (the password given to Neo4j, "
            "e.g. in NEO4J_AUTH of docker-compose.yml)"
        )
    if not uri.startswith(NEO4J_SCHEMES):
        raise ConfigError(f"{uri!r} is not a Neo4j URL: use neo4j://host:7687 or bolt://host:7687")
    try:
        return AsyncGraphDatabase.driver(uri, auth=(user, password), **config)
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(f"cannot use the Neo4j URL {uri!r}: {exc}") from exc


def _paged(params: dict[str, Any], capabilities: Capabilities) -> dict[str, Any]:
    """``$limit`` no larger than every server takes as given (no page holds that many rows
    anyway); an ``$offset`` past 32 bits refused where the server would cut it short."""
    limit, offset = params.get("limit"), params.get("offset")
    if isinstance(offset, int) and offset > LARGEST_SKIP and not capabilities.long_skip:
        raise BadInputError(f"this server cannot skip more than {LARGEST_SKIP:,} rows")
    if isinstance(limit, int) and limit > LARGEST_LIMIT:
        return {**params, "limit": LARGEST_LIMIT}
    return params


class _Tx:
    """A managed transaction that runs :class:`Query` objects, the store's only way in."""

    def __init__(self, tx: AsyncManagedTransaction, capabilities: Capabilities) -> None:
        self._tx = tx
        self._capabilities = capabilities

    async def run(self, query: Query, /, **params: Any) -> list[Row]:
        if set(params) != query.params:
            raise StoreError(
                f"statement {query.name} takes {sorted(query.params)}, got {sorted(params)}"
            )
        params = _paged(params, self._capabilities)
        rows = params.get("rows")
        if not isinstance(rows, list) or len(rows) <= CHUNK_ROWS:
            return await self._run(query, params)
        found: list[Row] = []
        for start in range(0, len(rows), CHUNK_ROWS):
            found += await self._run(query, {**params, "rows": rows[start : start + CHUNK_ROWS]})
        return found

    async def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        result = await self._tx.run(query.text, to_driver(params))
        return [from_driver(record.data()) async for record in result]


def _now() -> datetime:
    return datetime.now(UTC)


def _runner(query: Query) -> Work[list[Row]]:
    async def run(tx: Tx) -> list[Row]:
        return await tx.run(query)

    return run


def _check_page(limit: int, offset: int = 0) -> None:
    if limit < 0 or offset < 0:
        raise BadInputError(f"limit and offset must not be negative (got {limit}, {offset})")


class Neo4jStore:
    """A :class:`~graph.stores.base.GraphStore` kept in a Neo4j 5 database."""

    #: the server decides what a user may write; a refusal comes back as a StoreError
    read_only = False

    def __init__(
        self, uri: str, user: str = "neo4j", password: str | None = None,
        database: str | None = None, *, driver: AsyncDriver | None = None,
    ) -> None:  # fmt: skip
        self.uri = uri
        self.user = user
        self._password = password
        self.database = database
        self._driver = driver
        self._owns_driver = driver is None
        self._open = False
        self.capabilities: Capabilities = PORTABLE

    # -- plumbing ---------------------------------------------------------------------------

    def _help(self, problem: str) -> str:
        return (
            f"{problem}. Check the URL (--store or ACTORGRAPH_STORE), start Neo4j with "
            "`docker compose up -d neo4j`, and set ACTORGRAPH_NEO4J_PASSWORD "
            f"(and ACTORGRAPH_NEO4J_USER, now {self.user!r})"
        )

    @asynccontextmanager
    async def _translated(self, action: str) -> AsyncIterator[None]:
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailableError(
                self._help(f"Neo4j at {self.uri} refused the user name or password")
            ) from exc
        except (SessionExpired, TransientError) as exc:
            raise TransientStoreError(f"{action}: Neo4j is busy, try again ({exc})") from exc
        except ServiceUnavailable as exc:
            raise StoreUnavailableError(self._help(f"cannot reach Neo4j at {self.uri}")) from exc
        except Neo4jError as exc:
            raise StoreError(f"{action}: Neo4j refused it: {exc}") from exc
        except DriverError as exc:
            raise StoreError(f"{action}: {exc}") from exc

    def _session_driver(self) -> AsyncDriver:
        if self._driver is None or not self._open:
            raise StoreError("the store is not open")
        return self._driver

    def _unit(self, work: Work[T]) -> Callable[[AsyncManagedTransaction], Awaitable[T]]:
        capabilities = self.capabilities

        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(_Tx(tx, capabilities))

        return unit

    async def _read(self, action: str, work: Work[T]) -> T:
        driver = self._session_driver()
        async with self._translated(action), driver.session(database=self.database) as session:
            return await session.execute_read(self._unit(work))

    async def _write(self, action: str, work: Work[T]) -> T:
        driver = self._session_driver()
        async with self._translated(action), driver.session(database=self.database) as session:
            return await session.execute_write(self._unit(work))

    # -- lifecycle --------------------------------------------------------------------------

    async def open(self) -> None:
        """Connect, then create the constraints and indexes that are missing."""
        if self._open:
            return
        if self._driver is None:
            self._driver = create_driver(self.uri, self.user, self._password)
            self._owns_driver = True
        try:
            async with self._translated("connect to Neo4j"):
                await self._driver.verify_connectivity()
            self._open = True
            for statement in cypher.SCHEMA:  # schema changes cannot share a transaction
                await self._write("prepare the schema", _runner(statement))
            self.capabilities = await self._probe()
        except BaseException:
            await self.close()
            raise

    async def _probe(self) -> Capabilities:
        """Ask the server how it reads the statements whose meaning servers differ on; what
        it will not say (a user who may only read, say) gets what works everywhere."""
        filtered, long_skip = PORTABLE.filtered_shortest_path, PORTABLE.long_skip
        try:
            await self._write("probe the server", probe_shortest_path)
        except RolledBack as done:
            filtered = shortest_path_answer(done.rows)
        except StoreError:
            pass
        with suppress(StoreError):
            long_skip = await self._read("probe the server", takes_long_skip)
        return Capabilities(filtered_shortest_path=filtered, long_skip=long_skip)

    async def close(self) -> None:
        driver, self._open = self._driver, False
        if driver is not None and self._owns_driver:
            self._driver = None
            await driver.close()

    async def ping(self) -> bool:
        if not self._open:
            return False
        try:
            rows = await self._read("ping", lambda tx: tx.run(cypher.PING))
        except StoreError:
            return False
        return rows == [{"ok": 1}]

    # -- ingest and delete ------------------------------------------------------------------

    async def ingest(self, extraction: Extraction) -> IngestResult:
        [result] = await self.ingest_many([extraction])
        return result

    async def _ingest_batch(self, batch: list[Extraction]) -> list[IngestResult]:
        now = _now()
        statuses = await self._write(
            f"ingest {len(batch)} article(s)", lambda tx: ingest_batch(tx, batch, now)
        )
        return [
            IngestResult(ex.article.id, status, len(ex.actors), len(ex.relations))
            for ex, status in zip(batch, statuses, strict=True)
        ]

    async def _flush(self, batch: list[Extraction]) -> list[IngestResult]:
        if not batch:
            return []
        try:
            return await self._ingest_batch(batch)
        except (StoreUnavailableError, TransientStoreError):
            raise
        except StoreError:
            if len(batch) == 1:
                raise
        # one article broke the batch: store the others one by one, up to the broken one
        return [r for ex in batch for r in await self._ingest_batch([ex])]

    async def ingest_many(self, extractions: Sequence[Extraction]) -> list[IngestResult]:
        """Ingest in batches (see :func:`~graph.stores.neo4j.facts.batches`), one transaction
        each; every article lies wholly in one batch, so it is stored all or nothing."""
        results: list[IngestResult] = []
        for batch in batches(extractions, BATCH_ROWS):
            results += await self._flush(batch)
        return results

    async def delete_article(self, article_id: str) -> bool:
        return await self._write(
            f"delete article {article_id!r}", lambda tx: delete_article(tx, article_id)
        )

    # -- lookups ----------------------------------------------------------------------------

    async def get_actor(self, actor_id: str) -> Actor | None:
        return (await self.get_actors([actor_id]))[0]

    async def get_actors(self, actor_ids: Sequence[str]) -> list[Actor | None]:
        """Actors in the order asked; a merged-away id gives the actor it was merged into."""
        return await self._read("get actors", lambda tx: reads.get_actors(tx, actor_ids))

    async def search_actors(
        self, query: str | None = None, kind: ActorKind | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[Actor]:  # fmt: skip
        _check_page(limit, offset)
        return await self._read(
            "search actors", lambda tx: reads.search_actors(tx, query, kind, limit, offset)
        )

    async def count_actors(self, query: str | None = None, kind: ActorKind | None = None) -> int:
        return await self._read("count actors", lambda tx: reads.count_actors(tx, query, kind))

    async def get_relations(
        self, flt: RelationFilter, limit: int = 100, offset: int = 0
    ) -> list[Relation]:
        _check_page(limit, offset)
        return await self._read(
            "get relations", lambda tx: reads.get_relations(tx, flt, limit, offset)
        )

    async def count_relations(self, flt: RelationFilter) -> int:
        return await self._read("count relations", lambda tx: reads.count_relations(tx, flt))

    async def relations_of(
        self, actor_ids: Sequence[str], direction: Direction, flt: RelationFilter | None = None
    ) -> list[list[Relation]]:
        return await self._read(
            "relations of actors", lambda tx: reads.relations_of(tx, actor_ids, direction, flt)
        )

    async def neighbourhood(
        self, actor_id: str, depth: int = 1, flt: RelationFilter | None = None,
        limit: int | None = None,
    ) -> Subgraph:  # fmt: skip
        """The actors within ``depth`` relations (either way) and the relations among them."""
        if limit is not None and limit < 1:
            raise BadInputError(f"limit must be at least 1 (got {limit})")
        return await self._read("neighbourhood", lambda tx: reads.neighbourhood(
            tx, actor_id, depth, flt or RelationFilter(), limit
        ))  # fmt: skip

    # -- paths ------------------------------------------------------------------------------

    async def paths(
        self, source: str, target: str, *, kinds: frozenset[RelationKind] | None = None,
        max_length: int = 4, direction: Direction = Direction.BOTH, shortest: bool = False,
        as_of: date | None = None, limit: int = 50,
    ) -> list[Path]:  # fmt: skip
        """Factual simple paths from ``source`` to ``target``, walked by Cypher."""
        _check_page(limit)
        filtered = self.capabilities.filtered_shortest_path
        return await self._read("find paths", lambda tx: reads.paths(
            tx, source, target, kinds, max_length, direction, shortest, as_of, limit,
            filtered_shortest_path=filtered,
        ))  # fmt: skip

    async def supporters(
        self, actor_id: str, *, depth: int = 2, direction: Direction = Direction.IN,
        as_of: date | None = None, limit: int = 200,
    ) -> list[Path]:  # fmt: skip
        """Chains of factual BACKS relations starting at ``actor_id``."""
        _check_page(limit)
        return await self._read("find supporters", lambda tx: reads.supporters(
            tx, actor_id, depth, direction, as_of, limit
        ))  # fmt: skip

    # -- articles and stats -----------------------------------------------------------------

    async def get_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleInfo]:
        _check_page(limit, offset)
        return await self._read("list articles", lambda tx: reads.get_articles(tx, limit, offset))

    async def count_articles(self) -> int:
        return await self._read("count articles", reads.count_articles)

    async def get_article(self, article_id: str) -> ArticleInfo | None:
        return await self._read("get article", lambda tx: reads.get_article(tx, article_id))

    async def stats(self) -> StoreStats:
        return await self._read("count the graph", reads.stats)

    # -- curation ---------------------------------------------------------------------------

    async def merge_actors(self, keep_id: str, drop_id: str) -> CurationRecord:
        now = _now()
        return await self._write(
            "merge actors", lambda tx: curation.merge_actors(tx, keep_id, drop_id, now)
        )

    async def add_alias(self, actor_id: str, alias: str) -> CurationRecord:
        now = _now()
        return await self._write(
            "add an alias", lambda tx: curation.add_alias(tx, actor_id, alias, now)
        )

    async def split_actor(
        self, actor_id: str, names: Sequence[str], kind: ActorKind | None = None
    ) -> CurationRecord:
        now = _now()
        return await self._write(
            "split an actor", lambda tx: curation.split_actor(tx, actor_id, names, kind, now)
        )

    async def undo(self, curation_id: str) -> CurationRecord:
        now = _now()
        return await self._write("undo a curation", lambda tx: curation.undo(tx, curation_id, now))

    async def curations(self, limit: int = 50) -> list[CurationRecord]:
        _check_page(limit)
        return await self._read("list curations", lambda tx: reads.curation_log(tx, limit))

    # -- export -----------------------------------------------------------------------------

    async def snapshot(self) -> GraphSnapshot:
        return await self._read("snapshot", reads.snapshot)
