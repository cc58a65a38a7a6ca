"""Printing the load benchmark: the store it served, then one row per scenario."""

from __future__ import annotations

from typing import Any

from bench.report import print_table

__all__ = ["print_report"]


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
