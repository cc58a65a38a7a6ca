"""A stand-in for the Neo4j driver that records every statement the store sends.

No Neo4j server runs where these tests run, so this driver answers each statement with rows of
the right shape (from :func:`default_answer`, or a test's own), just enough for the store to go
through its whole flow; the statements and parameters it records are what the tests check.
It offers only what the store uses: ``session(database=...)`` with ``execute_read`` and
``execute_write``, ``verify_connectivity`` and ``close``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .cypher_catalog import every_text

__all__ = ["Recorded", "RecordingDriver", "default_answer"]

_NAMES = every_text()


@dataclass(frozen=True)
class Recorded:
    name: str  # the builder or constant that made the text, "?" if it is none of them
    text: str
    params: dict[str, Any]


def _record(actor_id: str) -> dict[str, Any]:
    return {
        "id": actor_id, "name": f"Name of {actor_id}", "name_key": f"name of {actor_id}",
        "kind": "faction", "geonames_id": None, "latitude": None, "longitude": None,
        "country_code": None, "curated_aliases": [],
    }  # fmt: skip


def _actor(actor_id: str) -> dict[str, Any]:
    return {**_record(actor_id), "aliases": [], "mentions": 1}


def default_answer(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows for a statement: counts are zero, actors asked for by id exist, the rest is empty."""
    if name == "PING":
        return [{"ok": 1}]
    if name in ("COUNT_ARTICLES", "count_actors", "count_relations"):
        return [{"n": 0}]
    if name == "COUNTS":
        return [{"articles": 0, "actors": 0, "relations": 0, "evidence": 0}]
    if name == "NEXT_CURATION_SEQ":
        return [{"seq": 1}]
    if name == "ACTOR_RECORDS":
        return [{"record": _record(i)} for i in params["ids"]]
    if name == "ACTORS_EXACT":
        return [{"actor": _actor(i)} for i in params["ids"]]
    return []


@dataclass
class RecordingDriver:
    """Records ``(name, text, params)`` for every statement; ``answer`` overrides replies."""

    answer: Callable[[str, dict[str, Any]], list[dict[str, Any]] | None] = lambda n, p: None
    fail_with: BaseException | None = None  # raised by every transaction, as a server might
    transactions: list[tuple[str, list[Recorded]]] = field(default_factory=list)
    closed: bool = False

    @property
    def statements(self) -> list[Recorded]:
        return [s for _, done in self.transactions for s in done]

    def session(self, **config: Any) -> _Session:
        return _Session(self)

    async def verify_connectivity(self, **config: Any) -> None:
        if self.fail_with is not None:
            raise self.fail_with

    async def close(self) -> None:
        self.closed = True

    def reply(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        name = _NAMES.get(text, "?")
        self.transactions[-1][1].append(Recorded(name, text, params))
        custom = self.answer(name, params)
        return default_answer(name, params) if custom is None else custom

    def names(self) -> list[str]:
        return [s.name for s in self.statements]


class _Record:
    def __init__(self, row: dict[str, Any]) -> None:
        self._row = row

    def data(self) -> dict[str, Any]:
        return dict(self._row)


class _Result:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows

    async def __aiter__(self) -> AsyncIterator[_Record]:
        for row in self._rows:
            yield _Record(row)


class _Tx:
    def __init__(self, driver: RecordingDriver) -> None:
        self._driver = driver

    async def run(self, text: str, parameters: dict[str, Any] | None = None) -> _Result:
        return _Result(self._driver.reply(text, dict(parameters or {})))


class _Session:
    def __init__(self, driver: RecordingDriver) -> None:
        self._driver = driver

    async def __aenter__(self) -> _Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def _execute(self, mode: str, work: Callable[[_Tx], Awaitable[Any]]) -> Any:
        if self._driver.fail_with is not None:
            raise self._driver.fail_with
        self._driver.transactions.append((mode, []))
        return await work(_Tx(self._driver))

    async def execute_read(self, work: Callable[[_Tx], Awaitable[Any]]) -> Any:
        return await self._execute("read", work)

    async def execute_write(self, work: Callable[[_Tx], Awaitable[Any]]) -> Any:
        return await self._execute("write", work)
