"""``actorgraph backfill PATH...``: extract on a Dask cluster, store in batches, like ``ingest``.

Partitions (groups of files, line ranges of JSONL files, chunks of standard input) are
extracted on the cluster; the results come back to this process in input order and are
written through the store's ``ingest_many`` (batched ``UNWIND`` writes on Neo4j, one writer
for the embedded store's SQLite file). Writing in input order makes the graph the one
``ingest`` builds from the same input, byte for byte in the export, since the first article
to name an actor gives it its name. A bad input is listed at the end, as by ``ingest``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from tqdm import tqdm

from graph.backfill.cluster import Client, ClusterPlan, Outcome, connect, extract_in_order
from graph.backfill.partitions import plan_partitions
from graph.commands.common import add_store_argument, settings_from_args
from graph.commands.ingest import Tally, _expected_count, _positive, _report, _store_one
from graph.commands.runner import EXIT_STORE, run_with_store
from graph.errors import ActorGraphError, ConfigError, StoreUnavailableError
from graph.ingest.readers import ReadFailure
from graph.model import Extraction
from graph.stores import open_store
from graph.stores.base import GraphStore

__all__ = ["add_arguments", "backfill_all", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt files, .jsonl files or - for standard input, as for ingest; a cluster's "
        "workers must see the files at the same paths",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=_positive,
        default=2,
        metavar="N",
        help="start a local cluster of N worker processes (default 2)",
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="use the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786)",
    )
    add_store_argument(parser)
    parser.add_argument(
        "--partition-size",
        type=_positive,
        default=64,
        metavar="N",
        help="articles per partition, the unit of work and of retry (default 64)",
    )
    parser.add_argument(
        "--batch-size",
        type=_positive,
        default=32,
        metavar="N",
        help="articles per extraction batch on a worker (default 32)",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="show the progress bar even when stderr is not a terminal",
    )


async def _store_partition(store: GraphStore, outcomes: Sequence[Outcome], tally: Tally) -> None:
    tally.failures += [o for o in outcomes if isinstance(o, ReadFailure)]
    extractions = [o for o in outcomes if isinstance(o, Extraction)]
    try:
        results = await store.ingest_many(extractions)
    except StoreUnavailableError:
        raise  # the store is gone: no later partition would fare better
    except ActorGraphError:  # one bad extraction refused the batch: store one by one
        for extraction in extractions:
            await _store_one(store, extraction, tally)
        return
    for result in results:
        tally.statuses[result.status] += 1
        tally.actors += result.actors
        tally.relations += result.relations


async def backfill_all(store: GraphStore, args: argparse.Namespace, client: Client) -> Tally:
    """Extract every input named in ``args`` on ``client``'s cluster and store it in order."""
    max_chars = settings_from_args(args).max_text_chars
    partitions = plan_partitions(args.paths, size=args.partition_size, max_chars=max_chars)
    results = extract_in_order(client, partitions, max_chars=max_chars, batch_size=args.batch_size)
    tally = Tally()
    with tqdm(
        total=_expected_count(args.paths),
        unit="article",
        desc="backfill",
        file=sys.stderr,
        disable=not (args.progress or sys.stderr.isatty()),
        dynamic_ncols=True,
    ) as bar:
        # waiting for the cluster happens in a thread, so the store's event loop stays free
        while (outcomes := await asyncio.to_thread(next, results, None)) is not None:
            await _store_partition(store, outcomes, tally)
            bar.update(tally.done - bar.n)
    return tally


def run(args: argparse.Namespace) -> int:
    """Backfill the inputs: exit 0 if all were stored, 1 if any failed, 2 if no store."""
    try:
        open_store(settings_from_args(args))  # a malformed location fails before a cluster starts
    except ConfigError as exc:
        print(f"actorgraph {args.command}: {exc}", file=sys.stderr)
        return EXIT_STORE
    with connect(ClusterPlan(workers=args.workers, scheduler=args.scheduler)) as client:

        async def action(store: GraphStore) -> int:
            return _report(await backfill_all(store, args, client))

        return run_with_store(args, action)
