"""Requests a hostile client can send, and a store that cannot be written: each case once
answered 500 or "Unexpected error." and now gets a clear, typed answer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from api_harness import RUSSIA, Api, serve, shared_extractor, world

from api.app import create_app
from api.extraction import LazyExtractor
from graph.settings import Settings
from graph.stores.sqlite.store import EmbeddedStore

pytestmark = pytest.mark.anyio

DEEP = "[" * 100_000 + "]" * 100_000
SURROGATE = "\ud800"


def _only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["message"] and error["message"] != "Unexpected error."
    return error  # type: ignore[no-any-return]


async def test_deep_json_body_is_400(seeded: Api) -> None:
    body = '{"query": "{ stats { actors } }", "variables": {"x": ' + DEEP + "}}"
    response = await seeded.client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "nested" in _only_error(response.json())["message"]


async def test_deep_json_variables_over_get_are_400(seeded: Api) -> None:
    deep = "[" * 5_000 + "]" * 5_000  # deeper than the decoder's recursion allows
    params = {"query": "{ stats { actors } }", "variables": deep}
    response = await seeded.client.get("/graphql", params=params)
    assert response.status_code == 400
    _only_error(response.json())


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query($s: String) { actors(search: $s) { totalCount } }", {"s": SURROGATE}),
        ("query($s: ID) { relations(source: $s) { totalCount } }", {"s": "x" + SURROGATE}),
        (
            "mutation($t: String!) { ingestArticle(text: $t) { __typename } }",
            {"t": "Russia backs Syria. " + SURROGATE},
        ),
        ("mutation($i: ID!) { deleteArticle(id: $i) { __typename } }", {"i": SURROGATE}),
        (
            'query($s: [String!]) { actors(search: "a") { totalCount } }',
            {"s": ["ok", {"deep": SURROGATE}]},
        ),
    ],
    ids=["search", "source", "ingest", "delete", "nested"],
)
async def test_a_lone_surrogate_in_a_variable_is_bad_input(
    seeded: Api, query: str, variables: dict[str, Any]
) -> None:
    # json.dumps writes the surrogate as the escape "\ud800", as a client would
    response = await seeded.client.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": variables}),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    error = _only_error(response.json())
    assert "surrogate" in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_surrogate_pair_is_a_character_and_is_served(seeded: Api) -> None:
    status, body = await seeded.post(
        "query($s: String) { actors(search: $s) { totalCount } }", {"s": "\U0001f600"}
    )
    assert status == 200 and body == {"data": {"actors": {"totalCount": 0}}}


async def test_two_operations_without_a_name_get_the_standard_error(seeded: Api) -> None:
    status, body = await seeded.post("query A { stats { actors } } query B { stats { relations } }")
    assert status == 400
    error = _only_error(body)
    assert error["message"] == "Must provide operation name if query contains multiple operations."


async def test_two_operations_with_a_name_run_that_one(seeded: Api) -> None:
    response = await seeded.client.post(
        "/graphql",
        json={
            "query": "query A { stats { actors } } query B { stats { relations } }",
            "operationName": "B",
        },
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"stats": {"relations": 8}}}


async def test_an_unknown_operation_name_is_400(seeded: Api) -> None:
    response = await seeded.client.post(
        "/graphql", json={"query": "query A { stats { actors } }", "operationName": "C"}
    )
    assert response.status_code == 400
    assert "C" in _only_error(response.json())["message"]


@pytest.mark.parametrize("path", ["/", "/graphiql", "/health", "/graphql?query={stats{actors}}"])
async def test_every_page_says_nosniff_and_no_referrer(api: Api, path: str) -> None:
    response = await api.client.get(path)
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


async def test_errors_carry_the_headers_too(api: Api) -> None:
    response = await api.client.post(
        "/graphql", content=b"{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_graph_page_keeps_its_own_policy(api: Api) -> None:
    response = await api.client.get("/graph")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in response.headers["content-security-policy"]


async def test_surrogates_do_not_reach_the_store(seeded: Api) -> None:
    before = await seeded.store.snapshot()
    await seeded.client.post(
        "/graphql",
        content=json.dumps(
            {
                "query": "mutation($a: ID!, $n: String!) { addAlias(actor: $a, alias: $n) "
                "{ __typename } }",
                "variables": {"a": RUSSIA, "n": "Rus" + SURROGATE},
            }
        ),
        headers={"content-type": "application/json"},
    )
    assert await seeded.store.snapshot() == before


@pytest.fixture
async def read_only_api(tmp_path: Path, make_read_only: Callable[..., None]) -> AsyncIterator[Api]:
    """The app on a store that holds the seeded graph in a file and folder it cannot write."""
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "graph.sqlite3"
    store = EmbeddedStore(path)
    await store.open()
    await store.ingest_many(world())
    await store.close()
    make_read_only(path, folder)
    app = create_app(Settings(store=str(path)), extractor=LazyExtractor(shared_extractor))
    async with serve(app) as running:
        yield running


async def test_health_says_the_store_is_read_only(read_only_api: Api) -> None:
    response = await read_only_api.client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["store"], body["writable"]) == ("read-only", "read-only", False)


async def test_health_says_a_writable_store_is_writable(api: Api) -> None:
    body = (await api.client.get("/health")).json()
    assert (body["status"], body["writable"]) == ("ok", True)


async def test_ingest_into_a_read_only_store_is_a_typed_error(read_only_api: Api) -> None:
    data = await read_only_api.data(
        'mutation { ingestArticle(text: "Iran backs Hezbollah.") '
        "{ __typename ... on UserError { message } } }"
    )
    result = data["ingestArticle"]
    assert result["__typename"] == "StoreReadOnly"
    assert "read-only" in result["message"]
    assert not read_only_api.state["extractor"].loaded  # refused before any extraction


async def test_other_writes_to_a_read_only_store_say_so(read_only_api: Api) -> None:
    status, body = await read_only_api.post('mutation { deleteArticle(id: "a1") { __typename } }')
    assert status == 200
    [error] = body["errors"]
    assert error["extensions"]["code"] == "STORE_READ_ONLY"


async def test_a_read_only_store_still_answers_queries(read_only_api: Api) -> None:
    data = await read_only_api.data("{ stats { actors relations } }")
    assert data == {"stats": {"actors": 7, "relations": 8}}


async def test_a_lone_surrogate_escaped_in_the_document_is_a_syntax_error(seeded: Api) -> None:
    status, body = await seeded.post('{ actors(search: "\\ud800") { totalCount } }')
    assert status == 400
    assert "Unicode" in _only_error(body)["message"]
