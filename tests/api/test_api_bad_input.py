"""Hostile and malformed requests: each gets a clear error, the server keeps serving, and
the store is unchanged.

HTTP status per case (the decision, also in api/view.py):
  malformed JSON, a non-object body, unknown fields, too deep, too many aliases or tokens,
  wrong-typed variables ............................................. 400, nothing ran
  a mutation over GET .................................................. 405
  a body over the size limit ........................................... 413
  a bad argument value (page too large, bad cursor, depth cap) ........ 200, error on the field
  a text over the limit ................................................ 200, TextTooLarge
  injection strings .................................................... treated as data
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from api_harness import RUSSIA, SYRIA, Api

from graph.settings import Settings

pytestmark = pytest.mark.anyio

SANE = "{ stats { actors relations } }"


@pytest.fixture
def settings(tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Default settings; a test parametrized indirectly passes other limits as a dict."""
    return Settings(store=str(tmp_path / "graph.sqlite3"), **getattr(request, "param", {}))


@pytest.fixture
async def guarded(seeded: Api) -> AsyncIterator[Api]:
    """The seeded app; afterwards, the server still answers and the graph is unchanged."""
    before = await seeded.store.snapshot()
    yield seeded
    status, body = await seeded.post(SANE)
    assert (status, body) == (200, {"data": {"stats": {"actors": 7, "relations": 8}}})
    assert await seeded.store.snapshot() == before


def _only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["message"] and error["message"] != "Unexpected error."
    return error  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "raw",
    [b"{", b'{"query": "{ stats { actors } }"', b"\xff\xfe", b"not json", b""],
    ids=["open-brace", "truncated", "binary", "text", "empty"],
)
async def test_malformed_json_is_400(guarded: Api, raw: bytes) -> None:
    response = await guarded.client.post(
        "/graphql", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    error = _only_error(response.json())
    assert "JSON" in error["message"]


@pytest.mark.parametrize(
    "raw", ['"just a string"', "42", "[]", '{"query": 5}', '{"variables": []}']
)
async def test_json_that_is_not_a_request_is_400(guarded: Api, raw: str) -> None:
    response = await guarded.client.post(
        "/graphql", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    _only_error(response.json())


async def test_unsupported_content_type_is_400(guarded: Api) -> None:
    response = await guarded.client.post("/graphql", content=b"query=x")
    assert response.status_code == 400
    _only_error(response.json())


async def test_unknown_field_is_400(guarded: Api) -> None:
    status, body = await guarded.post("{ actors { edges { node { id password } } } }")
    assert status == 400
    assert "Cannot query field 'password' on type 'Actor'" in _only_error(body)["message"]


async def test_syntax_error_is_400(guarded: Api) -> None:
    status, body = await guarded.post("{ actors { edges ")
    assert status == 400
    assert "Syntax Error" in _only_error(body)["message"]


async def test_200_deep_query_is_400(guarded: Api) -> None:
    inner = "id"
    for _ in range(200):
        inner = f"backers {{ {inner} }}"
    status, body = await guarded.post(f'{{ actor(id: "{SYRIA}") {{ {inner} }} }}')
    assert status == 400
    # the parser refuses it before the depth rule gets to count
    assert "nested too deeply" in _only_error(body)["message"]


# a chain of 11 nested lists is refused by the cost limit too (see test_api_cost.py): lift it
# here, so that the depth limit alone decides
@pytest.mark.parametrize("settings", [{"max_query_cost": 10**15}], indirect=True)
async def test_query_one_level_too_deep_is_400(guarded: Api, settings: Settings) -> None:
    def nested(levels: int) -> str:
        inner = "id"
        for _ in range(levels):
            inner = f"backers {{ {inner} }}"
        return f'{{ actor(id: "{SYRIA}") {{ {inner} }} }}'

    # the root field is level 0, so actor { backers^n { id } } is n + 1 levels deep
    allowed = settings.max_query_depth - 1
    status, body = await guarded.post(nested(allowed))
    assert status == 200 and "errors" not in body
    status, body = await guarded.post(nested(allowed + 1))
    assert status == 400
    assert "exceeds maximum operation depth of 12" in _only_error(body)["message"]


async def test_depth_limit_counts_fragments_too(guarded: Api) -> None:
    fragments = "".join(
        f"fragment F{i} on Actor {{ backers {{ ...F{i + 1} }} }}\n" for i in range(20)
    )
    query = f'{{ actor(id: "{SYRIA}") {{ ...F0 }} }}\n{fragments}fragment F20 on Actor {{ id }}'
    status, body = await guarded.post(query)
    assert status == 400
    assert "depth" in _only_error(body)["message"]


async def test_too_many_aliases_is_400(guarded: Api) -> None:
    query = "{ " + " ".join(f"a{i}: stats {{ actors }}" for i in range(100)) + " }"
    status, body = await guarded.post(query)
    assert status == 400
    assert "aliases" in _only_error(body)["message"]


async def test_too_many_tokens_is_400(guarded: Api) -> None:
    query = "{ stats { " + " ".join(["actors"] * 6000) + " } }"
    status, body = await guarded.post(query)
    assert status == 400
    assert "tokens" in _only_error(body)["message"]


@pytest.mark.parametrize("field", ["actors", "relations", "articles", "graph"])
async def test_first_a_million_is_a_clear_error(guarded: Api, field: str) -> None:
    selection = "{ nodes { id } }" if field == "graph" else "{ totalCount }"
    status, body = await guarded.post(f"{{ {field}(first: 1000000) {selection} }}")
    assert status == 200  # valid GraphQL; the error belongs to the field
    error = _only_error(body)
    assert error["path"] == [field]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "maximum page size of 500" in error["message"]


async def test_negative_first_is_a_clear_error(guarded: Api) -> None:
    status, body = await guarded.post("{ actors(first: -1) { totalCount } }")
    assert status == 200 and "must not be negative" in _only_error(body)["message"]


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        (
            f'{{ supporters(of: "{SYRIA}", depth: 50) {{ length }} }}',
            "'depth' must be between 1 and 6",
        ),
        (f'{{ supporters(of: "{SYRIA}", depth: 0) {{ length }} }}', "'depth' must be between"),
        (f'{{ whoSupportsWhom(actor: "{SYRIA}", depth: 7) {{ length }} }}', "'depth'"),
        (
            f'{{ paths(from: "{SYRIA}", to: "{RUSSIA}", maxLength: 100) {{ length }} }}',
            "'maxLength' must be between 1 and 6",
        ),
        (
            f'{{ neighbourhood(id: "{SYRIA}", depth: 4) {{ nodes {{ id }} }} }}',
            "'depth' must be between 0 and 3",
        ),
        ("{ graph(minConfidence: 1.5) { nodes { id } } }", "'minConfidence'"),
        ('{ relations(since: "2024-05-01", until: "2024-01-01") { totalCount } }', "'since'"),
        ('{ actors(search: "%s") { totalCount } }' % ("a" * 201), "'search' is longer"),
    ],
)
async def test_caps_on_walks_and_filters(guarded: Api, query: str, needle: str) -> None:
    status, body = await guarded.post(query)
    assert status == 200
    error = _only_error(body)
    assert needle in error["message"] and error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query($n: Int!) { actors(first: $n) { totalCount } }", {"n": "ten"}),
        ("query($n: Int!) { actors(first: $n) { totalCount } }", {"n": 2**40}),
        ("query($n: Int!) { actors(first: $n) { totalCount } }", {"n": 1.5}),
        ("query($n: Int!) { actors(first: $n) { totalCount } }", {}),
        ("query($k: ActorKind) { actors(kind: $k) { totalCount } }", {"k": "WIZARD"}),
        ("query($d: Date) { relations(since: $d) { totalCount } }", {"d": "last tuesday"}),
        ("query($c: Float) { graph(minConfidence: $c) { nodes { id } } }", {"c": "high"}),
        ("query($k: [RelationKind!]) { graph(kinds: $k) { nodes { id } } }", {"k": [None]}),
        ("query($s: String) { actors(search: $s) { totalCount } }", {"s": {"$ne": 1}}),
    ],
)
async def test_wrong_typed_variables_are_400(
    guarded: Api, query: str, variables: dict[str, Any]
) -> None:
    status, body = await guarded.post(query, variables)
    assert status == 400
    assert "Variable '$" in _only_error(body)["message"]


async def test_wrong_typed_literal_is_400(guarded: Api) -> None:
    status, body = await guarded.post('{ actors(first: "ten") { totalCount } }')
    assert status == 400
    assert "Int cannot represent" in _only_error(body)["message"]


async def test_twenty_megabyte_text_is_text_too_large(guarded: Api, settings: Settings) -> None:
    text = "war " * (5 * 1024 * 1024)  # 20 MiB
    status, body = await guarded.post(
        "mutation($t: String!) { ingestArticle(text: $t) { __typename "
        "... on TextTooLarge { message limit size } } }",
        {"t": text},
    )
    assert status == 200
    result = body["data"]["ingestArticle"]
    assert result["__typename"] == "TextTooLarge"
    assert (result["limit"], result["size"]) == (settings.max_text_chars, len(text))
    assert await guarded.store.count_articles() == 3


async def test_mutation_over_get_is_405(guarded: Api) -> None:
    query = 'mutation { deleteArticle(id: "a1") { __typename } }'
    response = await guarded.client.get("/graphql", params={"query": query})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "mutations are not allowed" in _only_error(response.json())["message"]


async def test_other_methods_are_405(guarded: Api) -> None:
    response = await guarded.client.put("/graphql", json={"query": SANE})
    assert response.status_code == 405


async def test_body_over_the_limit_is_413(guarded: Api) -> None:
    payload = json.dumps({"query": SANE, "variables": {"x": "z" * (26 * 1024 * 1024)}})
    response = await guarded.client.post(
        "/graphql", content=payload, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    error = _only_error(response.json())
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE" and "25 MB" in error["message"]


async def test_streamed_body_over_the_limit_is_413(guarded: Api) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ stats { actors } }", "variables": {"x": "'
        for _ in range(27):
            yield b"z" * (1024 * 1024)
        yield b'"}}'

    response = await guarded.client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert _only_error(response.json())["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_batches_are_refused(guarded: Api) -> None:
    response = await guarded.client.post("/graphql", json=[{"query": SANE}, {"query": SANE}])
    assert response.status_code == 400
    _only_error(response.json())
