"""Writing articles into the Neo4j graph and keeping what derives from them in step.

The facts are per article: ``(:Article)-[:MENTIONS]->(:Actor)`` for each actor an article names
and ``(:Evidence)-[:FROM]->(:Article)`` for each report of a relation. Relationships between
actors, actor mention totals, aliases and search keys are derived from the facts and rebuilt
for whatever a write touched, in the same transaction, so each article is wholly stored or
absent. Merges and splits (``(:Redirect)``, ``(:SplitRule)``) decide which actor a fact lands
on, exactly as in the embedded store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph.errors import BadInputError
from graph.model import Actor, ActorKind, Extraction, Modality, RelationKind, relation_id
from graph.stores.base import IngestStatus
from graph.stores.neo4j import cypher
from graph.stores.neo4j.rows import Row, Tx, by_kind, event_properties
from graph.stores.sqlite.ingest import check_extraction
from graph.stores.sqlite.schema import fold

__all__ = [
    "RelationRef",
    "Resolver",
    "Touched",
    "batches",
    "delete_article",
    "ensure_actor_rows",
    "ingest_batch",
    "load_resolver",
    "rebuild_totals",
    "ref_from",
    "settle",
    "totals_row",
]


@dataclass(frozen=True, slots=True)
class RelationRef:
    """What locates a relation: its id, ends, kind and modality."""

    id: str
    source: str
    target: str
    kind: RelationKind
    modality: Modality

    def row(self) -> Row:
        return {"id": self.id, "source": self.source, "target": self.target,
                "modality": self.modality.value}  # fmt: skip


@dataclass
class Touched:
    """What a write changed, so derived values can be rebuilt for exactly those."""

    relations: dict[str, RelationRef] = field(default_factory=dict)
    actors: set[str] = field(default_factory=set)

    def add(self, ref: RelationRef) -> None:
        self.relations[ref.id] = ref
        self.actors.update((ref.source, ref.target))


class Resolver:
    """Where an extracted actor lands now: follows merges (redirects) and splits."""

    def __init__(self, redirects: dict[str, str], splits: dict[tuple[str, str], str]) -> None:
        self._redirects = redirects
        self._splits = splits

    def redirect(self, actor_id: str) -> str:
        return self._redirects.get(actor_id, actor_id)

    def resolve(self, origin_id: str, surface: str) -> str:
        current = self.redirect(origin_id)
        key = fold(surface)
        if not key:
            return current
        seen = {current}
        while (moved := self._splits.get((current, key))) is not None:
            moved = self.redirect(moved)
            if moved in seen:  # a cycle of splits: stay where we are
                break
            seen.add(moved)
            current = moved
        return current


async def load_resolver(tx: Tx) -> Resolver:
    """Read every redirect and split rule; curation keeps them few."""
    redirects = {r["from_id"]: r["to_id"] for r in await tx.run(cypher.REDIRECTS)}
    splits = {(r["from_id"], r["key"]): r["to_id"] for r in await tx.run(cypher.SPLIT_RULES)}
    return Resolver(redirects, splits)


def ref_from(fact: Row) -> RelationRef:
    """The relation an evidence row (``relation_id``, ends, kind, modality) belongs to."""
    return RelationRef(
        fact["relation_id"],
        fact["source"],
        fact["target"],
        RelationKind(fact["kind"]),
        Modality(fact["modality"]),
    )


def actor_row(actor_id: str, actor: Actor) -> Row:
    loc = actor.location
    return {
        "id": actor_id, "name": actor.name, "name_key": fold(actor.name),
        "kind": actor.kind.value, "geonames_id": loc.geonames_id if loc else None,
        "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
        "country_code": loc.country_code if loc else None,
    }  # fmt: skip


@dataclass
class Plan:
    """The rows one batch of articles writes, in the order the embedded store writes them."""

    articles: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    evidence: list[Row] = field(default_factory=list)


def _plan_mentions(ex: Extraction, resolver: Resolver, plan: Plan, seen: set[str]) -> None:
    merged: dict[str, tuple[Actor, set[str], int]] = {}
    for actor in ex.actors:  # an actor listed twice counts once, names unioned
        _, names, count = merged.get(actor.id, (actor, set(), 0))
        merged[actor.id] = (actor, names | set(actor.aliases), count + actor.mentions)
    for origin, (actor, aliases, count) in sorted(merged.items()):
        current = resolver.resolve(origin, actor.name)
        plan.actors.append(actor_row(current, actor))
        plan.mentions.append({
            "article_id": ex.article.id, "origin_id": origin, "actor_id": current,
            "name": actor.name, "aliases": sorted(aliases - {actor.name}), "mentions": count,
        })  # fmt: skip
        seen.add(current)


def _plan_evidence(
    ex: Extraction, resolver: Resolver, plan: Plan, seen: set[str], touched: Touched
) -> None:
    article = ex.article
    actors = {actor.id: actor for actor in ex.actors}
    count = 0
    for rel in ex.relations:
        for ev in rel.evidence:
            source = resolver.resolve(rel.source, ev.source_text)
            target = resolver.resolve(rel.target, ev.target_text)
            for end, origin in ((source, rel.source), (target, rel.target)):
                if end not in seen:  # a split sent this surface form elsewhere
                    plan.actors.append(actor_row(end, actors[origin]))
                    seen.add(end)
            ref = RelationRef(relation_id(source, rel.kind, target, rel.modality), source,
                              target, rel.kind, rel.modality)  # fmt: skip
            touched.add(ref)
            plan.evidence.append({
                "id": f"{article.id}:{count}", "relation_id": ref.id,
                "article_id": article.id, "origin_source": rel.source,
                "origin_target": rel.target, "source": source, "target": target,
                "kind": rel.kind.value, "modality": rel.modality.value,
                "sentence": ev.sentence, "start": ev.start, "end": ev.end,
                "trigger": ev.trigger, "source_text": ev.source_text,
                "target_text": ev.target_text, "extractor_version": ev.extractor_version,
                "confidence": rel.confidence, "published": ev.published or article.published,
                **event_properties(ev.event_date),
            })  # fmt: skip
            count += 1


def plan_articles(
    extractions: Sequence[Extraction], resolver: Resolver, now: datetime, touched: Touched
) -> Plan:
    """The rows for these articles (distinct ids), facts resolved through curation."""
    plan = Plan()
    for ex in extractions:
        article = ex.article
        plan.articles.append({
            "id": article.id, "title": article.title, "url": article.url,
            "published": article.published, "content_hash": article.content_hash,
            "ingested_at": now,
        })  # fmt: skip
        seen = set(touched.actors)
        _plan_mentions(ex, resolver, plan, seen)
        touched.actors |= seen
        _plan_evidence(ex, resolver, plan, seen, touched)
    return plan


async def ensure_actor_rows(tx: Tx, rows: Sequence[Row]) -> None:
    """Create the actors that are new (one statement per kind, the label from the enum)."""
    for kind, group in by_kind(rows).items():
        await tx.run(cypher.ensure_actors(ActorKind(kind)), rows=group)


async def _write_plan(tx: Tx, plan: Plan) -> None:
    await tx.run(cypher.UPSERT_ARTICLES, rows=plan.articles)
    await ensure_actor_rows(tx, plan.actors)
    if plan.mentions:
        await tx.run(cypher.CREATE_MENTIONS, rows=plan.mentions)
    if plan.evidence:
        await tx.run(cypher.CREATE_EVIDENCE, rows=plan.evidence)


async def _retract(tx: Tx, article_ids: list[str], touched: Touched) -> None:
    """Delete the facts of these articles, noting what they touched."""
    for row in await tx.run(cypher.RETRACT_MENTIONS, ids=article_ids):
        touched.actors.add(row["actor_id"])
    for row in await tx.run(cypher.RETRACT_EVIDENCE, ids=article_ids):
        touched.add(ref_from(row["fact"]))


def totals_row(facts: Row) -> Row:
    """An actor's derived values from its facts: aliases are the extracted names not split
    away plus curated ones, one per folded form (the smallest), sorted, its own name left out."""
    own = facts["name_key"]
    split = set(facts.get("split_keys") or ())
    names = [n for n in facts.get("names") or () if fold(n) not in split]
    by_key: dict[str, str] = {}
    for name in (*names, *(facts.get("curated_aliases") or ())):
        key = fold(name)
        if key != own and (key not in by_key or name < by_key[key]):
            by_key[key] = name
    keys = sorted({own, *by_key})
    return {
        "id": facts["id"], "mentions": int(facts.get("mentions") or 0),
        "aliases": sorted(by_key.values()), "search_keys": keys, "search_text": "\n".join(keys),
    }  # fmt: skip


async def rebuild_totals(tx: Tx, actor_ids: Iterable[str]) -> None:
    ids = sorted(set(actor_ids))
    if ids:
        facts = await tx.run(cypher.ACTOR_FACTS, ids=ids)
        await tx.run(cypher.SET_ACTOR_TOTALS, rows=[totals_row(f) for f in facts])


async def settle(tx: Tx, touched: Touched, *, collect: bool) -> None:
    """Rebuild touched relations and actor totals; ``collect`` drops actors left bare."""
    groups: dict[RelationKind, list[Row]] = {}
    for ref in sorted(touched.relations.values(), key=lambda r: r.id):
        groups.setdefault(ref.kind, []).append(ref.row())
    for kind, rows in groups.items():
        await tx.run(cypher.refresh_relations(kind), rows=rows)
    await rebuild_totals(tx, touched.actors)
    if collect and touched.actors:
        await tx.run(cypher.COLLECT_GARBAGE, ids=sorted(touched.actors))


async def ingest_batch(
    tx: Tx, extractions: Sequence[Extraction], now: datetime
) -> list[IngestStatus]:
    """Store articles with distinct ids in this transaction; unchanged ones write nothing."""
    ids = [ex.article.id for ex in extractions]
    stored: dict[str, Any] = {
        row["id"]: row["content_hash"] for row in await tx.run(cypher.ARTICLE_HASHES, ids=ids)
    }
    statuses = [
        IngestStatus.ADDED if ex.article.id not in stored
        else IngestStatus.UNCHANGED if stored[ex.article.id] == ex.article.content_hash
        else IngestStatus.REPLACED
        for ex in extractions
    ]  # fmt: skip
    pairs = [(ex, st) for ex, st in zip(extractions, statuses, strict=True)
             if st is not IngestStatus.UNCHANGED]  # fmt: skip
    if any(st is IngestStatus.REPLACED for _, st in pairs):
        # a retraction may leave actors bare: settle after each article, as one-by-one
        # ingest would, so an actor dropped by one text and named by the next starts afresh
        for ex, st in pairs:
            await _store(tx, [ex], now, replace=st is IngestStatus.REPLACED)
    elif pairs:  # only new articles: nothing is retracted, so nothing is left bare
        await _store(tx, [ex for ex, _ in pairs], now, replace=False)
    return statuses


async def _store(
    tx: Tx, extractions: Sequence[Extraction], now: datetime, *, replace: bool
) -> None:
    touched = Touched()
    if replace:
        await _retract(tx, [ex.article.id for ex in extractions], touched)
    plan = plan_articles(extractions, await load_resolver(tx), now, touched)
    await _write_plan(tx, plan)
    await settle(tx, touched, collect=True)


def _size(extraction: Extraction) -> int:
    return 1 + len(extraction.actors) + sum(len(r.evidence) for r in extraction.relations)


def batches(extractions: Iterable[Extraction], max_rows: int) -> Iterator[list[Extraction]]:
    """Consecutive articles grouped for one transaction each, whole articles only.

    A batch holds distinct article ids (a repeated id starts the next batch, so the second copy
    finds the first stored, as one-by-one ingest would) and at most ``max_rows`` rows, unless
    one article alone is bigger. An extraction that fails its check ends the run with a
    BadInputError, once the batch before it has been handed out.
    """
    batch: list[Extraction] = []
    ids: set[str] = set()
    rows = 0
    for extraction in extractions:
        try:
            check_extraction(extraction)
        except BadInputError:
            if batch:
                yield batch
            raise
        size = _size(extraction)
        if batch and (rows + size > max_rows or extraction.article.id in ids):
            yield batch
            batch, ids, rows = [], set(), 0
        batch.append(extraction)
        ids.add(extraction.article.id)
        rows += size
    if batch:
        yield batch


async def delete_article(tx: Tx, article_id: str) -> bool:
    """Delete an article and everything it evidenced; ``False`` when there was none."""
    if not await tx.run(cypher.ARTICLE_HASHES, ids=[article_id]):
        return False
    touched = Touched()
    await _retract(tx, [article_id], touched)
    await tx.run(cypher.DELETE_ARTICLES, ids=[article_id])
    await settle(tx, touched, collect=True)
    return True
