"""The load benchmark's floor answers what the GraphQL lookup it is compared with answers."""

from __future__ import annotations

import pytest
from api_harness import Api, serve, world

from bench.floor_app import FLOOR_PATH, create_floor_app
from bench.load_client import ACTOR
from graph.settings import Settings

pytestmark = pytest.mark.anyio


async def test_the_floor_answers_the_same_json_as_graphql(seeded: Api, settings: Settings) -> None:
    ids = [*sorted({a.id for e in world() for a in e.actors}), "faction:nobody"]
    floor = create_floor_app(settings, freeze=False)
    async with serve(floor) as bare:
        for actor_id in ids:
            body = {"query": ACTOR, "variables": {"id": actor_id}}
            graphql = await seeded.client.post("/graphql", json=body)
            plain = await bare.client.post(FLOOR_PATH, json=body)
            assert graphql.status_code == plain.status_code == 200
            assert plain.json() == graphql.json(), actor_id
