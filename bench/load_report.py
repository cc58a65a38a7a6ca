"""Printing the load benchmark: the store it served, one row per scenario, then the lookup
at fixed rates and against the floor, with the CPU ratio of the two."""

from __future__ import annotations

from typing import Any

from bench.report import print_table

__all__ = ["OPEN_LOOP_P95_MS", "OPEN_LOOP_RATE", "RATIO_TARGET", "cpu_ratio", "print_report"]

#: The GraphQL lookup may cost at most this many times the floor's server CPU.
RATIO_TARGET = 2.0
#: p95 the lookup should keep at this arrival rate (req/s) with two workers.
OPEN_LOOP_P95_MS = 20.0
OPEN_LOOP_RATE = 200.0


def _target(result: dict[str, Any]) -> str:
    ms = result["target_p95_ms"]
    return "0 errors" if ms is None else f"p95<={ms:g}ms, 0 errors"


def print_report(info: dict[str, Any]) -> None:
    """Store, server memory, the scenario table and a verdict per target."""
    store, mach = info["store"], info["machine"]
    print(
        f"store: {store['relations']:,} synthetic relations in {store['articles']:,} articles "
        f"(built in {store['seconds']:.0f} s), {store['file_mb']:,.1f} MB; {store['samples']}"
    )
    print(
        f"load: {info['clients']} concurrent clients, {info['seconds_per_scenario']:g} s per "
        f"scenario, loopback only; server: {info['workers']} worker process(es), peak RSS "
        f"{info['server_peak_rss_mb']:,.0f} MB (the largest process)"
    )
    print(
        f"machine: {mach['cpus']} CPUs (server and clients share them), load average "
        f"{mach['load_average'][0]} at start, {info['load_after']} at end; {mach['date']}\n"
    )
    rows = [
        (
            r["scenario"],
            r["alone"]["p50"],
            r["requests"],
            r["errors"],
            r["throughput"],
            r["p50"],
            r["p95"],
            r["p99"],
            r["server_cpu_ms"],
            _target(r),
            "MET" if r["met"] else "NOT MET",
        )
        for r in info["results"]
    ]
    headers = ["scenario", "alone p50 ms", "requests", "errors", "req/s", "p50 ms", "p95 ms"]
    print_table([*headers, "p99 ms", "server CPU ms/req", "target", "verdict"], rows)
    print(
        f"(alone: one client by itself for a few seconds first; the other columns are with "
        f"{info['clients']} clients at once. server CPU ms/req: CPU time of every server "
        "process over the run / requests; cores / that is the most req/s the machine can "
        "serve, and with N clients always waiting, mean latency = N / req/s)"
    )
    for r in info["results"]:
        for sample in r["error_samples"]:
            print(f"  error in {r['scenario']}: {sample}")
    print_floor(info)


def cpu_ratio(info: dict[str, Any]) -> float:
    """Server CPU per GraphQL lookup over server CPU per floor lookup, both closed-loop."""
    graphql = next(r for r in info["results"] if r["scenario"] == "actor + relations")
    return round(
        float(graphql["server_cpu_ms"]) / float(info["floor"]["closed"]["server_cpu_ms"]), 2
    )


def _open_row(server: str, r: dict[str, Any]) -> tuple[object, ...]:
    target = ""
    if server == "GraphQL" and r["rate"] == OPEN_LOOP_RATE:
        met = r["errors"] == 0 and r["p95"] <= OPEN_LOOP_P95_MS
        target = f"p95<={OPEN_LOOP_P95_MS:g}ms: {'MET' if met else 'NOT MET'}"
    return (
        server, r["rate"], r["requests"], r["errors"], r["throughput"],
        r["p50"], r["p95"], r["p99"], r["server_cpu_ms"], target,
    )  # fmt: skip


def print_floor(info: dict[str, Any]) -> None:
    """The lookup at fixed rates, GraphQL and floor, and the CPU ratio of the two."""
    floor = info["floor"]["closed"]
    graphql = next(r for r in info["results"] if r["scenario"] == "actor + relations")
    ratio = cpu_ratio(info)
    verdict = "MET" if ratio <= RATIO_TARGET else "NOT MET"
    print(
        f"\nfloor: the same lookup without GraphQL (bench/floor_app.py), {info['clients']} "
        f"clients: {floor['throughput']} req/s, p50 {floor['p50']} ms, p95 {floor['p95']} ms, "
        f"server CPU {floor['server_cpu_ms']} ms/req, {floor['errors']} errors"
    )
    print(
        f"GraphQL layer: {graphql['server_cpu_ms']} ms against {floor['server_cpu_ms']} ms of "
        f"server CPU per lookup = {ratio:g}x the floor (target <= {RATIO_TARGET:g}x: {verdict})\n"
    )
    rows = [_open_row("GraphQL", r) for r in info["open_loop"]]
    rows += [_open_row("floor", r) for r in info["floor"]["open"]]
    headers = ["open loop: actor + relations", "rate req/s", "sent", "errors", "ok req/s"]
    print_table([*headers, "p50 ms", "p95 ms", "p99 ms", "server CPU ms/req", "target"], rows)
    print(
        f"(open loop: requests sent evenly at the rate for {info['open_loop_seconds']:g} s each, "
        "whatever the answers do; latency counts from when a request was due)"
    )
    for r in [*info["open_loop"], *info["floor"]["open"], floor]:
        for sample in r["error_samples"]:
            print(f"  error in {r['scenario']} at {r.get('rate', 'closed loop')}: {sample}")
