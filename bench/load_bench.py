"""The API under load: ``actorgraph serve`` on loopback, 50 concurrent GraphQL clients, then
requests at fixed rates, and the same lookup without GraphQL as a floor.

The store is an embedded store holding a synthetic 100k-relation graph (the store benchmark's
generator) plus the project's sample articles (``samples/*.txt``). The server runs as its own
process (``python -m graph.cli serve``, uvicorn) on 127.0.0.1 and a free port; the clients run
here, on the same two cores, which is worth remembering when reading the figures.

Scenarios, each for ``--seconds``: an actor with its relations; pages of 50 actors (each
client walks on with the end cursor); supporters at depth 3; paths up to length 4; and
ingestArticle with a distinct text every time. Targets: p95 <= 50 ms for lookups and pages,
<= 150 ms for paths and supporters, and no errors anywhere.

Then the lookup at fixed arrival rates (``--rates``, open loop: a request is sent when it is
due, whether or not the earlier ones were answered), and the same two runs against the floor
(:mod:`bench.floor_app`: the lookup's store calls behind one bare Starlette route, served the
same way), so that the server CPU the GraphQL layer adds is a ratio measured in one run.
Targets: the GraphQL lookup within 2x the floor's CPU, and p95 <= 20 ms at 200 req/s.

    python -m bench.load_bench                      # 60 s per scenario and per rate
    python -m bench.load_bench --edges 2000 --seconds 2 --clients 5
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from bench.corpus import generate
from bench.floor_app import FLOOR_PATH
from bench.load_client import Scenario, run_open_loop, run_scenario, scenarios
from bench.load_report import cpu_ratio, print_report
from bench.report import machine
from bench.store_bench import bulk_load, file_size_mb
from bench.synthetic import query_plan, synthetic_graph
from graph.stores.sqlite.store import EmbeddedStore

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


async def _build(path: Path, edges: int, seed: int) -> dict[str, Any]:
    graph = synthetic_graph(edges, seed=seed)
    store = EmbeddedStore(path)
    await store.open()
    try:
        start = time.perf_counter()
        loaded, articles, _ = await bulk_load(store, graph, 250, seed, math.inf)
        seconds = time.perf_counter() - start
    finally:
        await store.close()
    plan = query_plan(graph, loaded, random.Random(seed), 2000)
    return {"relations": loaded, "articles": articles, "seconds": round(seconds, 1), "plan": plan}


def _ingest_samples(path: Path) -> str:
    samples = sorted((ROOT / "samples").glob("*.txt"))
    if not samples:
        return "samples/*.txt absent: the store holds the synthetic graph only"
    command = [
        sys.executable,
        "-m",
        "graph.cli",
        "ingest",
        *map(str, samples),
        "--store",
        str(path),
    ]
    done = subprocess.run(
        command, cwd=ROOT, env=_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"ingesting the samples failed:\n{done.stdout}\n{done.stderr}")
    return f"{len(samples)} sample articles ingested with `actorgraph ingest`"


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ACTORGRAPH_API_KEY", None)  # the mutations run without a key on loopback
    return env


def _api_command(path: Path, port: int, workers: int) -> list[str]:
    """``actorgraph serve`` as users run it."""
    where = ["--store", str(path), "--host", HOST, "--port", str(port)]
    return [sys.executable, "-m", "graph.cli", "serve", *where, "--workers", str(workers)]


def _floor_command(path: Path, port: int, workers: int) -> list[str]:
    """The floor app under uvicorn, as ``serve`` runs the API (the store from the environment)."""
    app = ["bench.floor_app:create_floor_app", "--factory", "--host", HOST, "--port", str(port)]
    return [sys.executable, "-m", "uvicorn", *app, "--workers", str(workers)]


@contextlib.contextmanager
def _server(
    command: list[str], path: Path, port: int, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    env = {**_env(), "ACTORGRAPH_STORE": str(path)}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*command, "--log-level", "warning"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        _wait_healthy(proc, f"http://{HOST}:{port}/health", log)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_healthy(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.25)
    raise SystemExit(f"the server did not become healthy in 120 s:\n{log.read_text()[-3000:]}")


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's worker processes), from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return found


def _peak_rss_mb(pid: int) -> float:
    """The largest high-water resident memory (VmHWM) among the server's processes."""
    peaks = [0.0]
    for proc in _tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(round(int(line.split()[1]) / 1024, 1))
    return max(peaks)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by the server's processes."""
    ticks = 0
    for proc in _tree(pid):
        with contextlib.suppress(OSError):
            # the fields after the command name, which is in parentheses and may hold spaces
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _texts(seed: int) -> Iterator[tuple[str, str]]:
    """Distinct article texts for ingestArticle, without end (a new batch when one runs out)."""
    for batch in itertools.count():
        for article in generate(200, seed=seed + batch):
            yield f"load-{seed}-{batch}-{article.id}", article.text


async def _drive(
    url: str, plan: dict[str, Any], args: argparse.Namespace, server: int
) -> list[dict[str, Any]]:
    chosen = {s.strip() for s in args.scenarios.split(",")} if args.scenarios else None
    results = []
    texts = _texts(args.seed)
    for scenario in scenarios(plan, texts):
        if chosen and scenario.name.split()[0] not in chosen:
            continue
        # warm-up, untimed: the first ingestArticle also loads the extractor in the server
        await run_scenario(url, scenario, 1, args.timeout, args.timeout, requests=3)
        # one client alone first: the latency of a request that waits for no other
        alone = await run_scenario(url, scenario, 1, args.baseline_seconds, args.timeout)
        cpu = _cpu_seconds(server)
        result = await run_scenario(url, scenario, args.clients, args.seconds, args.timeout)
        used = _cpu_seconds(server) - cpu
        result["server_cpu_ms"] = round(1000 * used / max(result["requests"], 1), 2)
        result["alone"] = {k: alone[k] for k in ("requests", "errors", "p50", "p95")}
        result["met"] = result["met"] and alone["errors"] == 0
        results.append(result)
    return results


async def _open_loop(
    url: str, scenario: Scenario, args: argparse.Namespace, server: int
) -> list[dict[str, Any]]:
    """The scenario at each of ``--rates``, with the server CPU each request cost."""
    rows = []
    for rate in args.rates:
        cpu = _cpu_seconds(server)
        row = await run_open_loop(url, scenario, rate, args.open_seconds, args.timeout, args.seed)
        row["server_cpu_ms"] = round(1000 * (_cpu_seconds(server) - cpu) / row["requests"], 2)
        rows.append(row)
    return rows


async def _floor(
    url: str, plan: dict[str, Any], args: argparse.Namespace, server: int
) -> dict[str, Any]:
    """The lookup against the floor: the closed-loop run, then the open-loop rates."""
    lookup = _lookup(plan)
    floor = Scenario(f"{lookup.name} (floor)", lookup.target_ms, lookup.make, lookup.check)
    await run_scenario(url, floor, 1, args.timeout, args.timeout, requests=3)
    cpu = _cpu_seconds(server)
    result = await run_scenario(url, floor, args.clients, args.seconds, args.timeout)
    result["server_cpu_ms"] = round(
        1000 * (_cpu_seconds(server) - cpu) / max(result["requests"], 1), 2
    )
    return {"closed": result, "open": await _open_loop(url, floor, args, server)}


def _lookup(plan: dict[str, Any]) -> Scenario:
    return next(s for s in scenarios(plan, iter(())) if s.name == "actor + relations")


def _rates(text: str) -> list[float]:
    return [float(r) for r in text.split(",") if r.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, default=100_000, help="synthetic relations (100000)")
    parser.add_argument("--seconds", type=float, default=60.0, help="per scenario (60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument(
        "--workers", type=int, default=2, help="server processes (`serve --workers`, 2)"
    )
    parser.add_argument(
        "--baseline-seconds", type=float, default=5.0, help="one client alone first (5)"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds (120)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--scenarios", help="first words of the scenarios to run, e.g. actor,paths (all)"
    )
    parser.add_argument(
        "--rates", type=_rates, default=[100.0, 200.0, 400.0],
        help="open-loop arrival rates for the lookup, req/s (100,200,400)",
    )  # fmt: skip
    parser.add_argument(
        "--open-seconds", type=float, help="per open-loop rate (default: --seconds)"
    )
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.open_seconds = args.open_seconds or args.seconds
    info: dict[str, Any] = {
        "benchmark": "load",
        "machine": machine(),
        "clients": args.clients,
        "workers": args.workers,
        "seconds_per_scenario": args.seconds,
        "open_loop_seconds": args.open_seconds,
    }
    work = Path(tempfile.mkdtemp(prefix="actorgraph-load-bench-"))
    try:
        path = work / "graph.sqlite3"
        built = asyncio.run(_build(path, args.edges, args.seed))
        plan = built.pop("plan")
        built["samples"] = _ingest_samples(path)
        built["file_mb"] = file_size_mb(path)
        info["store"] = built
        port = _free_port()
        api = _api_command(path, port, args.workers)
        with _server(api, path, port, work / "server.log") as proc:
            url = f"http://{HOST}:{port}/graphql"
            info["results"] = asyncio.run(_drive(url, plan, args, proc.pid))
            info["open_loop"] = asyncio.run(_open_loop(url, _lookup(plan), args, proc.pid))
            info["server_peak_rss_mb"] = _peak_rss_mb(proc.pid)
        port = _free_port()
        with _server(
            _floor_command(path, port, args.workers), path, port, work / "floor.log"
        ) as proc:
            info["floor"] = asyncio.run(
                _floor(f"http://{HOST}:{port}{FLOOR_PATH}", plan, args, proc.pid)
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info["load_after"] = round(os.getloadavg()[0], 2)
    info["graphql_floor_cpu_ratio"] = cpu_ratio(info)
    print_report(info)
    if args.json:
        print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
