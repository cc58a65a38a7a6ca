"""The store contract, part two: neighbourhoods, paths and chains of supporters.

Expected answers come from spot checks on the corpus and from a brute-force walk over the
reference relations (every simple walk, filtered, sorted by length, actor ids, relation ids).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from graph.errors import BadInputError
from graph.model import FACTUAL_MODALITIES, Relation, RelationKind
from graph.stores.base import Direction, GraphStore, Path, RelationFilter

from .corpus import (
    ALL,
    BACKS,
    FAMA,
    FIGHTS,
    HOUTHIS,
    IRAN,
    JNIM,
    MALI,
    RSF,
    RUSSIA,
    STRIKES,
    WAGNER,
    rid,
)
from .reference import expected_snapshot

pytestmark = pytest.mark.anyio

REFERENCE = expected_snapshot(ALL).relations
Walk = tuple[tuple[str, ...], tuple[str, ...]]


def shape(paths: list[Path]) -> list[Walk]:
    return [(tuple(a.id for a in p.actors), tuple(r.id for r in p.relations)) for p in paths]


def _moves(rel: Relation, node: str, direction: Direction) -> Iterator[str]:
    if direction is not Direction.IN and rel.source == node:
        yield rel.target
    if direction is not Direction.OUT and rel.target == node and rel.source != rel.target:
        yield rel.source


def walks(
    start: str, keep: Callable[[Relation], bool], direction: Direction, max_length: int
) -> list[Walk]:
    """Every simple walk from ``start`` over kept relations, in the contract's order."""
    kept = [r for r in REFERENCE if keep(r)]
    found: list[Walk] = []

    def extend(nodes: tuple[str, ...], edges: tuple[str, ...]) -> None:
        if edges:
            found.append((nodes, edges))
        if len(edges) == max_length:
            return
        for rel in kept:
            for nxt in _moves(rel, nodes[-1], direction):
                if nxt not in nodes:
                    extend((*nodes, nxt), (*edges, rel.id))

    extend((start,), ())
    return sorted(found, key=lambda w: (len(w[1]), w[0], w[1]))


def factual(
    kinds: set[RelationKind] | None = None, as_of: date | None = None
) -> Callable[[Relation], bool]:
    def keep(r: Relation) -> bool:
        return (
            r.modality in FACTUAL_MODALITIES
            and (kinds is None or r.kind in kinds)
            and (as_of is None or (r.first_reported is not None and r.first_reported <= as_of))
        )

    return keep


# -- supporters ------------------------------------------------------------------------------


async def test_supporters_are_chains_of_backers(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    chains = await store.supporters(FAMA.id, depth=2)
    assert shape(chains) == [
        ((FAMA.id, WAGNER.id), (rid(WAGNER, BACKS, FAMA),)),
        ((FAMA.id, WAGNER.id, RUSSIA.id), (rid(WAGNER, BACKS, FAMA), rid(RUSSIA, BACKS, WAGNER))),
    ]
    for chain in chains:  # relations[i] runs from actors[i + 1] to actors[i]
        for i, rel in enumerate(chain.relations):
            assert (rel.source, rel.target) == (chain.actors[i + 1].id, chain.actors[i].id)
            assert rel.kind is BACKS and rel.evidence


@pytest.mark.parametrize("direction", [Direction.IN, Direction.OUT])
@pytest.mark.parametrize("actor", [FAMA.id, RUSSIA.id, HOUTHIS.id, RSF.id, WAGNER.id])
async def test_supporters_match_every_factual_backs_chain(
    store: GraphStore, actor: str, direction: Direction
) -> None:
    await store.ingest_many(ALL)
    found = await store.supporters(actor, depth=3, direction=direction)
    assert shape(found) == walks(actor, factual({BACKS}), direction, 3)


async def test_supporters_leave_out_claims_and_allegations(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    assert await store.supporters(RSF.id) == []  # the UAE is only alleged to back it
    [iran_reported, iran_asserted] = await store.supporters(HOUTHIS.id)  # two factual reports
    assert iran_reported.actors[1].id == iran_asserted.actors[1].id == IRAN.id
    assert iran_reported.relations[0].id < iran_asserted.relations[0].id


async def test_supporters_outward_and_both_ways(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    out = await store.supporters(RUSSIA.id, direction=Direction.OUT)
    assert [tuple(a.id for a in p.actors) for p in out] == [
        (RUSSIA.id, WAGNER.id),
        (RUSSIA.id, WAGNER.id, FAMA.id),
    ]
    both = await store.supporters(WAGNER.id, depth=1, direction=Direction.BOTH)
    assert shape(both) == sorted(
        walks(WAGNER.id, factual({BACKS}), Direction.IN, 1)
        + walks(WAGNER.id, factual({BACKS}), Direction.OUT, 1)
    )
    assert len(both) == 2


async def test_supporters_as_of_a_date_and_depth(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    before_russia = await store.supporters(FAMA.id, depth=2, as_of=date(2022, 2, 1))
    assert [len(p.relations) for p in before_russia] == [1]
    assert await store.supporters(FAMA.id, depth=2, as_of=date(2021, 12, 31)) == []
    assert len(await store.supporters(FAMA.id, depth=1)) == 1
    assert len(await store.supporters(FAMA.id, depth=2, limit=1)) == 1
    assert await store.supporters("faction:nobody") == []


# -- paths -----------------------------------------------------------------------------------


PATH_CASES = [
    (RUSSIA.id, JNIM.id, None, Direction.BOTH, None),
    (RUSSIA.id, JNIM.id, None, Direction.OUT, None),
    (RUSSIA.id, JNIM.id, None, Direction.IN, None),
    (JNIM.id, RUSSIA.id, None, Direction.IN, None),
    (RUSSIA.id, JNIM.id, None, Direction.BOTH, date(2023, 1, 1)),
    (RUSSIA.id, FAMA.id, {BACKS}, Direction.BOTH, None),
    (RUSSIA.id, JNIM.id, {BACKS}, Direction.BOTH, None),
    (RUSSIA.id, JNIM.id, {BACKS, STRIKES}, Direction.BOTH, None),
    (WAGNER.id, JNIM.id, None, Direction.BOTH, None),
]


@pytest.mark.parametrize(("source", "target", "kinds", "direction", "as_of"), PATH_CASES)
async def test_all_simple_paths(
    store: GraphStore, source: str, target: str, kinds: set[RelationKind] | None,
    direction: Direction, as_of: date | None,
) -> None:  # fmt: skip
    await store.ingest_many(ALL)
    found = await store.paths(
        source, target, kinds=frozenset(kinds) if kinds else None, max_length=4,
        direction=direction, as_of=as_of,
    )  # fmt: skip
    expected = [w for w in walks(source, factual(kinds, as_of), direction, 4) if w[0][-1] == target]
    assert shape(found) == expected
    shortest = await store.paths(
        source, target, kinds=frozenset(kinds) if kinds else None, max_length=4,
        direction=direction, as_of=as_of, shortest=True,
    )  # fmt: skip
    least = min((len(w[1]) for w in expected), default=0)
    assert shape(shortest) == [w for w in expected if len(w[1]) == least]


async def test_paths_spot_checks(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    both = await store.paths(RUSSIA.id, JNIM.id)
    assert [len(p.relations) for p in both] == [2, 3, 3]  # via Wagner; via FAMa, twice
    assert shape(both)[0] == (
        (RUSSIA.id, WAGNER.id, JNIM.id),
        (rid(RUSSIA, BACKS, WAGNER), rid(JNIM, FIGHTS, WAGNER)),
    )
    forward = await store.paths(RUSSIA.id, JNIM.id, direction=Direction.OUT)
    assert shape(forward) == [(
        (RUSSIA.id, WAGNER.id, FAMA.id, JNIM.id),
        (rid(RUSSIA, BACKS, WAGNER), rid(WAGNER, BACKS, FAMA), rid(FAMA, FIGHTS, JNIM)),
    )]  # fmt: skip
    assert len(await store.paths(RUSSIA.id, JNIM.id, limit=2)) == 2
    assert await store.paths(RUSSIA.id, JNIM.id, max_length=1) == []
    assert await store.paths(RUSSIA.id, RUSSIA.id) == []
    assert await store.paths(RUSSIA.id, "faction:nobody") == []


async def test_paths_skip_claims(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    ukraine = next(a for ex in ALL for a in ex.actors if a.name == "Ukraine")
    # "Ukraine claims it hit Russia" is not a fact: the only way is Russia FIGHTS Ukraine
    found = await store.paths(ukraine.id, RUSSIA.id, direction=Direction.OUT)
    assert found == []
    assert len(await store.paths(ukraine.id, RUSSIA.id, direction=Direction.IN)) == 1


# -- neighbourhood ---------------------------------------------------------------------------


def reference_neighbourhood(
    actor: str, depth: int, flt: RelationFilter, limit: int | None = None
) -> tuple[set[str], set[str], bool]:
    def keep(r: Relation) -> bool:
        return not (
            (flt.kinds is not None and r.kind not in flt.kinds)
            or (flt.since is not None and (r.last_reported is None or r.last_reported < flt.since))
            or (flt.min_confidence is not None and r.confidence < flt.min_confidence)
        )

    kept = [r for r in REFERENCE if keep(r)]
    hops, rim = {actor: 0}, {actor}
    for hop in range(1, depth + 1):
        rim = {n for r in kept for n in (r.source, r.target)
               if {r.source, r.target} & rim} - hops.keys()  # fmt: skip
        hops.update(dict.fromkeys(rim, hop))
    nearest = sorted(hops, key=lambda a: (hops[a], a))[:limit]
    seen = set(nearest)
    edges = {r.id for r in kept if r.source in seen and r.target in seen}
    return seen, edges, len(nearest) < len(hops)


NEIGHBOURHOODS = [
    (FAMA.id, 0, RelationFilter(), None),
    (FAMA.id, 1, RelationFilter(), None),
    (FAMA.id, 2, RelationFilter(), None),
    (FAMA.id, 2, RelationFilter(kinds=frozenset({BACKS})), None),
    (FAMA.id, 2, RelationFilter(min_confidence=0.78), None),
    # Wagner is reached only by older news
    (FAMA.id, 2, RelationFilter(since=date(2023, 1, 1)), None),
    (RSF.id, 1, RelationFilter(), None),
    (RSF.id, 3, RelationFilter(), None),
    # limits: the nearest actors (by hops, then id), the centre always among them
    (RSF.id, 3, RelationFilter(), 1),
    (RSF.id, 3, RelationFilter(), 2),
    (RSF.id, 3, RelationFilter(), 4),
    (FAMA.id, 2, RelationFilter(), 3),
    (FAMA.id, 2, RelationFilter(min_confidence=0.78), 2),
    (FAMA.id, 2, RelationFilter(since=date(2023, 1, 1)), 2),
    (FAMA.id, 2, RelationFilter(), 50),  # room for everyone: not truncated
]


@pytest.mark.parametrize(("actor", "depth", "flt", "limit"), NEIGHBOURHOODS)
async def test_neighbourhood(
    store: GraphStore, actor: str, depth: int, flt: RelationFilter, limit: int | None
) -> None:
    await store.ingest_many(ALL)
    sub = await store.neighbourhood(actor, depth, flt, limit=limit)
    nodes, edges, truncated = reference_neighbourhood(actor, depth, flt, limit)
    assert [a.id for a in sub.actors] == sorted(nodes)
    assert [r.id for r in sub.relations] == sorted(edges)
    assert sub.truncated is truncated


async def test_a_limited_neighbourhood_is_truncated_only_when_actors_were_left_out(
    store: GraphStore,
) -> None:
    await store.ingest_many(ALL)
    full = await store.neighbourhood(RSF.id, 3)
    assert not full.truncated and len(full.actors) > 2
    exact = await store.neighbourhood(RSF.id, 3, limit=len(full.actors))
    assert exact == full
    short = await store.neighbourhood(RSF.id, 3, limit=len(full.actors) - 1)
    assert short.truncated and len(short.actors) == len(full.actors) - 1
    with pytest.raises(BadInputError):
        await store.neighbourhood(RSF.id, 1, limit=0)


async def test_neighbourhood_spot_checks(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    one = await store.neighbourhood(FAMA.id, 1)
    assert {a.id for a in one.actors} == {FAMA.id, WAGNER.id, JNIM.id}
    assert rid(JNIM, FIGHTS, WAGNER) in {r.id for r in one.relations}  # between two rim actors
    later = await store.neighbourhood(FAMA.id, 2, RelationFilter(since=date(2023, 1, 1)))
    assert {a.id for a in later.actors} == {FAMA.id, JNIM.id}
    lonely = await store.neighbourhood(MALI.id, 2)
    assert [a.id for a in lonely.actors] == [MALI.id] and lonely.relations == ()
    nobody = await store.neighbourhood("faction:nobody", 2)
    assert (nobody.actors, nobody.relations) == ((), ())
