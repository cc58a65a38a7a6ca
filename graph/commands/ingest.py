"""``actorgraph ingest PATH...``: read, extract and store articles, one transaction each.

A bad input (unreadable, empty, binary, an extraction or store failure) does not stop the
batch: it is listed at the end and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tqdm import tqdm

from graph.commands.batch import BatchExtractor, extract_each
from graph.commands.common import add_store_argument, settings_from_args
from graph.commands.runner import EXIT_FAILURES, run_with_store
from graph.errors import ActorGraphError, StoreReadOnlyError, StoreUnavailableError
from graph.ingest.readers import ReadFailure, read_articles
from graph.model import Article, Extraction
from graph.stores.base import GraphStore, IngestStatus

__all__ = ["Tally", "add_arguments", "load_extractor", "run"]


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt files (the id is the file name), .jsonl files (one {id, text, title?, url?, "
        "published?} a line), or - for standard input",
    )
    add_store_argument(parser)
    parser.add_argument(
        "--processes",
        type=_positive,
        default=1,
        metavar="N",
        help="extract in N worker processes (default 1)",
    )
    parser.add_argument(
        "--batch-size",
        type=_positive,
        default=32,
        metavar="N",
        help="articles per extraction batch (default 32)",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="show the progress bar even when stderr is not a terminal",
    )


@cache
def load_extractor() -> BatchExtractor:
    """The extractor, loaded once per process (loading spaCy takes seconds)."""
    from graph.ingest.pipeline import Extractor  # spaCy is imported only by commands that need it

    extractor: BatchExtractor = Extractor.load()
    return extractor


@dataclass
class Tally:
    """What a batch did, for the summary line."""

    statuses: Counter[IngestStatus] = field(default_factory=Counter)
    actors: int = 0
    relations: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(self.statuses.values()) + len(self.failures)

    def summary(self) -> str:
        stored = sum(self.statuses.values())
        noun = "article" if stored == 1 else "articles"
        parts = ", ".join(f"{self.statuses[s]} {s.value}" for s in IngestStatus)
        return (
            f"{stored} {noun} stored ({parts}); {self.actors} actors and "
            f"{self.relations} relations extracted; {len(self.failures)} failed"
        )


def _expected_count(paths: Iterable[str]) -> int | None:
    """How many articles the inputs hold, for the progress bar; None if it cannot be known."""
    total = 0
    for name in paths:
        path = Path(name)
        if name == "-":
            return None
        if path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as stream:
                total += sum(1 for line in stream if line.strip())
        else:
            total += 1
    return total


def _articles_only(items: Iterable[Article | ReadFailure], tally: Tally) -> Iterator[Article]:
    for item in items:
        if isinstance(item, ReadFailure):
            tally.failures.append(item)
        else:
            yield item


async def _store_one(store: GraphStore, extraction: Extraction, tally: Tally) -> None:
    try:
        result = await store.ingest(extraction)
    except (StoreUnavailableError, StoreReadOnlyError):
        raise  # the store is gone or cannot be written: no later article would fare better
    except ActorGraphError as exc:
        tally.failures.append(ReadFailure(f"article {extraction.article.id}", str(exc)))
        return
    tally.statuses[result.status] += 1
    tally.actors += result.actors
    tally.relations += result.relations


async def ingest_all(store: GraphStore, args: argparse.Namespace) -> Tally:
    """Read, extract and store every input named in ``args``; return what happened."""
    settings = settings_from_args(args)
    tally = Tally()
    articles = _articles_only(read_articles(args.paths, max_chars=settings.max_text_chars), tally)
    extractor = load_extractor()
    results = extract_each(
        extractor, articles, n_process=args.processes, batch_size=args.batch_size
    )
    show = args.progress or sys.stderr.isatty()
    with tqdm(
        total=_expected_count(args.paths),
        unit="article",
        desc="ingest",
        file=sys.stderr,
        disable=not show,
        dynamic_ncols=True,
    ) as bar:
        for item in results:
            if isinstance(item, ReadFailure):
                tally.failures.append(item)
            else:
                await _store_one(store, item, tally)
            bar.update(tally.done - bar.n)  # read failures turn up between articles too
    return tally


def _report(tally: Tally) -> int:
    print(tally.summary())
    if not tally.failures:
        return 0
    print(f"{len(tally.failures)} input(s) failed:", file=sys.stderr)
    for failure in tally.failures:
        print(f"  {failure.source}: {failure.reason}", file=sys.stderr)
    return EXIT_FAILURES


def run(args: argparse.Namespace) -> int:
    """Ingest the inputs: exit 0 if all were stored, 1 if any failed, 2 if no store."""

    async def action(store: GraphStore) -> int:
        return _report(await ingest_all(store, args))

    return run_with_store(args, action)
