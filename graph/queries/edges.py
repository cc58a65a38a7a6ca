"""How the in-memory graph is laid out, and the one-step moves every traversal builds on.

The graph is a :class:`networkx.MultiDiGraph`: nodes are actor ids; each relation is one edge
from its source to its target, keyed by the relation id, carrying only what traversals filter
on: ``kind`` (:class:`~graph.model.RelationKind`), ``modality``
(:class:`~graph.model.Modality`), ``first`` and ``last`` (the dates it was first and last
reported, or ``None``) and ``confidence``. Everything else about a relation is fetched from
the store by id, which keeps a million edges small.

>>> from graph.stores.base import Direction
>>> g = nx.MultiDiGraph()
>>> add_relation(g, "r1", "state:iran", "faction:hezbollah", RelationKind.BACKS, Modality.ASSERTED)
>>> steps(g, "faction:hezbollah", Direction.IN, EdgeFilter())
[('state:iran', ['r1'])]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import networkx as nx

from graph.model import Modality, RelationKind
from graph.stores.base import Direction

__all__ = ["EdgeFilter", "IdPath", "IdSubgraph", "add_relation", "path_order", "steps"]


class IdPath(NamedTuple):
    """A walk by ids: ``edges[i]`` joins ``nodes[i]`` and ``nodes[i + 1]``."""

    nodes: tuple[str, ...]
    edges: tuple[str, ...]


class IdSubgraph(NamedTuple):
    """Actor ids and relation ids, each sorted; ``truncated`` when actors were left out."""

    nodes: tuple[str, ...]
    edges: tuple[str, ...]
    truncated: bool = False


def path_order(path: IdPath) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """The order results come in: shorter first, then by actor ids, then by relation ids."""
    return len(path.edges), path.nodes, path.edges


@dataclass(frozen=True, slots=True)
class EdgeFilter:
    """Which edges a traversal may use; ``None`` allows everything.

    ``as_of`` and ``until`` keep relations first reported on or before that date, ``since``
    those last reported on or after it (an undated relation fails any date test: nothing
    says when it was known), ``min_confidence`` those at least that confident. These are
    the tests :class:`~graph.stores.base.RelationFilter` makes of a stored relation.
    """

    kinds: frozenset[RelationKind] | None = None
    modalities: frozenset[Modality] | None = None
    as_of: date | None = None
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None

    def allows(self, attrs: Mapping[str, Any]) -> bool:
        if self.kinds is not None and attrs["kind"] not in self.kinds:
            return False
        if self.modalities is not None and attrs["modality"] not in self.modalities:
            return False
        if self.min_confidence is not None and attrs["confidence"] < self.min_confidence:
            return False
        first, last = attrs["first"], attrs["last"]
        for bound, day in ((self.as_of, first), (self.until, first)):
            if bound is not None and (day is None or day > bound):
                return False
        return self.since is None or (last is not None and last >= self.since)


def add_relation(
    g: nx.MultiDiGraph,
    relation_id: str,
    source: str,
    target: str,
    kind: RelationKind,
    modality: Modality,
    first: date | None = None,
    last: date | None = None,
    confidence: float = 1.0,
) -> None:
    """Add (or update) the edge of one relation; ``last`` defaults to ``first``."""
    g.add_edge(
        source,
        target,
        key=relation_id,
        kind=kind,
        modality=modality,
        first=first,
        last=first if last is None else last,
        confidence=confidence,
    )


def _allowed(keydict: Mapping[str, Mapping[str, Any]], flt: EdgeFilter) -> list[str]:
    return [key for key, attrs in keydict.items() if flt.allows(attrs)]


def steps(
    g: nx.MultiDiGraph,
    node: str,
    direction: Direction,
    flt: EdgeFilter,
    wanted: Callable[[str], bool] | None = None,
) -> list[tuple[str, list[str]]]:
    """The neighbours one allowed edge away, by id, each with its allowed edge keys, sorted.

    ``OUT`` follows edges forward, ``IN`` backward, ``BOTH`` either way. ``wanted`` drops
    neighbours before their edges are looked at (cheaper for a search that prunes).
    """
    found: dict[str, list[str]] = {}
    if direction is not Direction.IN:
        for nbr, keydict in g.succ[node].items():
            if wanted is None or wanted(nbr):
                found.setdefault(nbr, []).extend(_allowed(keydict, flt))
    if direction is not Direction.OUT:
        for nbr, keydict in g.pred[node].items():
            if nbr == node and direction is Direction.BOTH:
                continue  # a self-loop was already seen going out
            if wanted is None or wanted(nbr):
                found.setdefault(nbr, []).extend(_allowed(keydict, flt))
    return sorted((nbr, sorted(keys)) for nbr, keys in found.items() if keys)
