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
        f"scenario, loopback only; server peak RSS {info['server_peak_rss_mb']:,.0f} MB"
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
            _target(r),
            "MET" if r["met"] else "NOT MET",
        )
        for r in info["results"]
    ]
    headers = ["scenario", "alone p50 ms", "requests", "errors", "req/s", "p50 ms", "p95 ms"]
    print_table([*headers, "p99 ms", "target", "verdict"], rows)
    print(
        f"(alone: one client by itself for a few seconds first; the other columns are with "
        f"{info['clients']} clients at once)"
    )
    for r in info["results"]:
        for sample in r["error_samples"]:
            print(f"  error in {r['scenario']}: {sample}")
