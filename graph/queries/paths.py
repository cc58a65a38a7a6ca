"""How two actors are connected: every simple path up to a length, or only the shortest ones.

Only factual relations (asserted or reported) are walked. Results come shortest first, then
ordered by actor ids, then by relation ids (:func:`~graph.queries.edges.path_order`); parallel
relations between the same two actors give one path each.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator
from datetime import date

import networkx as nx

from graph.model import FACTUAL_MODALITIES, RelationKind
from graph.queries.edges import EdgeFilter, IdPath, steps
from graph.stores.base import Direction

__all__ = ["shortest_paths", "simple_paths"]

_REVERSE = {
    Direction.OUT: Direction.IN,
    Direction.IN: Direction.OUT,
    Direction.BOTH: Direction.BOTH,
}


def _neighbours(
    g: nx.MultiDiGraph, node: str, direction: Direction, flt: EdgeFilter
) -> Iterator[str]:
    """Nodes one allowed edge away, in no order (cheaper than :func:`steps` for a search)."""
    if direction is not Direction.IN:
        for nbr, keydict in g.succ[node].items():
            if any(flt.allows(attrs) for attrs in keydict.values()):
                yield nbr
    if direction is not Direction.OUT:
        for nbr, keydict in g.pred[node].items():
            if any(flt.allows(attrs) for attrs in keydict.values()):
                yield nbr


def _distances_to(
    g: nx.MultiDiGraph, target: str, direction: Direction, flt: EdgeFilter, bound: int
) -> dict[str, int]:
    """Steps from each node to ``target`` (walking ``direction``), for nodes up to ``bound``."""
    dist = {target: 0}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        if dist[node] >= bound:
            continue
        for nbr in _neighbours(g, node, _REVERSE[direction], flt):
            if nbr not in dist:
                dist[nbr] = dist[node] + 1
                queue.append(nbr)
    return dist


def _of_length(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    length: int,
    direction: Direction,
    flt: EdgeFilter,
    near: tuple[dict[str, int], int],
) -> Iterator[IdPath]:
    """Simple paths of exactly ``length`` steps, in :func:`path_order`.

    ``near`` holds the distances to the target of the nodes within ``bound`` steps of it: a
    node with fewer steps left than that must be among them, close enough, or be skipped.
    """
    dist, bound = near
    nodes = [source]
    choices: list[list[str]] = []

    def too_far(nbr: str, left: int) -> bool:
        return left <= bound and dist.get(nbr, bound + 1) > left

    def walk(node: str, left: int) -> Iterator[IdPath]:
        def wanted(nbr: str) -> bool:
            if nbr == target:
                return left == 1
            return left > 1 and nbr not in nodes and not too_far(nbr, left - 1)

        for nbr, keys in steps(g, node, direction, flt, wanted):
            if nbr == target:
                for edges in itertools.product(*choices, keys):
                    yield IdPath((*nodes, nbr), edges)
                continue
            nodes.append(nbr)
            choices.append(keys)
            yield from walk(nbr, left - 1)
            nodes.pop()
            choices.pop()

    yield from walk(source, length)


def _by_length(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    max_length: int,
    direction: Direction,
    flt: EdgeFilter,
) -> Iterator[Iterator[IdPath]]:
    """For each length 1..max_length, the simple paths of that length (lazily)."""
    # searching from both ends: a ball of half the length around the target prunes the walk
    # from the source, instead of a search over everything within max_length of the target
    bound = (max_length + 1) // 2
    near = (_distances_to(g, target, direction, flt, bound), bound)
    for length in range(1, max_length + 1):
        yield _of_length(g, source, target, length, direction, flt, near)


def _factual(kinds: frozenset[RelationKind] | None, as_of: date | None) -> EdgeFilter:
    return EdgeFilter(kinds=kinds, modalities=frozenset(FACTUAL_MODALITIES), as_of=as_of)


def simple_paths(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    kinds: frozenset[RelationKind] | None = None,
    max_length: int = 4,
    direction: Direction = Direction.BOTH,
    as_of: date | None = None,
    limit: int | None = 50,
) -> list[IdPath]:
    """Every simple path from ``source`` to ``target`` of 1..``max_length`` relations.

    >>> from graph.model import Modality, RelationKind
    >>> from graph.queries import add_relation
    >>> g = nx.MultiDiGraph()
    >>> add_relation(g, "r1", "rsf", "saf", RelationKind.FIGHTS, Modality.ASSERTED)
    >>> add_relation(g, "r2", "uae", "rsf", RelationKind.BACKS, Modality.REPORTED)
    >>> add_relation(g, "r3", "uae", "saf", RelationKind.FIGHTS, Modality.CLAIMED)
    >>> [p.nodes for p in simple_paths(g, "uae", "saf")]
    [('uae', 'rsf', 'saf')]
    >>> simple_paths(g, "saf", "uae", direction=Direction.OUT)
    []
    """
    if source not in g or target not in g or source == target or max_length < 1:
        return []
    flt = _factual(kinds, as_of)
    found = itertools.chain.from_iterable(_by_length(g, source, target, max_length, direction, flt))
    return list(itertools.islice(found, limit))


def shortest_paths(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    kinds: frozenset[RelationKind] | None = None,
    max_length: int = 4,
    direction: Direction = Direction.BOTH,
    as_of: date | None = None,
    limit: int | None = 50,
) -> list[IdPath]:
    """All the shortest paths (every one of the least length, up to ``max_length``).

    >>> from graph.model import Modality, RelationKind
    >>> from graph.queries import add_relation
    >>> g = nx.MultiDiGraph()
    >>> add_relation(g, "r1", "a", "b", RelationKind.FIGHTS, Modality.ASSERTED)
    >>> add_relation(g, "r2", "b", "c", RelationKind.FIGHTS, Modality.ASSERTED)
    >>> add_relation(g, "r3", "a", "c", RelationKind.STRIKES, Modality.REPORTED)
    >>> [p.edges for p in shortest_paths(g, "a", "c")]
    [('r3',)]
    >>> [p.edges for p in shortest_paths(g, "a", "c", kinds=frozenset({RelationKind.FIGHTS}))]
    [('r1', 'r2')]
    """
    if source not in g or target not in g or source == target or max_length < 1:
        return []
    flt = _factual(kinds, as_of)
    for paths in _by_length(g, source, target, max_length, direction, flt):
        found = list(itertools.islice(paths, limit))
        if found:
            return found
    return []
