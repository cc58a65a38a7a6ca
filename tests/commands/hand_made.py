"""A small hand-made graph, so that the query commands are tested on exact, known facts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"


@dataclass(frozen=True)
class Run:
    """What one in-process run of ``actorgraph`` did."""

    code: int
    out: str
    err: str


CLI = Callable[..., Run]

IRAN = Actor(actor_id(ActorKind.STATE, "Iran"), "Iran", ActorKind.STATE, ("Tehran",), mentions=2)
HEZBOLLAH = Actor(actor_id(ActorKind.FACTION, "Hezbollah"), "Hezbollah", ActorKind.FACTION)
HAMAS = Actor(actor_id(ActorKind.FACTION, "Hamas"), "Hamas", ActorKind.FACTION)
QATAR = Actor(actor_id(ActorKind.STATE, "Qatar"), "Qatar", ActorKind.STATE)
ISRAEL = Actor(actor_id(ActorKind.STATE, "Israel"), "Israel", ActorKind.STATE)
BEIRUT = Actor(actor_id(ActorKind.CITY, "Beirut"), "Beirut", ActorKind.CITY)
FRONT_FACTION = Actor(
    actor_id(ActorKind.FACTION, "Popular Front"), "Popular Front", ActorKind.FACTION
)
FRONT_PARTY = Actor(
    actor_id(ActorKind.ORGANIZATION, "Popular Front"), "Popular Front", ActorKind.ORGANIZATION
)

# source, kind, target, modality, sentence, trigger
Fact = tuple[Actor, RelationKind, Actor, Modality, str, str]


def extraction(
    article_id: str, published: date, actors: Sequence[Actor], facts: Sequence[Fact]
) -> Extraction:
    """An extraction whose evidence points at real sentences of the article's text."""
    text = " ".join(sentence for *_, sentence, _ in facts) + " The fighting went on."
    article = Article(article_id, text, title=f"Article {article_id}", published=published)
    relations = []
    for source, kind, target, modality, sentence, trigger in facts:
        start = text.index(sentence)
        evidence = Evidence(
            article_id, sentence, start, start + len(sentence), trigger,
            source_text=source.name, target_text=target.name, published=published,
        )  # fmt: skip
        relations.append(
            Relation(source.id, target.id, kind, modality, 0.8, (evidence,), published, published)
        )
    return Extraction(article, tuple(actors), tuple(relations))


HAND_MADE = (
    extraction(
        "levant-1", date(2024, 1, 10), [IRAN, HEZBOLLAH, HAMAS],
        [
            (IRAN, RelationKind.BACKS, HEZBOLLAH, Modality.ASSERTED,
             "Iran backs Hezbollah with money and missiles.", "backs"),
            (HEZBOLLAH, RelationKind.BACKS, HAMAS, Modality.ASSERTED,
             "Hezbollah backs Hamas in its war with Israel.", "backs"),
        ],
    ),
    extraction(
        "levant-2", date(2024, 3, 2), [IRAN, HEZBOLLAH, HAMAS, QATAR, ISRAEL, BEIRUT],
        [
            (IRAN, RelationKind.BACKS, HEZBOLLAH, Modality.ASSERTED,
             "Iran backs Hezbollah, diplomats said.", "backs"),
            (QATAR, RelationKind.BACKS, HAMAS, Modality.ASSERTED,
             "Qatar backs Hamas politically and hosts its leaders.", "backs"),
            (ISRAEL, RelationKind.STRIKES, BEIRUT, Modality.ASSERTED,
             "Israeli jets struck Beirut on Friday.", "struck"),
            (IRAN, RelationKind.BACKS, HAMAS, Modality.DENIED,
             "Tehran denied arming Hamas.", "arming"),
        ],
    ),
    extraction(
        "fronts-1", date(2024, 4, 1), [FRONT_FACTION, FRONT_PARTY, ISRAEL],
        [
            (FRONT_FACTION, RelationKind.STRIKES, ISRAEL, Modality.CLAIMED,
             "The Popular Front claimed it struck Israel.", "struck"),
        ],
    ),
)  # fmt: skip
