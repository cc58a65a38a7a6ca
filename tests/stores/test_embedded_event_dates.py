"""A store file written before evidence had event dates opens, gains the columns, and keeps
its facts: old evidence reads back undated, new evidence dated."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from graph.model import DatePrecision, EventDate
from graph.stores.base import RelationFilter
from graph.stores.sqlite.store import EmbeddedStore

from .corpus import SUDAN_1, SUDAN_2

pytestmark = pytest.mark.anyio

COLUMNS = ("event_start", "event_end", "event_precision", "event_text")
WHEN = EventDate(date(2024, 3, 1), date(2024, 3, 31), DatePrecision.MONTH, "in March")


def _dated(extraction):  # every piece of evidence of this extraction said "in March"
    relations = tuple(
        dataclasses.replace(
            r, evidence=tuple(dataclasses.replace(e, event_date=WHEN) for e in r.evidence)
        )
        for r in extraction.relations
    )
    return dataclasses.replace(extraction, relations=relations)


async def test_a_file_without_event_columns_gains_them(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite3"
    store = EmbeddedStore(path)
    await store.open()
    await store.ingest(SUDAN_1)
    await store.close()
    with sqlite3.connect(path) as conn:  # as a file written by an earlier version
        for column in COLUMNS:
            conn.execute(f"ALTER TABLE evidence DROP COLUMN {column}")
    conn.close()

    reopened = EmbeddedStore(path)
    await reopened.open()
    try:
        old = await reopened.get_relations(RelationFilter(), limit=1000)
        assert old and all(e.event_date is None for r in old for e in r.evidence)
        await reopened.ingest(_dated(SUDAN_2))
        new_ids = {r.id for r in SUDAN_2.relations}
        new = [r for r in await reopened.get_relations(RelationFilter(), limit=1000)
               if r.id in new_ids]  # fmt: skip
        dated = [e for r in new for e in r.evidence if e.article_id == SUDAN_2.article.id]
        assert dated and all(e.event_date == WHEN for e in dated)
    finally:
        await reopened.close()
    with sqlite3.connect(path) as conn:
        present = {row[1] for row in conn.execute("PRAGMA table_info(evidence)")}
    conn.close()
    assert set(COLUMNS) <= present
