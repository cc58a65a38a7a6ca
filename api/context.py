"""What every resolver sees: the store, the settings, and per-request DataLoaders.

Loaders are made fresh for each request, so their caches never serve one client's data to
another nor outlive a mutation; within a request they turn N lookups into one store call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from api.extraction import LazyExtractor
from graph.model import Actor, Relation
from graph.settings import Settings
from graph.stores.base import ArticleInfo, Direction, GraphStore

__all__ = ["Context", "Loaders", "make_loaders"]


@dataclass(slots=True)
class Loaders:
    actors: DataLoader[str, Actor | None]
    relations_out: DataLoader[str, list[Relation]]
    relations_in: DataLoader[str, list[Relation]]
    articles: DataLoader[str, ArticleInfo | None]

    def prime_actors(self, actors: Sequence[Actor]) -> None:
        """Remember actors already fetched, so resolving them again costs no store call."""
        for actor in actors:
            self.actors.prime(actor.id, actor)


def make_loaders(store: GraphStore) -> Loaders:
    """One set of loaders bound to ``store`` (call once per request)."""

    async def actors(ids: list[str]) -> list[Actor | None]:
        return await store.get_actors(ids)

    async def relations_out(ids: list[str]) -> list[list[Relation]]:
        return await store.relations_of(ids, Direction.OUT)

    async def relations_in(ids: list[str]) -> list[list[Relation]]:
        return await store.relations_of(ids, Direction.IN)

    async def articles(ids: list[str]) -> list[ArticleInfo | None]:
        # the store has no batch lookup for articles; at least run them concurrently
        return list(await asyncio.gather(*(store.get_article(i) for i in ids)))

    return Loaders(
        actors=DataLoader(load_fn=actors),
        relations_out=DataLoader(load_fn=relations_out),
        relations_in=DataLoader(load_fn=relations_in),
        articles=DataLoader(load_fn=articles),
    )


@dataclass(slots=True)
class Context:
    request: Request
    response: Response
    store: GraphStore
    settings: Settings
    extractor: LazyExtractor
    loaders: Loaders
    authorized: bool  # False only when an API key is configured and not presented
