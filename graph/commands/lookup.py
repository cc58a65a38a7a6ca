"""``actorgraph actors [QUERY]``: find actors by name or alias."""

from __future__ import annotations

import argparse

from graph.commands.common import add_store_argument
from graph.commands.render import render_table
from graph.commands.runner import EXIT_FAILURES, run_with_store
from graph.model import Actor, ActorKind
from graph.stores.base import GraphStore

__all__ = ["actor_rows", "add_arguments", "run"]

HEADER = ("ID", "KIND", "NAME", "ALIASES", "MENTIONS")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="QUERY", help="part of a name or alias")
    parser.add_argument(
        "--kind",
        type=ActorKind,
        choices=list(ActorKind),
        metavar="KIND",
        help="only this kind: " + ", ".join(ActorKind),
    )
    parser.add_argument(
        "--limit", type=int, default=50, metavar="N", help="show at most N actors (default 50)"
    )
    add_store_argument(parser)


def actor_rows(actors: list[Actor]) -> list[tuple[str, str, str, str, str]]:
    """One table row per actor."""
    return [
        (a.id, a.kind.value, a.name, ", ".join(sorted(a.aliases)), str(a.mentions)) for a in actors
    ]


def run(args: argparse.Namespace) -> int:
    """Print the matching actors as a table; exit 1 when none match."""

    async def action(store: GraphStore) -> int:
        actors = await store.search_actors(args.query, kind=args.kind, limit=max(args.limit, 1))
        if not actors:
            what = f" matching {args.query!r}" if args.query else ""
            print(f"no actors{what}")
            return EXIT_FAILURES
        print(render_table(HEADER, actor_rows(actors), widths=(None, None, None, 60)))
        total = await store.count_actors(args.query, kind=args.kind)
        if total > len(actors):
            print(f"({len(actors)} of {total}; raise --limit to see more)")
        return 0

    return run_with_store(args, action, read_only=True)
