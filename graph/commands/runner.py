"""What the store-facing commands share: opening the store for one command, finding actors."""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
from collections.abc import Awaitable, Callable
from datetime import date

from graph.commands.common import settings_from_args
from graph.errors import (
    BadInputError,
    ConfigError,
    NotFoundError,
    StoreReadOnlyError,
    StoreUnavailableError,
)
from graph.model import Actor, slugify
from graph.settings import Settings
from graph.stores import open_store
from graph.stores.base import GraphStore

__all__ = [
    "EXIT_FAILURES",
    "EXIT_STORE",
    "StoreAction",
    "iso_date",
    "resolve_actor",
    "run_with_store",
]

EXIT_FAILURES = 1  # the command ran, but some inputs failed or nothing matched
EXIT_STORE = 2  # the store could not be opened: a bad location or an unreachable server

StoreAction = Callable[[GraphStore], Awaitable[int]]


def iso_date(text: str) -> date:
    """An argparse type for ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from exc


async def _with_store(settings: Settings, action: StoreAction, read_only: bool) -> int:
    store = open_store(settings, read_only=read_only)
    await store.open()
    try:
        return await action(store)
    finally:
        await store.close()


def run_with_store(
    args: argparse.Namespace, action: StoreAction, *, read_only: bool = False
) -> int:
    """Open the store named by ``--store`` (or the environment), run ``action``, close it.

    ``read_only``, for commands that only read: the store is neither created (a mistyped path
    is an error, not an empty graph) nor written, so a read-only store in a read-only folder
    serves them. A store that cannot be opened or written is reported on one line with exit
    code 2; every other :class:`~graph.errors.ActorGraphError` goes up to the CLI, which
    reports it with exit code 1.
    """
    settings = settings_from_args(args)
    try:
        return asyncio.run(_with_store(settings, action, read_only))
    except (ConfigError, StoreUnavailableError, StoreReadOnlyError) as exc:
        print(f"actorgraph {args.command}: {exc}", file=sys.stderr)
        return EXIT_STORE


def _names(actor: Actor) -> set[str]:
    return {slugify(n) for n in (actor.name, *actor.aliases)}


def _best_matches(query: str, candidates: list[Actor]) -> list[Actor]:
    """The candidates in the best tier: exact name or alias, then a name starting with the query,
    then anything the store's search returned."""
    wanted = slugify(query)
    exact = [a for a in candidates if wanted in _names(a)]
    if exact:
        return exact
    prefix = [a for a in candidates if any(n.startswith(wanted) for n in _names(a))]
    return prefix or candidates


async def resolve_actor(store: GraphStore, ref: str) -> Actor:
    """The actor an id, name or alias refers to.

    Raises :class:`NotFoundError` when nothing matches and :class:`BadInputError`, listing the
    candidates, when several match equally well.
    """
    actor = await store.get_actor(ref)
    if actor is not None:
        return actor
    best = _best_matches(ref, await store.search_actors(ref, limit=50))
    if len(best) == 1:
        return best[0]
    if not best:
        raise NotFoundError(f"no actor named {ref!r}; try `actorgraph actors {shlex.quote(ref)}`")
    listing = "\n".join(f"  {a.id}  {a.name} ({a.kind.value})" for a in best[:20])
    more = f"\n  ... and {len(best) - 20} more" if len(best) > 20 else ""
    raise BadInputError(f"{ref!r} could be any of these; give the id:\n{listing}{more}")
