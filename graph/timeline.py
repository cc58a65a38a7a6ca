"""The control timeline over a store: who holds a place, and what an actor holds, as of a day.

The reasoning is :mod:`graph.queries.control`'s; this module only gathers the CAPTURES
relations it needs from any :class:`~graph.stores.base.GraphStore`.
"""

from __future__ import annotations

from datetime import date

from graph.model import Relation, RelationKind
from graph.queries.control import Control, control_of, held_by
from graph.stores.base import GraphStore, RelationFilter

__all__ = ["captures_of", "control", "control_map", "controlled_by"]

PAGE = 500
_CAPTURES = frozenset({RelationKind.CAPTURES})


async def _all(store: GraphStore, flt: RelationFilter) -> list[Relation]:
    found: list[Relation] = []
    while True:
        page = await store.get_relations(flt, limit=PAGE, offset=len(found))
        found.extend(page)
        if len(page) < PAGE:
            return found


async def captures_of(store: GraphStore, place: str) -> list[Relation]:
    """Every CAPTURES relation on ``place``, whatever its modality."""
    return await _all(store, RelationFilter(kinds=_CAPTURES, target=place))


async def control(store: GraphStore, place: str, as_of: date | None = None) -> Control:
    """Who holds ``place`` as of ``as_of`` (``None``: as of the latest report)."""
    return control_of(place, await captures_of(store, place), as_of)


async def control_map(store: GraphStore, as_of: date | None = None) -> list[Control]:
    """Every place anyone is reported to have taken, and its holder as of ``as_of``."""
    captures = await _all(store, RelationFilter(kinds=_CAPTURES))
    places = sorted({r.target for r in captures})
    return [control_of(place, captures, as_of) for place in places]


async def controlled_by(store: GraphStore, actor: str, as_of: date | None = None) -> list[Control]:
    """The places ``actor`` holds as of ``as_of``, by place id."""
    taken = await _all(store, RelationFilter(kinds=_CAPTURES, source=actor))
    relations: list[Relation] = []
    for place in sorted({r.target for r in taken}):
        relations.extend(await captures_of(store, place))
    return held_by(actor, relations, as_of)
