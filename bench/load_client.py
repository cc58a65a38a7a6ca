"""The load generator: concurrent GraphQL clients, each looping until a deadline (closed
loop), or requests sent at a fixed rate whatever the answers do (open loop).

The clients use aiohttp on one event loop. The server shares the machine's cores with them,
so their own cost matters: measured here, httpx spent about 7.7 ms of CPU per request (one
core for 130 req/s) and aiohttp about 0.1 ms.

Every loop is bounded: a client stops sending once the scenario's time is up, and each
request has a timeout, so a scenario ends by itself at most one timeout after its deadline.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.report import percentiles

__all__ = ["Scenario", "run_open_loop", "run_scenario", "scenarios"]

ACTOR = (
    "query($id: ID!) { actor(id: $id) { id name relationsOut { kind target { id name } } "
    "relationsIn { kind source { id } } } }"
)
PAGE = (
    "query($after: String) { actors(first: 50, after: $after) { totalCount "
    "edges { node { id name kind } } pageInfo { endCursor hasNextPage } } }"
)
SUPPORTERS = (
    "query($of: ID!) { supporters(of: $of, depth: 3) { length nodes { id } edges { kind } } }"
)
PATHS = "query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4) { length nodes { id } } }"
INGEST = (
    "mutation($text: String!, $id: ID) { ingestArticle(text: $text, id: $id) "
    "{ __typename ... on IngestSuccess { articleId } } }"
)


@dataclass
class Scenario:
    name: str
    target_ms: float | None  # the p95 target; None: only "zero errors" is asked
    make: Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]  # client state -> request
    check: Callable[[dict[str, Any], dict[str, Any]], bool]  # (data, client state) -> ok


def _field(name: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda data, _state: data.get(name) is not None


def _page_check(data: dict[str, Any], state: dict[str, Any]) -> bool:
    page = data.get("actors")
    if not page or len(page["edges"]) == 0:
        return False
    info = page["pageInfo"]
    state["after"] = info["endCursor"] if info["hasNextPage"] else None  # walk on, then restart
    return True


def scenarios(plan: dict[str, list[Any]], texts: Iterator[tuple[str, str]]) -> list[Scenario]:
    """The five scenarios, drawing actors from ``plan`` and article texts from ``texts``."""

    def pick(key: str) -> Callable[[dict[str, Any]], Any]:
        return lambda state: state["rng"].choice(plan[key])

    actor, backed, pair = pick("uniform"), pick("backed_uniform"), pick("pairs_uniform")

    def ingest(_state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        art_id, text = next(texts)
        return INGEST, {"text": text, "id": art_id}

    def ingested(data: dict[str, Any], _state: dict[str, Any]) -> bool:
        return bool(data.get("ingestArticle", {}).get("__typename") == "IngestSuccess")

    return [
        Scenario("actor + relations", 50, lambda s: (ACTOR, {"id": actor(s)}), _field("actor")),
        Scenario("page of 50 actors", 50, lambda s: (PAGE, {"after": s.get("after")}), _page_check),
        Scenario(
            "supporters depth 3",
            150,
            lambda s: (SUPPORTERS, {"of": backed(s)}),
            _field("supporters"),
        ),
        Scenario(
            "paths maxLength 4",
            150,
            lambda s: (PATHS, dict(zip(("a", "b"), pair(s), strict=True))),
            _field("paths"),
        ),
        Scenario("ingestArticle", None, ingest, ingested),
    ]


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    samples: list[str] = field(default_factory=list)  # the first few error messages

    def fail(self, why: str) -> None:
        self.errors += 1
        if len(self.samples) < 3:
            self.samples.append(why[:300])


async def _exchange(
    http: aiohttp.ClientSession,
    url: str,
    scenario: Scenario,
    state: dict[str, Any],
    tally: _Tally,
    since: float,
) -> bool:
    """Send one request and judge its answer; the latency counts from ``since``.

    False for a transport error (the caller may want to back off)."""
    query, variables = scenario.make(state)
    try:
        payload = {"query": query, "variables": variables}
        async with http.post(url, json=payload) as response:
            status, body = response.status, json.loads(await response.read())
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        tally.fail(f"{type(exc).__name__}: {exc}")
        return False
    elapsed = time.perf_counter() - since
    if status != 200 or body.get("errors"):
        tally.fail(f"HTTP {status}: {body.get('errors')!s}")
    elif not scenario.check(body.get("data") or {}, state):
        tally.fail(f"unexpected answer: {body.get('data')!s}")
    else:
        tally.latencies.append(elapsed)
    return True


async def _client(
    http: aiohttp.ClientSession,
    url: str,
    scenario: Scenario,
    seed: int,
    deadline: float,
    tally: _Tally,
    requests: int | None,
) -> None:
    state: dict[str, Any] = {"rng": random.Random(seed), "after": None}
    sent = 0
    while time.perf_counter() < deadline and (requests is None or sent < requests):
        sent += 1
        if not await _exchange(http, url, scenario, state, tally, time.perf_counter()):
            await asyncio.sleep(0.05)  # a refused connection fails at once: do not spin


async def run_scenario(
    url: str,
    scenario: Scenario,
    clients: int,
    seconds: float,
    timeout: float,
    requests: int | None = None,
) -> dict[str, Any]:
    """``clients`` concurrent clients for ``seconds`` (or ``requests`` each, if sooner).

    Latency percentiles are over the good answers; errors are counted apart.
    """
    connector = aiohttp.TCPConnector(limit=clients)
    timeouts = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=timeouts) as http:
        start = time.perf_counter()
        tally = _Tally()
        await asyncio.gather(
            *(
                _client(http, url, scenario, seed, start + seconds, tally, requests)
                for seed in range(clients)
            )
        )
        elapsed = time.perf_counter() - start
    stats = percentiles(tally.latencies)
    met = tally.errors == 0 and (scenario.target_ms is None or stats["p95"] <= scenario.target_ms)
    return {
        "scenario": scenario.name,
        "requests": len(tally.latencies) + tally.errors,
        "ok": len(tally.latencies),
        "errors": tally.errors,
        "error_samples": tally.samples,
        "seconds": round(elapsed, 2),
        "throughput": round(len(tally.latencies) / elapsed, 1),
        **stats,
        "target_p95_ms": scenario.target_ms,
        "met": met,
    }


async def run_open_loop(
    url: str, scenario: Scenario, rate: float, seconds: float, timeout: float, seed: int = 0
) -> dict[str, Any]:
    """Send ``rate`` requests a second, evenly spaced, for ``seconds``, whatever the answers do.

    Each request's latency counts from the moment it was due, not from when it was sent, so a
    client that falls behind (or a server that makes requests queue) shows in the figures
    instead of quietly lowering the rate. The requests' states share one random stream, so a
    run draws the same actors in the same order every time.
    """
    # the arrivals set the concurrency; the cap only keeps a stalled server from costing
    # thousands of sockets (a request waiting for one still counts from when it was due)
    connector = aiohttp.TCPConnector(limit=512)
    timeouts = aiohttp.ClientTimeout(total=timeout)
    state: dict[str, Any] = {"rng": random.Random(seed), "after": None}
    tally = _Tally()
    total = max(1, round(rate * seconds))
    async with aiohttp.ClientSession(connector=connector, timeout=timeouts) as http:
        start = time.perf_counter()
        in_flight = []
        for number in range(total):
            due = start + number / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            in_flight.append(asyncio.create_task(_exchange(http, url, scenario, state, tally, due)))
        await asyncio.gather(*in_flight)
        elapsed = time.perf_counter() - start
    return {
        "scenario": scenario.name,
        "rate": rate,
        "requests": total,
        "ok": len(tally.latencies),
        "errors": tally.errors,
        "error_samples": tally.samples,
        "seconds": round(elapsed, 2),
        "throughput": round(len(tally.latencies) / elapsed, 1),
        **percentiles(tally.latencies),
    }
