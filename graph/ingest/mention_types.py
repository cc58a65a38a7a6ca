"""A mention of an actor or place in a document, and the index of a document's mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.ingest.lexicon import Entry
from graph.model import ActorKind

__all__ = ["Mention", "Mentions", "join_hyphens"]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token index
    end: int
    text: str
    entry: Entry
    reading: str  # a lexicon Reading, or "place", "facility", "entity"

    @property
    def kind(self) -> ActorKind:
        return self.entry.kind


@dataclass
class Mentions:
    """The mentions of one document, indexed by token."""

    items: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add(self, mention: Mention) -> None:
        self.items.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def at(self, index: int) -> Mention | None:
        return self.by_token.get(index)


def join_hyphens(text: str) -> str:
    """Undo the tokenizer's spacing around hyphens: 'Deir ez - Zor' is 'Deir ez-Zor'."""
    return text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
