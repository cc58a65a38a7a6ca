"""The GraphQL object types: actors, relations, evidence, articles, paths and subgraphs.

Each type is built from a ``graph.model`` or ``graph.stores.base`` value by its ``of``
constructor. Fields that lead to other actors or relations resolve through the request's
DataLoaders, so a page of actors with their relations costs a fixed number of store calls.
"""

# strawberry.field(description=...) is typed as returning Any, which mypy reports per use
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import strawberry
from graphql import FieldNode
from strawberry import Info

from api.context import Context
from graph.model import (
    Actor,
    ActorKind,
    DatePrecision,
    EventDate,
    Evidence,
    Location,
    Modality,
    Relation,
    RelationKind,
)
from graph.stores.base import ArticleInfo, CurationRecord, Direction, IngestStatus, Path, Subgraph

__all__ = [
    "ActorNode",
    "ArticleNode",
    "CurationNode",
    "EventDateNode",
    "EvidenceNode",
    "LocationNode",
    "PathNode",
    "RelationNode",
    "SubgraphNode",
    "actor_nodes",
    "relation_nodes",
]

strawberry.enum(ActorKind, name="ActorKind", description="What kind of thing an actor is.")
strawberry.enum(RelationKind, name="RelationKind", description="What one actor does to another.")
strawberry.enum(Modality, name="Modality", description="How firmly the source states a relation.")
strawberry.enum(Direction, name="Direction", description="Which way to follow relations.")
strawberry.enum(IngestStatus, name="IngestStatus", description="What ingesting an article did.")
strawberry.enum(DatePrecision, name="DatePrecision", description="How exact an event date is.")

#: Relations that do not say the backing happens: they do not make an actor a backer.
NOT_BACKING = frozenset({Modality.DENIED, Modality.HYPOTHETICAL})

Ctx = Info[Context, None]


@strawberry.type(name="Location", description="Where a place-like actor is (GeoNames).")
class LocationNode:
    geonames_id: int
    latitude: float
    longitude: float
    country_code: str | None

    @classmethod
    def of(cls, loc: Location) -> LocationNode:
        return cls(
            geonames_id=loc.geonames_id,
            latitude=loc.latitude,
            longitude=loc.longitude,
            country_code=loc.country_code,
        )


@strawberry.type(name="Article", description="An ingested article.")
class ArticleNode:
    id: strawberry.ID
    title: str | None
    url: str | None
    published: date | None
    ingested_at: datetime
    relation_count: int = strawberry.field(description="Relations this article gives evidence for.")

    @classmethod
    def of(cls, info: ArticleInfo) -> ArticleNode:
        return cls(
            id=strawberry.ID(info.id),
            title=info.title,
            url=info.url,
            published=info.published,
            ingested_at=info.ingested_at,
            relation_count=info.relations,
        )


@strawberry.type(
    name="EventDate",
    description="When a reported event happened, as the article's words (or its date) tell.",
)
class EventDateNode:
    start: date = strawberry.field(description="The first day the event may have happened on.")
    end: date | None = strawberry.field(
        description="The last day it may have happened on; null for an open span ('since May')."
    )
    precision: DatePrecision
    text: str = strawberry.field(
        description="The words that gave the date, or 'publication date' when none did."
    )

    @classmethod
    def of(cls, event: EventDate | None) -> EventDateNode | None:
        if event is None:
            return None
        return cls(start=event.start, end=event.end, precision=event.precision, text=event.text)


@strawberry.type(name="Evidence", description="One sentence that reports a relation.")
class EvidenceNode:
    sentence: str
    start: int = strawberry.field(description="Character offset of the sentence in the article.")
    end: int
    trigger: str = strawberry.field(description="The word that signalled the relation.")
    source_text: str = strawberry.field(
        description="The words that named the source in this sentence ('Russian missiles')."
    )
    target_text: str = strawberry.field(
        description=(
            "The words that named the target, or, for a target with no name of its own, what"
            " was hit ('power plant', when the relation goes to the town it stood in)."
        )
    )
    event_date: EventDateNode | None = strawberry.field(
        description="When the event this sentence reports happened; null if the article is undated."
    )
    article_id: strawberry.Private[str]

    @strawberry.field(description="The article; null if it was deleted meanwhile.")
    async def article(self, info: Ctx) -> ArticleNode | None:
        found = await info.context.loaders.articles.load(self.article_id)
        return None if found is None else ArticleNode.of(found)

    @classmethod
    def of(cls, ev: Evidence) -> EvidenceNode:
        return cls(
            sentence=ev.sentence,
            start=ev.start,
            end=ev.end,
            trigger=ev.trigger,
            source_text=ev.source_text,
            target_text=ev.target_text,
            event_date=EventDateNode.of(ev.event_date),
            article_id=ev.article_id,
        )


async def _actor(info: Ctx, actor_id: str) -> ActorNode:
    actor = await info.context.loaders.actors.load(actor_id)
    if actor is None:  # a relation whose end is gone: the store broke an invariant
        raise LookupError(f"relation end {actor_id!r} is not in the store")
    return ActorNode.of(actor)


async def _actors(info: Ctx, ids: list[str]) -> list[ActorNode]:
    found = await info.context.loaders.actors.load_many(ids)
    return [ActorNode.of(a) for a in found if a is not None]


@strawberry.type(name="Relation", description="A directed, typed relation with its evidence.")
class RelationNode:
    id: strawberry.ID
    kind: RelationKind
    confidence: float
    modality: Modality
    first_reported: date | None
    last_reported: date | None
    event_date: EventDateNode | None = strawberry.field(
        description="When it happened: the best-dated of its reports (words before the "
        "publication date, then the finer precision, then the earlier day)."
    )
    article_count: int
    evidence: list[EvidenceNode]
    source_id: strawberry.Private[str]
    target_id: strawberry.Private[str]
    #: the ends, when whoever built the relation had them loaded already (see ``with_ends``)
    source_node: strawberry.Private[ActorNode | None] = None
    target_node: strawberry.Private[ActorNode | None] = None

    # Plain functions, not coroutines: an end loaded already is answered at once, and only
    # the others cost an await (one per relation end otherwise).
    # graphql-core awaits what a resolver returns when it is awaitable, hence the casts.
    @strawberry.field
    def source(self, info: Ctx) -> ActorNode:
        return self.source_node or cast("ActorNode", _actor(info, self.source_id))

    @strawberry.field
    def target(self, info: Ctx) -> ActorNode:
        return self.target_node or cast("ActorNode", _actor(info, self.target_id))

    @classmethod
    def of(cls, rel: Relation) -> RelationNode:
        return cls(
            id=strawberry.ID(rel.id),
            kind=rel.kind,
            confidence=rel.confidence,
            modality=rel.modality,
            first_reported=rel.first_reported,
            last_reported=rel.last_reported,
            event_date=EventDateNode.of(rel.event_date),
            article_count=rel.article_count,
            evidence=[EvidenceNode.of(e) for e in rel.evidence],
            source_id=rel.source,
            target_id=rel.target,
        )


def relation_nodes(
    relations: list[Relation], kind: RelationKind | None = None
) -> list[RelationNode]:
    """Wrap relations, keeping those of ``kind`` when it is given."""
    return [RelationNode.of(r) for r in relations if kind is None or r.kind == kind]


def _selects(info: Ctx, name: str) -> bool:
    """Whether the field being resolved asks for ``name`` of its items (a fragment may)."""
    # graphql-core's nodes, not strawberry's ``selected_fields``: that one converts the
    # whole selection below, which costs more than the batch this decides on saves
    for node in info._raw_info.field_nodes:
        for selection in node.selection_set.selections if node.selection_set else ():
            if not isinstance(selection, FieldNode) or selection.name.value == name:
                return True
    return False


async def with_ends(info: Ctx, nodes: list[RelationNode], end: str) -> list[RelationNode]:
    """``nodes`` with their ``end`` ("source" or "target") loaded in one batch, when the
    query asks for it; the other end stays to be loaded if it is asked for."""
    if not nodes or not _selects(info, end):
        return nodes
    ids = list(dict.fromkeys(getattr(n, f"{end}_id") for n in nodes))
    found = dict(zip(ids, await info.context.loaders.actors.load_many(ids), strict=True))
    for node in nodes:
        actor = found[getattr(node, f"{end}_id")]
        if actor is not None:  # a missing end is left to the resolver, which reports it
            setattr(node, f"{end}_node", ActorNode.of(actor))
    return nodes


def _backing(relations: list[Relation], end: str) -> list[str]:
    """Distinct ids at ``end`` ("source" or "target") of relations that say someone backs."""
    ids = {
        getattr(r, end)
        for r in relations
        if r.kind == RelationKind.BACKS and r.modality not in NOT_BACKING
    }
    return sorted(ids)


@strawberry.type(name="Actor", description="A faction, state, place, person or organization.")
class ActorNode:
    id: strawberry.ID
    name: str
    kind: ActorKind
    aliases: list[str]
    mentions: int = strawberry.field(description="How many times articles named this actor.")
    location: LocationNode | None

    @strawberry.field(description="Relations from this actor, optionally of one kind.")
    async def relations_out(
        self, info: Ctx, kind: RelationKind | None = None
    ) -> list[RelationNode]:
        relations = await info.context.loaders.relations_out.load(self.id)
        return await with_ends(info, relation_nodes(relations, kind), "target")

    @strawberry.field(description="Relations to this actor, optionally of one kind.")
    async def relations_in(self, info: Ctx, kind: RelationKind | None = None) -> list[RelationNode]:
        relations = await info.context.loaders.relations_in.load(self.id)
        return await with_ends(info, relation_nodes(relations, kind), "source")

    @strawberry.field(
        description="Actors that BACK this one (denied or hypothetical backing excluded)."
    )
    async def backers(self, info: Ctx) -> list[ActorNode]:
        relations = await info.context.loaders.relations_in.load(self.id)
        return await _actors(info, _backing(relations, "source"))

    @strawberry.field(
        description="Actors this one BACKS (denied or hypothetical backing excluded)."
    )
    async def backing(self, info: Ctx) -> list[ActorNode]:
        relations = await info.context.loaders.relations_out.load(self.id)
        return await _actors(info, _backing(relations, "target"))

    @classmethod
    def of(cls, actor: Actor) -> ActorNode:
        return cls(
            id=strawberry.ID(actor.id),
            name=actor.name,
            kind=actor.kind,
            aliases=list(actor.aliases),
            mentions=actor.mentions,
            location=None if actor.location is None else LocationNode.of(actor.location),
        )


def actor_nodes(actors: tuple[Actor, ...] | list[Actor]) -> list[ActorNode]:
    return [ActorNode.of(a) for a in actors]


@strawberry.type(name="Path", description="A walk: edges[i] joins nodes[i] and nodes[i + 1].")
class PathNode:
    length: int
    nodes: list[ActorNode]
    edges: list[RelationNode]

    @classmethod
    def of(cls, path: Path) -> PathNode:
        return cls(
            length=path.length,
            nodes=actor_nodes(path.actors),
            edges=relation_nodes(list(path.relations)),
        )


@strawberry.type(name="Subgraph", description="A set of actors and the relations among them.")
class SubgraphNode:
    nodes: list[ActorNode]
    edges: list[RelationNode]
    truncated: bool = strawberry.field(
        description="True when a limit (`first`) left out actors or relations that matched."
    )

    @classmethod
    def of(cls, sub: Subgraph) -> SubgraphNode:
        return cls(
            nodes=actor_nodes(sub.actors),
            edges=relation_nodes(list(sub.relations)),
            truncated=sub.truncated,
        )


@strawberry.type(name="Curation", description="A recorded curation step, which can be undone.")
class CurationNode:
    id: strawberry.ID
    action: str
    actor_id: strawberry.ID
    other_id: strawberry.ID | None
    created_at: datetime | None
    undone: bool
    undoes: strawberry.ID | None = strawberry.field(
        description="For an undo step: the id of the step it undid."
    )

    @classmethod
    def of(cls, rec: CurationRecord) -> CurationNode:
        other = None if rec.other_id is None else strawberry.ID(rec.other_id)
        undoes = rec.detail.get("undoes") if rec.action == "undo" else None
        return cls(
            id=strawberry.ID(rec.id),
            action=rec.action,
            actor_id=strawberry.ID(rec.actor_id),
            other_id=other,
            created_at=rec.created_at,
            undone=rec.undone,
            undoes=None if undoes is None else strawberry.ID(str(undoes)),
        )
