"""``actorgraph stats``: counts of articles, actors, relations and evidence."""

from __future__ import annotations

import argparse

from graph.commands.common import add_store_argument
from graph.commands.runner import run_with_store
from graph.stores.base import GraphStore, StoreStats

__all__ = ["add_arguments", "format_stats", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)


def _breakdown(counts: dict[str, int]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{name} {n}" for name, n in ordered) or "none"


def format_stats(stats: StoreStats) -> str:
    """The counts as a few aligned lines."""
    return "\n".join(
        [
            f"articles   {stats.articles}",
            f"actors     {stats.actors}  ({_breakdown(stats.actors_by_kind)})",
            f"relations  {stats.relations}  ({_breakdown(stats.relations_by_kind)})",
            f"evidence   {stats.evidence}",
        ]
    )


def run(args: argparse.Namespace) -> int:
    """Print the store's counts."""

    async def action(store: GraphStore) -> int:
        print(format_stats(await store.stats()))
        return 0

    return run_with_store(args, action, read_only=True)
