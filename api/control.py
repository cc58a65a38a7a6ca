"""The control timeline in GraphQL: who holds a place as of a day, and what an actor holds.

The answers are :mod:`graph.timeline`'s; these types only carry them, resolving actors through
the request's loaders.
"""

# strawberry.field(description=...) is typed as returning Any, which mypy reports per use
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from datetime import date

import strawberry

from api.errors import translate_store_errors
from api.types import ActorNode, Ctx, EventDateNode, EvidenceNode
from graph.model import Modality
from graph.queries.control import Capture, Control
from graph.timeline import control, control_map, controlled_by

__all__ = ["CaptureNode", "ControlNode", "resolve_control", "resolve_control_map",
           "resolve_controlled_by"]  # fmt: skip


async def _actor(info: Ctx, actor_id: str) -> ActorNode | None:
    found = await info.context.loaders.actors.load(actor_id)
    return None if found is None else ActorNode.of(found)


@strawberry.type(name="Capture", description="One report of a capture of a place.")
class CaptureNode:
    modality: Modality
    event_date: EventDateNode | None = strawberry.field(
        description="When the capture happened; null when neither text nor article dates it."
    )
    evidence: EvidenceNode
    actor_id: strawberry.Private[str]

    @strawberry.field(description="Who took the place.")
    async def actor(self, info: Ctx) -> ActorNode | None:
        return await _actor(info, self.actor_id)

    @classmethod
    def of(cls, capture: Capture) -> CaptureNode:
        return cls(
            modality=capture.modality,
            event_date=EventDateNode.of(capture.event_date),
            evidence=EvidenceNode.of(capture.evidence),
            actor_id=capture.actor,
        )


def _captures(captures: tuple[Capture, ...]) -> list[CaptureNode]:
    return [CaptureNode.of(c) for c in captures]


@strawberry.type(
    name="Control",
    description="Who holds a place as of a day, from factual reports of captures in order of "
    "their event dates; claims and denials never move a place but are listed as disputes.",
)
class ControlNode:
    as_of: date | None = strawberry.field(description="Null: as of the latest report.")
    capture: CaptureNode | None = strawberry.field(
        description="The latest factual capture by the holder on or before `asOf`."
    )
    rests_on: list[Modality] = strawberry.field(
        description="The modalities of the reports of that capture (asserted, reported)."
    )
    reports: list[CaptureNode] = strawberry.field(description="Every report of that capture.")
    previous: list[CaptureNode] = strawberry.field(
        description="The captures that made each earlier holder, the latest first."
    )
    disputed: bool = strawberry.field(
        description="A denial of the capture, or another actor's capture reported by another "
        "article within a few days of it."
    )
    disputes: list[CaptureNode]
    place_id: strawberry.Private[str]
    holder_id: strawberry.Private[str | None]

    @strawberry.field
    async def place(self, info: Ctx) -> ActorNode | None:
        return await _actor(info, self.place_id)

    @strawberry.field(description="Who holds the place; null when no capture stands.")
    async def holder(self, info: Ctx) -> ActorNode | None:
        return None if self.holder_id is None else await _actor(info, self.holder_id)

    @classmethod
    def of(cls, answer: Control) -> ControlNode:
        return cls(
            as_of=answer.as_of,
            capture=None if answer.capture is None else CaptureNode.of(answer.capture),
            rests_on=list(answer.rests_on),
            reports=_captures(answer.supporting),
            previous=_captures(answer.previous),
            disputed=answer.disputed,
            disputes=_captures(answer.disputes),
            place_id=answer.place,
            holder_id=answer.holder,
        )


async def resolve_control(info: Ctx, place: str, as_of: date | None) -> ControlNode | None:
    """Who holds ``place``; null when the store has no such actor."""
    with translate_store_errors():
        if await info.context.loaders.actors.load(place) is None:
            return None
        return ControlNode.of(await control(info.context.store, place, as_of))


async def resolve_controlled_by(info: Ctx, actor: str, as_of: date | None) -> list[ControlNode]:
    with translate_store_errors():
        return [ControlNode.of(c) for c in await controlled_by(info.context.store, actor, as_of)]


async def resolve_control_map(info: Ctx, as_of: date | None) -> list[ControlNode]:
    with translate_store_errors():
        return [ControlNode.of(c) for c in await control_map(info.context.store, as_of)]
