"""The actors within a few steps of one actor, and the relations among them."""

from __future__ import annotations

from datetime import date

import networkx as nx

from graph.model import Modality, RelationKind
from graph.queries.edges import EdgeFilter, IdSubgraph, steps
from graph.stores.base import Direction

__all__ = ["neighbourhood"]


def neighbourhood(
    g: nx.MultiDiGraph,
    actor_id: str,
    depth: int = 1,
    kinds: frozenset[RelationKind] | None = None,
    modalities: frozenset[Modality] | None = None,
    as_of: date | None = None,
    direction: Direction = Direction.BOTH,
    *,
    flt: EdgeFilter | None = None,
    limit: int | None = None,
) -> IdSubgraph:
    """Actors at most ``depth`` allowed relations away, and every allowed relation among them.

    Like :func:`networkx.ego_graph`, the relations are those of the induced subgraph: two
    actors on the rim keep the relation between them. ``flt``, when given, replaces
    ``kinds``, ``modalities`` and ``as_of``. With ``limit``, at most that many actors are
    kept: the nearest, by hops and then by id, and ``truncated`` says some were left out.

    >>> from graph.model import Modality, RelationKind
    >>> from graph.queries import add_relation
    >>> g = nx.MultiDiGraph()
    >>> add_relation(g, "r1", "rsf", "saf", RelationKind.FIGHTS, Modality.ASSERTED)
    >>> add_relation(g, "r2", "saf", "el-fasher", RelationKind.STRIKES, Modality.REPORTED)
    >>> neighbourhood(g, "rsf", depth=1)
    IdSubgraph(nodes=('rsf', 'saf'), edges=('r1',), truncated=False)
    >>> neighbourhood(g, "rsf", depth=2).nodes
    ('el-fasher', 'rsf', 'saf')
    >>> neighbourhood(g, "rsf", depth=2, kinds=frozenset({RelationKind.FIGHTS})).edges
    ('r1',)
    >>> neighbourhood(g, "saf", depth=1, limit=2)
    IdSubgraph(nodes=('el-fasher', 'saf'), edges=('r2',), truncated=True)
    """
    if actor_id not in g:
        return IdSubgraph((), ())
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 (got {limit})")
    if flt is None:
        flt = EdgeFilter(kinds=kinds, modalities=modalities, as_of=as_of)
    seen = {actor_id}
    rim = [actor_id]
    room = None if limit is None else limit - 1
    truncated = False
    for _ in range(max(depth, 0)):
        found = {nbr for node in rim for nbr, _ in steps(g, node, direction, flt)} - seen
        rim = sorted(found)
        if room is not None:
            truncated = len(rim) > room
            rim = rim[:room]
            room -= len(rim)
        seen.update(rim)
        if not rim or truncated:
            break
    edges = {
        key
        for node in seen
        for nbr, keydict in g.succ[node].items()
        if nbr in seen
        for key, attrs in keydict.items()
        if flt.allows(attrs)
    }
    return IdSubgraph(tuple(sorted(seen)), tuple(sorted(edges)), truncated)
