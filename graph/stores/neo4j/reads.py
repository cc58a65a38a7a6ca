"""Reading the Neo4j graph: lookups, filtered relations, traversals, articles and counts.

Every function runs inside one read transaction (a :class:`~graph.stores.neo4j.rows.Tx`), so a
multi-statement read sees one consistent graph. Traversals run in Cypher; Python only turns the
ids they return into actors and relations, with one batched statement each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from graph.model import FACTUAL_MODALITIES, Actor, ActorKind, Relation, RelationKind
from graph.stores.base import (
    ArticleInfo,
    CurationRecord,
    Direction,
    GraphSnapshot,
    Path,
    RelationFilter,
    StoreStats,
    Subgraph,
)
from graph.stores.neo4j import cypher
from graph.stores.neo4j.cypher import Anchor
from graph.stores.neo4j.rows import (
    Row,
    Tx,
    actor_from,
    article_from,
    curation_from,
    relation_from,
)
from graph.stores.sqlite.schema import fold

__all__ = [
    "count_actors",
    "count_relations",
    "get_actors",
    "get_relations",
    "neighbourhood",
    "paths",
    "relations_of",
    "search_actors",
    "snapshot",
    "stats",
    "supporters",
]

_FACTUAL = sorted(m.value for m in FACTUAL_MODALITIES)


def _no_kinds(kinds: frozenset[RelationKind] | None) -> bool:
    return kinds is not None and not kinds


def _filter(flt: RelationFilter, *, ends: bool) -> dict[str, Any]:
    params: dict[str, Any] = {
        "modalities": None if flt.modalities is None else sorted(m.value for m in flt.modalities),
        "since": flt.since, "until": flt.until, "as_of": flt.as_of,
        "min_confidence": flt.min_confidence,
    }  # fmt: skip
    if ends:
        params.update(source=flt.source, target=flt.target)
    return params


def _anchored(flt: RelationFilter) -> tuple[Anchor, dict[str, Any]]:
    ends = {k: v for k, v in (("source", flt.source), ("target", flt.target)) if v is not None}
    anchor = {0: Anchor.NONE, 2: Anchor.BOTH}.get(len(ends)) or Anchor(next(iter(ends)))
    return anchor, ends


async def get_actors(tx: Tx, actor_ids: Sequence[str]) -> list[Actor | None]:
    """Actors in the order asked; a merged-away id gives the actor it was merged into."""
    rows = await tx.run(cypher.ACTORS_BY_ID, ids=list(dict.fromkeys(actor_ids)))
    found = {row["wanted"]: actor_from(row["actor"]) for row in rows}
    return [found.get(a) for a in actor_ids]


async def actors_exact(tx: Tx, actor_ids: Iterable[str]) -> dict[str, Actor]:
    rows = await tx.run(cypher.ACTORS_EXACT, ids=sorted(set(actor_ids)))
    return {actor.id: actor for actor in (actor_from(row["actor"]) for row in rows)}


def _search(query: str | None, kind: ActorKind | None) -> tuple[bool, bool, dict[str, Any]]:
    key = fold(query or "")
    params: dict[str, Any] = {}
    if key:
        params["query"] = key
    if kind is not None:
        params["kind"] = ActorKind(kind).value
    return bool(key), kind is not None, params


async def search_actors(
    tx: Tx, query: str | None, kind: ActorKind | None, limit: int, offset: int
) -> list[Actor]:
    """Actors whose name or an alias contains ``query`` (folded): exact matches first, then by
    mentions, then by id, so pages neither skip nor repeat."""
    by_text, by_kind, params = _search(query, kind)
    rows = await tx.run(
        cypher.search_actors(by_text, by_kind), limit=limit, offset=offset, **params
    )
    return [actor_from(row["actor"]) for row in rows]


async def count_actors(tx: Tx, query: str | None, kind: ActorKind | None) -> int:
    by_text, by_kind, params = _search(query, kind)
    [row] = await tx.run(cypher.count_actors(by_text, by_kind), **params)
    return int(row["n"])


async def get_relations(tx: Tx, flt: RelationFilter, limit: int, offset: int) -> list[Relation]:
    if _no_kinds(flt.kinds):
        return []
    anchor, ends = _anchored(flt)
    rows = await tx.run(
        cypher.relations(flt.kinds, anchor),
        limit=limit,
        offset=offset,
        **_filter(flt, ends=False),
        **ends,
    )
    return [relation_from(row["relation"]) for row in rows]


async def count_relations(tx: Tx, flt: RelationFilter) -> int:
    if _no_kinds(flt.kinds):
        return 0
    anchor, ends = _anchored(flt)
    [row] = await tx.run(
        cypher.count_relations(flt.kinds, anchor), **_filter(flt, ends=False), **ends
    )
    return int(row["n"])


async def relations_of(
    tx: Tx, actor_ids: Sequence[str], direction: Direction, flt: RelationFilter | None
) -> list[list[Relation]]:
    """Each actor's relations, by id, from one statement for all of them."""
    flt = flt or RelationFilter()
    if not actor_ids or _no_kinds(flt.kinds):
        return [[] for _ in actor_ids]
    rows = await tx.run(
        cypher.relations_of(flt.kinds, direction),
        ids=list(dict.fromkeys(actor_ids)),
        **_filter(flt, ends=True),
    )
    grouped: dict[str, dict[str, Relation]] = {}
    for row in rows:
        rel = relation_from(row["relation"])
        grouped.setdefault(row["actor_id"], {})[rel.id] = rel
    return [[rels[k] for k in sorted(rels)] for rels in (grouped.get(a, {}) for a in actor_ids)]


async def neighbourhood(
    tx: Tx, actor_id: str, depth: int, flt: RelationFilter, limit: int | None = None
) -> Subgraph:
    """The actors within ``depth`` filtered relations (either way) and the relations among them;
    with ``limit``, the nearest ``limit`` actors (the centre included)."""
    if not (await actors_exact(tx, [actor_id])):
        return Subgraph((), ())
    members = {actor_id}
    relations: list[Relation] = []
    truncated = False
    if not _no_kinds(flt.kinds):
        if depth >= 1:
            # one more than there is room for: was anyone left out?
            page = {} if limit is None else {"limit": limit}
            rows = await tx.run(
                cypher.neighbourhood(flt.kinds, depth, limited=limit is not None),
                actor_id=actor_id,
                **page,
                **_filter(flt, ends=True),
            )
            found = [row["actor_id"] for row in rows]
            room = len(found) if limit is None else limit - 1
            truncated = len(found) > room
            members.update(found[:room])
        rows = await tx.run(
            cypher.relations_among(flt.kinds), ids=sorted(members), **_filter(flt, ends=True)
        )
        relations = sorted((relation_from(row["relation"]) for row in rows), key=lambda r: r.id)
    actors = await actors_exact(tx, members)
    return Subgraph(tuple(actors[a] for a in sorted(actors)), tuple(relations), truncated)


async def _materialise(tx: Tx, rows: list[Row]) -> list[Path]:
    """Paths of ids (``actor_ids``, ``relation_ids``, ``relation_sources``) made whole."""
    actors = await actors_exact(tx, {a for row in rows for a in row["actor_ids"]})
    refs = {
        rel: {"id": rel, "source": src}
        for row in rows
        for rel, src in zip(row["relation_ids"], row["relation_sources"], strict=True)
    }
    found = await tx.run(cypher.RELATIONS_BY_REF, refs=[refs[k] for k in sorted(refs)])
    relations = {r.id: r for r in (relation_from(row["relation"]) for row in found)}
    return [
        Path(tuple(actors[a] for a in row["actor_ids"]),
             tuple(relations[r] for r in row["relation_ids"]))
        for row in rows
        if all(a in actors for a in row["actor_ids"])
        and all(r in relations for r in row["relation_ids"])
    ]  # fmt: skip


async def paths(
    tx: Tx,
    source: str,
    target: str,
    kinds: frozenset[RelationKind] | None,
    max_length: int,
    direction: Direction,
    shortest: bool,
    as_of: date | None,
    limit: int,
    *,
    filtered_shortest_path: bool = False,
) -> list[Path]:
    """Factual simple paths from ``source`` to ``target``, shortest first, then by ids.

    The shortest ones come from ``allShortestPaths`` where the server keeps to its ``WHERE``
    while searching (Neo4j); elsewhere from simple paths of 1, 2, ... steps, up to the first
    length that has any, which is the same answer.
    """
    if source == target or max_length < 1 or _no_kinds(kinds):
        return []
    params = {"source": source, "target": target, "modalities": _FACTUAL, "as_of": as_of}
    rows: list[Row] = []
    if shortest and not filtered_shortest_path:
        for length in range(1, max_length + 1):
            rows = await tx.run(
                cypher.paths(kinds, direction, False, length), **params, limit=limit
            )
            if rows:
                break
    else:
        rows = await tx.run(
            cypher.paths(kinds, direction, shortest, max_length), **params, limit=limit
        )
    return await _materialise(tx, rows)


async def supporters(
    tx: Tx, actor_id: str, depth: int, direction: Direction, as_of: date | None, limit: int
) -> list[Path]:
    """Chains of factual BACKS from ``actor_id``: ``actors[0]`` is always that actor."""
    if depth < 1:
        return []
    rows = await tx.run(
        cypher.supporters(direction, depth),
        actor_id=actor_id,
        modalities=_FACTUAL,
        as_of=as_of,
        limit=limit,
    )
    return await _materialise(tx, rows)


async def get_articles(tx: Tx, limit: int, offset: int) -> list[ArticleInfo]:
    rows = await tx.run(cypher.ARTICLES, limit=limit, offset=offset)
    return [article_from(row["article"]) for row in rows]


async def get_article(tx: Tx, article_id: str) -> ArticleInfo | None:
    rows = await tx.run(cypher.ARTICLE_BY_ID, id=article_id)
    return article_from(rows[0]["article"]) if rows else None


async def count_articles(tx: Tx) -> int:
    [row] = await tx.run(cypher.COUNT_ARTICLES)
    return int(row["n"])


async def stats(tx: Tx) -> StoreStats:
    [counts] = await tx.run(cypher.COUNTS)
    actors = {r["kind"]: int(r["n"]) for r in await tx.run(cypher.ACTORS_BY_KIND)}
    relations = {r["kind"]: int(r["n"]) for r in await tx.run(cypher.RELATIONS_BY_KIND)}
    return StoreStats(
        articles=int(counts["articles"]),
        actors=int(counts["actors"]),
        relations=int(counts["relations"]),
        evidence=int(counts["evidence"]),
        actors_by_kind=actors,
        relations_by_kind=relations,
    )


async def curation_log(tx: Tx, limit: int) -> list[CurationRecord]:
    """The newest curations first, undo records included."""
    return [curation_from(r["curation"]) for r in await tx.run(cypher.CURATION_LOG, limit=limit)]


async def snapshot(tx: Tx) -> GraphSnapshot:
    """Every actor by id and every relation by id, each relation's evidence in a fixed order."""
    actors = [actor_from(row["actor"]) for row in await tx.run(cypher.ALL_ACTORS)]
    relations = [relation_from(row["relation"]) for row in await tx.run(cypher.ALL_RELATIONS)]
    return GraphSnapshot(
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        relations=tuple(sorted(relations, key=lambda r: r.id)),
    )
