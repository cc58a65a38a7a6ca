"""The cost limit: what an answer can hold is estimated before the operation runs."""

from __future__ import annotations

import pytest
from api_harness import SYRIA, Api
from graphql import OperationDefinitionNode, parse

from api.cost import LIST_SIZE, estimate_cost
from api.schema import build_schema
from graph.settings import Settings

pytestmark = pytest.mark.anyio

SCHEMA = build_schema()._schema


def cost(query: str, variables: dict[str, object] | None = None) -> int:
    doc = parse(query)
    [operation] = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {d.name.value: d for d in doc.definitions if d is not operation}
    max_page = Settings(store="").max_page_size
    return estimate_cost(SCHEMA, operation, fragments, variables, max_page=max_page)  # type: ignore[arg-type]


def test_leaves_count_one_each() -> None:
    assert cost("{ stats { actors relations } }") == 3


def test_unpaged_lists_multiply_by_list_size() -> None:
    # actor 1 + relationsOut (1 + 10 * (kind 1 + target (1 + name 1)))
    assert cost('{ actor(id: "x") { relationsOut { kind target { name } } } }') == 1 + 1 + (
        LIST_SIZE * 3
    )


def test_pages_multiply_by_first_and_their_edges_add_nothing() -> None:
    # actors 1 + 25 * (edges 1 + node (1 + id 1)) ... edges is the page's own list
    assert cost("{ actors(first: 25) { edges { node { id } } } }") == 1 + 25 * 3


def test_first_from_a_variable_and_the_default() -> None:
    query = "query($n: Int) { actors(first: $n) { edges { node { id } } } }"
    assert cost(query, {"n": 400}) == 1 + 400 * 3
    assert cost(query, {}) == 1 + 50 * 3  # the schema's default page of 50
    assert cost("{ actors { edges { node { id } } } }") == 1 + 50 * 3  # no arguments at all


def test_fragments_are_costed_where_they_are_spread() -> None:
    inline = "{ actors(first: 10) { edges { node { id backers { id } } } } }"
    spread = (
        "{ actors(first: 10) { edges { node { ...F } } } } "
        "fragment F on Actor { id backers { id } }"
    )
    assert cost(inline) == cost(spread) == 1 + 10 * (1 + 1 + 1 + 1 + LIST_SIZE)


async def test_nested_lists_are_refused_before_they_run(seeded: Api) -> None:
    inner = "id"
    for _ in range(6):
        inner = f"backers {{ {inner} }}"
    status, body = await seeded.post(f'{{ actor(id: "{SYRIA}") {{ {inner} }} }}')
    assert status == 400
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > 100_000
    assert "'first'" in error["message"]


async def test_a_big_variable_page_is_refused_and_a_small_one_runs(seeded: Api) -> None:
    query = (
        "query($n: Int) { actors(first: $n) { edges { node { name "
        "relationsOut { target { name relationsIn { source { name } } } } } } } }"
    )
    assert cost(query, {"n": 500}) == 1 + 500 * (1 + 1 + 1 + 1 + 10 * (1 + 1 + 1 + 10 * 2))
    status, body = await seeded.post(query, {"n": 500})
    assert status == 400 and body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    status, body = await seeded.post(query, {"n": 5})
    assert status == 200 and "errors" not in body
    assert len(body["data"]["actors"]["edges"]) == 5


async def test_the_graph_page_documents_fit(seeded: Api) -> None:
    """The /graph page asks for 500 edges with every field it shows: that must run."""
    fields = (
        "nodes { id name kind aliases mentions location { geonamesId latitude longitude } } "
        "edges { id kind confidence modality firstReported source { id } target { id } "
        "evidence { sentence start end article { id title url published } } }"
    )
    status, body = await seeded.post(f"{{ graph(first: 500) {{ {fields} }} }}")
    assert status == 200 and "errors" not in body
    assert body["data"]["graph"]["edges"]
