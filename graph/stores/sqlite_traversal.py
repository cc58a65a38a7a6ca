"""Graph answers of the embedded store: ids found in the traversal graph, rows from SQLite."""

from __future__ import annotations

import sqlite3

import networkx as nx

from graph.queries import IdPath, add_relation, neighbourhood
from graph.stores import sqlite_reads as reads
from graph.stores.base import Path, RelationFilter, Subgraph
from graph.stores.sqlite_engine import SQLiteEngine

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
    flt: RelationFilter,
) -> Subgraph:  # fmt: skip
    """Actors within ``depth`` relations passing ``flt`` (either way), and relations among them."""
    found = engine.traverse(conn, lambda g: neighbourhood(
        g, actor_id, depth, kinds=flt.kinds, modalities=flt.modalities, as_of=flt.as_of
    ))  # fmt: skip
    relations = reads.fetch_relations(conn, found.edges)
    kept = [r for e in found.edges if (r := relations.get(e)) and reads.relation_matches(r, flt)]
    nodes = found.nodes
    if len(kept) < len(found.edges) and nodes:
        # the graph knows kinds, modalities and first dates only: walk again over the
        # relations that pass the whole filter, so nothing is reached through a dropped one
        small = nx.MultiDiGraph()
        small.add_node(actor_id)
        for r in kept:
            add_relation(small, r.id, r.source, r.target, r.kind, r.modality)
        nodes, edges = neighbourhood(small, actor_id, depth)
        kept = [r for r in kept if r.id in set(edges)]
    actors = reads.fetch_actors(conn, nodes)
    return Subgraph(tuple(actors[n] for n in nodes if n in actors), tuple(kept))
