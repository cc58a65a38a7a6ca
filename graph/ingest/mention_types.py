"""A mention of an actor or place in a document, and the index of a document's mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import LOWER, POS
from spacy.tokens import Doc, Token

from graph.ingest.lexicon import Entry
from graph.model import ActorKind

__all__ = ["Mention", "Mentions", "join_hyphens", "tokens_where"]


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


_HASHES: dict[frozenset[str], frozenset[int]] = {}


def tokens_where(
    doc: Doc, *, lower_in: frozenset[str] | None = None, pos: str | None = None
) -> list[Token]:
    """The tokens whose lower-case form is one of ``lower_in`` or whose part of speech is
    ``pos``: found over the document's arrays, so that a pass over a long article does not
    build a Python object for every one of its words."""
    if lower_in is not None:
        hashes = _HASHES.get(lower_in)
        if hashes is None:
            hashes = _HASHES[lower_in] = frozenset(doc.vocab.strings.add(w) for w in lower_in)
        column = doc.to_array(LOWER).tolist()
        return [doc[i] for i, value in enumerate(column) if value in hashes]
    wanted = doc.vocab.strings[pos or ""]
    return [doc[i] for i, value in enumerate(doc.to_array(POS).tolist()) if value == wanted]
