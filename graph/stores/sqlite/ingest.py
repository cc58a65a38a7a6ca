"""Writing one article into the embedded store: add, replace or delete, each one transaction.

The caller opens the transaction (``BEGIN IMMEDIATE``) and commits it, so an article is either
wholly stored or absent, even when the process is killed half-way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

from graph.errors import BadInputError
from graph.model import Actor, EventDate, Extraction, relation_id
from graph.stores.base import IngestStatus
from graph.stores.sqlite.facts import (
    Resolver,
    Touched,
    add_mention_rows,
    collect_garbage,
    recompute_relations,
)
from graph.stores.sqlite.schema import fold

__all__ = ["check_extraction", "retract_article", "write_article"]

_EVIDENCE_COLUMNS = (
    "relation_id, article_id, origin_source, origin_target, source, target, kind, modality, "
    'sentence, start, "end", trigger, source_text, target_text, extractor_version, '
    "confidence, published, event_start, event_end, event_precision, event_text"
)


def check_extraction(extraction: Extraction) -> None:
    """Refuse an extraction whose relations name actors it does not list."""
    if not extraction.article.id:
        raise BadInputError("an article needs an id")
    known = {actor.id for actor in extraction.actors}
    for relation in extraction.relations:
        for end in (relation.source, relation.target):
            if end not in known:
                raise BadInputError(
                    f"article {extraction.article.id!r}: relation {relation.kind.value} "
                    f"names actor {end!r}, which is not among the article's actors"
                )


def write_article(
    conn: sqlite3.Connection, extraction: Extraction, now: str
) -> tuple[IngestStatus, Touched]:
    """Store one article's extraction; the caller holds an open write transaction."""
    article = extraction.article
    row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
    if row is not None and row[0] == article.content_hash:
        return IngestStatus.UNCHANGED, Touched()
    touched = Touched()
    retracted = set() if row is None else _retract_facts(conn, article.id, touched)
    conn.execute(
        "INSERT OR REPLACE INTO articles(id, title, url, published, content_hash, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.title,
            article.url,
            _iso(article.published),
            article.content_hash,
            now,
        ),
    )
    resolver = Resolver(conn)
    _insert_mentions(conn, extraction, resolver, touched)
    _insert_evidence(conn, extraction, resolver, touched)
    # collect only after the new facts are in, so an actor the new text still names survives
    collect_garbage(conn, retracted)
    return (IngestStatus.ADDED if row is None else IngestStatus.REPLACED), touched


def retract_article(conn: sqlite3.Connection, article_id: str) -> Touched | None:
    """Delete an article and everything it evidenced; ``None`` when there was no such article."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        return None
    touched = Touched()
    retracted = _retract_facts(conn, article_id, touched)
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    collect_garbage(conn, retracted)
    return touched


def _retract_facts(conn: sqlite3.Connection, article_id: str, touched: Touched) -> set[str]:
    """Take out an article's mentions and evidence; returns the actors they were about."""
    mentions = conn.execute(
        "SELECT actor_id, name, aliases, mentions FROM actor_mentions WHERE article_id = ?",
        (article_id,),
    ).fetchall()
    add_mention_rows(conn, mentions, -1)
    conn.execute("DELETE FROM actor_mentions WHERE article_id = ?", (article_id,))
    ends = conn.execute(
        "SELECT DISTINCT relation_id, source, target FROM evidence WHERE article_id = ?",
        (article_id,),
    ).fetchall()
    conn.execute("DELETE FROM evidence WHERE article_id = ?", (article_id,))
    actors = {row[0] for row in mentions}
    for rid, source, target in ends:
        touched.relations[rid] = (source, target)
        actors.update((source, target))
    recompute_relations(conn, touched.relations)
    touched.actors |= actors
    return actors


def _insert_mentions(
    conn: sqlite3.Connection, extraction: Extraction, resolver: Resolver, touched: Touched
) -> None:
    merged: dict[str, tuple[Actor, set[str], int]] = {}
    for actor in extraction.actors:  # an actor listed twice counts once, names unioned
        _, names, count = merged.get(actor.id, (actor, set(), 0))
        merged[actor.id] = (actor, names | set(actor.aliases), count + actor.mentions)
    rows = []
    landed = []
    for origin, (actor, aliases, count) in sorted(merged.items()):
        current = resolver.resolve(origin, actor.name)
        landed.append((current, actor))
        aliases_json = json.dumps(sorted(aliases - {actor.name}))
        rows.append((extraction.article.id, origin, current, actor.name, aliases_json, count))
        touched.actors.add(current)
    _ensure_actors(conn, landed)
    conn.executemany(
        "INSERT INTO actor_mentions(article_id, origin_id, actor_id, name, aliases, mentions) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    add_mention_rows(conn, [row[2:] for row in rows], 1)


def _ensure_actors(conn: sqlite3.Connection, landed: Iterable[tuple[str, Actor]]) -> None:
    """Create actors from their extraction if they are new; fill in a location one lacked."""
    conn.executemany(
        "INSERT INTO actors(id, name, name_key, kind, geonames_id, latitude, longitude, "
        "country_code, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) "
        "ON CONFLICT(id) DO UPDATE SET geonames_id = excluded.geonames_id, "
        "latitude = excluded.latitude, longitude = excluded.longitude, "
        "country_code = excluded.country_code "
        "WHERE actors.geonames_id IS NULL AND excluded.geonames_id IS NOT NULL",
        [
            (actor_id, actor.name, fold(actor.name), actor.kind.value, *_location(actor))
            for actor_id, actor in landed
        ],
    )


def _location(actor: Actor) -> tuple[object, ...]:
    loc = actor.location
    if loc is None:
        return (None, None, None, None)
    return (loc.geonames_id, loc.latitude, loc.longitude, loc.country_code)


def _insert_evidence(
    conn: sqlite3.Connection, extraction: Extraction, resolver: Resolver, touched: Touched
) -> None:
    article = extraction.article
    actors = {actor.id: actor for actor in extraction.actors}
    rows = []
    for rel in extraction.relations:
        for ev in rel.evidence:
            source = resolver.resolve(rel.source, ev.source_text)
            target = resolver.resolve(rel.target, ev.target_text)
            for end, origin in ((source, rel.source), (target, rel.target)):
                if end not in touched.actors:  # a split sent this surface form elsewhere
                    _ensure_actors(conn, [(end, actors[origin])])
                    touched.actors.add(end)
            rid = relation_id(source, rel.kind, target, rel.modality)
            touched.relations[rid] = (source, target)
            rows.append(
                (
                    rid,
                    article.id,
                    rel.source,
                    rel.target,
                    source,
                    target,
                    rel.kind.value,
                    rel.modality.value,
                    ev.sentence,
                    ev.start,
                    ev.end,
                    ev.trigger,
                    ev.source_text,
                    ev.target_text,
                    ev.extractor_version,
                    rel.confidence,
                    _iso(ev.published or article.published),
                    *_event_columns(ev.event_date),
                )
            )
    conn.executemany(
        f"INSERT INTO evidence({_EVIDENCE_COLUMNS}) VALUES ({', '.join('?' * 21)})", rows
    )
    _add_to_relations(conn, rows)


def _add_to_relations(conn: sqlite3.Connection, rows: Iterable[tuple[object, ...]]) -> None:
    """Fold one new article's evidence into its relations without rereading older evidence."""
    sums: dict[str, list[object]] = {}
    for row in rows:
        rid, published, confidence = str(row[0]), row[16], row[15]
        agg = sums.get(rid)
        if agg is None:
            sums[rid] = [rid, row[4], row[5], row[6], row[7], confidence, published, published, 1]
            continue
        agg[5] = max(float(agg[5]), float(confidence))  # type: ignore[arg-type]
        agg[6] = _earliest(agg[6], published)
        agg[7] = _latest(agg[7], published)
        agg[8] = int(agg[8]) + 1  # type: ignore[call-overload]
    conn.executemany(
        "INSERT INTO relations(id, source, target, kind, modality, confidence, first_reported, "
        "last_reported, article_count, evidence_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
        "ON CONFLICT(id) DO UPDATE SET confidence = max(confidence, excluded.confidence), "
        "first_reported = min(coalesce(first_reported, excluded.first_reported), "
        "coalesce(excluded.first_reported, first_reported)), "
        "last_reported = max(coalesce(last_reported, excluded.last_reported), "
        "coalesce(excluded.last_reported, last_reported)), "
        "article_count = article_count + 1, "
        "evidence_count = evidence_count + excluded.evidence_count",
        [tuple(agg) for agg in sums.values()],
    )


def _earliest(a: object, b: object) -> object:
    return b if a is None else a if b is None else min(str(a), str(b))


def _latest(a: object, b: object) -> object:
    return b if a is None else a if b is None else max(str(a), str(b))


def _event_columns(event: EventDate | None) -> tuple[str | None, ...]:
    if event is None:
        return (None, None, None, None)
    return (_iso(event.start), _iso(event.end), event.precision.value, event.text)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
