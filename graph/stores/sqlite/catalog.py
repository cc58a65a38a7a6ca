"""Whole-store reads of the embedded store: articles, counts, the curation log, the snapshot."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from graph.model import Actor, Evidence, Modality, Relation, RelationKind
from graph.stores.base import ArticleInfo, CurationRecord, GraphSnapshot, StoreStats
from graph.stores.sqlite.reads import EVIDENCE_READ_COLUMNS, evidence_of, fetch_actors

__all__ = [
    "CURATION_COLUMNS",
    "article_info",
    "curation_log",
    "curation_record",
    "get_articles",
    "snapshot",
    "stats",
]

_ARTICLE_SQL = (
    "SELECT a.id, a.title, a.url, a.published, a.content_hash, a.ingested_at, "
    "(SELECT count(DISTINCT relation_id) FROM evidence e WHERE e.article_id = a.id) "
    "FROM articles a"
)


def _article(row: sqlite3.Row) -> ArticleInfo:
    return ArticleInfo(
        id=row[0],
        title=row[1],
        url=row[2],
        published=_day(row[3]),
        content_hash=row[4],
        ingested_at=datetime.fromisoformat(row[5]),
        relations=row[6],
    )


def get_articles(conn: sqlite3.Connection, limit: int, offset: int) -> list[ArticleInfo]:
    """Articles by id."""
    rows = conn.execute(f"{_ARTICLE_SQL} ORDER BY a.id LIMIT ? OFFSET ?", (limit, offset))
    return [_article(row) for row in rows]


def article_info(conn: sqlite3.Connection, article_id: str) -> ArticleInfo | None:
    row = conn.execute(f"{_ARTICLE_SQL} WHERE a.id = ?", (article_id,)).fetchone()
    return None if row is None else _article(row)


def stats(conn: sqlite3.Connection) -> StoreStats:
    def count(table: str) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def by_kind(table: str) -> dict[str, int]:
        rows = conn.execute(f"SELECT kind, count(*) FROM {table} GROUP BY kind ORDER BY kind")
        return {kind: n for kind, n in rows}

    return StoreStats(
        articles=count("articles"),
        actors=count("actors"),
        relations=count("relations"),
        evidence=count("evidence"),
        actors_by_kind=by_kind("actors"),
        relations_by_kind=by_kind("relations"),
    )


def curation_record(row: sqlite3.Row) -> CurationRecord:
    return CurationRecord(
        id=row[0],
        action=row[1],
        actor_id=row[2],
        other_id=row[3],
        detail=json.loads(row[4]),
        created_at=datetime.fromisoformat(row[5]),
        undone=bool(row[6]),
    )


CURATION_COLUMNS = "id, action, actor_id, other_id, detail, created_at, undone"


def curation_log(conn: sqlite3.Connection, limit: int) -> list[CurationRecord]:
    """The newest curations first, undo records included."""
    rows = conn.execute(
        f"SELECT {CURATION_COLUMNS} FROM curations ORDER BY seq DESC LIMIT ?", (limit,)
    )
    return [curation_record(row) for row in rows]


def snapshot(conn: sqlite3.Connection) -> GraphSnapshot:
    """Every actor by id and every relation by id, its evidence in a fixed order.

    Nothing in it depends on when or in which order articles were ingested, so two exports of
    the same facts are byte-identical.
    """
    ids = [row[0] for row in conn.execute("SELECT id FROM actors ORDER BY id")]
    actors = fetch_actors(conn, ids)
    ordered: list[Actor] = [actors[i] for i in ids]
    evidence = conn.execute(
        f"SELECT {EVIDENCE_READ_COLUMNS} FROM evidence ORDER BY relation_id, "
        'article_id, start, "end", sentence, trigger, source_text, target_text, '
        "extractor_version, published"
    )
    pending = next(evidence, None)
    relations: list[Relation] = []
    for row in conn.execute(
        "SELECT id, source, target, kind, modality, confidence, first_reported, last_reported "
        "FROM relations ORDER BY id"
    ).fetchall():
        found: list[Evidence] = []
        while pending is not None and pending[0] <= row[0]:
            if pending[0] == row[0]:
                found.append(evidence_of(pending))
            pending = next(evidence, None)
        relations.append(
            Relation(
                source=row[1],
                target=row[2],
                kind=RelationKind(row[3]),
                modality=Modality(row[4]),
                confidence=row[5],
                evidence=tuple(found),
                first_reported=_day(row[6]),
                last_reported=_day(row[7]),
                id=row[0],
            )
        )
    return GraphSnapshot(actors=tuple(ordered), relations=tuple(relations))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
