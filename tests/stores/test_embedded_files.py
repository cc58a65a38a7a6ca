"""The embedded store's files: what it does with a file or folder it cannot write, a path that
holds no store, and the write-ahead log of a long ingest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from graph.errors import StoreReadOnlyError, StoreUnavailableError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    Evidence,
    Extraction,
    Modality,
    Relation,
    RelationKind,
    actor_id,
)
from graph.stores.sqlite.schema import WAL_PAGES
from graph.stores.sqlite.store import EmbeddedStore

pytestmark = pytest.mark.anyio

MakeReadOnly = Callable[..., None]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _article(number: int, relations: int = 2, sentence_chars: int = 80) -> Extraction:
    """An article whose actors each strike the next, in long enough sentences."""
    actors = [
        Actor(actor_id(ActorKind.FACTION, f"Brigade {number}-{i}"), f"Brigade {number}-{i}",
              ActorKind.FACTION)
        for i in range(relations + 1)
    ]  # fmt: skip
    sentences = [
        f"Brigade {number}-{i} struck Brigade {number}-{i + 1} " + "again " * (sentence_chars // 6)
        for i in range(relations)
    ]
    text = ". ".join(sentences) + "."
    article = Article(f"art-{number}", text, published=date(2024, 1, 1))
    rels, start = [], 0
    for i, sentence in enumerate(sentences):
        evidence = Evidence(article.id, sentence, start, start + len(sentence), "struck",
                            published=date(2024, 1, 1))  # fmt: skip
        start += len(sentence) + 2
        rels.append(Relation(actors[i].id, actors[i + 1].id, RelationKind.STRIKES,
                             Modality.ASSERTED, 0.8, (evidence,)))  # fmt: skip
    return Extraction(article, tuple(actors), tuple(rels))


async def _make_store(path: Path, articles: int = 3) -> None:
    store = EmbeddedStore(path)
    await store.open()
    for number in range(articles):
        await store.ingest(_article(number))
    await store.close()


async def test_a_file_it_cannot_write_opens_read_only(
    tmp_path: Path, make_read_only: MakeReadOnly
) -> None:
    path = tmp_path / "graph.sqlite3"
    await _make_store(path)
    make_read_only(path)
    store = EmbeddedStore(path)
    await store.open()
    try:
        assert store.read_only
        assert (await store.stats()).articles == 3
        with pytest.raises(StoreReadOnlyError, match="read-only"):
            await store.ingest(_article(9))
        with pytest.raises(StoreReadOnlyError):
            await store.delete_article("art-0")
        assert (await store.stats()).articles == 3
    finally:
        await store.close()


@pytest.mark.parametrize("asked_read_only", [True, False])
async def test_a_store_in_a_read_only_folder_can_be_read(
    tmp_path: Path, make_read_only: MakeReadOnly, asked_read_only: bool
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "graph.sqlite3"
    await _make_store(path)
    assert sorted(p.name for p in folder.iterdir()) == ["graph.sqlite3"]  # closed cleanly
    make_read_only(path, folder)
    store = EmbeddedStore(path, read_only=asked_read_only)
    await store.open()
    try:
        assert store.read_only
        stats = await store.stats()
        assert (stats.articles, stats.relations) == (3, 6)
        snapshot = await store.snapshot()
        assert len(snapshot.relations) == 6
        assert await store.get_actor(actor_id(ActorKind.FACTION, "Brigade 1-0")) is not None
    finally:
        await store.close()


async def test_opening_to_read_never_creates_a_store(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "nested" / "graph.sqlite3"
    store = EmbeddedStore(path, read_only=True)
    with pytest.raises(StoreUnavailableError, match="there is no graph store"):
        await store.open()
    assert not (tmp_path / "typo").exists()


async def test_opening_to_read_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    await _make_store(path)
    before = path.read_bytes()
    store = EmbeddedStore(path, read_only=True)
    await store.open()
    try:
        with pytest.raises(StoreReadOnlyError):
            await store.ingest(_article(9))
        assert (await store.stats()).articles == 3
    finally:
        await store.close()
    assert path.read_bytes() == before


async def test_a_long_ingest_keeps_the_write_ahead_log_bounded(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    log = tmp_path / "graph.sqlite3-wal"
    store = EmbeddedStore(path)
    await store.open()
    page = 4096
    bound = (WAL_PAGES + 1024) * (page + 24)  # the checkpoint threshold and one article's pages
    largest = 0
    try:
        number = 0
        written = 0
        while written < 3 * bound:  # well past the point where the log must be checkpointed
            await store.ingest(_article(number, relations=40, sentence_chars=2_000))
            number += 1
            size = log.stat().st_size
            largest = max(largest, size)
            written += 40 * 2_000 * 3  # evidence text, its row and its index entries, roughly
    finally:
        await store.close()
    assert largest <= bound, f"the log grew to {largest:,} bytes"
