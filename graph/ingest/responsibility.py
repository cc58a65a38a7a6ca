"""Responsibility claimed for an event told before: 'A roadside bomb hit a police truck in
Mandera, killing four officers. Al-Shabaab claimed responsibility.'

The claimant is the author of the nearest earlier event that names none of its own (a bomb, a
blast, an attack with no 'by' and no named side), within the last few sentences. The claim is
a party's own account of its act, so the strike it makes is reported, as the gold conventions
of conflict monitors read it. 'Claimed responsibility for an attack on X' names its event
itself and is read by the noun patterns.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graph.ingest.emit import Candidate, Emitter
from graph.ingest.resolve import Context
from graph.ingest.tree import (
    casualties,
    explained_casualties,
    placed_by,
    prep_objects,
    subjects,
)
from graph.ingest.words import word_set
from graph.model import RelationKind

__all__ = ["ResponsibilityClaims"]

CLAIMED_NOUNS = frozenset({"responsibility", "credit"})
UNCLAIMED_EVENTS = word_set("unclaimed_events")
LOOK_BACK_SENTENCES = 2


class ResponsibilityClaims:
    def __init__(self, emitter: Emitter) -> None:
        self.emitter = emitter

    def read(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        for verb in sent:
            if verb.lemma_ != "claim" or not _claims_responsibility(verb):
                continue
            event = _nearest_unclaimed_event(ctx, verb)
            if event is None:
                continue
            victims = explained_casualties(event) or _casualties_above(event)
            targets = [v for v in victims if ctx.actors(v)] or [event]
            for claimant in subjects(verb):
                if not ctx.actors(claimant):
                    continue
                for target in targets:
                    yield from self.emitter.pair(
                        RelationKind.STRIKES, claimant, target, event, 0.7, ctx, {}
                    )


def _claims_responsibility(verb: Token) -> bool:
    """'claimed responsibility', or 'for the attack' with nothing more said of which one:
    'for Monday's attack' or 'for an attack on X' points at an event of its own."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lower_ in CLAIMED_NOUNS:
            return all(_bare_reference(o) for o in prep_objects(obj, {"for"}))
    return False


def _bare_reference(event: Token) -> bool:
    return all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in event.children)


def _nearest_unclaimed_event(ctx: Context, verb: Token) -> Token | None:
    doc = ctx.doc
    first = verb.sent.start
    for _ in range(LOOK_BACK_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for token in reversed(doc[first : verb.sent.start]):
        if token.lemma_.lower() in UNCLAIMED_EVENTS and _authorless(token, ctx):
            return token
    return None


def _authorless(event: Token, ctx: Context) -> bool:
    """No 'by X', no 'X-planted', no named side in a modifier: nobody has claimed it yet."""
    if prep_objects(event, {"by"}) or placed_by(event):
        return False
    return not any(
        ctx.modifier(c) or ctx.actors(c)
        for c in event.children
        if c.dep_ in ("amod", "compound", "poss", "nmod")
    )


def _casualties_above(event: Token) -> list[Token]:
    """'four officers were killed when their vehicle hit a bomb': the dead of the clause the
    event is told in."""
    for verb in list(event.ancestors)[:4]:
        found = casualties(verb)
        if found:
            return found
    return []
