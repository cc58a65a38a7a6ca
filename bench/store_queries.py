"""The store benchmark's queries: each kind run one at a time, timed one by one.

Actors are picked two ways: uniformly (most actors have one or two relations) and in
proportion to their degree (the hubs that people look up most, and the costly case for
traversals). Every kind stops after ``n`` queries or ``budget`` seconds, whichever comes first.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench.report import percentiles
from graph.stores.base import Direction, GraphStore

__all__ = ["QUERIES", "run_queries"]

WARMUP = 5  # untimed queries of each kind first

Query = Callable[[GraphStore, Any], Awaitable[int]]  # returns how many things it found


async def _get_actor(store: GraphStore, actor: str) -> int:
    return int(await store.get_actor(actor) is not None)


async def _relations_of(store: GraphStore, actor: str) -> int:
    return len((await store.relations_of([actor], Direction.BOTH))[0])


async def _neighbourhood(store: GraphStore, actor: str) -> int:
    return len((await store.neighbourhood(actor, depth=2)).relations)


#: The API's default `first` for a neighbourhood: what the graph page asks for.
NEIGHBOURHOOD_LIMIT = 500


async def _neighbourhood_limited(store: GraphStore, actor: str) -> int:
    return len((await store.neighbourhood(actor, depth=2, limit=NEIGHBOURHOOD_LIMIT)).relations)


async def _supporters(store: GraphStore, actor: str) -> int:
    return len(await store.supporters(actor, depth=3))


async def _paths(store: GraphStore, pair: list[str]) -> int:
    return len(await store.paths(pair[0], pair[1], max_length=4))


async def _search(store: GraphStore, word: str) -> int:
    return len(await store.search_actors(word, limit=50))


#: (label, how actors are picked, plan key, query)
QUERIES: tuple[tuple[str, str, str, Query], ...] = (
    ("get_actor", "uniform", "uniform", _get_actor),
    ("relations_of", "uniform", "uniform", _relations_of),
    ("relations_of", "by degree", "weighted", _relations_of),
    ("neighbourhood depth 2", "uniform", "uniform", _neighbourhood),
    ("neighbourhood depth 2", "by degree", "weighted", _neighbourhood),
    ("neighbourhood d2, 500 actors", "uniform", "uniform", _neighbourhood_limited),
    ("neighbourhood d2, 500 actors", "by degree", "weighted", _neighbourhood_limited),
    ("supporters depth 3", "uniform", "backed_uniform", _supporters),
    ("supporters depth 3", "by degree", "backed_weighted", _supporters),
    ("paths max_length 4", "uniform", "pairs_uniform", _paths),
    ("paths max_length 4", "by degree", "pairs_weighted", _paths),
    ("search_actors", "name prefix", "words", _search),
)


async def _timed(store: GraphStore, query: Query, arg: Any, cap: float) -> tuple[float, int]:
    """(seconds, things found); ``TimeoutError`` when one query runs past ``cap`` seconds."""
    start = time.perf_counter()
    found = await asyncio.wait_for(query(store, arg), cap)
    return time.perf_counter() - start, found


async def _one_kind(
    store: GraphStore, query: Query, args: list[Any], n: int, budget: float
) -> dict[str, Any]:
    """Up to ``n`` queries in ``budget`` seconds; one query alone past ``budget`` ends the kind
    (it is cancelled) and the row says so, rather than the benchmark waiting on it."""
    samples: list[float] = []
    found, timed_out = 0, False
    try:
        for arg in args[:WARMUP]:
            await _timed(store, query, arg, budget)
        deadline = time.perf_counter() + budget
        for arg in args[:n]:
            if time.perf_counter() > deadline:
                break
            seconds, many = await _timed(store, query, arg, budget)
            samples.append(seconds)
            found += many
    except TimeoutError:
        timed_out = True
    return {
        "count": len(samples),
        "stopped_early": len(samples) < min(n, len(args)),
        "timed_out": timed_out,
        "mean_found": round(found / max(len(samples), 1), 1),
        "max_ms": round(max(samples, default=float("nan")) * 1000, 2),
        **percentiles(samples),
    }


async def run_queries(
    store: GraphStore, plan: dict[str, list[Any]], n: int, budget: float
) -> list[dict[str, Any]]:
    """One row per entry of :data:`QUERIES`, with p50/p95/p99 in milliseconds."""
    rows = []
    for label, picks, key, query in QUERIES:
        row = await _one_kind(store, query, plan[key], n, budget)
        rows.append({"query": label, "picks": picks, **row})
    return rows
