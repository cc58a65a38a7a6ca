"""Who backs an actor, and who backs the backers: chains of factual BACKS relations."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from datetime import date

import networkx as nx

from graph.model import FACTUAL_MODALITIES, RelationKind
from graph.queries.edges import EdgeFilter, IdPath, path_order, steps
from graph.stores.base import Direction

__all__ = ["supporters_of"]


def _chains(
    g: nx.MultiDiGraph, actor_id: str, depth: int, direction: Direction, flt: EdgeFilter
) -> Iterator[IdPath]:
    # breadth first, neighbours in id order: each level comes out already sorted by actor ids
    frontier: list[tuple[tuple[str, ...], tuple[list[str], ...]]] = [((actor_id,), ())]
    for _ in range(depth):
        level = []
        for nodes, choices in frontier:
            for nbr, keys in steps(g, nodes[-1], direction, flt):
                if nbr in nodes:
                    continue
                chain = ((*nodes, nbr), (*choices, keys))
                level.append(chain)
                for edges in itertools.product(*chain[1]):
                    yield IdPath(chain[0], edges)
        frontier = level


def supporters_of(
    g: nx.MultiDiGraph,
    actor_id: str,
    depth: int = 2,
    direction: Direction = Direction.IN,
    as_of: date | None = None,
    limit: int | None = None,
) -> list[IdPath]:
    """Every simple chain of 1..``depth`` factual BACKS relations starting at ``actor_id``.

    ``IN`` walks to the backers: ``nodes[1]`` backs ``nodes[0]``, ``nodes[2]`` backs
    ``nodes[1]``, and ``edges[i]`` is the relation from ``nodes[i + 1]`` to ``nodes[i]``.
    ``OUT`` walks the other way (whom the actor backs, and whom they back); ``BOTH`` gives both
    kinds of chain. ``as_of`` keeps relations first reported on or before that date. Chains
    come shortest first, then by actor ids, then by relation ids.

    >>> from graph.model import Modality, RelationKind
    >>> from graph.queries import add_relation
    >>> g = nx.MultiDiGraph()
    >>> add_relation(g, "r1", "iran", "hezbollah", RelationKind.BACKS, Modality.ASSERTED)
    >>> add_relation(g, "r2", "hezbollah", "syria", RelationKind.BACKS, Modality.REPORTED)
    >>> [p.nodes for p in supporters_of(g, "syria")]
    [('syria', 'hezbollah'), ('syria', 'hezbollah', 'iran')]
    >>> [p.edges for p in supporters_of(g, "iran", direction=Direction.OUT, depth=1)]
    [('r1',)]
    """
    if actor_id not in g or depth < 1:
        return []
    flt = EdgeFilter(
        kinds=frozenset({RelationKind.BACKS}),
        modalities=frozenset(FACTUAL_MODALITIES),
        as_of=as_of,
    )
    if direction is Direction.BOTH:
        found: Iterator[IdPath] = heapq.merge(
            _chains(g, actor_id, depth, Direction.IN, flt),
            _chains(g, actor_id, depth, Direction.OUT, flt),
            key=path_order,
        )
    else:
        found = _chains(g, actor_id, depth, direction, flt)
    return list(itertools.islice(found, limit))
