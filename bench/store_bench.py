"""The embedded store at 10k, 100k and 1M relations, and the Neo4j store over Bolt at 10k and
100k: load speed, size, memory and latency.

Each size is a synthetic heavy-tailed graph (:mod:`bench.synthetic`) ingested through the
store's public bulk path, ``ingest_many``, as articles of a few hundred relations each. Then a
fresh process opens the file (timed: it loads the traversal graph) and runs random queries.
Loading and querying run in separate child processes, so each peak RSS is its own.

A load that runs past ``--load-budget`` seconds stops there and says so: the queries then run
on the part that was loaded, and the report marks the size as not completed.

The Neo4j store's sizes (``--bolt-sizes``) run against a fresh ArcadeDB server each (see
:mod:`bench.bolt_server`), and their rows are labelled with the server's own name for itself:
they measure the store over Bolt on that server, not Neo4j.

    python -m bench.store_bench                          # 10k, 100k, 1M; over Bolt 10k, 100k
    python -m bench.store_bench --sizes 10k --bolt-sizes "" --queries 50 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bolt_server import bolt_server
from bench.report import machine, peak_rss_mb
from bench.store_queries import run_queries
from bench.synthetic import SyntheticGraph, extractions, query_plan, synthetic_graph
from graph.stores.base import GraphStore
from graph.stores.sqlite.store import EmbeddedStore

__all__ = ["bulk_load", "file_size_mb", "main", "parse_size"]

ROOT = Path(__file__).resolve().parent.parent
BATCH = 20  # articles per ingest_many call


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1M`` -> 1000000, ``2500`` -> 2500."""
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def file_size_mb(path: Path) -> float:
    """The store's file with its write-ahead log and shared-memory index."""
    parts = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return round(sum(p.stat().st_size for p in parts if p.exists()) / 1e6, 1)


async def bulk_load(
    store: GraphStore, graph: SyntheticGraph, per_article: int, seed: int, budget: float
) -> tuple[int, int, bool]:
    """Ingest ``graph`` through ``ingest_many``; stop after ``budget`` seconds.

    Returns (relations loaded, articles loaded, whether the whole graph went in).
    """
    loaded, articles, batch = 0, 0, []
    start = time.perf_counter()
    for extraction in extractions(graph, per_article=per_article, seed=seed):
        batch.append(extraction)
        if len(batch) < BATCH:
            continue
        await store.ingest_many(batch)
        loaded, articles = loaded + sum(len(e.relations) for e in batch), articles + len(batch)
        batch = []
        if time.perf_counter() - start > budget and loaded < len(graph.relations):
            return loaded, articles, False
    if batch:
        await store.ingest_many(batch)
        loaded, articles = loaded + sum(len(e.relations) for e in batch), articles + len(batch)
    return loaded, articles, True


async def _load(args: argparse.Namespace) -> dict[str, Any]:
    size, path = parse_size(args.size), Path(args.db)
    started = time.perf_counter()
    graph = synthetic_graph(size, seed=args.seed)
    generate_s = time.perf_counter() - started
    store = _store(args)
    await store.open()
    start = time.perf_counter()
    loaded, articles, complete = await bulk_load(
        store, graph, args.per_article, args.seed, args.load_budget
    )
    seconds = time.perf_counter() - start
    stats = await store.stats()
    await store.close()
    plan = query_plan(graph, loaded, random.Random(args.seed), args.queries)
    Path(args.plan).write_text(json.dumps(plan))
    return {
        "size": size,
        "complete": complete,
        "relations_loaded": loaded,
        "relations_stored": stats.relations,
        "actors": stats.actors,
        "articles": articles,
        "generate_seconds": round(generate_s, 2),
        "load_seconds": round(seconds, 2),
        "edges_per_second": round(loaded / seconds, 1),
        "file_mb": None if args.bolt else file_size_mb(path),
        "peak_rss_mb": peak_rss_mb(),
    }


async def _query(args: argparse.Namespace) -> dict[str, Any]:
    plan = json.loads(Path(args.plan).read_text())
    store = _store(args)
    start = time.perf_counter()
    await store.open()
    open_s = time.perf_counter() - start
    rss_open = peak_rss_mb()
    try:
        rows = await run_queries(store, plan, args.queries, args.query_seconds)
    finally:
        await store.close()
    return {
        "open_seconds": round(open_s, 2),
        "rss_after_open_mb": rss_open,
        "peak_rss_mb": peak_rss_mb(),
        "queries": rows,
    }


def _store(args: argparse.Namespace) -> GraphStore:
    """The embedded store in ``--db``, or the Neo4j store on the server ``--bolt`` names."""
    if not args.bolt:
        return EmbeddedStore(Path(args.db))
    from graph.stores.neo4j.store import Neo4jStore

    server = json.loads(args.bolt)
    return Neo4jStore(
        server["uri"], server["user"], server["password"], database=server["database"]
    )


def _child(
    step: str, size: str, work: Path, args: argparse.Namespace, bolt: str | None = None
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.store_bench",
        "--step",
        step,
        "--size",
        size,
        "--db",
        str(work / f"graph-{size}.sqlite3"),
        "--plan",
        str(work / f"plan-{size}.json"),
        "--seed",
        str(args.seed),
        "--per-article",
        str(args.per_article),
        "--queries",
        str(args.queries),
        "--query-seconds",
        str(args.query_seconds),
        "--load-budget",
        str(args.load_budget),
        *(["--bolt", bolt] if bolt else []),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"store benchmark, {step} at {size}, failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="relation counts (10k,100k,1M)")
    parser.add_argument(
        "--bolt-sizes",
        default="10k,100k",
        help="relation counts for the Neo4j store over a Bolt server (10k,100k; '' for none)",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-article", type=int, default=250, help="relations per article")
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind (200)")
    parser.add_argument(
        "--query-seconds",
        type=float,
        default=10.0,
        help="stop a kind of query after this long (10)",
    )
    parser.add_argument(
        "--load-budget",
        type=float,
        default=720.0,
        help="stop loading one size after this many seconds (720)",
    )
    parser.add_argument("--keep", help="keep the store files in this folder")
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    parser.add_argument("--step", choices=["load", "query"], help=argparse.SUPPRESS)
    for hidden in ("--size", "--db", "--plan", "--bolt"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    return parser


def _over_bolt(size: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """One size of the Neo4j store, on a Bolt server of its own."""
    with bolt_server() as server:
        bolt = json.dumps(
            {"uri": server.uri, "user": server.user, "password": server.password,
             "database": server.database}
        )  # fmt: skip
        loaded = _child("load", size, work, args, bolt)
        queried = _child("query", size, work, args, bolt)
    return {
        "label": f"{size} (Neo4j store over Bolt: {server.agent})",
        "store": "neo4j",
        "server": server.agent,
        "load": loaded,
        "query": queried,
    }


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.step:
        step = _load(args) if args.step == "load" else _query(args)
        print(json.dumps(asyncio.run(step)))
        return 0
    from bench.store_report import print_report

    info: dict[str, Any] = {"benchmark": "store", "machine": machine(), "sizes": []}
    work = Path(args.keep or tempfile.mkdtemp(prefix="actorgraph-store-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            for stale in work.glob(f"graph-{size}.sqlite3*"):
                stale.unlink()
            loaded = _child("load", size, work, args)
            queried = _child("query", size, work, args)
            info["sizes"].append({"label": size, "load": loaded, "query": queried})
            print_report(info["sizes"][-1], args)
        for size in [s.strip() for s in args.bolt_sizes.split(",") if s.strip()]:
            info["sizes"].append(_over_bolt(size, work, args))
            print_report(info["sizes"][-1], args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    info["load_after"] = round(os.getloadavg()[0], 2)
    mach = info["machine"]
    print(
        f"machine: {mach['cpus']} CPUs, {mach['memory_gb']} GB, load average "
        f"{mach['load_average'][0]} at start, {info['load_after']} at end; {mach['date']}"
    )
    if args.json:
        print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
