"""Curating the Neo4j graph: merge, alias, split and undo, each exactly reversible.

A curation changes only the curation state of a few actors (their records with curated
aliases, the redirects and split rules that touch them), then re-resolves the facts sitting on
those actors. The log keeps the state as it was before, so undo writes it back and re-resolves
again: everything derived (relation ids, merged evidence, totals) comes out as it was. The rules
are the embedded store's, so both stores curate alike.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from graph.errors import BadInputError, NotFoundError
from graph.model import ActorKind, actor_id, relation_id
from graph.stores.base import CurationRecord
from graph.stores.neo4j import cypher
from graph.stores.neo4j.facts import (
    RelationRef,
    Touched,
    ensure_actor_rows,
    load_resolver,
    ref_from,
    settle,
)
from graph.stores.neo4j.rows import Row, Tx, by_kind
from graph.stores.sqlite.facts import kind_of_id
from graph.stores.sqlite.schema import fold

__all__ = ["add_alias", "merge_actors", "merged_state", "split_actor", "split_state", "undo"]

#: {"actors": [records], "redirects": [[from, to]], "splits": [[from, key, to]]}
State = dict[str, list[Any]]


async def capture(tx: Tx, ids: Sequence[str]) -> State:
    """The curation state of these actors, as JSON-ready lists."""
    records = [row["record"] for row in await tx.run(cypher.ACTOR_RECORDS, ids=list(ids))]
    redirects = await tx.run(cypher.REDIRECTS_TOUCHING, ids=list(ids))
    splits = await tx.run(cypher.SPLITS_TOUCHING, ids=list(ids))
    return {
        "actors": sorted(records, key=lambda r: str(r["id"])),
        "redirects": [[r["from_id"], r["to_id"]] for r in redirects],
        "splits": [[r["from_id"], r["key"], r["to_id"]] for r in splits],
    }


async def _restore(tx: Tx, ids: list[str], state: State) -> None:
    await tx.run(cypher.DELETE_REDIRECTS_TOUCHING, ids=ids)
    await tx.run(cypher.DELETE_SPLITS_TOUCHING, ids=ids)
    if state["redirects"]:
        rows = [{"from_id": f, "to_id": t} for f, t in state["redirects"]]
        await tx.run(cypher.PUT_REDIRECTS, rows=rows)
    if state["splits"]:
        rows = [{"from_id": f, "key": k, "to_id": t} for f, k, t in state["splits"]]
        await tx.run(cypher.PUT_SPLITS, rows=rows)
    for kind, group in by_kind(state["actors"]).items():
        await tx.run(cypher.restore_actors(ActorKind(kind)), rows=group)


async def _rederive(tx: Tx, ids: list[str]) -> Touched:
    """Re-resolve the mentions and evidence sitting on these actors; note what moved."""
    resolver = await load_resolver(tx)
    touched = Touched(actors=set(ids))
    moves: list[Row] = []
    names: dict[str, list[str]] = {}
    for row in await tx.run(cypher.MENTIONS_ON, ids=ids):
        if (landing := resolver.resolve(row["origin_id"], row["name"])) != row["actor_id"]:
            moves.append({"article_id": row["article_id"], "origin_id": row["origin_id"],
                          "actor_id": landing})  # fmt: skip
            names.setdefault(landing, []).append(row["name"])
            touched.actors.add(landing)
    updates: list[Row] = []
    for row in await tx.run(cypher.EVIDENCE_ON, ids=ids):
        fact = row["fact"]
        source = resolver.resolve(fact["origin_source"], fact["source_text"])
        target = resolver.resolve(fact["origin_target"], fact["target_text"])
        if (source, target) == (fact["source"], fact["target"]):
            continue
        old = ref_from(fact)
        new = RelationRef(relation_id(source, old.kind, target, old.modality), source, target,
                          old.kind, old.modality)  # fmt: skip
        touched.add(old)
        touched.add(new)
        updates.append({"id": fact["id"], "relation_id": new.id, "source": source,
                        "target": target})  # fmt: skip
    await _ensure_missing(tx, sorted(touched.actors - set(ids)), names)
    if moves:
        await tx.run(cypher.MOVE_MENTIONS, rows=moves)
    if updates:
        await tx.run(cypher.MOVE_EVIDENCE, rows=updates)
    return touched


async def _ensure_missing(tx: Tx, ids: list[str], names: dict[str, list[str]]) -> None:
    # facts only move to actors a curation keeps records for; this is a safety net
    rows = []
    for missing in ids:
        name = min(names.get(missing, ()), default=missing.partition(":")[2] or missing)
        rows.append({"id": missing, "name": name, "name_key": fold(name),
                     "kind": kind_of_id(missing).value, "geonames_id": None, "latitude": None,
                     "longitude": None, "country_code": None})  # fmt: skip
    await ensure_actor_rows(tx, rows)


async def _apply(tx: Tx, ids: list[str], state: State) -> None:
    """Write a curation state for these actors and bring the facts in line with it."""
    await _restore(tx, ids, state)
    touched = await _rederive(tx, ids)
    await settle(tx, touched, collect=False)
    kept = {str(r["id"]) for r in state["actors"]}
    gone = [i for i in ids if i not in kept]
    if gone:  # actors the state has no record for lose theirs once no fact sits on them
        await tx.run(cypher.DROP_BARE_ACTORS, ids=gone)


async def _require(tx: Tx, actor: str) -> Row:
    rows = await tx.run(cypher.ACTOR_RECORDS, ids=[actor])
    if not rows:
        raise NotFoundError(f"no actor with id {actor!r}")
    record: Row = rows[0]["record"]
    return record


async def _record(
    tx: Tx,
    action: str,
    ids: Sequence[str],
    before: State,
    detail: dict[str, object],
    now: datetime,
    other: str | None = None,
) -> CurationRecord:
    [counter] = await tx.run(cypher.NEXT_CURATION_SEQ)
    record = CurationRecord(
        id=uuid.uuid4().hex[:12],
        action=action,
        actor_id=ids[0],
        other_id=other,
        detail=detail,
        created_at=now,
    )
    await tx.run(
        cypher.CREATE_CURATION,
        seq=counter["seq"],
        id=record.id,
        action=action,
        actor_id=record.actor_id,
        other_id=other,
        detail=json.dumps(detail, sort_keys=True),
        actors=list(ids),
        before=json.dumps(before, sort_keys=True),
        created_at=now,
    )
    return record


def _records(state: State) -> dict[str, Row]:
    return {str(r["id"]): dict(r) for r in state["actors"]}


def _add_names(record: Row, names: Sequence[str]) -> None:
    curated = list(record.get("curated_aliases") or ())
    record["curated_aliases"] = curated + [n for n in dict.fromkeys(names) if n not in curated]


def merged_state(before: State, keep: str, drop: str) -> State:
    """``drop`` folded into ``keep``: its curated names and split rules; its id redirects."""
    records = _records(before)
    kept, dropped = records[keep], records[drop]
    _add_names(kept, [*(dropped.get("curated_aliases") or ()), dropped["name"]])
    rules = [list(s) for s in before["splits"]]
    taken = {(f, k) for f, k, _ in rules}
    for rule in rules:  # drop's rules pass to keep, unless keep has one for that name
        if rule[0] == drop and (keep, rule[1]) not in taken:
            taken.add((keep, rule[1]))
            rule[0] = keep
    splits = [r for r in rules if r[0] != drop and not (r[0] == keep and r[2] == keep)]
    redirects = {f: keep if t == drop else t for f, t in before["redirects"]}
    redirects[drop] = keep
    return {"actors": [kept], "redirects": [[f, t] for f, t in sorted(redirects.items())],
            "splits": splits}  # fmt: skip


def split_state(before: State, actor: str, new_id: str, names: list[str], kind: ActorKind) -> State:
    """The names (folded) of ``actor`` sent to ``new_id`` by split rules; its record is made."""
    records = _records(before)
    keys = {fold(n) for n in names}
    new = records.setdefault(new_id, {
        "id": new_id, "name": names[0], "name_key": fold(names[0]), "kind": kind.value,
        "geonames_id": None, "latitude": None, "longitude": None, "country_code": None,
        "curated_aliases": [],
    })  # fmt: skip
    _add_names(new, names[1:])
    own = records[actor]
    own["curated_aliases"] = [n for n in own.get("curated_aliases") or () if fold(n) not in keys]
    rules = {(f, k): t for f, k, t in before["splits"]}
    rules.update({(actor, k): new_id for k in keys})
    return {
        "actors": [records[i] for i in sorted(records)],
        "redirects": [[f, t] for f, t in before["redirects"] if f != new_id],
        "splits": [[f, k, t] for (f, k), t in sorted(rules.items())],
    }


async def merge_actors(tx: Tx, keep: str, drop: str, now: datetime) -> CurationRecord:
    """Fold ``drop`` into ``keep``: its facts, names and split rules; its id redirects."""
    if keep == drop:
        raise BadInputError("an actor cannot be merged into itself")
    await _require(tx, keep)
    await _require(tx, drop)
    ids = [keep, drop]
    before = await capture(tx, ids)
    await _apply(tx, ids, merged_state(before, keep, drop))
    return await _record(tx, "merge", ids, before, {"keep": keep, "drop": drop}, now, drop)


async def add_alias(tx: Tx, actor: str, alias: str, now: datetime) -> CurationRecord:
    """Give an actor one more name; search finds it by that name from now on."""
    alias = " ".join(alias.split())
    if not fold(alias):
        raise BadInputError("an alias cannot be empty")
    await _require(tx, actor)
    before = await capture(tx, [actor])
    after = {**before, "actors": [dict(r) for r in before["actors"]]}
    _add_names(after["actors"][0], [alias])
    await _apply(tx, [actor], after)
    return await _record(tx, "alias", [actor], before, {"alias": alias}, now)


async def split_actor(
    tx: Tx, actor: str, names: Sequence[str], kind: ActorKind | None, now: datetime
) -> CurationRecord:
    """Move the given names of ``actor``, and the evidence naming it so, into a new actor."""
    own = await _require(tx, actor)
    cleaned = list(dict.fromkeys(" ".join(n.split()) for n in names if fold(n)))
    if not cleaned:
        raise BadInputError("a split needs at least one name")
    if fold(own["name"]) in {fold(n) for n in cleaned}:
        raise BadInputError(f"{own['name']!r} is the actor's own name: split off other names")
    new_kind = kind or ActorKind(own["kind"])
    new_id = actor_id(new_kind, cleaned[0])
    if new_id == actor:
        raise BadInputError(f"the split-off actor would have the same id {actor!r}")
    ids = [actor, new_id]
    redirected = (await load_resolver(tx)).redirect(new_id)
    if redirected not in (new_id, actor):  # its facts sit on a third actor
        ids.append(redirected)
    before = await capture(tx, ids)
    await _apply(tx, ids, split_state(before, actor, new_id, cleaned, new_kind))
    detail: dict[str, object] = {"names": cleaned, "new_actor_id": new_id, "kind": new_kind.value}
    return await _record(tx, "split", ids, before, detail, now, other=new_id)


async def undo(tx: Tx, curation_id: str, now: datetime) -> CurationRecord:
    """Put back the state a curation found, provided no later curation built on it."""
    rows = await tx.run(cypher.CURATION_BY_ID, id=curation_id)
    if not rows:
        raise NotFoundError(f"no curation with id {curation_id!r}")
    found = rows[0]["curation"]
    if found["action"] == "undo":
        raise BadInputError("an undo cannot itself be undone")
    if found["undone"]:
        raise BadInputError(f"curation {curation_id!r} is already undone")
    ids: list[str] = list(found["actors"])
    later = [
        row["id"]
        for row in await tx.run(cypher.LATER_CURATIONS, seq=found["seq"])
        if set(row["actors"]) & set(ids)
    ]
    if later:
        raise BadInputError(
            f"undo {', '.join(reversed(later))} first: later curations changed the same actors"
        )
    await _apply(tx, ids, json.loads(found["before"]))
    await tx.run(cypher.MARK_UNDONE, id=curation_id)
    detail: dict[str, object] = {"undoes": curation_id, "action": found["action"]}
    return await _record(tx, "undo", ids, {}, detail, now, other=found["other_id"])
