"""What a store must hold after ingesting some extractions, computed the plain way.

This is the contract's definition of merging, written independently of any store. The latest
text of each article counts (the same text again changes nothing, even with other facts).
Reports of one (source, kind, target, modality) merge into one relation whose confidence is
the maximum, whose dates are the earliest and latest dated evidence and whose evidence comes in
a fixed order. An actor's mentions are summed over the articles naming it; its aliases are
every name the articles gave it but its own, one per folded form (the smallest string), sorted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date

from graph.model import Actor, Evidence, Extraction, Relation
from graph.stores.base import GraphSnapshot

__all__ = ["evidence_order", "expected_snapshot", "fold", "ingested"]


def fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def evidence_order(ev: Evidence) -> tuple[object, ...]:
    return (
        ev.article_id, ev.start, ev.end, ev.sentence, ev.trigger, ev.source_text,
        ev.target_text, ev.extractor_version, ev.published or date.min,
    )  # fmt: skip


def ingested(current: dict[str, Extraction], ex: Extraction) -> None:
    """Ingest into a plain dict: a new text replaces the old, the same text changes nothing."""
    old = current.get(ex.article.id)
    if old is None or old.article.content_hash != ex.article.content_hash:
        current[ex.article.id] = ex


def _latest(extractions: Iterable[Extraction]) -> list[Extraction]:
    current: dict[str, Extraction] = {}
    for ex in extractions:
        ingested(current, ex)
    return list(current.values())


def _relations(current: list[Extraction]) -> dict[str, Relation]:
    grouped: dict[str, list[tuple[Relation, Evidence]]] = {}
    for ex in current:
        for rel in ex.relations:
            for ev in rel.evidence:
                published = ev.published or ex.article.published
                stored = Evidence(
                    ex.article.id, ev.sentence, ev.start, ev.end, ev.trigger, ev.source_text,
                    ev.target_text, ev.extractor_version, published,
                )  # fmt: skip
                grouped.setdefault(rel.id, []).append((rel, stored))
    out = {}
    for rid, reports in grouped.items():
        rel = reports[0][0]
        dates = [ev.published for _, ev in reports if ev.published is not None]
        out[rid] = Relation(
            rel.source, rel.target, rel.kind, rel.modality,
            confidence=max(r.confidence for r, _ in reports),
            evidence=tuple(sorted((ev for _, ev in reports), key=evidence_order)),
            first_reported=min(dates, default=None), last_reported=max(dates, default=None),
            id=rid,
        )  # fmt: skip
    return out


def _actors(current: list[Extraction]) -> dict[str, Actor]:
    first: dict[str, Actor] = {}
    names: dict[str, set[str]] = {}
    mentions: dict[str, int] = {}
    for ex in current:
        for one in ex.actors:
            first.setdefault(one.id, one)
            names.setdefault(one.id, set()).update((one.name, *one.aliases))
            mentions[one.id] = mentions.get(one.id, 0) + one.mentions
    out = {}
    for aid, one in first.items():
        by_key: dict[str, str] = {}
        for name in sorted(names[aid]):
            if fold(name) != fold(one.name):
                by_key.setdefault(fold(name), name)
        out[aid] = Actor(
            aid, one.name, one.kind, tuple(sorted(by_key.values())), one.location, mentions[aid]
        )
    return out


def expected_snapshot(extractions: Iterable[Extraction]) -> GraphSnapshot:
    """The snapshot a store must return after ingesting ``extractions`` in this order.

    Actor names, kinds and locations are taken as the first extraction gave them (the tests
    keep them the same for one id everywhere).
    """
    current = _latest(extractions)
    relations = _relations(current)
    actors = _actors(current)
    return GraphSnapshot(
        actors=tuple(actors[a] for a in sorted(actors)),
        relations=tuple(relations[r] for r in sorted(relations)),
    )
