"""Graph queries as plain functions over a :class:`networkx.MultiDiGraph`, graph first.

See :mod:`graph.queries.edges` for the layout of the graph they expect.
"""

from graph.queries.edges import EdgeFilter, IdPath, IdSubgraph, add_relation, path_order, steps
from graph.queries.neighbourhoods import neighbourhood
from graph.queries.paths import shortest_paths, simple_paths
from graph.queries.supporters import supporters_of

__all__ = [
    "EdgeFilter",
    "IdPath",
    "IdSubgraph",
    "add_relation",
    "neighbourhood",
    "path_order",
    "shortest_paths",
    "simple_paths",
    "steps",
    "supporters_of",
]
