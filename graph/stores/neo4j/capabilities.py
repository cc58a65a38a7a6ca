"""What the server behind the Bolt connection does, asked once when the store opens.

Servers that speak Bolt and Cypher differ where Cypher's meaning is subtle. The store asks
about each difference that changes an answer, by running a small statement whose result
tells, and picks the statements that mean what Neo4j means on that server. What it has not
asked yet, or could not ask, gets the choice that is right on every server.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from graph.stores.neo4j import cypher
from graph.stores.neo4j.rows import Row, Tx

__all__ = [
    "LARGEST_LIMIT",
    "LARGEST_SKIP",
    "PORTABLE",
    "Capabilities",
    "RolledBack",
    "probe_shortest_path",
    "shortest_path_answer",
    "takes_long_skip",
]


#: The largest ``SKIP`` every server takes as given: 32 bits, signed.
LARGEST_SKIP = 2**31 - 1
#: The largest ``LIMIT`` the store sends: far more rows than any page can hold, and below
#: where a server that sorts into a buffer of ``LIMIT + 1`` rows would overflow.
LARGEST_LIMIT = 2**30


@dataclass(frozen=True, slots=True)
class Capabilities:
    """``filtered_shortest_path``: ``shortestPath`` honours its ``WHERE`` during the search,
    so it finds the shortest path that passes, not the shortest path if that one passes.
    ``long_skip``: ``SKIP`` takes values past :data:`LARGEST_SKIP` instead of cutting them."""

    filtered_shortest_path: bool
    long_skip: bool


#: Right on every server: shortest paths found by walking ever longer simple paths, and an
#: offset past 32 bits refused rather than cut.
PORTABLE = Capabilities(filtered_shortest_path=False, long_skip=False)


class RolledBack(Exception):  # not an error: how a probe gets its rows out
    """Raised inside a write transaction so that it is rolled back; carries the rows."""

    def __init__(self, rows: list[Row]) -> None:
        super().__init__("probe done")
        self.rows = rows


async def probe_shortest_path(tx: Tx) -> None:
    """Run :data:`~graph.stores.neo4j.cypher.PROBE_SHORTEST_PATH` and roll it back."""
    names = [f"probe:{uuid.uuid4().hex}:{i}" for i in range(3)]
    raise RolledBack(await tx.run(cypher.PROBE_SHORTEST_PATH, names=names))


def shortest_path_answer(rows: list[Row]) -> bool:
    """Neo4j answers one path of 2 steps; a server that filters afterwards, nothing."""
    return rows == [{"hops": 2}]


async def takes_long_skip(tx: Tx) -> bool:
    """Past 32 bits, Neo4j skips both rows; a server that cuts the number keeps one."""
    return await tx.run(cypher.PROBE_LONG_SKIP, skip=2**32 + 1) == []
