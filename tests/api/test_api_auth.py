"""The API key: mutations need it (HTTP 401 otherwise), queries never do."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from api_harness import Api, serve, world
from starlette.requests import Request

from api.app import create_app
from api.auth import is_authorized
from graph.settings import Settings

pytestmark = pytest.mark.anyio

KEY = "correct horse battery staple"
DELETE = 'mutation { deleteArticle(id: "a1") { __typename } }'


@pytest.fixture
async def locked(settings: Settings) -> AsyncIterator[Api]:
    async with serve(create_app(replace(settings, api_key=KEY))) as running:
        await running.store.ingest_many(world())
        yield running


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {KEY}x"},
        {"Authorization": f"Basic {KEY}"},
        {"Authorization": KEY},
        {"Authorization": "Bearer "},
    ],
    ids=["none", "wrong", "longer", "basic", "no-scheme", "empty"],
)
async def test_mutation_without_the_key_is_refused(locked: Api, headers: dict[str, str]) -> None:
    before = await locked.store.snapshot()
    status, body = await locked.post(DELETE, headers=headers)
    assert status == 401
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Authorization: Bearer" in error["message"]
    assert body["data"] is None
    assert await locked.store.snapshot() == before
    assert await locked.store.count_articles() == 3


async def test_the_401_names_the_scheme(locked: Api) -> None:
    response = await locked.client.post("/graphql", json={"query": DELETE})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_mutation_with_the_key_runs(locked: Api) -> None:
    status, body = await locked.post(DELETE, headers={"Authorization": f"Bearer {KEY}"})
    assert (status, body) == (200, {"data": {"deleteArticle": {"__typename": "DeleteSuccess"}}})
    assert await locked.store.count_articles() == 2


async def test_queries_stay_open(locked: Api) -> None:
    status, body = await locked.post("{ stats { articles } }")
    assert (status, body) == (200, {"data": {"stats": {"articles": 3}}})


async def test_without_a_key_mutations_are_open(seeded: Api) -> None:
    status, body = await seeded.post(DELETE)
    assert status == 200 and body["data"]["deleteArticle"]["__typename"] == "DeleteSuccess"


def _request(authorization: str | None) -> Request:
    headers = [] if authorization is None else [(b"authorization", authorization.encode())]
    return Request({"type": "http", "headers": headers, "method": "POST", "path": "/"})


@pytest.mark.parametrize(
    ("header", "key", "expected"),
    [
        (None, None, True),
        ("Bearer anything", None, True),
        (None, "k", False),
        ("Bearer k", "k", True),
        ("bearer k", "k", True),
        ("Bearer  k ", "k", True),
        ("Bearer K", "k", False),
        ("Bearer kk", "k", False),
        ("Token k", "k", False),
    ],
)
def test_is_authorized(header: str | None, key: str | None, expected: bool) -> None:
    assert is_authorized(_request(header), key) is expected
