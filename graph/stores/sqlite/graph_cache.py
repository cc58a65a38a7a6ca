"""The embedded store's in-memory graph: loaded from SQLite, then patched after each write.

Edges carry only what traversals filter on (see :mod:`graph.queries.edges`); kinds and
modalities are the enum members themselves and equal dates are one shared object, so a
million edges cost a few hundred bytes each.
"""

from __future__ import annotations

import gc
import sqlite3
from dataclasses import dataclass
from datetime import date
from functools import cache

import networkx as nx

from graph.model import Modality, RelationKind
from graph.stores.sqlite.facts import Touched, ids_param

__all__ = ["GraphChanges", "apply_changes", "load_graph", "read_changes"]

_EDGE_SQL = (
    "SELECT id, source, target, kind, modality, first_reported, last_reported, confidence "
    "FROM relations"
)
EdgeRow = tuple[str, str, str, str, str, str | None, str | None, float]


@cache
def _day(text: str) -> date:
    return date.fromisoformat(text)


@cache
def _share(value: float) -> float:
    """One object per distinct confidence (extraction gives a handful of values)."""
    return value


def _add_edges(g: nx.MultiDiGraph, rows: list[EdgeRow]) -> None:
    kinds = {k.value: k for k in RelationKind}
    modalities = {m.value: m for m in Modality}
    g.add_edges_from(
        (
            source,
            target,
            rid,
            {
                "kind": kinds[kind],
                "modality": modalities[modality],
                "first": _day(first) if first else None,
                "last": _day(last) if last else None,
                "confidence": _share(confidence),
            },
        )
        for rid, source, target, kind, modality, first, last, confidence in rows
    )


def load_graph(conn: sqlite3.Connection) -> nx.MultiDiGraph:
    """Every actor as a node and every relation as an edge; ``conn`` is in a read transaction."""
    g = nx.MultiDiGraph()
    collecting = gc.isenabled()
    gc.disable()  # millions of new dicts would set off full collections that walk them all
    try:
        g.add_nodes_from(row[0] for row in conn.execute("SELECT id FROM actors"))
        cursor = conn.execute(_EDGE_SQL)
        while rows := cursor.fetchmany(50_000):
            _fill(g, rows)
    finally:
        if collecting:
            gc.enable()
    if gc.get_freeze_count():
        # the process chose to keep its long-lived heap out of the collector (the API server
        # does, at startup): the new graph is long-lived too
        gc.freeze()
    return g


def _fill(g: nx.MultiDiGraph, rows: list[EdgeRow]) -> None:
    """Bulk :func:`_add_edges` for a graph being built: writes the adjacency dicts directly.

    ``add_edges_from`` spends most of its time building views, ten seconds for a million
    edges; the layout written here is the one networkx documents for a MultiDiGraph (successor
    and predecessor maps share each key dict).
    """
    kinds = {k.value: k for k in RelationKind}
    modalities = {m.value: m for m in Modality}
    nodes, succ, pred = g._node, g._succ, g._pred
    for rid, source, target, kind, modality, first, last, confidence in rows:
        for node in (source, target):
            if node not in nodes:
                nodes[node], succ[node], pred[node] = {}, {}, {}
        keydict = succ[source].get(target)
        if keydict is None:
            keydict = succ[source][target] = pred[target][source] = {}
        keydict[rid] = {
            "kind": kinds[kind], "modality": modalities[modality],
            "first": _day(first) if first else None,
            "last": _day(last) if last else None, "confidence": _share(confidence),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class GraphChanges:
    """The state, after a write, of everything the write touched."""

    actors_present: list[str]
    actors_gone: list[str]
    edges_present: list[EdgeRow]
    edges_gone: list[tuple[str, str, str]]  # (source, target, relation id)


def read_changes(conn: sqlite3.Connection, touched: Touched) -> GraphChanges:
    """Read back what ``touched`` names, inside the writing transaction."""
    present = {
        row[0]
        for row in conn.execute(
            "SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(touched.actors),),
        )
    }
    edges = conn.execute(
        f"{_EDGE_SQL} WHERE id IN (SELECT value FROM json_each(?))",
        (ids_param(touched.relations),),
    ).fetchall()
    kept = {row[0] for row in edges}
    return GraphChanges(
        actors_present=sorted(present),
        actors_gone=sorted(touched.actors - present),
        edges_present=edges,
        edges_gone=[(s, t, rid) for rid, (s, t) in touched.relations.items() if rid not in kept],
    )


def apply_changes(g: nx.MultiDiGraph, changes: GraphChanges) -> None:
    for source, target, rid in changes.edges_gone:
        if g.has_edge(source, target, rid):
            g.remove_edge(source, target, rid)
    g.remove_nodes_from(changes.actors_gone)
    g.add_nodes_from(changes.actors_present)
    _add_edges(g, changes.edges_present)
