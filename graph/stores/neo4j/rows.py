"""What crosses between the Neo4j store's statements and the domain: the transaction seam and
the conversions from result rows to model values.

The store's logic talks to a :class:`Tx`, a transaction that runs
:class:`~graph.stores.neo4j.cypher.Query` objects and answers plain Python rows (dates already
converted), so nothing here touches the driver and every piece can be exercised with a
recording transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from graph.model import (
    Actor,
    ActorKind,
    DatePrecision,
    EventDate,
    Evidence,
    Location,
    Modality,
    Relation,
    RelationKind,
)
from graph.stores.base import ArticleInfo, CurationRecord
from graph.stores.neo4j.cypher import Query

__all__ = [
    "Row",
    "Tx",
    "actor_from",
    "article_from",
    "by_kind",
    "curation_from",
    "event_properties",
    "evidence_key",
    "relation_from",
]

Row = dict[str, Any]


class Tx(Protocol):
    """One open transaction: runs a statement with exactly the parameters it names."""

    async def run(self, query: Query, /, **params: Any) -> list[Row]: ...


def actor_from(row: Mapping[str, Any]) -> Actor:
    """An actor from the ``actor`` projection of :mod:`graph.stores.neo4j.cypher`."""
    location = None
    if row.get("geonames_id") is not None:
        location = Location(
            int(row["geonames_id"]),
            float(row["latitude"]),
            float(row["longitude"]),
            row.get("country_code"),
        )
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=ActorKind(row["kind"]),
        aliases=tuple(row.get("aliases") or ()),
        location=location,
        mentions=int(row.get("mentions") or 0),
    )


def evidence_key(ev: Evidence) -> tuple[object, ...]:
    """The order of a relation's evidence: by article, offsets, then every other field."""
    return (
        ev.article_id,
        ev.start,
        ev.end,
        ev.sentence,
        ev.trigger,
        ev.source_text,
        ev.target_text,
        ev.extractor_version,
        ev.published or date.min,
    )


def _evidence(row: Mapping[str, Any]) -> Evidence:
    return Evidence(
        article_id=row["article_id"],
        sentence=row["sentence"],
        start=int(row["start"]),
        end=int(row["end"]),
        trigger=row["trigger"],
        source_text=row["source_text"],
        target_text=row["target_text"],
        extractor_version=row["extractor_version"],
        published=row.get("published"),
        event_date=_event_date(row),
    )


def event_properties(event: EventDate | None) -> dict[str, str | None]:
    """An event date as the Evidence node keeps it: ISO days, so they sort as text."""
    if event is None:
        return dict.fromkeys(("event_start", "event_end", "event_precision", "event_text"))
    return {
        "event_start": event.start.isoformat(),
        "event_end": event.end.isoformat() if event.end else None,
        "event_precision": event.precision.value,
        "event_text": event.text,
    }


def _event_date(row: Mapping[str, Any]) -> EventDate | None:
    start, end = row.get("event_start"), row.get("event_end")
    if start is None:
        return None
    return EventDate(
        start=date.fromisoformat(start),
        end=date.fromisoformat(end) if end else None,
        precision=DatePrecision(row["event_precision"]),
        text=row["event_text"],
    )


def relation_from(row: Mapping[str, Any]) -> Relation:
    """A relation, with its evidence in :func:`evidence_key` order, from ``relation``."""
    evidence = sorted((_evidence(ev) for ev in row.get("evidence") or ()), key=evidence_key)
    return Relation(
        source=row["source"],
        target=row["target"],
        kind=RelationKind(row["kind"]),
        modality=Modality(row["modality"]),
        confidence=float(row["confidence"]),
        evidence=tuple(evidence),
        first_reported=row.get("first_reported"),
        last_reported=row.get("last_reported"),
        id=row["id"],
    )


def article_from(row: Mapping[str, Any]) -> ArticleInfo:
    return ArticleInfo(
        id=row["id"],
        title=row.get("title"),
        url=row.get("url"),
        published=row.get("published"),
        content_hash=row["content_hash"],
        ingested_at=_moment(row["ingested_at"]),
        relations=int(row.get("relations") or 0),
    )


def curation_from(row: Mapping[str, Any]) -> CurationRecord:
    return CurationRecord(
        id=row["id"],
        action=row["action"],
        actor_id=row["actor_id"],
        other_id=row.get("other_id"),
        detail=json.loads(row.get("detail") or "{}"),
        created_at=_moment(row["created_at"]) if row.get("created_at") else None,
        undone=bool(row.get("undone")),
    )


def _moment(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def by_kind(rows: Sequence[Row], key: str = "kind") -> dict[str, list[Row]]:
    """Rows grouped by their ``kind`` value, keeping their order within each group."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(str(row[key]), []).append(row)
    return grouped
