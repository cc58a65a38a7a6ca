"""The store contract, moments: when an article was ingested and a curation made come back
as the same instant, in UTC, from every store (a server may keep no time zone)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from graph.stores.base import GraphStore

from .corpus import ALL, JNIM, WAGNER

pytestmark = pytest.mark.anyio


async def test_ingest_time_comes_back_in_utc(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    articles = await store.get_articles(limit=len(ALL))
    assert articles
    assert all(a.ingested_at.utcoffset() == timedelta(0) for a in articles)
    one = await store.get_article(articles[0].id)
    assert one is not None and one.ingested_at == articles[0].ingested_at


async def test_a_curation_reads_back_the_moment_it_was_made(store: GraphStore) -> None:
    await store.ingest_many(ALL)
    record = await store.merge_actors(WAGNER.id, JNIM.id)
    [listed] = await store.curations()
    assert record.created_at is not None and record.created_at.utcoffset() == timedelta(0)
    assert listed.created_at == record.created_at
