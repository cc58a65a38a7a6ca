"""Parsing and validation are cached per query text, so a repeated document costs neither."""

from __future__ import annotations

import pytest
from api_harness import SYRIA, Api
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from api.schema import CACHED_DOCUMENTS

pytestmark = pytest.mark.anyio

QUERY = "query($id: ID!) { actor(id: $id) { id name backers { name } } }"


async def test_a_repeated_document_is_parsed_and_validated_once(seeded: Api) -> None:
    parse, validate = _get_parse_cache(CACHED_DOCUMENTS), _get_validate_cache(CACHED_DOCUMENTS)
    await seeded.data(QUERY, {"id": SYRIA})  # the first time fills the caches
    parsed, validated = parse.cache_info(), validate.cache_info()
    for _ in range(3):
        await seeded.data(QUERY, {"id": SYRIA})
    # three hits each: the validation rules are the same objects every time, or the cache
    # would miss (rules built per request make every key new)
    assert parse.cache_info().hits - parsed.hits == 3
    assert validate.cache_info().hits - validated.hits == 3
    assert validate.cache_info().misses == validated.misses


async def test_a_cached_invalid_document_is_still_refused(seeded: Api) -> None:
    bad = "{ actor(id: 1) { nosuchfield } }"
    for _ in range(2):
        status, body = await seeded.post(bad)
        assert status == 400 and "nosuchfield" in body["errors"][0]["message"]
