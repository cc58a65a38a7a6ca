"""The backfill's one writer: how many articles a second it stores, alone, in each store.

A backfill's workers only extract; the client stores every partition through the store's
``ingest_many``. This measures that writer by itself: it extracts a synthetic corpus once
(untimed), then stores it partition by partition, as ``actorgraph backfill`` does, into a fresh
embedded store and, with ``--bolt``, into the Neo4j store over a throwaway ArcadeDB server
(:mod:`bench.bolt_server`; the figures are that server's, not Neo4j's). It reports articles
and rows (actor mentions + relations + evidence) per second of wall time and per second of the
writer's own CPU, the ceiling one client puts on a cluster.

    python -m bench.writer_bench                      # 300 articles, embedded store
    python -m bench.writer_bench --bolt --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.bolt_server import bolt_server
from bench.corpus import generate
from bench.report import machine, print_table
from graph.commands.batch import extract_each
from graph.commands.ingest import load_extractor
from graph.model import Extraction
from graph.stores.base import GraphStore
from graph.stores.sqlite.store import EmbeddedStore

__all__ = ["main", "rows_of"]


def rows_of(extraction: Extraction) -> int:
    """Rows one article writes: its actor mentions, relations and evidence."""
    evidence = sum(len(r.evidence) for r in extraction.relations)
    return len(extraction.actors) + len(extraction.relations) + evidence


def _extract(n: int, seed: int) -> list[Extraction]:
    outcomes = extract_each(load_extractor(), generate(n, seed=seed))
    return [o for o in outcomes if isinstance(o, Extraction)]


async def _store_all(
    store: GraphStore, extractions: Sequence[Extraction], size: int
) -> tuple[float, float]:
    await store.open()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(extractions), size):
            await store.ingest_many(extractions[start : start + size])
        return time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await store.close()


def _row(
    label: str, extractions: Sequence[Extraction], timing: tuple[float, float]
) -> dict[str, Any]:
    seconds, cpu = timing
    rows = sum(map(rows_of, extractions))
    return {
        "store": label,
        "articles": len(extractions),
        "rows": rows,
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "articles_per_s": round(len(extractions) / seconds, 1),
        "rows_per_s": round(rows / seconds),
        "articles_per_cpu_s": round(len(extractions) / cpu, 1) if cpu else None,
    }


def _measure(extractions: list[Extraction], args: argparse.Namespace) -> list[dict[str, Any]]:
    from graph.stores.neo4j.store import Neo4jStore

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.sqlite3")
        results = [
            _row(
                "embedded",
                extractions,
                asyncio.run(_store_all(store, extractions, args.partition_size)),
            )
        ]
    if args.bolt:
        with bolt_server() as server:
            neo4j = Neo4jStore(server.uri, server.user, server.password, database=server.database)
            timing = asyncio.run(_store_all(neo4j, extractions, args.partition_size))
            results.append(_row(f"Neo4j store over Bolt ({server.agent})", extractions, timing))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--bolt", action="store_true", help="also over a throwaway Bolt server")
    parser.add_argument("--json", action="store_true", help="print one JSON line at the end")
    args = parser.parse_args(argv)
    info: dict[str, Any] = {"machine": machine(), "partition_size": args.partition_size}
    extractions = _extract(args.articles, args.seed)
    info["results"] = _measure(extractions, args)
    info["machine_after"] = machine()["load_average"]
    print(f"{len(extractions)} extracted synthetic articles stored in partitions of "
          f"{args.partition_size} through ingest_many, one writer")  # fmt: skip
    print_table(
        ["store", "articles", "rows", "seconds", "CPU s", "articles/s", "rows/s", "articles/CPU-s"],
        [
            (r["store"], r["articles"], r["rows"], r["seconds"], r["cpu_s"],
             r["articles_per_s"], r["rows_per_s"], r["articles_per_cpu_s"])
            for r in info["results"]
        ],
    )  # fmt: skip
    m = info["machine"]
    print(f"machine: {m['cpus']} CPUs, {m['memory_gb']} GB; load average {m['load_average']} at "
          f"start, {info['machine_after']} at end")  # fmt: skip
    if args.json:
        print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
