"""Keeping the derived tables in step with the facts, inside the caller's transaction.

Facts are the per-article rows (``actor_mentions``, ``evidence``); relations, actor mention
totals and extracted names (``actor_names``) are derived from them. Ingest adds to the totals
row by row (each per-article row is added once and subtracted once, so nothing is counted
twice); retraction and curation recompute the touched totals from the facts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model import ActorKind
from graph.stores.sqlite.schema import fold

__all__ = [
    "Resolver",
    "Touched",
    "add_mention_rows",
    "bump_generation",
    "collect_garbage",
    "ids_param",
    "kind_of_id",
    "rebuild_actor_totals",
    "recompute_relations",
]


def ids_param(ids: Iterable[str]) -> str:
    """Pass a set of ids as one parameter: ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(ids)))


@dataclass
class Touched:
    """What a write changed, so the in-memory graph can follow: relation id -> its endpoints."""

    relations: dict[str, tuple[str, str]] = field(default_factory=dict)
    actors: set[str] = field(default_factory=set)

    def update(self, other: Touched) -> None:
        self.relations.update(other.relations)
        self.actors |= other.actors


class Resolver:
    """Where an extracted actor lands now: follows merges (redirects) and splits.

    A split sends the names it lists from one actor to another; a redirect sends a merged-away id
    to the kept one. Lookups are memoised for the life of one transaction.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        row = conn.execute(
            "SELECT EXISTS(SELECT 1 FROM actor_redirects) OR EXISTS(SELECT 1 FROM actor_splits)"
        ).fetchone()
        self._active = bool(row[0])
        self._redirects: dict[str, str] = {}
        self._splits: dict[tuple[str, str], str | None] = {}

    def redirect(self, actor_id: str) -> str:
        if not self._active:
            return actor_id
        if actor_id not in self._redirects:
            row = self._conn.execute(
                "SELECT to_id FROM actor_redirects WHERE from_id = ?", (actor_id,)
            ).fetchone()
            self._redirects[actor_id] = row[0] if row else actor_id
        return self._redirects[actor_id]

    def _split(self, actor_id: str, key: str) -> str | None:
        if (actor_id, key) not in self._splits:
            row = self._conn.execute(
                "SELECT to_id FROM actor_splits WHERE from_id = ? AND key = ?", (actor_id, key)
            ).fetchone()
            self._splits[actor_id, key] = row[0] if row else None
        return self._splits[actor_id, key]

    def resolve(self, origin_id: str, surface: str) -> str:
        if not self._active:
            return origin_id
        current = self.redirect(origin_id)
        key = fold(surface)
        if not key:
            return current
        seen = {current}
        while (moved := self._split(current, key)) is not None:
            moved = self.redirect(moved)
            if moved in seen:  # a cycle of splits: stay where we are
                break
            seen.add(moved)
            current = moved
        return current


def kind_of_id(actor_id: str, default: ActorKind = ActorKind.ORGANIZATION) -> ActorKind:
    """Actor ids start with their kind (``faction:rsf``); used when no record says otherwise."""
    prefix = actor_id.partition(":")[0]
    try:
        return ActorKind(prefix)
    except ValueError:
        return default


def _names_of(name: str, aliases_json: str) -> set[str]:
    return {name, *json.loads(aliases_json)}


def add_mention_rows(
    conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str, int]], sign: int
) -> None:
    """Add (``sign=1``) or subtract (``sign=-1``) mention rows ``(actor, name, aliases, n)``."""
    rows = list(rows)
    totals: dict[str, int] = {}
    for actor, _name, _aliases, mentions in rows:
        totals[actor] = totals.get(actor, 0) + mentions
    conn.executemany(
        "UPDATE actors SET mentions = mentions + ? WHERE id = ?",
        [(sign * n, actor) for actor, n in totals.items()],
    )
    _add_names(conn, rows, sign)


def _add_names(conn: sqlite3.Connection, rows: list[tuple[str, str, str, int]], sign: int) -> None:
    names: dict[tuple[str, str], int] = {}
    for actor, name, aliases_json, _mentions in rows:
        for one in _names_of(name, aliases_json):
            names[actor, one] = names.get((actor, one), 0) + 1
    conn.executemany(
        "INSERT INTO actor_names(actor_id, name, key, n) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(actor_id, name) DO UPDATE SET n = n + excluded.n",
        [(actor, name, fold(name), sign * n) for (actor, name), n in names.items()],
    )
    if sign < 0:
        conn.execute(
            "DELETE FROM actor_names WHERE n <= 0 AND actor_id IN (SELECT value FROM json_each(?))",
            (ids_param(actor for actor, _ in names),),
        )


def rebuild_actor_totals(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> None:
    """Recompute mention totals and extracted names of these actors from their mention rows."""
    param = ids_param(actor_ids)
    conn.execute(
        "DELETE FROM actor_names WHERE actor_id IN (SELECT value FROM json_each(?))", (param,)
    )
    conn.execute(
        "UPDATE actors SET mentions = (SELECT coalesce(sum(m.mentions), 0) FROM actor_mentions m "
        "WHERE m.actor_id = actors.id) WHERE id IN (SELECT value FROM json_each(?))",
        (param,),
    )
    rows = conn.execute(
        "SELECT actor_id, name, aliases, mentions FROM actor_mentions "
        "WHERE actor_id IN (SELECT value FROM json_each(?))",
        (param,),
    ).fetchall()
    _add_names(conn, rows, 1)


def recompute_relations(conn: sqlite3.Connection, relation_ids: Iterable[str]) -> None:
    """Rebuild these relations from their evidence; one left without evidence is deleted.

    Confidence is the maximum over the evidence (not a noisy-or: one story copied by many
    outlets should not look surer for it); the dates are the earliest and latest dated evidence.
    """
    param = ids_param(relation_ids)
    conn.execute(
        "INSERT INTO relations(id, source, target, kind, modality, confidence, first_reported, "
        "last_reported, article_count, evidence_count) "
        "SELECT relation_id, source, target, kind, modality, max(confidence), min(published), "
        "max(published), count(DISTINCT article_id), count(*) FROM evidence "
        "WHERE relation_id IN (SELECT value FROM json_each(?)) GROUP BY relation_id "
        "ON CONFLICT(id) DO UPDATE SET confidence = excluded.confidence, "
        "first_reported = excluded.first_reported, last_reported = excluded.last_reported, "
        "article_count = excluded.article_count, evidence_count = excluded.evidence_count",
        (param,),
    )
    conn.execute(
        "DELETE FROM relations WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS "
        "(SELECT 1 FROM evidence e WHERE e.relation_id = relations.id)",
        (param,),
    )


def collect_garbage(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> None:
    """Delete the actors no article mentions and no relation touches, with what hangs on them.

    Redirects to a deleted actor go too, so an article naming a merged-away actor brings that
    actor back rather than pointing at nothing.
    """
    gone = [
        (actor,)
        for actor in sorted(set(actor_ids))
        if conn.execute(
            "SELECT NOT EXISTS(SELECT 1 FROM actor_mentions WHERE actor_id = ?) "
            "AND NOT EXISTS(SELECT 1 FROM relations WHERE source = ?) "
            "AND NOT EXISTS(SELECT 1 FROM relations WHERE target = ?)",
            (actor, actor, actor),
        ).fetchone()[0]
    ]
    for sql in (
        "DELETE FROM actors WHERE id = ?",
        "DELETE FROM actor_names WHERE actor_id = ?",
        "DELETE FROM curated_aliases WHERE actor_id = ?",
        "DELETE FROM actor_redirects WHERE to_id = ?",
        "DELETE FROM actor_splits WHERE from_id = ?1 OR to_id = ?1",
    ):
        conn.executemany(sql, gone)


#: Writes kept in ``graph_log``: a process further behind than this reloads the whole graph.
LOG_GENERATIONS = 256
#: A write touching more than this many relations or actors is logged without its list
#: (a bulk load): a process catching up over it reloads, which is then cheaper anyway.
LOG_MAX_TOUCHED = 5_000


def bump_generation(conn: sqlite3.Connection, touched: Touched) -> tuple[int, int]:
    """Count this write and log what it touched; returns (generation before, after)."""
    before = int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
    after = before + 1
    conn.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (str(after),))
    small = len(touched.relations) + len(touched.actors) <= LOG_MAX_TOUCHED
    entry = json.dumps({"r": touched.relations, "a": sorted(touched.actors)}) if small else None
    conn.execute(
        "INSERT OR REPLACE INTO graph_log(generation, touched) VALUES (?, ?)", (after, entry)
    )
    conn.execute("DELETE FROM graph_log WHERE generation <= ?", (after - LOG_GENERATIONS,))
    return before, after


def logged_changes(conn: sqlite3.Connection, since: int, until: int) -> Touched | None:
    """What the writes after generation ``since`` up to ``until`` touched, merged; ``None``
    when the log does not hold all of them (too old, or a bulk write)."""
    rows = conn.execute(
        "SELECT touched FROM graph_log WHERE generation > ? AND generation <= ?", (since, until)
    ).fetchall()
    if len(rows) != until - since or any(row[0] is None for row in rows):
        return None
    merged = Touched()
    for (entry,) in rows:
        data = json.loads(entry)
        merged.update(Touched({rid: (s, t) for rid, (s, t) in data["r"].items()}, set(data["a"])))
    return merged
