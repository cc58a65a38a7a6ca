"""Relay pagination: pages partition the list, cursors are opaque, bad cursors are errors."""

from __future__ import annotations

from typing import Any

import pytest
from api_harness import Api, chain_world
from hypothesis import given
from hypothesis import strategies as st

from api.cursors import decode_cursor, encode_cursor
from api.errors import BadUserInput

pytestmark = pytest.mark.anyio

PAGE = """query($first: Int!, $after: String) {
  actors(first: $first, after: $after) {
    totalCount edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }"""


async def _walk(api: Api, first: int) -> list[dict[str, Any]]:
    pages, after = [], None
    while True:
        page = (await api.data(PAGE, {"first": first, "after": after}))["actors"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("first", [1, 7, 25, 30])
async def test_pages_cover_every_actor_once(api: Api, first: int) -> None:
    await api.store.ingest_many(chain_world(25))
    pages = await _walk(api, first)
    ids = [e["node"]["id"] for p in pages for e in p["edges"]]
    assert len(ids) == len(set(ids)) == 25
    assert all(p["totalCount"] == 25 for p in pages)
    assert len(pages) == max(1, -(-25 // first))
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False] + [True] * (len(pages) - 1)
    for page in pages:
        info, edges = page["pageInfo"], page["edges"]
        assert (
            info["startCursor"] == edges[0]["cursor"] and info["endCursor"] == edges[-1]["cursor"]
        )


async def test_relations_and_articles_paginate_too(api: Api) -> None:
    await api.store.ingest_many(chain_world(12))
    query = """query($after: String) {
      relations(first: 5, after: $after) {
        edges { node { id } } pageInfo { hasNextPage endCursor } }
      articles(first: 5, after: $after) {
        edges { node { id } } pageInfo { hasNextPage endCursor } }
    }"""
    seen: dict[str, list[str]] = {"relations": [], "articles": []}
    for field in seen:
        after = None
        while True:
            page = (await api.data(query, {"after": after}))[field]
            seen[field] += [e["node"]["id"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    assert len(set(seen["relations"])) == len(seen["relations"]) == 11
    assert len(set(seen["articles"])) == len(seen["articles"]) == 11


async def test_first_zero_returns_no_edges_but_counts(api: Api) -> None:
    await api.store.ingest_many(chain_world(3))
    page = (await api.data(PAGE, {"first": 0}))["actors"]
    assert page["edges"] == [] and page["totalCount"] == 3
    assert page["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize("cursor", ["nonsense", "b2Zmc2V0Oi0x", "", "x'}) MATCH (n) RETURN n //"])
async def test_malformed_cursor_is_a_clear_error(api: Api, cursor: str) -> None:
    status, body = await api.post(PAGE, {"first": 5, "after": cursor})
    assert status == 200  # the request was valid GraphQL; the error belongs to one field
    [error] = body["errors"]
    assert error["path"] == ["actors"]
    assert error["message"].startswith("Malformed cursor")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@given(st.integers(min_value=0, max_value=10**11))
def test_cursor_round_trip(offset: int) -> None:
    cursor = encode_cursor(offset)
    assert decode_cursor(cursor) == offset
    assert not cursor.isdigit()  # opaque: not the bare offset


@given(st.text(max_size=30))
def test_decode_accepts_only_its_own_cursors(text: str) -> None:
    try:
        offset = decode_cursor(text)
    except BadUserInput:
        return
    assert encode_cursor(offset) == text
