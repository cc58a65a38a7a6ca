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
) -> IdSubgraph:
    """Actors at most ``depth`` allowed relations away, and every allowed relation among them.

    Like :func:`networkx.ego_graph`, the relations are those of the induced subgraph: two
    actors on the rim keep the relation between them.

    >>> from graph.model import Modality, RelationKind
    >>> from graph.queries import add_relation
    >>> g = nx.MultiDiGraph()
    >>> add_relation(g, "r1", "rsf", "saf", RelationKind.FIGHTS, Modality.ASSERTED)
    >>> add_relation(g, "r2", "saf", "el-fasher", RelationKind.STRIKES, Modality.REPORTED)
    >>> neighbourhood(g, "rsf", depth=1)
    IdSubgraph(nodes=('rsf', 'saf'), edges=('r1',))
    >>> neighbourhood(g, "rsf", depth=2).nodes
    ('el-fasher', 'rsf', 'saf')
    >>> neighbourhood(g, "rsf", depth=2, kinds=frozenset({RelationKind.FIGHTS})).edges
    ('r1',)
    """
    if actor_id not in g:
        return IdSubgraph((), ())
    flt = EdgeFilter(kinds=kinds, modalities=modalities, as_of=as_of)
    seen = {actor_id}
    rim = [actor_id]
    for _ in range(max(depth, 0)):
        rim = [nbr for node in rim for nbr, _ in steps(g, node, direction, flt) if nbr not in seen]
        seen.update(rim)
        if not rim:
            break
    edges = {
        key
        for node in seen
        for nbr, keydict in g.succ[node].items()
        if nbr in seen
        for key, attrs in keydict.items()
        if flt.allows(attrs)
    }
    return IdSubgraph(tuple(sorted(seen)), tuple(sorted(edges)))
