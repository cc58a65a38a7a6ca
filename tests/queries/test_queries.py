"""The query functions against networkx's own algorithms on generated multigraphs."""

from __future__ import annotations

from datetime import date

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import FACTUAL_MODALITIES, Modality, RelationKind
from graph.queries import (
    EdgeFilter,
    IdPath,
    add_relation,
    neighbourhood,
    path_order,
    shortest_paths,
    simple_paths,
    supporters_of,
)
from graph.stores.base import Direction

NODES = ["a", "b", "c", "d", "e", "f"]
KINDS = [RelationKind.BACKS, RelationKind.FIGHTS]
MODALITIES = [Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED]
DAYS = [None, date(2024, 1, 1), date(2024, 6, 1)]
EDGES = st.lists(
    st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.sampled_from(KINDS),
              st.sampled_from(MODALITIES), st.sampled_from(DAYS)),
    max_size=14,
)  # fmt: skip
AS_OF = st.sampled_from([None, date(2024, 3, 1)])


def build(edges: list[tuple[str, str, RelationKind, Modality, date | None]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(NODES)
    for i, (u, v, kind, modality, first) in enumerate(edges):
        add_relation(g, f"r{i:02d}", u, v, kind, modality, first)
    return g


def kept(g: nx.MultiDiGraph, flt: EdgeFilter) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    out.add_nodes_from(g)
    out.add_edges_from(
        (u, v, k, a) for u, v, k, a in g.edges(keys=True, data=True) if flt.allows(a)
    )
    return out


def oracle_paths(
    g: nx.MultiDiGraph, source: str, target: str, direction: Direction, max_length: int
) -> list[IdPath]:
    """Every simple path by networkx, as ids, in the order the queries promise."""
    if direction is Direction.IN:
        g = g.reverse(copy=True)
    walk = g.to_undirected(as_view=False) if direction is Direction.BOTH else g
    found = set()
    for edge_path in nx.all_simple_edge_paths(walk, source, target, cutoff=max_length):
        nodes = (source, *(e[1] for e in edge_path))
        found.add(IdPath(nodes, tuple(e[2] for e in edge_path)))
    return sorted(found, key=path_order)


@settings(max_examples=300, deadline=None)
@given(edges=EDGES, direction=st.sampled_from(list(Direction)), as_of=AS_OF,
       kinds=st.sampled_from([None, frozenset({RelationKind.FIGHTS})]),
       ends=st.lists(st.sampled_from(NODES), min_size=2, max_size=2, unique=True),
       max_length=st.integers(1, 5))  # fmt: skip
def test_paths_match_networkx(
    edges: list[tuple[str, str, RelationKind, Modality, date | None]], direction: Direction,
    as_of: date | None, kinds: frozenset[RelationKind] | None, ends: list[str], max_length: int,
) -> None:  # fmt: skip
    g = build(edges)
    flt = EdgeFilter(kinds=kinds, modalities=frozenset(FACTUAL_MODALITIES), as_of=as_of)
    expected = oracle_paths(kept(g, flt), ends[0], ends[1], direction, max_length)
    args = (g, ends[0], ends[1], kinds, max_length, direction, as_of, None)
    assert simple_paths(*args) == expected
    least = min((len(p.edges) for p in expected), default=0)
    assert shortest_paths(*args) == [p for p in expected if len(p.edges) == least]
    assert simple_paths(*args[:-1], 2) == expected[:2]  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(edges=EDGES, actor=st.sampled_from(NODES), depth=st.integers(0, 3),
       direction=st.sampled_from([Direction.IN, Direction.OUT]), as_of=AS_OF)  # fmt: skip
def test_supporters_are_every_backs_chain(
    edges: list[tuple[str, str, RelationKind, Modality, date | None]], actor: str, depth: int,
    direction: Direction, as_of: date | None,
) -> None:  # fmt: skip
    g = build(edges)
    flt = EdgeFilter(frozenset({RelationKind.BACKS}), frozenset(FACTUAL_MODALITIES), as_of)
    backs = kept(g, flt)
    expected = sorted(
        {p for target in NODES if target != actor
         for p in oracle_paths(backs, actor, target, direction, depth)},
        key=path_order,
    )  # fmt: skip
    found = supporters_of(g, actor, depth, direction, as_of)
    assert found == expected
    for chain in found:
        for i, key in enumerate(chain.edges):
            u, v = chain.nodes[i + 1], chain.nodes[i]
            assert g.has_edge(*((u, v) if direction is Direction.IN else (v, u)), key)


@settings(max_examples=150, deadline=None)
@given(edges=EDGES, actor=st.sampled_from(NODES), depth=st.integers(0, 3), as_of=AS_OF)
def test_neighbourhood_is_the_ego_graph(
    edges: list[tuple[str, str, RelationKind, Modality, date | None]], actor: str, depth: int,
    as_of: date | None,
) -> None:  # fmt: skip
    g = build(edges)
    flt = EdgeFilter(modalities=frozenset(FACTUAL_MODALITIES), as_of=as_of)
    ego = nx.ego_graph(kept(g, flt), actor, radius=depth, undirected=True)
    found = neighbourhood(g, actor, depth, modalities=flt.modalities, as_of=as_of)
    assert found.nodes == tuple(sorted(ego))
    assert found.edges == tuple(sorted(k for _, _, k in ego.edges(keys=True)))


def test_parallel_relations_give_one_path_each() -> None:
    g = nx.MultiDiGraph()
    add_relation(g, "r2", "iran", "houthis", RelationKind.BACKS, Modality.ASSERTED)
    add_relation(g, "r1", "iran", "houthis", RelationKind.BACKS, Modality.REPORTED)
    add_relation(g, "r3", "iran", "houthis", RelationKind.BACKS, Modality.ALLEGED)
    found = supporters_of(g, "houthis", depth=1)
    assert found == [IdPath(("houthis", "iran"), ("r1",)), IdPath(("houthis", "iran"), ("r2",))]


def test_an_unknown_actor_has_no_paths_or_neighbours() -> None:
    g = build([("a", "b", RelationKind.FIGHTS, Modality.ASSERTED, None)])
    assert simple_paths(g, "a", "zz") == []
    assert supporters_of(g, "zz") == []
    assert neighbourhood(g, "zz", 2).nodes == ()
