"""The Query root: lookups, filtered pages, supporter chains, paths and subgraphs."""

# strawberry.field(description=...) is typed as returning Any, which mypy reports per use
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated

import strawberry

from api.checks import check_confidence, check_first, check_range, check_search, check_window
from api.connections import (
    ActorConnection,
    ActorEdge,
    ArticleConnection,
    ArticleEdge,
    RelationConnection,
    RelationEdge,
    page_info,
)
from api.control import (
    ControlNode,
    resolve_control,
    resolve_control_map,
    resolve_controlled_by,
)
from api.cursors import encode_cursor, start_offset
from api.errors import translate_store_errors
from api.types import ActorNode, ArticleNode, Ctx, PathNode, RelationNode, SubgraphNode
from graph.model import ActorKind, Modality, RelationKind
from graph.stores.base import Direction, RelationFilter, Subgraph

__all__ = ["MAX_NEIGHBOURHOOD_DEPTH", "KindCount", "Query", "Stats"]

#: Beyond three hops a neighbourhood is most of a war's graph: use `graph` for that.
MAX_NEIGHBOURHOOD_DEPTH = 3


@strawberry.type
class KindCount:
    kind: str
    count: int


@strawberry.type(description="Counts over the whole store.")
class Stats:
    articles: int
    actors: int
    relations: int
    evidence: int
    actors_by_kind: list[KindCount]
    relations_by_kind: list[KindCount]


def _kinds(kinds: list[RelationKind] | None) -> frozenset[RelationKind] | None:
    return frozenset(kinds) if kinds else None


def _filter(
    kinds: list[RelationKind] | None,
    min_confidence: float | None,
    since: date | None,
    until: date | None,
) -> RelationFilter:
    """A RelationFilter from checked arguments."""
    check_confidence(min_confidence)
    check_window(since, until)
    return RelationFilter(
        kinds=_kinds(kinds), min_confidence=min_confidence, since=since, until=until
    )


async def _supporters(
    info: Ctx, actor: str, depth: int, direction: Direction, as_of: date | None
) -> list[PathNode]:
    ctx = info.context
    depth = check_range(depth, 1, ctx.settings.max_path_length, "depth")
    with translate_store_errors():
        found = await ctx.store.supporters(actor, depth=depth, direction=direction, as_of=as_of)
    return [PathNode.of(p) for p in found]


async def _subgraph(info: Ctx, sub: Subgraph) -> SubgraphNode:
    info.context.loaders.prime_actors(sub.actors)
    return SubgraphNode.of(sub)


@strawberry.type
class Query:
    @strawberry.field(description="One actor by id, or null.")
    async def actor(self, info: Ctx, id: strawberry.ID) -> ActorNode | None:
        with translate_store_errors():
            found = await info.context.loaders.actors.load(str(id))
        return None if found is None else ActorNode.of(found)

    @strawberry.field(description="Actors whose name or alias contains `search`, by kind.")
    async def actors(
        self,
        info: Ctx,
        search: str | None = None,
        kind: ActorKind | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> ActorConnection:
        ctx = info.context
        first = check_first(first, ctx.settings.max_page_size)
        query, offset = check_search(search), start_offset(after)
        with translate_store_errors():
            found = await ctx.store.search_actors(query, kind, limit=first + 1, offset=offset)
        items, pinfo = page_info(found, offset, first)
        ctx.loaders.prime_actors(items)
        edges = [
            ActorEdge(cursor=encode_cursor(offset + i), node=ActorNode.of(a))
            for i, a in enumerate(items)
        ]

        async def count() -> int:
            with translate_store_errors():
                return await ctx.store.count_actors(query, kind)

        return ActorConnection(edges=edges, page_info=pinfo, count=count)

    @strawberry.field(description="Relations matching every given filter.")
    async def relations(
        self,
        info: Ctx,
        kind: RelationKind | None = None,
        source: strawberry.ID | None = None,
        target: strawberry.ID | None = None,
        since: date | None = None,
        until: date | None = None,
        min_confidence: float | None = None,
        modality: Modality | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> RelationConnection:
        ctx = info.context
        first = check_first(first, ctx.settings.max_page_size)
        offset = start_offset(after)
        flt = replace(
            _filter([kind] if kind else None, min_confidence, since, until),
            source=None if source is None else str(source),
            target=None if target is None else str(target),
            modalities=frozenset({modality}) if modality else None,
        )
        with translate_store_errors():
            found = await ctx.store.get_relations(flt, limit=first + 1, offset=offset)
        items, pinfo = page_info(found, offset, first)
        edges = [
            RelationEdge(cursor=encode_cursor(offset + i), node=RelationNode.of(r))
            for i, r in enumerate(items)
        ]

        async def count() -> int:
            with translate_store_errors():
                return await ctx.store.count_relations(flt)

        return RelationConnection(edges=edges, page_info=pinfo, count=count)

    @strawberry.field(
        description="Chains of BACKS ending at `of`: who backs it, and who backs them."
    )
    async def supporters(
        self, info: Ctx, of: strawberry.ID, depth: int = 2, as_of: date | None = None
    ) -> list[PathNode]:
        return await _supporters(info, str(of), depth, Direction.IN, as_of)

    @strawberry.field(
        description="Chains of BACKS from or to `actor`: IN = its backers, OUT = whom it backs."
    )
    async def who_supports_whom(
        self,
        info: Ctx,
        actor: strawberry.ID,
        depth: int = 2,
        direction: Direction = Direction.IN,
        as_of: date | None = None,
    ) -> list[PathNode]:
        return await _supporters(info, str(actor), depth, direction, as_of)

    @strawberry.field(description="Walks from one actor to another, either way along relations.")
    async def paths(
        self,
        info: Ctx,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        kinds: list[RelationKind] | None = None,
        max_length: int = 4,
        shortest: bool = False,
    ) -> list[PathNode]:
        ctx = info.context
        max_length = check_range(max_length, 1, ctx.settings.max_path_length, "maxLength")
        with translate_store_errors():
            found = await ctx.store.paths(
                str(from_), str(to), kinds=_kinds(kinds), max_length=max_length, shortest=shortest
            )
        return [PathNode.of(p) for p in found]

    @strawberry.field(
        description="An actor, the actors within `depth` hops, and their relations: at most "
        "`first` actors, the nearest (fewest hops, then by id); `truncated` says if any "
        "within reach were left out."
    )
    async def neighbourhood(
        self,
        info: Ctx,
        id: strawberry.ID,
        depth: int = 1,
        kinds: list[RelationKind] | None = None,
        min_confidence: float | None = None,
        since: date | None = None,
        until: date | None = None,
        first: int = 500,
    ) -> SubgraphNode:
        ctx = info.context
        depth = check_range(depth, 0, MAX_NEIGHBOURHOOD_DEPTH, "depth")
        first = check_range(first, 1, ctx.settings.max_page_size, "first")
        flt = _filter(kinds, min_confidence, since, until)
        with translate_store_errors():
            sub = await ctx.store.neighbourhood(str(id), depth, flt, limit=first)
        return await _subgraph(info, sub)

    @strawberry.field(
        description="The first `first` relations matching the filter, with their ends; "
        "`truncated` says if more matched."
    )
    async def graph(
        self,
        info: Ctx,
        kinds: list[RelationKind] | None = None,
        min_confidence: float | None = None,
        since: date | None = None,
        until: date | None = None,
        first: int = 500,
    ) -> SubgraphNode:
        ctx = info.context
        first = check_first(first, ctx.settings.max_page_size)
        flt = _filter(kinds, min_confidence, since, until)
        with translate_store_errors():
            found = await ctx.store.get_relations(flt, limit=first + 1)
            relations = found[:first]
            ids = sorted({r.source for r in relations} | {r.target for r in relations})
            actors = [a for a in await ctx.loaders.actors.load_many(ids) if a is not None]
        sub = Subgraph(tuple(actors), tuple(relations), truncated=len(found) > first)
        return await _subgraph(info, sub)

    @strawberry.field(description="Ingested articles, a page at a time.")
    async def articles(
        self, info: Ctx, first: int = 50, after: str | None = None
    ) -> ArticleConnection:
        ctx = info.context
        first = check_first(first, ctx.settings.max_page_size)
        offset = start_offset(after)
        with translate_store_errors():
            found = await ctx.store.get_articles(limit=first + 1, offset=offset)
        items, pinfo = page_info(found, offset, first)
        edges = [
            ArticleEdge(cursor=encode_cursor(offset + i), node=ArticleNode.of(a))
            for i, a in enumerate(items)
        ]

        async def count() -> int:
            with translate_store_errors():
                return await ctx.store.count_articles()

        return ArticleConnection(edges=edges, page_info=pinfo, count=count)

    @strawberry.field(description="Who holds a place as of a day (null: no such place).")
    async def control(
        self, info: Ctx, place: strawberry.ID, as_of: date | None = None
    ) -> ControlNode | None:
        return await resolve_control(info, str(place), as_of)

    @strawberry.field(description="The places an actor holds as of a day.")
    async def controlled_by(
        self, info: Ctx, actor: strawberry.ID, as_of: date | None = None
    ) -> list[ControlNode]:
        return await resolve_controlled_by(info, str(actor), as_of)

    @strawberry.field(description="Every place reported taken, with its holder as of a day.")
    async def control_map(self, info: Ctx, as_of: date | None = None) -> list[ControlNode]:
        return await resolve_control_map(info, as_of)

    @strawberry.field(description="How many articles, actors, relations and evidence are stored.")
    async def stats(self, info: Ctx) -> Stats:
        with translate_store_errors():
            s = await info.context.store.stats()
        return Stats(
            articles=s.articles,
            actors=s.actors,
            relations=s.relations,
            evidence=s.evidence,
            actors_by_kind=[
                KindCount(kind=k, count=n) for k, n in sorted(s.actors_by_kind.items())
            ],
            relations_by_kind=[
                KindCount(kind=k, count=n) for k, n in sorted(s.relations_by_kind.items())
            ],
        )
