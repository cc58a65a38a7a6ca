"""The contract every graph store meets, and the values that cross it.

Stores are async: the Neo4j store talks to its server through the async driver, and the
embedded store runs its SQLite work in worker threads, so neither blocks an event loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from graph.model import Actor, ActorKind, Extraction, Modality, Relation, RelationKind

__all__ = [
    "ArticleInfo",
    "CurationRecord",
    "Direction",
    "GraphSnapshot",
    "GraphStore",
    "IngestResult",
    "IngestStatus",
    "Path",
    "RelationFilter",
    "StoreStats",
    "Subgraph",
]


class Direction(StrEnum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


class IngestStatus(StrEnum):
    ADDED = "added"  # a new article
    UNCHANGED = "unchanged"  # same id, same content hash: nothing was written
    REPLACED = "replaced"  # same id, new text: the old evidence was retracted first


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: str
    status: IngestStatus
    actors: int  # actors in the extraction
    relations: int  # relations in the extraction


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    title: str | None
    url: str | None
    published: date | None
    content_hash: str
    ingested_at: datetime
    relations: int


@dataclass(frozen=True, slots=True)
class RelationFilter:
    """Every field narrows the result; ``None`` means no constraint.

    ``since``/``until`` keep relations reported (``last_reported``/``first_reported``) inside the
    window; ``as_of`` keeps relations first reported on or before that date.
    """

    kinds: frozenset[RelationKind] | None = None
    source: str | None = None
    target: str | None = None
    since: date | None = None
    until: date | None = None
    as_of: date | None = None
    min_confidence: float | None = None
    modalities: frozenset[Modality] | None = None


@dataclass(frozen=True, slots=True)
class Subgraph:
    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]
    truncated: bool = False  # a limit left out actors that were within reach


@dataclass(frozen=True, slots=True)
class Path:
    """A walk through the graph: ``actors[i]`` and ``actors[i + 1]`` are joined by ``relations[i]``.

    A relation may point against the walk when the query allowed both directions.
    """

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]

    @property
    def length(self) -> int:
        return len(self.relations)


@dataclass(frozen=True, slots=True)
class CurationRecord:
    id: str
    action: str  # "merge" | "alias" | "split" | "undo"
    actor_id: str
    other_id: str | None
    detail: dict[str, object] = field(default_factory=dict)
    created_at: datetime | None = None
    undone: bool = False


@dataclass(frozen=True, slots=True)
class StoreStats:
    articles: int
    actors: int
    relations: int
    evidence: int
    actors_by_kind: dict[str, int]
    relations_by_kind: dict[str, int]


@dataclass(frozen=True, slots=True)
class GraphSnapshot:
    """The whole graph, in a stable order (actors by id, relations by id)."""

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]


@runtime_checkable
class GraphStore(Protocol):
    # lifecycle
    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def ping(self) -> bool: ...
    @property
    def read_only(self) -> bool:
        """True when the store can be read but not written (writes raise
        :class:`~graph.errors.StoreReadOnlyError`)."""
        ...

    # ingest and delete
    async def ingest(self, extraction: Extraction) -> IngestResult: ...
    async def ingest_many(self, extractions: Sequence[Extraction]) -> list[IngestResult]: ...
    async def delete_article(self, article_id: str) -> bool: ...

    # lookups
    async def get_actor(self, actor_id: str) -> Actor | None: ...
    async def get_actors(self, actor_ids: Sequence[str]) -> list[Actor | None]: ...
    async def search_actors(
        self,
        query: str | None = None,
        kind: ActorKind | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Actor]: ...
    async def count_actors(
        self, query: str | None = None, kind: ActorKind | None = None
    ) -> int: ...
    async def get_relations(
        self, flt: RelationFilter, limit: int = 100, offset: int = 0
    ) -> list[Relation]: ...
    async def count_relations(self, flt: RelationFilter) -> int: ...
    async def relations_of(
        self, actor_ids: Sequence[str], direction: Direction, flt: RelationFilter | None = None
    ) -> list[list[Relation]]: ...
    async def neighbourhood(
        self,
        actor_id: str,
        depth: int = 1,
        flt: RelationFilter | None = None,
        limit: int | None = None,
    ) -> Subgraph:
        """The actors within ``depth`` relations passing ``flt`` (either way) and the relations
        among them; with ``limit``, only the nearest ``limit`` actors (fewest hops, then by
        id), and ``truncated`` set when some were left out."""
        ...

    # paths
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
    ) -> list[Path]: ...
    async def supporters(
        self,
        actor_id: str,
        *,
        depth: int = 2,
        direction: Direction = Direction.IN,
        as_of: date | None = None,
        limit: int = 200,
    ) -> list[Path]: ...

    # articles and stats
    async def get_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleInfo]: ...
    async def count_articles(self) -> int: ...
    async def get_article(self, article_id: str) -> ArticleInfo | None: ...
    async def stats(self) -> StoreStats: ...

    # curation
    async def merge_actors(self, keep_id: str, drop_id: str) -> CurationRecord: ...
    async def add_alias(self, actor_id: str, alias: str) -> CurationRecord: ...
    async def split_actor(
        self, actor_id: str, names: Sequence[str], kind: ActorKind | None = None
    ) -> CurationRecord: ...
    async def undo(self, curation_id: str) -> CurationRecord: ...
    async def curations(self, limit: int = 50) -> list[CurationRecord]: ...

    # export
    async def snapshot(self) -> GraphSnapshot: ...
