"""Extraction on a Dask cluster: the only module that touches ``dask.distributed``.

Each worker process loads the extractor once (a worker plugin warms the per-process cache
before the first task), reads its partitions itself and sends back extractions. The client
keeps a bounded window of partitions in flight and hands results back in input order, so a
single writer stores them in the order ``ingest`` would. A worker that dies takes its
partitions with it; the scheduler gives them to another worker (up to
``distributed.scheduler.allowed-failures`` times), and since ingest is idempotent a partition
extracted twice is stored the same.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from distributed import Client, Future, LocalCluster
from distributed.comm.addressing import parse_address
from distributed.comm.registry import backends as comm_backends
from distributed.diagnostics.plugin import WorkerPlugin

from graph.backfill.partitions import Partition, read_partition
from graph.commands.batch import extract_each, failure_reason
from graph.errors import ConfigError
from graph.ingest.readers import ReadFailure
from graph.model import Article, Extraction

__all__ = [
    "Client",
    "ClusterPlan",
    "ExtractorPlugin",
    "connect",
    "extract_in_order",
    "extract_partition",
]

Outcome = Extraction | ReadFailure


@dataclass(frozen=True, slots=True)
class ClusterPlan:
    """Where to extract: a local cluster of ``workers`` processes, or an existing scheduler."""

    workers: int = 1
    scheduler: str | None = None


def _load_extractor() -> Any:
    from graph.commands.ingest import load_extractor  # cached: one extractor per process

    return load_extractor()


class ExtractorPlugin(WorkerPlugin):
    """Loads the extractor when a worker starts (or restarts), before it takes a task."""

    name = "actorgraph-extractor"

    async def setup(self, worker: Any) -> None:
        # off the worker's event loop: loading spaCy takes seconds
        await asyncio.to_thread(_load_extractor)


def extract_partition(partition: Partition, max_chars: int, batch_size: int) -> list[Outcome]:
    """Read and extract one partition on a worker: one outcome per input, in input order."""
    items = list(read_partition(partition, max_chars))
    articles = [item for item in items if isinstance(item, Article)]
    extracted = extract_each(_load_extractor(), articles, batch_size=batch_size)
    return [next(extracted) if isinstance(item, Article) else item for item in items]


def _check_address(address: str) -> None:
    scheme, _ = parse_address(address)  # an address without a scheme is tcp://
    if scheme not in comm_backends:
        known = ", ".join(f"{name}://" for name in sorted(comm_backends))
        raise ConfigError(f"{address!r} is not a Dask scheduler address: give one of {known}")


@contextmanager
def connect(plan: ClusterPlan) -> Iterator[Client]:
    """A client on the planned cluster, with the extractor plugin registered on every worker."""
    cluster: LocalCluster | None = None
    try:
        if plan.scheduler is None:
            cluster = LocalCluster(
                n_workers=plan.workers,
                threads_per_worker=1,  # extraction holds the GIL: one process per core
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            _check_address(plan.scheduler)
            client = Client(plan.scheduler, timeout=10)
    except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an unknown address scheme
        if cluster is not None:
            cluster.close()
        where = plan.scheduler or "a local cluster"
        raise ConfigError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
    try:
        client.register_plugin(ExtractorPlugin())
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _submit(
    client: Client, partition: Partition, max_chars: int, batch_size: int
) -> Future[list[Outcome]]:
    # pure=False: the same file named twice is two tasks, stored twice, as ``ingest`` does
    return client.submit(extract_partition, partition, max_chars, batch_size, pure=False, retries=2)


def _collect(future: Future[list[Outcome]], partition: Partition) -> list[Outcome]:
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as exc:  # a partition that kept killing workers: report it, go on
        return [ReadFailure(partition.label, f"extraction failed: {failure_reason(exc)}")]
    finally:
        future.release()
    return outcomes


def extract_in_order(
    client: Client,
    partitions: Iterable[Partition],
    *,
    max_chars: int,
    batch_size: int,
    window: int | None = None,
) -> Iterator[list[Outcome]]:
    """Yield each partition's outcomes in input order, with ``window`` partitions in flight.

    The window (twice the cluster's threads by default) keeps every worker busy while the
    client stores what came back, without reading the whole input ahead of the writer.
    """
    size = window or max(2, 2 * sum(client.nthreads().values()))
    source = iter(partitions)
    pending: deque[tuple[Future[list[Outcome]], Partition]] = deque()

    def fill() -> None:
        while len(pending) < size and (partition := next(source, None)) is not None:
            pending.append((_submit(client, partition, max_chars, batch_size), partition))

    fill()
    while pending:
        future, partition = pending.popleft()
        fill()  # before waiting, so the workers never run dry behind a slow partition
        yield _collect(future, partition)
