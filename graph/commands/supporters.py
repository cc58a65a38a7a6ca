"""``actorgraph supporters ACTOR``: who backs an actor, and who backs them, with the evidence."""

from __future__ import annotations

import argparse
import json

from graph.commands.common import add_store_argument
from graph.commands.render import orient, path_record, support_tree
from graph.commands.runner import iso_date, resolve_actor, run_with_store
from graph.export import actor_record
from graph.stores.base import Direction, GraphStore

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("actor", metavar="ACTOR", help="an actor id, name or alias")
    parser.add_argument(
        "--depth",
        type=int,
        default=3,
        metavar="N",
        help="follow chains of BACKS up to N steps (default 3)",
    )
    parser.add_argument(
        "--direction",
        choices=["in", "out"],
        default="in",
        help="in: who backs ACTOR (default); out: whom ACTOR backs",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="only support first reported on or before DATE",
    )
    parser.add_argument("--json", action="store_true", help="print the paths as JSON")
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Print the support tree of an actor (or its paths as JSON)."""

    async def action(store: GraphStore) -> int:
        actor = await resolve_actor(store, args.actor)
        direction = Direction(args.direction)
        paths = await store.supporters(
            actor.id, depth=max(args.depth, 1), direction=direction, as_of=args.as_of
        )
        if args.json:
            records = [path_record(orient(p, actor.id)) for p in paths]
            document = {
                "actor": actor_record(actor),
                "direction": direction.value,
                "paths": records,
            }
            print(json.dumps(document, indent=2, ensure_ascii=False))
            return 0
        lines = support_tree(actor, paths).lines()
        if len(lines) == 1:
            verb = "backing" if direction is Direction.IN else "backed by"
            lines.append(f"  (no one is reported {verb} {actor.name})")
        print("\n".join(lines))
        return 0

    return run_with_store(args, action, read_only=True)
