"""``actorgraph paths A B``: how two actors are connected, step by step, with the evidence."""

from __future__ import annotations

import argparse
import json

from graph.commands.common import add_store_argument
from graph.commands.render import actor_label, orient, path_record, render_path
from graph.commands.runner import EXIT_FAILURES, iso_date, resolve_actor, run_with_store
from graph.export import actor_record
from graph.model import RelationKind
from graph.stores.base import GraphStore

__all__ = ["add_arguments", "relation_kinds", "run"]


def relation_kinds(text: str) -> frozenset[RelationKind]:
    """An argparse type for ``BACKS,STRIKES``."""
    names = [n.strip().upper() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in RelationKind.__members__]
    if unknown or not names:
        known = ", ".join(RelationKind)
        raise argparse.ArgumentTypeError(f"unknown relation kind(s) {unknown}; use {known}")
    return frozenset(RelationKind[n] for n in names)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="A", help="an actor id, name or alias")
    parser.add_argument("target", metavar="B", help="an actor id, name or alias")
    parser.add_argument(
        "--kinds",
        type=relation_kinds,
        metavar="K1,K2",
        help="only these relation kinds, e.g. BACKS,STRIKES",
    )
    parser.add_argument(
        "--max-length",
        type=int,
        default=4,
        metavar="N",
        help="paths of at most N steps (default 4)",
    )
    parser.add_argument("--shortest", action="store_true", help="only the shortest paths")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="only relations first reported on or before DATE",
    )
    parser.add_argument("--json", action="store_true", help="print the paths as JSON")
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Print the paths between two actors; exit 1 when there are none."""

    async def action(store: GraphStore) -> int:
        source = await resolve_actor(store, args.source)
        target = await resolve_actor(store, args.target)
        found = await store.paths(
            source.id,
            target.id,
            kinds=args.kinds,
            max_length=max(args.max_length, 1),
            shortest=args.shortest,
            as_of=args.as_of,
        )
        paths = [orient(p, source.id) for p in found]
        if args.json:
            document = {
                "source": actor_record(source),
                "target": actor_record(target),
                "paths": [path_record(p) for p in paths],
            }
            print(json.dumps(document, indent=2, ensure_ascii=False))
            return 0 if paths else EXIT_FAILURES
        if not paths:
            print(
                f"no path from {actor_label(source)} to {actor_label(target)} "
                f"within {args.max_length} steps"
            )
            return EXIT_FAILURES
        noun = "path" if len(paths) == 1 else "paths"
        print(f"{len(paths)} {noun} from {actor_label(source)} to {actor_label(target)}:")
        for number, path in enumerate(paths, start=1):
            print()
            print("\n".join(render_path(number, path)))
        return 0

    return run_with_store(args, action, read_only=True)
