"""``actorgraph control PLACE [--as-of DATE]``: who holds a place, since when, and on whose word."""

from __future__ import annotations

import argparse
import json
from typing import Any

from graph.commands.common import add_store_argument
from graph.commands.render import snippet
from graph.commands.runner import iso_date, resolve_actor, run_with_store
from graph.errors import BadInputError
from graph.export import actor_record, event_date_record, evidence_record
from graph.model import Actor, ActorKind
from graph.queries.control import Capture, Control
from graph.stores.base import GraphStore
from graph.timeline import control

__all__ = ["add_arguments", "capture_record", "run"]

PLACE_KINDS = (ActorKind.CITY, ActorKind.REGION, ActorKind.FACILITY)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("place", metavar="PLACE", help="a place's id, name or alias")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="who held it on DATE (YYYY-MM-DD; default: as of the latest report)",
    )
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    add_store_argument(parser)


async def resolve_place(store: GraphStore, ref: str) -> Actor:
    """The place a name refers to; among equally good matches, the one place of that name."""
    try:
        return await resolve_actor(store, ref)
    except BadInputError:
        places = [a for a in await store.search_actors(ref, limit=50) if a.kind in PLACE_KINDS]
        named = [
            a for a in places if ref.casefold() in {n.casefold() for n in (a.name, *a.aliases)}
        ]
        if len(named) == 1:
            return named[0]
        raise


def capture_record(capture: Capture) -> dict[str, Any]:
    return {
        "actor": capture.actor,
        "modality": capture.modality.value,
        "event_date": event_date_record(capture.event_date),
        "evidence": evidence_record(capture.evidence),
    }


def control_record(answer: Control, names: dict[str, str]) -> dict[str, Any]:
    return {
        "as_of": answer.as_of.isoformat() if answer.as_of else None,
        "holder": answer.holder,
        "holder_name": names.get(answer.holder or ""),
        "capture": capture_record(answer.capture) if answer.capture else None,
        "rests_on": [m.value for m in answer.rests_on],
        "reports": [capture_record(c) for c in answer.supporting],
        "previous": [capture_record(c) for c in answer.previous],
        "disputed": answer.disputed,
        "disputes": [capture_record(c) for c in answer.disputes],
    }


def _when(capture: Capture) -> str:
    when = capture.event_date
    if when is None:
        return "undated"
    if when.start == when.last_day:
        return f"{when.start.isoformat()} ({when.text})"
    return f"{when.start.isoformat()}..{when.last_day.isoformat()} ({when.text})"


def _line(capture: Capture, names: dict[str, str]) -> str:
    who = names.get(capture.actor, capture.actor)
    return (
        f"{who}, {_when(capture)}, {capture.modality.value}, "
        f"article {capture.evidence.article_id}: «{snippet(capture.evidence)}»"
    )


def render(place: Actor, answer: Control, names: dict[str, str]) -> list[str]:
    as_of = answer.as_of.isoformat() if answer.as_of else "the latest report"
    if answer.capture is None or answer.holder is None:
        lines = [f"{place.name} ({place.id}) as of {as_of}: no capture stands"]
        return lines + ["  not taken as fact: " + _line(c, names) for c in answer.disputes]
    holder = names.get(answer.holder, answer.holder)
    lines = [f"{place.name} ({place.id}) as of {as_of}: held by {holder} ({answer.holder})"]
    lines.append("  taken: " + _line(answer.capture, names))
    lines.append("  rests on: " + ", ".join(m.value for m in answer.rests_on))
    lines += ["  also reported: " + _line(c, names) for c in answer.supporting[:-1]]
    lines += ["  before that: " + _line(c, names) for c in answer.previous]
    if answer.disputed:
        lines.append("  ! disputed:")
        lines += ["    " + _line(c, names) for c in answer.disputes]
    return lines


def run(args: argparse.Namespace) -> int:
    """Print who holds PLACE as of --as-of, with the capture's evidence."""

    async def action(store: GraphStore) -> int:
        place = await resolve_place(store, args.place)
        answer = await control(store, place.id, args.as_of)
        involved = {c.actor for c in (*answer.supporting, *answer.previous, *answer.disputes)}
        actors = await store.get_actors(sorted(involved))
        names = {a.id: a.name for a in actors if a is not None}
        if args.json:
            document = {"place": actor_record(place), **control_record(answer, names)}
            print(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            print("\n".join(render(place, answer, names)))
        return 0

    return run_with_store(args, action)
