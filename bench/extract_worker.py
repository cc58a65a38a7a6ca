"""The extraction benchmark's child processes: one measures speed, one memory.

Speed: both modes in one process, over the same chunks of the corpus, taking turns chunk by
chunk (and swapping who goes first), so a machine whose load drifts during the run slows both
alike and their ratio stays fair. Memory: one mode alone in a fresh process, so its peak RSS
is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from typing import Any

from bench.corpus import load_corpus, word_count
from bench.report import peak_rss_mb
from graph.model import Article

__all__ = ["MODES", "memory", "speed"]

MODES = ("spacy", "actorgraph")
Runner = Callable[[list[Article], int], int]  # (articles, n_process) -> things found


def _load(modes: tuple[str, ...], batch_size: int) -> tuple[dict[str, Runner], dict[str, float]]:
    """Load spaCy (timed), then the rest of the extractor if asked (timed apart).

    The baseline is the stock pipeline as its package loads it, without ActorGraph's own
    tokenizer rule or paragraph component, so that every cost of ours is in the ratio."""
    import importlib

    from graph.ingest.nlp import MODEL_PACKAGES

    runners: dict[str, Runner] = {}
    loads: dict[str, float] = {}
    if "spacy" in modes:
        start = time.perf_counter()
        stock = None
        for name in MODEL_PACKAGES:
            try:
                stock = importlib.import_module(name).load()
                break
            except ImportError:
                continue
        loads["spacy"] = time.perf_counter() - start
        assert stock is not None, "no English spaCy pipeline is installed"

        def bare(articles: list[Article], procs: int) -> int:
            docs = stock.pipe((a.text for a in articles), batch_size=batch_size, n_process=procs)
            return sum(len(d.ents) for d in docs)

        runners["spacy"] = bare
    if "actorgraph" in modes:
        from graph.ingest.pipeline import Extractor

        start = time.perf_counter()
        extractor = Extractor.load()  # its own pipeline, lexicon, gazetteer and matchers
        loads["extractor_extra"] = time.perf_counter() - start

        def full(articles: list[Article], procs: int) -> int:
            found = extractor.extract_many(articles, n_process=procs, batch_size=batch_size)
            return sum(len(x.relations) for x in found)

        runners["actorgraph"] = full
    return {m: runners[m] for m in modes}, loads


def speed(args: argparse.Namespace) -> dict[str, Any]:
    """Time both modes over the whole corpus, alternating chunk by chunk."""
    articles = load_corpus(args.corpus)
    runners, loads = _load(MODES, args.batch_size)
    for run in runners.values():
        run(articles[: args.warmup], 1)  # forked workers inherit the warm pipeline
    seconds = dict.fromkeys(MODES, 0.0)
    found = dict.fromkeys(MODES, 0)
    for n, first in enumerate(range(0, len(articles), args.chunk)):
        chunk = articles[first : first + args.chunk]
        for mode in MODES if n % 2 == 0 else MODES[::-1]:
            start = time.perf_counter()
            found[mode] += runners[mode](chunk, args.procs)
            seconds[mode] += time.perf_counter() - start
    words = sum(word_count(a.text) for a in articles)
    return {
        "procs": args.procs,
        "loads": {k: round(v, 3) for k, v in loads.items()},
        "runs": [
            {
                "mode": mode,
                "procs": args.procs,
                "seconds": round(seconds[mode], 3),
                "docs": len(articles),
                "words": words,
                "words_per_second": round(words / seconds[mode], 1),
                "docs_per_second": round(len(articles) / seconds[mode], 2),
                "found": found[mode],
            }
            for mode in MODES
        ],
    }


def memory(args: argparse.Namespace) -> dict[str, Any]:
    """One mode alone over the first ``--memory-articles`` articles: its peak RSS."""
    articles = load_corpus(args.corpus)[: args.memory_articles]
    runners, _ = _load((args.mode,), args.batch_size)
    runners[args.mode](articles, args.procs)
    return {
        "mode": args.mode,
        "procs": args.procs,
        "docs": len(articles),
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_workers_mb": peak_rss_mb(resource.RUSAGE_CHILDREN) if args.procs > 1 else None,
    }


def main(args: argparse.Namespace) -> int:
    """Run the child's part and print its result as one JSON line."""
    print(json.dumps(speed(args) if args.worker == "speed" else memory(args)))
    return 0
