"""Reading actors and relations out of the embedded store's SQLite file.

Every function takes a connection inside a read transaction, so a multi-query read sees one
snapshot even while a writer commits beside it (WAL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

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
from graph.stores.base import Direction, RelationFilter
from graph.stores.sqlite.facts import ids_param
from graph.stores.sqlite.schema import fold

__all__ = [
    "EVIDENCE_READ_COLUMNS",
    "count_actors",
    "count_relations",
    "evidence_of",
    "fetch_actors",
    "fetch_relations",
    "get_relations",
    "relation_matches",
    "relations_of",
    "search_actors",
]

_ACTOR_COLUMNS = (
    "id, name, name_key, kind, geonames_id, latitude, longitude, country_code, mentions"
)
_RELATION_COLUMNS = "id, source, target, kind, modality, confidence, first_reported, last_reported"
#: What :func:`evidence_of` reads, in its order.
EVIDENCE_READ_COLUMNS = (
    'relation_id, article_id, sentence, start, "end", trigger, source_text, target_text, '
    "extractor_version, published, event_start, event_end, event_precision, event_text"
)
_EVIDENCE_ORDER = (
    'article_id, start, "end", sentence, trigger, source_text, target_text, '
    "extractor_version, published"
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def evidence_of(row: Sequence[Any]) -> Evidence:
    """Evidence from ``relation_id, article_id, sentence, start, end, trigger, source_text,
    target_text, extractor_version, published`` and the event date's four columns
    (:data:`EVIDENCE_READ_COLUMNS`)."""
    return Evidence(
        article_id=row[1],
        sentence=row[2],
        start=row[3],
        end=row[4],
        trigger=row[5],
        source_text=row[6],
        target_text=row[7],
        extractor_version=row[8],
        published=_day(row[9]),
        event_date=_event_date(row[10:14]),
    )


def _event_date(columns: Sequence[Any]) -> EventDate | None:
    start, end, precision, text = columns
    if start is None:
        return None
    return EventDate(date.fromisoformat(start), _day(end), DatePrecision(precision), text)


def _aliases(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> dict[str, tuple[str, ...]]:
    """Each actor's aliases: extracted names not split away, plus curated ones, one per key."""
    param = ids_param(row[0] for row in rows)
    names = conn.execute(
        "SELECT actor_id, name, key FROM actor_names n WHERE n > 0 "
        "AND actor_id IN (SELECT value FROM json_each(?1)) AND NOT EXISTS (SELECT 1 FROM "
        "actor_splits s WHERE s.from_id = n.actor_id AND s.key = n.key) "
        "UNION SELECT actor_id, name, key FROM curated_aliases "
        "WHERE actor_id IN (SELECT value FROM json_each(?1))",
        (param,),
    ).fetchall()
    own = {row[0]: row[2] for row in rows}
    by_key: dict[str, dict[str, str]] = {}
    for actor, name, key in names:
        if key == own.get(actor):
            continue
        keyed = by_key.setdefault(actor, {})
        if key not in keyed or name < keyed[key]:
            keyed[key] = name
    return {actor: tuple(sorted(keyed.values())) for actor, keyed in by_key.items()}


def _actors_from_rows(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[Actor]:
    aliases = _aliases(conn, rows) if rows else {}
    return [
        Actor(
            id=row[0],
            name=row[1],
            kind=ActorKind(row[3]),
            aliases=aliases.get(row[0], ()),
            location=None if row[4] is None else Location(row[4], row[5], row[6], row[7]),
            mentions=row[8],
        )
        for row in rows
    ]


def fetch_actors(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> dict[str, Actor]:
    """Actors by id; ids that name no actor are left out."""
    rows = conn.execute(
        f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id IN (SELECT value FROM json_each(?))",
        (ids_param(actor_ids),),
    ).fetchall()
    return {actor.id: actor for actor in _actors_from_rows(conn, rows)}


def _search_sql(query: str | None, kind: ActorKind | None) -> tuple[str, list[object]]:
    params: list[object] = []
    kind_clause = ""
    if kind is not None:
        kind_clause = "AND a.kind = ?"
        params.append(kind.value)
    key = fold(query or "")
    if not key:
        return f"SELECT {_ACTOR_COLUMNS}, 0 AS exact FROM actors a WHERE 1 {kind_clause}", params
    hits = (
        "SELECT id AS actor_id, name_key = ?1 AS exact FROM actors WHERE instr(name_key, ?1) "
        "UNION ALL SELECT actor_id, key = ?1 FROM actor_names n WHERE n > 0 AND instr(key, ?1) "
        "AND NOT EXISTS (SELECT 1 FROM actor_splits s WHERE s.from_id = n.actor_id "
        "AND s.key = n.key) "
        "UNION ALL SELECT actor_id, key = ?1 FROM curated_aliases WHERE instr(key, ?1)"
    )
    sql = (
        f"SELECT {', '.join('a.' + c for c in _ACTOR_COLUMNS.split(', '))}, max(h.exact) AS exact "
        f"FROM ({hits}) h JOIN actors a ON a.id = h.actor_id WHERE 1 {kind_clause} GROUP BY a.id"
    )
    return sql, [key, *params]


def page_sql(
    query: str | None, kind: ActorKind | None, limit: int, offset: int
) -> tuple[str, list[object]]:
    """The SQL of :func:`search_actors` and its parameters."""
    sql, params = _search_sql(query, kind)
    # without a query no actor is an exact match: leaving the constant out of the order lets
    # SQLite walk the actors_rank index instead of sorting every actor for each page
    order = "exact DESC, mentions DESC, id" if fold(query or "") else "mentions DESC, id"
    return f"SELECT * FROM ({sql}) ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]


def search_actors(
    conn: sqlite3.Connection, query: str | None, kind: ActorKind | None, limit: int, offset: int
) -> list[Actor]:
    """Actors whose name or an alias contains ``query`` (folded): exact matches first, then by
    mentions, then by id, so pages neither skip nor repeat."""
    sql, params = page_sql(query, kind, limit, offset)
    return _actors_from_rows(conn, conn.execute(sql, params).fetchall())


def count_actors(conn: sqlite3.Connection, query: str | None, kind: ActorKind | None) -> int:
    sql, params = _search_sql(query, kind)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def _where(flt: RelationFilter | None) -> tuple[str, list[object]]:
    if flt is None:
        return "1", []
    clauses: list[str] = []
    params: list[object] = []
    for column, values in (("kind", flt.kinds), ("modality", flt.modalities)):
        if values is not None:
            clauses.append(f"{column} IN ({', '.join('?' * len(values)) or 'NULL'})")
            params.extend(sorted(v.value for v in values))
    for clause, value in (
        ("source = ?", flt.source),
        ("target = ?", flt.target),
        ("last_reported >= ?", flt.since),
        ("first_reported <= ?", flt.until),
        ("first_reported <= ?", flt.as_of),
        ("confidence >= ?", flt.min_confidence),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value.isoformat() if isinstance(value, date) else value)
    return " AND ".join(clauses) or "1", params


def relation_matches(rel: Relation, flt: RelationFilter | None) -> bool:
    """The filter of :func:`get_relations`, applied to one relation in memory."""
    if flt is None:
        return True
    first, last = rel.first_reported, rel.last_reported
    return not (
        (flt.kinds is not None and rel.kind not in flt.kinds)
        or (flt.modalities is not None and rel.modality not in flt.modalities)
        or (flt.source is not None and rel.source != flt.source)
        or (flt.target is not None and rel.target != flt.target)
        or (flt.since is not None and (last is None or last < flt.since))
        or (flt.until is not None and (first is None or first > flt.until))
        or (flt.as_of is not None and (first is None or first > flt.as_of))
        or (flt.min_confidence is not None and rel.confidence < flt.min_confidence)
    )


def _relations_from_rows(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[Relation]:
    evidence: dict[str, list[Evidence]] = {}
    for ev in conn.execute(
        f"SELECT {EVIDENCE_READ_COLUMNS} FROM evidence "
        "WHERE relation_id IN (SELECT value FROM json_each(?)) "
        f"ORDER BY relation_id, {_EVIDENCE_ORDER}",
        (ids_param(row[0] for row in rows),),
    ):
        evidence.setdefault(ev[0], []).append(evidence_of(ev))
    return [
        Relation(
            source=row[1],
            target=row[2],
            kind=RelationKind(row[3]),
            modality=Modality(row[4]),
            confidence=row[5],
            evidence=tuple(evidence.get(row[0], ())),
            first_reported=_day(row[6]),
            last_reported=_day(row[7]),
            id=row[0],
        )
        for row in rows
    ]


def fetch_relations(conn: sqlite3.Connection, relation_ids: Iterable[str]) -> dict[str, Relation]:
    """Relations by id, each with all its evidence; unknown ids are left out."""
    rows = conn.execute(
        f"SELECT {_RELATION_COLUMNS} FROM relations WHERE id IN (SELECT value FROM json_each(?))",
        (ids_param(relation_ids),),
    ).fetchall()
    return {rel.id: rel for rel in _relations_from_rows(conn, rows)}


def get_relations(
    conn: sqlite3.Connection, flt: RelationFilter, limit: int, offset: int
) -> list[Relation]:
    where, params = _where(flt)
    rows = conn.execute(
        f"SELECT {_RELATION_COLUMNS} FROM relations WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return _relations_from_rows(conn, rows)


def count_relations(conn: sqlite3.Connection, flt: RelationFilter) -> int:
    where, params = _where(flt)
    return int(conn.execute(f"SELECT count(*) FROM relations WHERE {where}", params).fetchone()[0])


def relations_of(
    conn: sqlite3.Connection,
    actor_ids: Sequence[str],
    direction: Direction,
    flt: RelationFilter | None,
) -> list[list[Relation]]:
    """Each actor's relations (by id) in one query: outgoing, incoming or both."""
    where, params = _where(flt)
    ends = {Direction.OUT: ("source",), Direction.IN: ("target",)}.get(
        direction, ("source", "target")
    )
    touching = " OR ".join(f"{end} IN (SELECT value FROM json_each(?))" for end in ends)
    rows = conn.execute(
        f"SELECT {_RELATION_COLUMNS} FROM relations WHERE ({touching}) AND {where} ORDER BY id",
        [*(ids_param(actor_ids) for _ in ends), *params],
    ).fetchall()
    grouped: dict[str, list[Relation]] = {}
    for rel in _relations_from_rows(conn, rows):
        for end in _ends(rel, direction):
            grouped.setdefault(end, []).append(rel)
    return [list(grouped.get(actor, ())) for actor in actor_ids]


def _ends(rel: Relation, direction: Direction) -> set[str]:
    if direction is Direction.OUT:
        return {rel.source}
    if direction is Direction.IN:
        return {rel.target}
    return {rel.source, rel.target}  # a self-loop is listed once
