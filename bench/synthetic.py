"""Synthetic graphs with a heavy-tailed degree distribution, as synthetic extractions.

Endpoints are drawn by preferential attachment (Price's model): each end of a new relation is
a new actor with a small probability, otherwise an existing one chosen in proportion to its
degree so far. That gives a power-law degree distribution: a few hubs (the states and big
factions of real reporting) with thousands of relations, most actors with one or two.

Actors come in three pools so the relations make sense: armed actors (factions, states,
organizations) act; people lead; places (cities, regions, facilities) are struck and captured.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graph.model import (
    FACTUAL_MODALITIES,
    Actor,
    ActorKind,
    Article,
    Evidence,
    Extraction,
    Modality,
    Relation,
    RelationKind,
    actor_id,
)

__all__ = ["SyntheticGraph", "extractions", "query_plan", "synthetic_graph"]

P_NEW = 0.12  # chance that an endpoint is a new actor: about one actor per four relations
_SYLLABLES = [
    "ka",
    "ra",
    "mo",
    "ta",
    "lu",
    "en",
    "so",
    "ba",
    "di",
    "ne",
    "vo",
    "ur",
    "ash",
    "ze",
    "mir",
    "tal",
    "gor",
    "hin",
    "bel",
    "ud",
    "na",
    "sha",
    "ko",
    "rim",
    "lo",
    "fa",
    "dar",
    "jun",
    "pe",
    "vel",
    "ost",
    "ama",
    "tor",
    "ibe",
    "li",
    "wen",
    "qa",
    "zu",
    "har",
    "nel",
]
_POOLS = {
    "armed": ((ActorKind.FACTION, 0.8), (ActorKind.STATE, 0.05), (ActorKind.ORGANIZATION, 0.15)),
    "person": ((ActorKind.PERSON, 1.0),),
    "place": ((ActorKind.CITY, 0.6), (ActorKind.REGION, 0.15), (ActorKind.FACILITY, 0.25)),
}
_SUFFIX = {
    ActorKind.FACTION: ("Front", "Brigade", "Movement", "Army", "Forces", "Militia", "Alliance"),
    ActorKind.STATE: ("Republic",),
    ActorKind.ORGANIZATION: ("Council", "Relief Agency", "Party"),
    ActorKind.REGION: ("Province", "Valley", "District"),
    ActorKind.FACILITY: ("Airport", "Bridge", "Depot", "Hospital", "Barracks"),
}
# relation kind -> (weight, source pool, target pool)
_KINDS = (
    (RelationKind.STRIKES, 0.22, "armed", "place"),
    (RelationKind.STRIKES, 0.13, "armed", "armed"),
    (RelationKind.FIGHTS, 0.2, "armed", "armed"),
    (RelationKind.BACKS, 0.2, "armed", "armed"),
    (RelationKind.CAPTURES, 0.15, "armed", "place"),
    (RelationKind.LEADS, 0.1, "person", "armed"),
)
_MODALITIES = (
    (Modality.ASSERTED, 0.45),
    (Modality.REPORTED, 0.3),
    (Modality.CLAIMED, 0.08),
    (Modality.ALLEGED, 0.07),
    (Modality.DENIED, 0.05),
    (Modality.HYPOTHETICAL, 0.05),
)
_VERBS = {
    RelationKind.STRIKES: "struck",
    RelationKind.FIGHTS: "clashed with",
    RelationKind.BACKS: "backs",
    RelationKind.CAPTURES: "captured",
    RelationKind.LEADS: "leads",
}


@dataclass
class SyntheticGraph:
    """Actors as (id, name, kind); relations as (source index, target index, kind, modality)."""

    actors: list[tuple[str, str, ActorKind]] = field(default_factory=list)
    relations: list[tuple[int, int, RelationKind, Modality]] = field(default_factory=list)

    def degrees(self) -> list[int]:
        counts = [0] * len(self.actors)
        for s, t, _, _ in self.relations:
            counts[s] += 1
            counts[t] += 1
        return counts


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.graph = SyntheticGraph()
        self.ends: dict[str, list[int]] = {pool: [] for pool in _POOLS}  # repeated by degree
        self.names: set[str] = set()

    def _name(self, kind: ActorKind) -> str:
        rng = self.rng
        for attempt in range(50):
            root = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3))))
            root = root.capitalize() + (f" {attempt}" if attempt > 10 else "")
            if kind is ActorKind.PERSON:
                name = f"{rng.choice(_SYLLABLES).capitalize()}{rng.choice(_SYLLABLES)} {root}"
            elif kind is ActorKind.CITY:
                name = root
            else:
                name = f"{root} {rng.choice(_SUFFIX[kind])}"
            if actor_id(kind, name) not in self.names:
                self.names.add(actor_id(kind, name))
                return name
        raise RuntimeError("could not find a fresh actor name")

    def pick(self, pool: str) -> int:
        ends = self.ends[pool]
        if ends and self.rng.random() >= P_NEW:
            return self.rng.choice(ends)
        kinds, weights = zip(*_POOLS[pool], strict=True)
        kind = self.rng.choices(kinds, weights)[0]
        name = self._name(kind)
        self.graph.actors.append((actor_id(kind, name), name, kind))
        return len(self.graph.actors) - 1


def synthetic_graph(n_relations: int, seed: int = 11) -> SyntheticGraph:
    """A graph of exactly ``n_relations`` distinct relations (no self-loops), deterministic."""
    builder = _Builder(random.Random(seed))
    rng, seen = builder.rng, set()
    kinds = [k for k in _KINDS]
    weights = [k[1] for k in _KINDS]
    modalities, m_weights = zip(*_MODALITIES, strict=True)
    while len(builder.graph.relations) < n_relations:
        kind, _, src_pool, dst_pool = rng.choices(kinds, weights)[0]
        s, t = builder.pick(src_pool), builder.pick(dst_pool)
        modality = rng.choices(modalities, m_weights)[0]
        if s == t or (s, t, kind, modality) in seen:
            continue
        seen.add((s, t, kind, modality))
        builder.graph.relations.append((s, t, kind, modality))
        builder.ends[src_pool].append(s)
        builder.ends[dst_pool].append(t)
    return builder.graph


def extractions(
    graph: SyntheticGraph, per_article: int = 250, seed: int = 11
) -> Iterator[Extraction]:
    """The graph as articles of ``per_article`` relations each, one evidence sentence apiece."""
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    for first in range(0, len(graph.relations), per_article):
        chunk = graph.relations[first : first + per_article]
        art_id = f"synthetic-{seed}-{first // per_article:06d}"
        published = start + timedelta(days=rng.randrange(3650))
        sentences: list[str] = []
        relations: list[Relation] = []
        ends: set[int] = set()
        offset = 0
        for s, t, kind, modality in chunk:
            (sid, sname, _), (tid, tname, _) = graph.actors[s], graph.actors[t]
            sentence = f"{sname} {_VERBS[kind]} {tname}, officials said."
            ev = Evidence(
                art_id,
                sentence,
                offset,
                offset + len(sentence),
                _VERBS[kind],
                sname,
                tname,
                published=published,
            )
            relations.append(
                Relation(
                    sid,
                    tid,
                    kind,
                    modality,
                    round(rng.uniform(0.5, 1), 2),
                    (ev,),
                    published,
                    published,
                )
            )
            sentences.append(sentence)
            offset += len(sentence) + 1
            ends.update((s, t))
        actors = tuple(
            Actor(graph.actors[i][0], graph.actors[i][1], graph.actors[i][2], mentions=1)
            for i in sorted(ends)
        )
        article = Article(
            art_id,
            " ".join(sentences),
            f"Synthetic report {first // per_article}",
            published=published,
        )
        yield Extraction(article, actors, tuple(relations))


def query_plan(graph: SyntheticGraph, loaded: int, rng: random.Random, n: int) -> dict[str, Any]:
    """Query arguments drawn from the first ``loaded`` relations: uniform and degree-weighted."""
    rels = graph.relations[:loaded]
    ids = sorted({i for s, t, _, _ in rels for i in (s, t)})
    backed = [t for s, t, k, m in rels if k is RelationKind.BACKS and m in FACTUAL_MODALITIES]
    weighted = [e for s, t, _, _ in rels for e in (s, t)]
    backed_once = sorted(set(backed)) or ids

    def name(i: int) -> str:
        return str(graph.actors[i][0])

    words = [graph.actors[i][1].split()[0][:5].lower() for i in rng.sample(ids, min(n, len(ids)))]
    return {
        "uniform": [name(rng.choice(ids)) for _ in range(n)],
        "weighted": [name(rng.choice(weighted)) for _ in range(n)],
        "backed_uniform": [name(rng.choice(backed_once)) for _ in range(n)],
        "backed_weighted": [name(rng.choice(backed or ids)) for _ in range(n)],
        "pairs_uniform": [[name(rng.choice(ids)), name(rng.choice(ids))] for _ in range(n)],
        "pairs_weighted": [
            [name(rng.choice(weighted)), name(rng.choice(weighted))] for _ in range(n)
        ],
        "words": words,
    }
