"""Injection strings in every String and ID argument of the schema are treated as data.

The arguments are found from the schema itself, so a new string argument is covered the
day it is added. For each one the payload either matches nothing (a lookup or a search),
is refused with a clear error or typed failure (cursors, ids, names, URLs), or is stored
literally (an article's title); the server keeps serving and the graph is unchanged.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from api_harness import RUSSIA, SYRIA, Api
from graphql import GraphQLField, GraphQLNamedType, Undefined, get_named_type

from api.schema import build_schema

pytestmark = pytest.mark.anyio

PAYLOADS = ["x'}) MATCH (n) DETACH DELETE n //", "'; DROP TABLE actors; --", "<script>"]

SCHEMA = build_schema()._schema
#: The smallest selection that shows what a field returned, by return type.
SELECTIONS = {
    "Actor": "{ id name }",
    "ActorConnection": "{ totalCount edges { node { id } } }",
    "RelationConnection": "{ totalCount edges { node { id } } }",
    "ArticleConnection": "{ totalCount edges { node { id } } }",
    "Path": "{ length }",
    "Subgraph": "{ nodes { id } edges { id } }",
    "Control": "{ holder { id } place { id } }",
}
UNION_SELECTION = "{ __typename ... on UserError { message } }"
#: Values for the other required arguments: real ids, so only the payload can be wrong.
FILLERS: dict[str, Any] = {
    "id": SYRIA,
    "of": SYRIA,
    "actor": SYRIA,
    "from": SYRIA,
    "keep": SYRIA,
    "to": RUSSIA,
    "drop": RUSSIA,
    "names": ["Damascus government"],
    "alias": "Assad regime",
    "text": "Nothing of note happened today.",
}
#: Arguments whose payload needs the extractor to run (text and title are free text).
NEEDS_EXTRACTOR = {("ingestArticle", "text"), ("ingestArticle", "title")}


def _string_arguments() -> list[tuple[str, str, str]]:
    found = []
    for root, kind in ((SCHEMA.query_type, "query"), (SCHEMA.mutation_type, "mutation")):
        assert root is not None
        for name, fld in root.fields.items():
            for arg, definition in fld.args.items():
                if get_named_type(definition.type).name in {"String", "ID"}:
                    found.append((kind, name, arg))
    return found


CASES = _string_arguments()


def test_the_schema_has_the_expected_string_arguments() -> None:
    assert len(CASES) >= 20  # guards the discovery itself
    assert ("query", "actors", "search") in CASES and ("mutation", "addAlias", "alias") in CASES


def _type_text(fld: GraphQLField, arg: str) -> str:
    return str(fld.args[arg].type)


def _operation(kind: str, name: str, arg: str, payload: str) -> tuple[str, dict[str, Any]]:
    root = SCHEMA.query_type if kind == "query" else SCHEMA.mutation_type
    assert root is not None
    fld = root.fields[name]
    variables: dict[str, Any] = {}
    for other, definition in fld.args.items():
        if other == arg:
            is_list = "[" in str(definition.type)
            variables[other] = [payload] if is_list else payload
        elif str(definition.type).endswith("!") and definition.default_value is Undefined:
            variables[other] = FILLERS[other]
    decl = ", ".join(f"${v}: {_type_text(fld, v)}" for v in variables)
    call = ", ".join(f"{v}: ${v}" for v in variables)
    returned: GraphQLNamedType = get_named_type(fld.type)
    selection = SELECTIONS.get(returned.name, UNION_SELECTION)
    return f"{kind}({decl}) {{ result: {name}({call}) {selection} }}", variables


def _is_empty(value: Any) -> bool:
    if value is None or value == []:
        return True
    if isinstance(value, dict) and "nodes" in value:
        return value["nodes"] == [] and value["edges"] == []
    if isinstance(value, dict) and "edges" in value:
        return value["edges"] == [] and value["totalCount"] == 0
    return False


@pytest.mark.parametrize("payload", PAYLOADS, ids=["cypher", "sql", "html"])
@pytest.mark.parametrize(("kind", "name", "arg"), CASES, ids=[f"{n}.{a}" for _, n, a in CASES])
async def test_injection_is_data(seeded: Api, kind: str, name: str, arg: str, payload: str) -> None:
    if (name, arg) in NEEDS_EXTRACTOR:
        pytest.importorskip("graph.ingest.pipeline", reason="needs the extractor")
    before = await seeded.store.snapshot()
    query, variables = _operation(kind, name, arg, payload)
    status, body = await seeded.post(query, variables)
    assert status == 200, body
    for error in body.get("errors", []):
        assert error["extensions"]["code"] in {"BAD_USER_INPUT", "NOT_FOUND"}, error
        assert error["message"] != "Unexpected error."
    result = (body.get("data") or {}).get("result")
    if kind == "query":
        assert _is_empty(result), result
    elif (name, arg) == ("ingestArticle", "title"):
        assert result["__typename"] == "IngestSuccess"
        stored = await seeded.data("{ articles(first: 10) { edges { node { title } } } }")
        assert payload in {e["node"]["title"] for e in stored["articles"]["edges"]}
    elif (name, arg) != ("ingestArticle", "text"):
        assert result["__typename"] not in {"IngestSuccess", "CurationSuccess", "DeleteSuccess"}
        assert result["message"]
    assert await seeded.store.snapshot() == before
    assert (await seeded.post("{ stats { actors } }")) == (200, {"data": {"stats": {"actors": 7}}})


@pytest.mark.parametrize("payload", PAYLOADS)
async def test_injection_inline_in_the_document(seeded: Api, payload: str) -> None:
    before = await seeded.store.snapshot()
    literal = json.dumps(payload)  # a JSON string is a valid GraphQL string literal
    data = await seeded.data(f"{{ actors(search: {literal}) {{ totalCount }} }}")
    assert data == {"actors": {"totalCount": 0}}
    assert await seeded.store.snapshot() == before
