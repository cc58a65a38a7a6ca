"""Extraction speed: spaCy's bare ``nlp.pipe`` against ActorGraph's full extraction.

Both run the same pipeline over the same texts with the same batch size, single-process and
with ``n_process=2``. Each measurement runs in a fresh child process so that its peak RSS is
its own; the child loads once (timed apart), warms up on a few documents, then times one pass.

    python -m bench.extract_bench                       # 1,000 synthetic articles
    python -m bench.extract_bench --articles 200 --json
    python -m bench.extract_bench --corpus real.jsonl   # your own articles
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import generate, load_corpus, word_count
from bench.report import machine, peak_rss_mb, print_table
from graph.model import Article

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
MODES = {"spacy": "spaCy nlp.pipe", "actorgraph": "ActorGraph extract_many"}


def _runner(mode: str, batch_size: int) -> tuple[Callable[[list[Article], int], int], float]:
    """Load the mode's pipeline; return a function running it over articles, and load time."""
    start = time.perf_counter()
    if mode == "spacy":
        from graph.ingest.nlp import load_nlp

        nlp = load_nlp()

        def bare(articles: list[Article], procs: int) -> int:
            docs = nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=procs)
            return sum(len(d.ents) for d in docs)

        return bare, time.perf_counter() - start
    from graph.ingest.pipeline import Extractor

    extractor = Extractor.load()

    def full(articles: list[Article], procs: int) -> int:
        found = extractor.extract_many(articles, n_process=procs, batch_size=batch_size)
        return sum(len(x.relations) for x in found)

    return full, time.perf_counter() - start


def _worker(args: argparse.Namespace) -> int:
    articles = load_corpus(args.corpus)
    run, load_s = _runner(args.worker, args.batch_size)
    run(articles[: args.warmup], 1)  # forked workers inherit the warm pipeline
    rss_loaded = peak_rss_mb()
    start = time.perf_counter()
    found = run(articles, args.procs)
    seconds = time.perf_counter() - start
    words = sum(word_count(a.text) for a in articles)
    print(
        json.dumps(
            {
                "mode": args.worker,
                "procs": args.procs,
                "load_seconds": round(load_s, 3),
                "seconds": round(seconds, 3),
                "docs": len(articles),
                "words": words,
                "words_per_second": round(words / seconds, 1),
                "docs_per_second": round(len(articles) / seconds, 2),
                "found": found,
                "rss_after_load_mb": rss_loaded,
                "peak_rss_mb": peak_rss_mb(),
                "peak_rss_workers_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
            }
        )
    )
    return 0


def _measure(mode: str, procs: int, corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.extract_bench",
        "--worker",
        mode,
        "--procs",
        str(procs),
        "--batch-size",
        str(args.batch_size),
        "--warmup",
        str(args.warmup),
        "--corpus",
        str(corpus),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} with {procs} process(es) failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _print_report(info: dict[str, Any]) -> None:
    corpus, runs = info["corpus"], info["runs"]
    mach = info["machine"]
    print(
        f"corpus: {corpus['articles']:,} articles, {corpus['words']:,} words ({corpus['source']})"
    )
    print(
        f"machine: {mach['cpus']} CPUs, {mach['memory_gb']} GB, Python {mach['python']}, "
        f"load average {mach['load_average'][0]} at start, {info['load_after']} at end"
    )
    loads = info["load_seconds"]
    print(
        f"load time: spaCy pipeline {loads['spacy']:.2f} s; ActorGraph extractor "
        f"{loads['actorgraph']:.2f} s (spaCy + lexicon + gazetteer); not counted below\n"
    )
    rows = [
        (
            MODES[r["mode"]],
            r["procs"],
            r["seconds"],
            r["words_per_second"],
            r["docs_per_second"],
            r["peak_rss_mb"],
            r["peak_rss_workers_mb"] if r["procs"] > 1 else float("nan"),
        )
        for r in runs
    ]
    print_table(
        ["mode", "procs", "seconds", "words/s", "docs/s", "peak RSS MB", "worker RSS MB"], rows
    )
    print()
    for procs, ratio in info["ratio"].items():
        print(f"ratio ActorGraph/spaCy words/s, {procs} process(es): {ratio:.2f}")
    speedups = info["speedup"]
    for mode, value in speedups.items():
        print(f"speed-up from 2 processes, {MODES[mode]}: {value:.2f}x")


def _summarise(
    runs: list[dict[str, Any]], corpus: dict[str, Any], start: dict[str, Any]
) -> dict[str, Any]:
    by = {(r["mode"], r["procs"]): r for r in runs}
    procs = sorted({r["procs"] for r in runs})
    ratio = {
        str(p): round(
            by["actorgraph", p]["words_per_second"] / by["spacy", p]["words_per_second"], 3
        )
        for p in procs
        if ("actorgraph", p) in by and ("spacy", p) in by
    }
    speedup = {
        m: round(by[m, 2]["words_per_second"] / by[m, 1]["words_per_second"], 3)
        for m in MODES
        if (m, 1) in by and (m, 2) in by
    }
    first = {m: next(r["load_seconds"] for r in runs if r["mode"] == m) for m in MODES}
    return {
        "benchmark": "extract",
        "machine": start,
        "load_after": round(os.getloadavg()[0], 2),
        "corpus": corpus,
        "load_seconds": first,
        "runs": runs,
        "ratio": ratio,
        "speedup": speedup,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles (1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", help="benchmark this .jsonl (or .txt) file instead")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--processes", default="1,2", help="n_process values (1,2)")
    parser.add_argument("--warmup", type=int, default=5, help="documents run before timing")
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    parser.add_argument("--worker", choices=list(MODES), help=argparse.SUPPRESS)
    parser.add_argument("--procs", type=int, default=1, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.worker:
        return _worker(args)
    start = machine()
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        corpus_path = Path(args.corpus) if args.corpus else Path(tmp) / "corpus.jsonl"
        articles = load_corpus(corpus_path) if args.corpus else generate(args.articles, args.seed)
        if not args.corpus:
            with corpus_path.open("w", encoding="utf-8") as out:
                for a in articles:
                    out.write(json.dumps({"id": a.id, "text": a.text}) + "\n")
        source = args.corpus or f"synthetic, seed {args.seed}"
        corpus = {
            "articles": len(articles),
            "source": source,
            "words": sum(word_count(a.text) for a in articles),
        }
        procs = [int(p) for p in args.processes.split(",") if p.strip()]
        runs = [_measure(m, p, corpus_path, args) for p in procs for m in MODES]
    info = _summarise(runs, corpus, start)
    _print_report(info)
    if args.json:
        print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
