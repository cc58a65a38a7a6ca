"""Graph answers of the embedded store: ids found in the traversal graph, rows from SQLite."""

from __future__ import annotations

import sqlite3

from graph.queries import EdgeFilter, IdPath, neighbourhood
from graph.stores.base import Path, RelationFilter, Subgraph
from graph.stores.sqlite import reads
from graph.stores.sqlite.engine import SQLiteEngine

__all__ = ["neighbourhood_of", "paths_of"]


def paths_of(conn: sqlite3.Connection, found: list[IdPath]) -> list[Path]:
    """Paths with their actors and relations; one whose rows went meanwhile is left out."""
    actors = reads.fetch_actors(conn, {n for p in found for n in p.nodes})
    relations = reads.fetch_relations(conn, {e for p in found for e in p.edges})
    return [
        Path(tuple(actors[n] for n in p.nodes), tuple(relations[e] for e in p.edges))
        for p in found
        if all(n in actors for n in p.nodes) and all(e in relations for e in p.edges)
    ]


def neighbourhood_of(
    engine: SQLiteEngine, conn: sqlite3.Connection, actor_id: str, depth: int,
    flt: RelationFilter, limit: int | None = None,
) -> Subgraph:  # fmt: skip
    """Actors within ``depth`` relations passing ``flt`` (either way), and relations among them;
    with ``limit``, the nearest ``limit`` actors only (see :func:`graph.queries.neighbourhood`)."""
    edge_filter = EdgeFilter(
        kinds=flt.kinds, modalities=flt.modalities, as_of=flt.as_of, since=flt.since,
        until=flt.until, min_confidence=flt.min_confidence,
    )  # fmt: skip
    found = engine.traverse(
        conn, lambda g: neighbourhood(g, actor_id, depth, flt=edge_filter, limit=limit)
    )
    relations = reads.fetch_relations(conn, found.edges)
    kept = [r for e in found.edges if (r := relations.get(e)) and reads.relation_matches(r, flt)]
    actors = reads.fetch_actors(conn, found.nodes)
    return Subgraph(
        tuple(actors[n] for n in found.nodes if n in actors), tuple(kept), found.truncated
    )
