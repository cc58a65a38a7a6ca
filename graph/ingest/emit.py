"""From a pair of argument tokens to candidate relations: resolve both ends, pick the
target's kind for the relation (an actor, a place, the place an unnamed target stood in), and
drop what cannot hold (self-loops, captured actors, aid agencies as backers)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from graph.ingest.lexicon import Triggers
from graph.ingest.resolve import ACTOR_KINDS, Context, Resolved
from graph.ingest.targets import located, with_containing
from graph.ingest.tree import placed_by, prep_objects, with_conj
from graph.ingest.words import word_set
from graph.model import ActorKind, RelationKind

__all__ = ["Candidate", "Emitter"]

#: Organizations whose help is not taking a side (organizations.yaml `type`).
UNARMED_ROLES = frozenset({"humanitarian", "media", "monitor", "court"})


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: RelationKind
    source: Resolved
    target: Resolved
    trigger: Token
    confidence: float


class Emitter:
    """Shared by every pattern family: turns argument tokens into candidates."""

    def __init__(self, triggers: Triggers) -> None:
        self.strike_nouns = triggers.nouns("STRIKES")
        self.force_nouns = triggers.words("force_nouns")

    def pair(
        self,
        kind: RelationKind,
        agent: Token,
        patient: Token,
        trigger: Token,
        confidence: float,
        ctx: Context,
        opts: dict[str, Any],
    ) -> Iterator[Candidate]:
        sources = ctx.actors(agent) or ctx.modifier(agent)
        if not sources and agent.pos_ == "NOUN":  # "hit by a Taliban-planted IED"
            sources = [
                r for a in placed_by(agent) + prep_objects(agent, {"by"}) for r in ctx.actors(a)
            ]
        if not sources and agent.lemma_ in self.strike_nouns:
            # "wounded by Turkish artillery fire", "killed by Russian air strikes": the
            # weapon's modifier names who fired it
            sources = [
                r
                for a in with_conj(agent)
                for c in a.children
                if c.dep_ in ("amod", "compound", "poss", "nmod", "nsubj")  # "by Houthi shelling"
                for r in ctx.modifier(c) or ctx.actors(c)  # "Afghan forces mortars"
            ]
        if kind in (RelationKind.BACKS, RelationKind.FIGHTS):
            targets = ctx.actors(patient)
        elif kind is RelationKind.CAPTURES:
            targets = ctx.places(patient)
            if patient.lower_ in ctx.settlement_nouns | ctx.facility_nouns:
                targets = located(targets, patient, trigger, ctx, owners=False)
        elif opts.get("actor_object"):
            targets = [r for r in ctx.actors(patient) if r.entry.kind is not ActorKind.PERSON]
            if _people_of(patient, ctx):
                targets = []  # "wounding 110 Afghans": people of a nation, not its state
            for named in (patient, *(c for c in patient.children if c.dep_ == "appos")):
                mention = ctx.mentions.at(named.i)  # "killed the group's leader, X"
                if mention is not None and mention.entry.kind is ActorKind.PERSON:
                    targets.append(Resolved(mention.entry, mention.text))
            if not targets and agent.lemma_ in self.strike_nouns:
                # "civilians were killed by Turkish shelling at X": the shelling hit X
                targets = located([], patient, trigger, ctx)
        else:
            targets = located(self.strike_targets(patient, ctx), patient, trigger, ctx)
            targets = with_containing(targets, ctx)
        for source in sources:
            for target in targets:
                yield from self.emit(
                    kind, source, target, trigger, confidence * _generic(source, target)
                )

    def strike_targets(self, patient: Token, ctx: Context) -> list[Resolved]:
        if _people_of(patient, ctx):
            return []  # the place where they were is still hit
        mention = ctx.mentions.at(patient.i)
        if mention is not None and mention.entry.kind is ActorKind.STATE and _part_of(patient):
            return []  # "operations in northern Syria" hit a region of it, not the state
        if mention is not None and mention.reading in ("capital", "seat"):
            return ctx.places(patient) or ctx.seat_site(patient)  # a strike on Kyiv hits the city
        if patient.lower_ in ctx.settlement_nouns:  # "struck Beirut's southern suburbs"
            owners = [c for c in patient.children if c.dep_ == "poss"]
            places = [p for o in owners for p in ctx.places(o)]
            if places:
                return places
        if patient.lower_ in ctx.facility_nouns and not _named_modifier(patient, ctx):
            return ctx.places(patient)
        return ctx.actors(patient) or ctx.places(patient)

    def reciprocal(self, sides: list[Token], verb: Token, ctx: Context) -> Iterator[Candidate]:
        """A clash among sides named together ('Indian and Pakistani troops clashed')."""
        actors: dict[str, Resolved] = {}
        for side in sides:
            for actor in ctx.actors(side) or ctx.modifier(side):
                actors.setdefault(actor.entry.name, actor)
        named = list(actors.values())
        for other in named[1:]:
            yield from self.emit(RelationKind.FIGHTS, named[0], other, verb, 0.8)

    def _bare_body(self, source: Resolved) -> bool:
        """An aid agency, a court or a body of states named by itself fights no one; its
        troops may ('African Union troops')."""
        words = set(source.surface.lower().split())
        return _is_unarmed_body(source) and not words & self.force_nouns

    def emit(
        self,
        kind: RelationKind,
        source: Resolved,
        target: Resolved,
        trigger: Token,
        confidence: float,
    ) -> Iterator[Candidate]:
        if source.entry.kind not in ACTOR_KINDS or source.entry.name == target.entry.name:
            return
        if (
            kind in (RelationKind.BACKS, RelationKind.FIGHTS)
            and target.entry.kind not in ACTOR_KINDS
            and not (kind is RelationKind.BACKS and target.entry.leads)  # backing a leader
        ):
            return
        if kind is RelationKind.BACKS and source.entry.role in UNARMED_ROLES:
            return  # "with the help of the Red Cross": aid agencies and the press back no side
        if kind in (RelationKind.STRIKES, RelationKind.CAPTURES) and self._bare_body(source):
            return  # "the United Nations has withdrawn ... and airstrikes blasted": misattached
        if kind is RelationKind.CAPTURES and target.entry.kind in ACTOR_KINDS | {ActorKind.PERSON}:
            return
        yield Candidate(kind, source, target, trigger, round(confidence, 3))


def _is_unarmed_body(resolved: Resolved) -> bool:
    return resolved.entry.role in UNARMED_ROLES | {"intergovernmental"}


def _part_of(token: Token) -> bool:
    """'in northern Syria', 'across eastern Ukraine': a part of the country, not its state."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in ("in", "inside", "within", "across")
        and any(c.dep_ == "amod" and c.lower_ in COMPASS_WORDS for c in token.children)
    )


COMPASS_WORDS = word_set("compass_adjectives")


def _generic(source: Resolved, target: Resolved) -> float:
    return 0.85 if source.generic or target.generic else 1.0


def _named_modifier(token: Token, ctx: Context) -> bool:
    for child in token.children:
        mention = ctx.mentions.at(child.i)
        if child.dep_ in ("compound", "poss", "amod", "nmod") and mention is not None:
            return mention.entry.kind in ACTOR_KINDS
    return False


def _people_of(patient: Token, ctx: Context) -> bool:
    """'110 Afghans', 'twelve Ukrainians': people of a nation counted among the dead or
    wounded are its people, not its state ('attacked the Russians' still names the side)."""
    mention = ctx.mentions.at(patient.i)
    return (
        mention is not None
        and mention.reading == "people"
        and any(c.dep_ == "nummod" or c.like_num for c in patient.children)
    )
