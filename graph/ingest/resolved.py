"""What resolution returns, and the word lists and tree helpers its parts share."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph.ingest.lexicon import Entry
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = [
    "ACTOR_KINDS",
    "DIRECTIONS",
    "MODIFIER_DEPS",
    "PLACE_KINDS",
    "QUANTIFIERS",
    "SKIP_WORDS",
    "Resolved",
    "phrase",
    "prep_objects",
]

ACTOR_KINDS = frozenset({ActorKind.STATE, ActorKind.FACTION, ActorKind.ORGANIZATION})
PLACE_KINDS = frozenset({ActorKind.CITY, ActorKind.REGION, ActorKind.FACILITY})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "nummod"})
SKIP_WORDS = word_set("skip_words")
QUANTIFIERS = word_set("quantifiers")
DIRECTIONS = word_set("directions")


@dataclass(frozen=True, slots=True)
class Resolved:
    entry: Entry
    surface: str  # the words that named it here
    generic: bool = False  # reached through a generic reference ("the rebels")
    alias: bool = True  # whether the surface may name the actor elsewhere ("rebels" may not)


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition, coordinated ones included."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    for conj in prep.conjuncts:  # "in and around the cities of ..."
        objects += [c for c in conj.children if c.dep_ == "pobj"]
    return [o for obj in objects for o in (obj, *obj.conjuncts)]


def phrase(start: Token, head: Token) -> str:
    """The words that named an actor, as written: "Assad's forces", 'Russian aircraft'."""
    first = min([start.i, *(t.i for t in head.lefts if t.dep_ in MODIFIER_DEPS)])
    breaks = [t.i for t in head.doc[first : start.i] if t.dep_ == "cc" or t.text in ",;"]
    if breaks:  # a misparse hung another conjunct on the head: "Hama and Turkish troops"
        first = breaks[-1] + 1
    span = head.doc[first : head.i + 1]
    while len(span) > 1 and (span[0].lower_ in SKIP_WORDS or span[0].is_punct):
        span = span[1:]
    return span.text or head.text
