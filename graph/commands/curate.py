"""``actorgraph curate``: fix the graph by hand; every change is logged and can be undone."""

from __future__ import annotations

import argparse
import json

from graph.commands.common import add_store_argument
from graph.commands.render import render_table
from graph.commands.runner import resolve_actor, run_with_store
from graph.model import ActorKind
from graph.stores.base import CurationRecord, GraphStore

__all__ = ["add_arguments", "describe", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    merge = actions.add_parser("merge", help="fold DROP into KEEP (names become aliases)")
    merge.add_argument("keep", metavar="KEEP", help="the actor that stays (id, name or alias)")
    merge.add_argument("drop", metavar="DROP", help="the actor merged into it")
    alias = actions.add_parser("alias", help="give an actor another name")
    alias.add_argument("actor", metavar="ACTOR")
    alias.add_argument("alias", metavar="ALIAS")
    split = actions.add_parser("split", help="split names off an actor into a new actor")
    split.add_argument("actor", metavar="ACTOR")
    split.add_argument("names", nargs="+", metavar="NAME", help="the names the new actor takes")
    split.add_argument(
        "--kind",
        type=ActorKind,
        choices=list(ActorKind),
        metavar="KIND",
        help="the new actor's kind (default: the same)",
    )
    undo = actions.add_parser("undo", help="reverse a curation")
    undo.add_argument("curation_id", metavar="CURATION_ID")
    log = actions.add_parser("log", help="list curations, newest first")
    log.add_argument("--limit", type=int, default=50, metavar="N")
    for sub in (merge, alias, split, undo, log):
        # also accepted after the action; SUPPRESS keeps a --store given before it
        sub.add_argument(
            "--store",
            default=argparse.SUPPRESS,
            metavar="PATH_OR_URL",
            help="the store, as for the other commands",
        )


def describe(record: CurationRecord) -> str:
    """One line saying what a curation did."""
    detail = record.detail
    if record.action == "merge":
        return f"merged {record.other_id} into {record.actor_id}"
    if record.action == "alias" and "alias" in detail:
        return f"added the alias {detail['alias']!r} to {record.actor_id}"
    names = detail.get("names")
    if record.action == "split" and isinstance(names, list):
        names = ", ".join(repr(n) for n in names)
        return f"split {names} off {record.actor_id} into {record.other_id}"
    if record.action == "undo" and "undoes" in detail:
        return f"undid the {detail.get('action', '')} of curation {detail['undoes']}"
    other = f" / {record.other_id}" if record.other_id else ""
    extra = json.dumps(detail, sort_keys=True, default=str) if detail else ""
    return f"{record.action} {record.actor_id}{other} {extra}".rstrip()


async def _apply(store: GraphStore, args: argparse.Namespace) -> CurationRecord:
    if args.action == "merge":
        keep = await resolve_actor(store, args.keep)
        drop = await resolve_actor(store, args.drop)
        return await store.merge_actors(keep.id, drop.id)
    if args.action == "alias":
        actor = await resolve_actor(store, args.actor)
        return await store.add_alias(actor.id, args.alias)
    if args.action == "split":
        actor = await resolve_actor(store, args.actor)
        return await store.split_actor(actor.id, args.names, kind=args.kind)
    return await store.undo(args.curation_id)


def _log_rows(records: list[CurationRecord]) -> list[tuple[str, str, str, str]]:
    return [
        (
            r.id,
            r.created_at.isoformat(timespec="seconds") if r.created_at else "",
            describe(r),
            "undone" if r.undone else "",
        )
        for r in records
    ]


def run(args: argparse.Namespace) -> int:
    """Apply one curation, or list them."""

    async def action(store: GraphStore) -> int:
        if args.action == "log":
            records = await store.curations(limit=max(args.limit, 1))
            if not records:
                print("no curations yet")
                return 0
            print(
                render_table(
                    ("ID", "WHEN", "WHAT", ""), _log_rows(records), widths=(None, None, 100)
                )
            )
            return 0
        record = await _apply(store, args)
        print(f"{describe(record)}  (curation {record.id})")
        if record.action != "undo":
            print(f"undo with: actorgraph curate undo {record.id}")
        return 0

    return run_with_store(args, action, read_only=args.action == "log")
