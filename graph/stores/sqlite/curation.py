"""Curating the embedded store: merge, alias, split and undo, each one exactly reversible.

A curation changes only the curation state of a few actors (their records, curated aliases,
redirects and split rules), then re-resolves the facts that sit on those actors. The log keeps
the state as it was before, so undo puts it back and re-resolves again: everything derived
(relation ids, merged evidence, totals) comes out as it was.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import datetime

from graph.errors import BadInputError, NotFoundError
from graph.model import ActorKind, Modality, RelationKind, actor_id, relation_id
from graph.stores.base import CurationRecord
from graph.stores.sqlite.facts import (
    Resolver,
    Touched,
    ids_param,
    kind_of_id,
    rebuild_actor_totals,
    recompute_relations,
)
from graph.stores.sqlite.schema import fold

__all__ = ["add_alias", "merge_actors", "split_actor", "undo"]

_IN = "IN (SELECT value FROM json_each(?1))"
# table -> (columns, selector): what a curation of some actors may change, and can put back
_STATE = {
    "actors": (
        "id, name, name_key, kind, geonames_id, latitude, longitude, country_code",
        f"id {_IN}",
    ),
    "curated_aliases": ("actor_id, name, key", f"actor_id {_IN}"),
    "actor_redirects": ("from_id, to_id", f"from_id {_IN} OR to_id {_IN}"),
    "actor_splits": ("from_id, key, to_id", f"from_id {_IN} OR to_id {_IN}"),
}
State = dict[str, list[list[object]]]


def _capture(conn: sqlite3.Connection, ids: Sequence[str]) -> State:
    return {
        table: [
            list(row)
            for row in conn.execute(
                f"SELECT {columns} FROM {table} WHERE {where} ORDER BY 1, 2", (ids_param(ids),)
            )
        ]
        for table, (columns, where) in _STATE.items()
    }


def _restore(conn: sqlite3.Connection, ids: Sequence[str], state: State) -> None:
    for table, (columns, where) in _STATE.items():
        conn.execute(f"DELETE FROM {table} WHERE {where}", (ids_param(ids),))
        marks = ", ".join("?" * len(columns.split(", ")))
        conn.executemany(
            f"INSERT OR REPLACE INTO {table}({columns}) VALUES ({marks})", state[table]
        )


def _rederive(conn: sqlite3.Connection, ids: Sequence[str]) -> Touched:
    """Re-resolve the mention rows and evidence sitting on these actors; fix what follows."""
    resolver = Resolver(conn)
    touched = Touched(actors=set(ids))
    moves = []
    for article, origin, current, name in conn.execute(
        f"SELECT article_id, origin_id, actor_id, name FROM actor_mentions WHERE actor_id {_IN}",
        (ids_param(ids),),
    ).fetchall():
        if (new := resolver.resolve(origin, name)) != current:
            moves.append((new, article, origin))
            touched.actors.add(new)
    conn.executemany(
        "UPDATE actor_mentions SET actor_id = ? WHERE article_id = ? AND origin_id = ?", moves
    )
    _rederive_evidence(conn, ids, resolver, touched)
    _ensure_actor_rows(conn, touched.actors - set(ids))
    recompute_relations(conn, touched.relations)
    rebuild_actor_totals(conn, touched.actors)
    return touched


def _rederive_evidence(
    conn: sqlite3.Connection, ids: Sequence[str], resolver: Resolver, touched: Touched
) -> None:
    updates = []
    for row in conn.execute(
        "SELECT id, relation_id, origin_source, origin_target, source, target, kind, modality, "
        "source_text, target_text FROM evidence WHERE relation_id IN "
        f"(SELECT id FROM relations WHERE source {_IN} OR target {_IN})",
        (ids_param(ids),),
    ).fetchall():
        ev_id, rid, o_source, o_target, source, target, kind, modality, s_text, t_text = row
        new_source = resolver.resolve(o_source, s_text)
        new_target = resolver.resolve(o_target, t_text)
        if (new_source, new_target) == (source, target):
            continue
        new_rid = relation_id(new_source, RelationKind(kind), new_target, Modality(modality))
        touched.relations[rid] = (source, target)
        touched.relations[new_rid] = (new_source, new_target)
        touched.actors.update((new_source, new_target))
        updates.append((new_rid, new_source, new_target, ev_id))
    conn.executemany(
        "UPDATE evidence SET relation_id = ?, source = ?, target = ? WHERE id = ?", updates
    )


def _ensure_actor_rows(conn: sqlite3.Connection, ids: set[str]) -> None:
    # facts can only move to actors a curation keeps records for; this is a safety net
    for missing in ids:
        row = conn.execute(
            "SELECT name FROM actor_mentions WHERE actor_id = ? ORDER BY name LIMIT 1", (missing,)
        ).fetchone()
        name = row[0] if row else missing.partition(":")[2] or missing
        conn.execute(
            "INSERT OR IGNORE INTO actors(id, name, name_key, kind, mentions) "
            "VALUES (?, ?, ?, ?, 0)",
            (missing, name, fold(name), kind_of_id(missing).value),
        )


def _require(conn: sqlite3.Connection, actor: str) -> tuple[str, str]:
    row = conn.execute("SELECT name, kind FROM actors WHERE id = ?", (actor,)).fetchone()
    if row is None:
        raise NotFoundError(f"no actor with id {actor!r}")
    return str(row[0]), str(row[1])


def _record(
    conn: sqlite3.Connection,
    action: str,
    ids: Sequence[str],
    before: State,
    detail: dict[str, object],
    now: datetime,
    other: str | None = None,
) -> CurationRecord:
    record = CurationRecord(
        id=uuid.uuid4().hex[:12],
        action=action,
        actor_id=ids[0],
        other_id=other,
        detail=detail,
        created_at=now,
    )
    conn.execute(
        "INSERT INTO curations(id, action, actor_id, other_id, detail, actors, before, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.id,
            action,
            record.actor_id,
            other,
            json.dumps(detail, sort_keys=True),
            json.dumps(list(ids)),
            json.dumps(before),
            now.isoformat(),
        ),
    )
    return record


def merge_actors(
    conn: sqlite3.Connection, keep: str, drop: str, now: datetime
) -> tuple[CurationRecord, Touched]:
    """Fold ``drop`` into ``keep``: its facts, names and split rules; its id redirects."""
    if keep == drop:
        raise BadInputError("an actor cannot be merged into itself")
    _require(conn, keep)
    drop_name, _ = _require(conn, drop)
    ids = [keep, drop]
    before = _capture(conn, ids)
    for sql, params in (
        (
            "INSERT OR IGNORE INTO curated_aliases(actor_id, name, key) SELECT ?, name, key "
            "FROM curated_aliases WHERE actor_id = ?",
            (keep, drop),
        ),
        (
            "INSERT OR IGNORE INTO curated_aliases(actor_id, name, key) VALUES (?, ?, ?)",
            (keep, drop_name, fold(drop_name)),
        ),
        ("UPDATE OR IGNORE actor_splits SET from_id = ? WHERE from_id = ?", (keep, drop)),
        (
            "DELETE FROM actor_splits WHERE from_id = ?1 OR (from_id = ?2 AND to_id = ?2)",
            (drop, keep),
        ),
        ("UPDATE actor_redirects SET to_id = ? WHERE to_id = ?", (keep, drop)),
        ("INSERT OR REPLACE INTO actor_redirects(from_id, to_id) VALUES (?, ?)", (drop, keep)),
    ):
        conn.execute(sql, params)
    touched = _rederive(conn, ids)
    for table, column in (
        ("actors", "id"),
        ("actor_names", "actor_id"),
        ("curated_aliases", "actor_id"),
    ):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (drop,))
    detail: dict[str, object] = {"keep": keep, "drop": drop}
    return _record(conn, "merge", ids, before, detail, now, other=drop), touched


def add_alias(
    conn: sqlite3.Connection, actor: str, alias: str, now: datetime
) -> tuple[CurationRecord, Touched]:
    """Give an actor one more name; search finds it by that name from now on."""
    alias = " ".join(alias.split())
    if not fold(alias):
        raise BadInputError("an alias cannot be empty")
    _require(conn, actor)
    before = _capture(conn, [actor])
    conn.execute(
        "INSERT OR IGNORE INTO curated_aliases(actor_id, name, key) VALUES (?, ?, ?)",
        (actor, alias, fold(alias)),
    )
    record = _record(conn, "alias", [actor], before, {"alias": alias}, now)
    return record, Touched(actors={actor})


def split_actor(
    conn: sqlite3.Connection,
    actor: str,
    names: Sequence[str],
    kind: ActorKind | None,
    now: datetime,
) -> tuple[CurationRecord, Touched]:
    """Move the given names of ``actor``, and the evidence naming it so, into a new actor."""
    own_name, own_kind = _require(conn, actor)
    cleaned = list(dict.fromkeys(" ".join(n.split()) for n in names if fold(n)))
    if not cleaned:
        raise BadInputError("a split needs at least one name")
    keys = {fold(n) for n in cleaned}
    if fold(own_name) in keys:
        raise BadInputError(f"{own_name!r} is the actor's own name: split off other names")
    new_kind = kind or ActorKind(own_kind)
    new_id = actor_id(new_kind, cleaned[0])
    if new_id == actor:
        raise BadInputError(f"the split-off actor would have the same id {actor!r}")
    ids = [actor, new_id]
    redirected = conn.execute(
        "SELECT to_id FROM actor_redirects WHERE from_id = ?", (new_id,)
    ).fetchone()
    if redirected is not None and redirected[0] != actor:  # its facts sit on a third actor
        ids.append(redirected[0])
    before = _capture(conn, ids)
    conn.execute(
        "INSERT OR IGNORE INTO actors(id, name, name_key, kind, mentions) VALUES (?, ?, ?, ?, 0)",
        (new_id, cleaned[0], fold(cleaned[0]), new_kind.value),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO curated_aliases(actor_id, name, key) VALUES (?, ?, ?)",
        [(new_id, n, fold(n)) for n in cleaned[1:]],
    )
    conn.executemany(
        "DELETE FROM curated_aliases WHERE actor_id = ? AND key = ?", [(actor, k) for k in keys]
    )
    conn.execute("DELETE FROM actor_redirects WHERE from_id = ?", (new_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO actor_splits(from_id, key, to_id) VALUES (?, ?, ?)",
        [(actor, k, new_id) for k in sorted(keys)],
    )
    touched = _rederive(conn, ids)
    detail: dict[str, object] = {"names": cleaned, "new_actor_id": new_id, "kind": new_kind.value}
    return _record(conn, "split", ids, before, detail, now, other=new_id), touched


def undo(
    conn: sqlite3.Connection, curation_id: str, now: datetime
) -> tuple[CurationRecord, Touched]:
    """Put back the state a curation found, provided no later curation built on it."""
    row = conn.execute(
        "SELECT seq, action, actor_id, other_id, actors, before, undone FROM curations "
        "WHERE id = ?",
        (curation_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no curation with id {curation_id!r}")
    seq, action, _actor, other, ids_json, before_json, undone = row
    if action == "undo":
        raise BadInputError("an undo cannot itself be undone")
    if undone:
        raise BadInputError(f"curation {curation_id!r} is already undone")
    ids: list[str] = json.loads(ids_json)
    later = [
        cid
        for cid, actors in conn.execute(
            "SELECT id, actors FROM curations WHERE seq > ? AND undone = 0 AND action != 'undo' "
            "ORDER BY seq",
            (seq,),
        )
        if set(json.loads(actors)) & set(ids)
    ]
    if later:
        raise BadInputError(
            f"undo {', '.join(reversed(later))} first: later curations changed the same actors"
        )
    _restore(conn, ids, json.loads(before_json))
    touched = _rederive(conn, ids)
    conn.execute("UPDATE curations SET undone = 1 WHERE id = ?", (curation_id,))
    detail: dict[str, object] = {"undoes": curation_id, "action": action}
    record = _record(conn, "undo", ids, {}, detail, now, other=other)
    return record, touched
