"""Extraction speed: spaCy's bare ``nlp.pipe`` against ActorGraph's full extraction.

Both run the same pipeline over the same texts with the same batch size, single-process and
with ``n_process=2``. Speed is measured in one child process per process count, the two modes
taking turns chunk by chunk so that both see the same machine; memory in a fresh child per
mode and process count, so each peak RSS is its own. Loading is timed apart, and a few
documents run untimed before any timing.

    python -m bench.extract_bench                       # 1,000 synthetic articles
    python -m bench.extract_bench --articles 200 --json
    python -m bench.extract_bench --corpus real.jsonl   # your own articles
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import extract_worker
from bench.corpus import generate, load_corpus, word_count
from bench.report import machine, print_table

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
LABELS = {"spacy": "spaCy nlp.pipe", "actorgraph": "ActorGraph extract_many"}


def _child(corpus: Path, args: argparse.Namespace, *extra: str) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.extract_bench",
        "--corpus",
        str(corpus),
        "--batch-size",
        str(args.batch_size),
        "--warmup",
        str(args.warmup),
        "--chunk",
        str(args.chunk),
        "--memory-articles",
        str(args.memory_articles),
        *extra,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"extraction benchmark step {extra} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _measure(corpus: Path, procs: list[int], args: argparse.Namespace) -> dict[str, Any]:
    speeds = [_child(corpus, args, "--worker", "speed", "--procs", str(p)) for p in procs]
    runs = [run for s in speeds for run in s["runs"]]
    for run in runs:
        mem = _child(
            corpus, args, "--worker", "memory", "--mode", run["mode"], "--procs", str(run["procs"])
        )
        run["peak_rss_mb"], run["peak_rss_workers_mb"] = (
            mem["peak_rss_mb"],
            mem["peak_rss_workers_mb"],
        )
    by = {(r["mode"], r["procs"]): r["words_per_second"] for r in runs}
    return {
        "load_seconds": speeds[0]["loads"],
        "runs": runs,
        "ratio": {str(p): round(by["actorgraph", p] / by["spacy", p], 3) for p in procs},
        "speedup": {m: round(by[m, 2] / by[m, 1], 3) for m in LABELS if 1 in procs and 2 in procs},
    }


def _print_report(info: dict[str, Any]) -> None:
    corpus, mach, loads = info["corpus"], info["machine"], info["load_seconds"]
    print(
        f"corpus: {corpus['articles']:,} articles, {corpus['words']:,} words "
        f"({corpus['source']}); batch size {info['batch_size']}"
    )
    print(
        f"machine: {mach['cpus']} CPUs, {mach['memory_gb']} GB, Python {mach['python']}, "
        f"load average {mach['load_average'][0]} at start, {info['load_after']} at end; "
        f"{mach['date']}"
    )
    print(
        f"load time: stock spaCy pipeline {loads['spacy']:.2f} s; ActorGraph extractor "
        f"{loads['extractor_extra']:.2f} s (its pipeline, lexicon, gazetteer, matchers); not "
        "counted below\n"
    )
    rows = [
        (
            LABELS[r["mode"]],
            r["procs"],
            r["seconds"],
            r["words_per_second"],
            r["docs_per_second"],
            r["found"],
            r["peak_rss_mb"],
            r["peak_rss_workers_mb"] or float("nan"),
        )
        for r in info["runs"]
    ]
    print_table(
        ["mode", "procs", "seconds", "words/s", "docs/s", "found", "peak RSS MB", "worker RSS MB"],
        rows,
    )
    print(
        f"(found: entities for spaCy, relations for ActorGraph; RSS measured on the first "
        f"{info['memory_articles']} articles)\n"
    )
    for procs, ratio in info["ratio"].items():
        print(f"ratio ActorGraph/spaCy words/s, {procs} process(es): {ratio:.2f}")
    for mode, value in info["speedup"].items():
        print(f"speed-up from 2 processes, {LABELS[mode]}: {value:.2f}x")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles (1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", help="benchmark this .jsonl (or .txt) file instead")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--processes", default="1,2", help="n_process values (1,2)")
    parser.add_argument("--warmup", type=int, default=5, help="documents run before timing (5)")
    parser.add_argument("--chunk", type=int, default=200, help="documents per turn (200)")
    parser.add_argument(
        "--memory-articles", type=int, default=200, help="articles for the memory runs (200)"
    )
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    parser.add_argument("--worker", choices=["speed", "memory"], help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=list(LABELS), help=argparse.SUPPRESS)
    parser.add_argument("--procs", type=int, default=1, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.worker:
        return extract_worker.main(args)
    info: dict[str, Any] = {
        "benchmark": "extract",
        "machine": machine(),
        "batch_size": args.batch_size,
        "memory_articles": args.memory_articles,
    }
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        path = Path(args.corpus) if args.corpus else Path(tmp) / "corpus.jsonl"
        articles = load_corpus(path) if args.corpus else generate(args.articles, args.seed)
        if not args.corpus:
            with path.open("w", encoding="utf-8") as out:
                out.writelines(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles)
        info["corpus"] = {
            "articles": len(articles),
            "source": args.corpus or f"synthetic, seed {args.seed}",
            "words": sum(word_count(a.text) for a in articles),
        }
        procs = [int(p) for p in args.processes.split(",") if p.strip()]
        info.update(_measure(path, procs, args))
    info["load_after"] = round(os.getloadavg()[0], 2)
    _print_report(info)
    if args.json:
        print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
