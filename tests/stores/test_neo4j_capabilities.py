"""What the Neo4j store does with what the server says at ``open()``: the statements it picks.

The probes' answers are given by a recording driver, so each case runs without a server; the
contract suite covers both choices end to end (the emulated server answers as Neo4j does, the
live ArcadeDB server otherwise).
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import ClientError

from graph.errors import BadInputError
from graph.stores.neo4j.capabilities import LARGEST_LIMIT, PORTABLE, Capabilities
from graph.stores.neo4j.store import Neo4jStore

from .corpus import IRAN, RSF
from .recording_driver import RecordingDriver

pytestmark = pytest.mark.anyio

NEO4J_ANSWERS = {"PROBE_SHORTEST_PATH": [{"hops": 2}], "PROBE_LONG_SKIP": []}
CUT_ANSWERS = {"PROBE_SHORTEST_PATH": [], "PROBE_LONG_SKIP": [{"x": 2}]}


def _answering(answers: dict[str, list[dict[str, Any]]]) -> RecordingDriver:
    return RecordingDriver(answer=lambda name, params: answers.get(name))


def _refusing_writes() -> RecordingDriver:
    def answer(name: str, params: dict[str, Any]) -> list[dict[str, Any]] | None:
        if name == "PROBE_SHORTEST_PATH":
            raise ClientError("the user may only read")
        return NEO4J_ANSWERS.get(name)

    return RecordingDriver(answer=answer)


async def _opened(driver: RecordingDriver) -> Neo4jStore:
    store = Neo4jStore("neo4j://localhost:7687", "neo4j", "pw", driver=cast(AsyncDriver, driver))
    await store.open()
    return store


@pytest.mark.parametrize(
    ("driver", "expected"),
    [
        (_answering(NEO4J_ANSWERS), Capabilities(filtered_shortest_path=True, long_skip=True)),
        (_answering(CUT_ANSWERS), PORTABLE),
        (_refusing_writes(), Capabilities(filtered_shortest_path=False, long_skip=True)),
    ],
    ids=["neo4j", "cuts-and-filters-after", "read-only-user"],
)
async def test_open_learns_what_the_server_does(
    driver: RecordingDriver, expected: Capabilities
) -> None:
    store = await _opened(driver)
    assert store.capabilities == expected


async def test_shortest_paths_use_allshortestpaths_only_where_the_search_keeps_to_where() -> None:
    neo4j_like = _answering(NEO4J_ANSWERS)
    await (await _opened(neo4j_like)).paths(RSF.id, IRAN.id, shortest=True, max_length=3)
    [one] = [s.text for s in neo4j_like.statements if s.name == "paths"]
    assert "allShortestPaths" in one

    other = _answering(CUT_ANSWERS)
    await (await _opened(other)).paths(RSF.id, IRAN.id, shortest=True, max_length=3)
    walks = [s.text for s in other.statements if s.name == "paths"]
    assert [w.count("*1..") for w in walks] == [1, 1, 1]  # one length after another, none found
    assert [w.split("*1..")[1][0] for w in walks] == ["1", "2", "3"]
    assert not any("allShortestPaths" in w for w in walks)


async def test_a_limit_is_capped_and_a_long_offset_refused_where_skip_is_cut() -> None:
    other = _answering(CUT_ANSWERS)
    store = await _opened(other)
    await store.search_actors("a", limit=2**40)
    [search] = [s for s in other.statements if s.name == "search_actors"]
    assert search.params["limit"] == LARGEST_LIMIT
    with pytest.raises(BadInputError, match="cannot skip"):
        await store.search_actors("a", offset=2**31)
    await store.search_actors("a", offset=2**31 - 1)  # the largest offset every server takes


async def test_a_long_offset_goes_through_where_skip_takes_it() -> None:
    neo4j_like = _answering(NEO4J_ANSWERS)
    await (await _opened(neo4j_like)).search_actors("a", offset=2**40)
    [search] = [s for s in neo4j_like.statements if s.name == "search_actors"]
    assert search.params["offset"] == 2**40
