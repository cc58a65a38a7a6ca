"""Printing one size of the store benchmark."""

from __future__ import annotations

import argparse
from typing import Any

from bench.report import print_table

__all__ = ["print_report"]


def print_report(size: dict[str, Any], args: argparse.Namespace) -> None:
    """The load figures, then a latency table, for one graph size."""
    load, query = size["load"], size["query"]
    print(f"=== {size['label']} relations ===")
    if not load["complete"]:
        print(
            f"NOT COMPLETED: the load passed its budget of {args.load_budget:.0f} s and "
            f"stopped at {load['relations_loaded']:,} of {load['size']:,} relations; "
            "the queries below ran on that part"
        )
    print(
        f"load: {load['relations_loaded']:,} relations, {load['actors']:,} actors, "
        f"{load['articles']:,} articles in {load['load_seconds']:.1f} s = "
        f"{load['edges_per_second']:,.0f} edges/s (graph generated in "
        f"{load['generate_seconds']:.1f} s, not counted)"
    )
    print(
        f"file size: {load['file_mb']:,.1f} MB; peak RSS while loading: "
        f"{load['peak_rss_mb']:,.0f} MB"
    )
    print(
        f"open() on the existing file: {query['open_seconds']:.2f} s; RSS after open "
        f"{query['rss_after_open_mb']:,.0f} MB, peak while querying "
        f"{query['peak_rss_mb']:,.0f} MB"
    )
    rows = [
        (
            q["query"],
            q["picks"],
            q["count"],
            q["p50"],
            q["p95"],
            q["p99"],
            q["max_ms"],
            q["mean_found"],
            "yes" if q["stopped_early"] else "",
        )
        for q in query["queries"]
    ]
    print_table(
        ["query", "actors", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "found", "time cap hit"],
        rows,
    )
    print()
