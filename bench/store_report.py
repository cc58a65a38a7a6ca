"""Printing one size of the store benchmark."""

from __future__ import annotations

import argparse
from typing import Any

from bench.report import print_table

__all__ = ["print_report"]


def _cap(row: dict[str, Any], args: argparse.Namespace) -> str:
    if row.get("timed_out"):
        return f"one query > {args.query_seconds:.0f} s"
    return "yes" if row["stopped_early"] else ""


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
    where = "on the server" if load["file_mb"] is None else f"{load['file_mb']:,.1f} MB"
    print(f"file size: {where}; peak RSS while loading: {load['peak_rss_mb']:,.0f} MB")
    opened = "the existing file" if load["file_mb"] is not None else "the loaded server"
    print(
        f"open() on {opened}: {query['open_seconds']:.2f} s; RSS after open "
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
            _cap(q, args),
        )
        for q in query["queries"]
    ]
    print_table(
        ["query", "actors", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "found", "time cap hit"],
        rows,
    )
    print()
