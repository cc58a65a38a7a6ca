"""Articles per hour: ``actorgraph ingest`` against ``actorgraph backfill`` on 1 and 2 workers.

Each mode runs as the command a user types, in a child process, into a fresh embedded store:
once on a handful of articles (what starting costs: Python, spaCy, the cluster) and once on
the whole corpus. The rate is the difference of articles over the difference of seconds, so
the fixed start-up cost is reported apart and not counted; the rate over the whole run,
start-up included, is printed beside it, and so is the CPU time of each run (its worker
processes included) as articles per CPU-hour, the figure a shared machine's load disturbs
least. Every store is exported and compared with the first mode's, byte for byte.

    python -m bench.backfill_bench                      # 300 synthetic articles
    python -m bench.backfill_bench --articles 40 --modes ingest,backfill-1 --json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import generate
from bench.report import machine, print_table

__all__ = ["MODES", "main"]

ROOT = Path(__file__).resolve().parent.parent
MODES: dict[str, list[str]] = {
    "ingest": ["ingest"],
    "ingest-p2": ["ingest", "--processes", "2"],
    "backfill-1": ["backfill", "--workers", "1"],
    "backfill-2": ["backfill", "--workers", "2"],
}


def _write_corpus(path: Path, n: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in generate(n, seed=seed):
            row = {"id": a.id, "title": a.title, "published": str(a.published), "text": a.text}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _actorgraph(*argv: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "graph.cli", *argv]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"actorgraph {' '.join(argv)} failed:\n{done.stderr}")
    return done


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(mode: str, corpus: Path, store: Path, partition_size: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one run; the CPU of the cluster's worker processes is
    counted too, since each parent reaps its children."""
    extra = ["--partition-size", str(partition_size)] if mode.startswith("backfill") else []
    started, cpu = time.perf_counter(), _cpu_of_children()
    _actorgraph(*MODES[mode], str(corpus), "--store", str(store), *extra)
    return time.perf_counter() - started, _cpu_of_children() - cpu


def _rate(articles: int, seconds: float) -> float:
    # a start-up run slower than the whole run means the machine's load moved under it
    return articles / seconds if seconds > 0 else float("nan")


def _measure(mode: str, folder: Path, n: int, small: int, size: int) -> dict[str, Any]:
    start_up, start_up_cpu = _timed(
        mode, folder / "small.jsonl", folder / f"{mode}-0.sqlite3", size
    )
    seconds, cpu = _timed(mode, folder / "corpus.jsonl", folder / f"{mode}.sqlite3", size)
    rate, cpu_rate = _rate(n - small, seconds - start_up), _rate(n - small, cpu - start_up_cpu)
    export = _actorgraph("export", "--format", "json", "--store", str(folder / f"{mode}.sqlite3"))
    return {
        "mode": mode,
        "articles": n,
        "seconds": round(seconds, 2),
        "start_up_s": round(start_up, 2),
        "cpu_s": round(cpu, 2),
        "articles_per_hour": round(rate * 3600) if rate == rate else None,
        "articles_per_hour_whole_run": round(n / seconds * 3600),
        "articles_per_cpu_hour": round(cpu_rate * 3600) if cpu_rate == cpu_rate else None,
        "export": export.stdout,
    }


def _figure(value: int | None) -> object:
    return float("nan") if value is None else value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--small", type=int, default=10, help="articles of the start-up run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--modes", default="ingest,backfill-1,backfill-2,ingest-p2")
    parser.add_argument("--json", action="store_true", help="print one JSON line at the end")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    modes = args.modes.split(",")
    if unknown := set(modes) - set(MODES):
        raise SystemExit(f"unknown mode(s): {', '.join(sorted(unknown))}")
    info: dict[str, Any] = {"machine": machine(), "partition_size": args.partition_size}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_corpus(folder / "corpus.jsonl", args.articles, args.seed)
        _write_corpus(folder / "small.jsonl", args.small, args.seed + 1)
        results = [
            _measure(m, folder, args.articles, args.small, args.partition_size) for m in modes
        ]
    reference = results[0]["export"]
    for result in results:
        result["export_identical"] = result.pop("export") == reference
    info["results"] = results
    info["machine_after"] = machine()["load_average"]
    print(
        f"{args.articles} synthetic articles (seed {args.seed}); start-up measured on "
        f"{args.small}; partitions of {args.partition_size}; exports compared with {modes[0]}"
    )
    print_table(
        ["mode", "seconds", "start-up s", "articles/hour", "whole run /hour", "CPU s",
         "articles/CPU-hour", "same export"],
        [
            (r["mode"], r["seconds"], r["start_up_s"], _figure(r["articles_per_hour"]),
             r["articles_per_hour_whole_run"], r["cpu_s"], _figure(r["articles_per_cpu_hour"]),
             "yes" if r["export_identical"] else "NO")
            for r in results
        ],
    )  # fmt: skip
    m = info["machine"]
    print(f"machine: {m['cpus']} CPUs, {m['memory_gb']} GB, Python {m['python']}; load average "
          f"{m['load_average']} at start, {info['machine_after']} at end")  # fmt: skip
    if args.json:
        print(json.dumps(info))
    return 0 if all(r["export_identical"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
