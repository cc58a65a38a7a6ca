"""Ingest many large articles into a store, printing each id once it is committed.

Run by ``test_crash.py`` as ``python crash_child.py STORE_PATH COUNT BATCH`` (``ingest`` one
article at a time when BATCH is 1, else ``ingest_many`` in batches), then killed mid-way.
"""

from __future__ import annotations

import asyncio
import random
import sys
from datetime import date, timedelta

from graph.model import (
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
from graph.stores.sqlite.store import EmbeddedStore

GROUPS = [f"Brigade {n}" for n in range(60)]


def bulk_extraction(number: int, relations: int = 150) -> Extraction:
    """A big, deterministic article, so that killing the writer often lands inside one."""
    rng = random.Random(number)
    article_id = f"bulk-{number:04d}"
    published = date(2020, 1, 1) + timedelta(days=number)
    sentences, facts = [], []
    for i in range(relations):
        source, target = rng.sample(GROUPS, 2)
        kind = rng.choice(list(RelationKind))
        sentence = f"{source} {kind.value.lower()} {target} ({number}.{i})."
        sentences.append(sentence)
        facts.append((source, kind, target, sentence))
    text = " ".join(sentences)
    actors = {
        name: Actor(actor_id(ActorKind.FACTION, name), name, ActorKind.FACTION, mentions=2)
        for fact in facts for name in fact[:3:2]
    }  # fmt: skip
    rels = []
    for source, kind, target, sentence in facts:
        start = text.index(sentence)
        ev = Evidence(article_id, sentence, start, start + len(sentence), kind.value.lower(),
                      source, target, published=published)  # fmt: skip
        modality = rng.choice([Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED])
        rels.append(Relation(actors[source].id, actors[target].id, kind, modality,
                             rng.choice([0.4, 0.7, 0.9]), (ev,)))  # fmt: skip
    article = Article(article_id, text, f"Bulk {number}", published=published)
    return Extraction(article, tuple(actors.values()), tuple(rels))


async def main(path: str, count: int, batch: int) -> None:
    store = EmbeddedStore(path)
    await store.open()
    for first in range(0, count, batch):
        numbers = range(first, min(first + batch, count))
        if batch == 1:
            await store.ingest(bulk_extraction(first))
        else:
            await store.ingest_many([bulk_extraction(n) for n in numbers])
        for number in numbers:
            print(f"bulk-{number:04d}", flush=True)
    await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
