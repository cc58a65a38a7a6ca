"""The floor of the load benchmark: the "actor + relations" lookup without GraphQL.

One bare Starlette route makes the store calls the GraphQL lookup makes (the actor; its
relations out and in, the two together as the request's DataLoaders send them; then the
actors at their other ends in one batch) and answers the JSON the GraphQL endpoint answers.
Served like the API (uvicorn, the same workers, the heap frozen after the store opens), it
costs what any web layer over this store must: what the GraphQL lookup costs beyond it is the
cost of the GraphQL layer.

    uvicorn --factory bench.floor_app:create_floor_app   # ACTORGRAPH_STORE names the store
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.app import freeze_heap
from graph.model import Actor, Relation
from graph.settings import Settings
from graph.stores import open_store
from graph.stores.base import Direction, GraphStore

__all__ = ["FLOOR_PATH", "actor_lookup", "create_floor_app"]

FLOOR_PATH = "/floor"


def _ends(actor_id: str, out: list[Relation], into: list[Relation]) -> list[str]:
    """The other ends' ids, each once, in the order the DataLoader would batch them; the
    actor itself is already known, as it is in the DataLoader's cache."""
    ids = dict.fromkeys([r.target for r in out] + [r.source for r in into])
    ids.pop(actor_id, None)
    return list(ids)


async def actor_lookup(store: GraphStore, actor_id: str) -> dict[str, Any]:
    """``{"data": {"actor": ...}}`` as the GraphQL endpoint answers ``bench.load_client.ACTOR``."""
    actor = (await store.get_actors([actor_id]))[0]
    if actor is None:
        return {"data": {"actor": None}}
    (out,), (into,) = await asyncio.gather(
        store.relations_of([actor.id], Direction.OUT), store.relations_of([actor.id], Direction.IN)
    )
    ids = _ends(actor.id, out, into)
    known: dict[str, Actor | None] = {actor_id: actor, actor.id: actor}
    known.update(zip(ids, await store.get_actors(ids) if ids else [], strict=True))

    def end(ref: str) -> Actor:
        found = known[ref]
        if found is None:
            raise LookupError(f"relation end {ref!r} is not in the store")
        return found

    return {
        "data": {
            "actor": {
                "id": actor.id,
                "name": actor.name,
                "relationsOut": [
                    {
                        "kind": r.kind.name,
                        "target": {"id": end(r.target).id, "name": end(r.target).name},
                    }
                    for r in out
                ],
                "relationsIn": [
                    {"kind": r.kind.name, "source": {"id": end(r.source).id}} for r in into
                ],
            }
        }
    }


def create_floor_app(settings: Settings | None = None, *, freeze: bool = True) -> Starlette:
    """The floor app for ``settings`` (default: the ``ACTORGRAPH_*`` environment)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, GraphStore]]:
        store = open_store(settings)
        await store.open()
        if freeze:
            freeze_heap("store opened")
        try:
            yield {"store": store}
        finally:
            await store.close()

    async def floor(request: Request) -> JSONResponse:
        body = await request.json()  # the GraphQL request's body; only the id is used
        return JSONResponse(await actor_lookup(request.state.store, body["variables"]["id"]))

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    routes = [Route(FLOOR_PATH, floor, methods=["POST"]), Route("/health", health)]
    return Starlette(routes=routes, lifespan=lifespan)
