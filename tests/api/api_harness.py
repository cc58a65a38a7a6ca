"""Helpers for the API tests: run the app's lifespan, talk to it over HTTP, seed a graph.

httpx's ASGITransport does not run an app's lifespan, so ``serve`` runs it the way uvicorn
does (startup, a copy of the lifespan state in every request's scope, shutdown).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.types import Message, Receive, Scope, Send

from api.extraction import ExtractorLike, load_pipeline_extractor
from graph.model import (
    Actor,
    ActorKind,
    Article,
    Evidence,
    Extraction,
    Location,
    Modality,
    Relation,
    RelationKind,
    actor_id,
)
from graph.stores.base import GraphStore

__all__ = ["Api", "CountingStore", "chain_world", "serve", "shared_extractor", "world"]


@functools.cache
def shared_extractor() -> ExtractorLike:
    """The real extractor, loaded by the first test that ingests and kept for the others."""
    return load_pipeline_extractor()


class _Lifespan:
    """An ASGI wrapper that has run ``app``'s lifespan startup and shares its state."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.state: dict[str, Any] = {}
        self._inbox: asyncio.Queue[Message] = asyncio.Queue()
        self._outbox: asyncio.Queue[Message] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}
        self._task = asyncio.create_task(self.app(scope, self._inbox.get, self._outbox.put))
        await self._inbox.put({"type": "lifespan.startup"})
        reply = await self._outbox.get()
        if reply["type"] != "lifespan.startup.complete":
            raise RuntimeError(f"startup failed: {reply}")

    async def stop(self) -> None:
        await self._inbox.put({"type": "lifespan.shutdown"})
        reply = await self._outbox.get()
        assert self._task is not None
        await self._task
        if reply["type"] != "lifespan.shutdown.complete":
            raise RuntimeError(f"shutdown failed: {reply}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app({**scope, "state": dict(self.state)}, receive, send)


@dataclass
class Api:
    client: httpx.AsyncClient
    state: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def store(self) -> GraphStore:
        store: GraphStore = self.state["store"]
        return store

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """POST one operation; the HTTP status and the decoded JSON body."""
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        response = await self.client.post("/graphql", json=body, headers=headers or self.headers)
        return response.status_code, response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST one operation that must succeed; its ``data``."""
        status, body = await self.post(query, variables)
        assert status == 200 and "errors" not in body, body
        result: dict[str, Any] = body["data"]
        return result


@asynccontextmanager
async def serve(app: Starlette) -> AsyncIterator[Api]:
    """Start ``app`` (lifespan included) and yield a client bound to it."""
    running = _Lifespan(app)
    await running.start()
    try:
        transport = httpx.ASGITransport(app=running)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client=client, state=running.state)
    finally:
        await running.stop()


class CountingStore:
    """Wraps a real store and counts calls per method (for the DataLoader test)."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._inner, name)
        if not callable(target):
            return target

        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return await target(*args, **kwargs)

        return counted


# ---- hand-built extractions ------------------------------------------------------------

RUSSIA = actor_id(ActorKind.STATE, "Russia")
SYRIA = actor_id(ActorKind.STATE, "Syria")
IRAN = actor_id(ActorKind.STATE, "Iran")
BELARUS = actor_id(ActorKind.STATE, "Belarus")
HTS = actor_id(ActorKind.FACTION, "Hayat Tahrir al-Sham")
IDLIB = actor_id(ActorKind.CITY, "Idlib")
ASSAD = actor_id(ActorKind.PERSON, "Bashar al-Assad")

_ACTORS = {
    RUSSIA: Actor(RUSSIA, "Russia", ActorKind.STATE, ("Russian Federation",)),
    SYRIA: Actor(SYRIA, "Syria", ActorKind.STATE, ("Syrian government",)),
    IRAN: Actor(IRAN, "Iran", ActorKind.STATE),
    BELARUS: Actor(BELARUS, "Belarus", ActorKind.STATE),
    HTS: Actor(HTS, "Hayat Tahrir al-Sham", ActorKind.FACTION, ("HTS",)),
    IDLIB: Actor(IDLIB, "Idlib", ActorKind.CITY, (), Location(169389, 35.93, 36.63, "SY")),
    ASSAD: Actor(ASSAD, "Bashar al-Assad", ActorKind.PERSON, ("Assad",)),
}

#: (article id, published, [(source, kind, target, modality, confidence, sentence, trigger)])
_ARTICLES: list[
    tuple[str, date, list[tuple[str, RelationKind, str, Modality, float, str, str]]]
] = [
    (
        "a1",
        date(2024, 1, 10),
        [
            (
                RUSSIA,
                RelationKind.BACKS,
                SYRIA,
                Modality.ASSERTED,
                0.9,
                "Russia backs the Syrian government.",
                "backs",
            ),
            (
                RUSSIA,
                RelationKind.STRIKES,
                IDLIB,
                Modality.REPORTED,
                0.7,
                "Russian jets reportedly struck Idlib.",
                "struck",
            ),
        ],
    ),
    (
        "a2",
        date(2024, 2, 1),
        [
            (
                IRAN,
                RelationKind.BACKS,
                SYRIA,
                Modality.REPORTED,
                0.8,
                "Iran supports Syria, officials said.",
                "supports",
            ),
            (
                HTS,
                RelationKind.FIGHTS,
                SYRIA,
                Modality.ASSERTED,
                0.85,
                "HTS fought Syrian troops.",
                "fought",
            ),
            (
                ASSAD,
                RelationKind.LEADS,
                SYRIA,
                Modality.ASSERTED,
                0.95,
                "Bashar al-Assad leads Syria.",
                "leads",
            ),
        ],
    ),
    (
        "a3",
        date(2024, 3, 5),
        [
            (
                BELARUS,
                RelationKind.BACKS,
                RUSSIA,
                Modality.REPORTED,
                0.7,
                "Belarus backs Russia, reports say.",
                "backs",
            ),
            (
                IRAN,
                RelationKind.BACKS,
                HTS,
                Modality.DENIED,
                0.6,
                "Iran denied backing HTS.",
                "backing",
            ),
            (
                HTS,
                RelationKind.CAPTURES,
                IDLIB,
                Modality.CLAIMED,
                0.6,
                "HTS claimed it captured Idlib.",
                "captured",
            ),
        ],
    ),
]


def _extraction(
    article_id: str,
    published: date,
    rows: Sequence[tuple[str, RelationKind, str, Modality, float, str, str]],
) -> Extraction:
    text = " ".join(row[5] for row in rows)
    relations = []
    for source, kind, target, modality, confidence, sentence, trigger in rows:
        start = text.index(sentence)
        evidence = Evidence(
            article_id, sentence, start, start + len(sentence), trigger, published=published
        )
        relations.append(
            Relation(
                source,
                target,
                kind,
                modality,
                confidence,
                (evidence,),
                first_reported=published,
                last_reported=published,
            )
        )
    ids = sorted({r.source for r in relations} | {r.target for r in relations})
    article = Article(
        article_id,
        text,
        title=f"Report {article_id}",
        url=f"https://example.org/{article_id}",
        published=published,
    )
    return Extraction(article, tuple(_ACTORS[i] for i in ids), tuple(relations))


def world() -> list[Extraction]:
    """Three articles about seven actors and eight relations (one denied)."""
    return [_extraction(a, d, rows) for a, d, rows in _ARTICLES]


def chain_world(n: int) -> list[Extraction]:
    """``n`` factions, each backing the next: an article per relation, ``n - 1`` in all."""
    names = [f"Brigade {i:03d}" for i in range(n)]
    ids = [actor_id(ActorKind.FACTION, name) for name in names]
    out = []
    for i in range(n - 1):
        sentence = f"{names[i]} backs {names[i + 1]}."
        published = date(2024, 1, 1)
        evidence = Evidence(f"c{i}", sentence, 0, len(sentence), "backs", published=published)
        relation = Relation(
            ids[i],
            ids[i + 1],
            RelationKind.BACKS,
            Modality.ASSERTED,
            0.9,
            (evidence,),
            first_reported=published,
            last_reported=published,
        )
        actors = (
            Actor(ids[i], names[i], ActorKind.FACTION),
            Actor(ids[i + 1], names[i + 1], ActorKind.FACTION),
        )
        out.append(Extraction(Article(f"c{i}", sentence, published=published), actors, (relation,)))
    return out
