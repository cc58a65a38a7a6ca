"""Verbs whose arguments sit where the ordinary pattern does not look for them.

'X received weapons from Y' (Y backs X), 'A and B exchanged fire', 'the junta lost Lashio to
the MNDAA', 'the army drove the RSF out of Omdurman', 'Lashio fell to the MNDAA', 'troops
repulsed a Taliban attack'. Each frame is registered under the lemmas that open it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from graph.ingest.emit import Candidate, Emitter
from graph.ingest.lexicon import Triggers
from graph.ingest.repulse import REPEL_VERBS, attackers, repelled
from graph.ingest.resolve import ACTOR_KINDS, Context
from graph.ingest.tree import prep_objects, subjects, through, with_conj
from graph.ingest.words import word_set
from graph.model import RelationKind

__all__ = ["VerbFrames"]

CLASH_OBJECTS = word_set("clash_objects")
Frame = Callable[[Token, Context], Iterator[Candidate]]


class VerbFrames:
    def __init__(self, triggers: Triggers, emitter: Emitter) -> None:
        self.emitter = emitter
        self.control_nouns = triggers.words("control_nouns")
        materiel = triggers.words("materiel_nouns") | triggers.nouns("BACKS")
        self.materiel = materiel
        self.registry: dict[str, Frame] = {}
        for lemmas, frame in (
            (triggers.words("fall_verbs"), self._fell_to),
            (triggers.words("receive_verbs"), self._received),
            ({"exchange", "trade"}, self._exchanged),
            ({"lose"}, self._lost_to),
            (triggers.words("expel_verbs"), self._drove_out),
            (REPEL_VERBS, self._repelled),
        ):
            for lemma in lemmas:
                self.registry.setdefault(lemma, frame)

    def frame(self, verb: Token) -> Frame | None:
        """The frame a verb opens, if it opens one."""
        return self.registry.get(verb.lemma_.lower())

    def _received(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Hamas, which receives funding and weapons from Iran': Iran backs Hamas; 'the army
        received Iranian and Turkish drones': Iran and Turkey back the army."""
        objects = [o for c in verb.children if c.dep_ == "dobj" for o in with_conj(c)]
        given = [o for o in objects if o.lemma_ in self.materiel or o.lower_ in self.materiel]
        if not given:
            return
        backers = prep_objects(verb, {"from"}) or [
            m
            for o in given
            for c in o.children
            if c.dep_ in ("amod", "compound", "poss", "nmod") and ctx.modifier(c)
            for m in with_conj(c)
        ]
        for backer in backers:
            for recipient in subjects(verb):
                yield from self.emitter.pair(
                    RelationKind.BACKS, backer, recipient, verb, 0.8, ctx, {}
                )

    def _exchanged(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Hezbollah and Israel exchanged fire', 'X exchanged fire with Y'."""
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in CLASH_OBJECTS]
        if objects:
            sides = subjects(verb) + prep_objects(verb, {"with"})
            yield from self.emitter.reciprocal(sides, verb, ctx)

    def _lost_to(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'The junta lost Lashio to the MNDAA', 'lost control of X to Y'."""
        captors = prep_objects(verb, {"to"})
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        places = [p for o in objects for p in through(o)]
        places = [
            p
            for o in places
            for p in (prep_objects(o, {"of", "over"}) if o.lower_ in self.control_nouns else [o])
        ]
        for captor in captors:
            for place in places:
                yield from self._take(captor, place, verb, ctx)

    def _drove_out(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'The army drove the RSF out of Omdurman': the army takes Omdurman. Only when the
        one driven out is an armed actor: 'forced residents out of X' is no capture."""
        driven = [o for c in verb.children if c.dep_ == "dobj" for o in with_conj(c)]
        if not any(r.entry.kind in ACTOR_KINDS for d in driven for r in ctx.actors(d)):
            return
        outs = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == "out"]
        places = [p for o in outs for p in prep_objects(o, {"of"})]
        places += prep_objects(verb, {"from"})
        if not places:  # "drove the RSF out of" parsed with "of" on the verb
            places = prep_objects(verb, {"of"}) if outs else []
        for captor in subjects(verb):
            for place in places:
                yield from self._take(captor, place, verb, ctx)

    def _repelled(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Troops repulsed a Taliban attack': the two sides clashed."""
        sides = subjects(verb)
        for attack in repelled(verb):
            for attacker in attackers(attack, sides, ctx):
                for side in sides:
                    for repeller in ctx.actors(side) or ctx.modifier(side):
                        yield from self.emitter.emit(
                            RelationKind.FIGHTS, repeller, attacker, verb, 0.75
                        )

    def _fell_to(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Lashio fell to the MNDAA': the place is the subject, the captor follows 'to'."""
        places = [s for s in verb.children if s.dep_ == "nsubj"]
        captors = prep_objects(verb, {"to"})
        for place in places:
            for captor in captors:
                yield from self._take(captor, place, verb, ctx)

    def _take(self, captor: Token, place: Token, verb: Token, ctx: Context) -> Iterator[Candidate]:
        yield from self.emitter.pair(RelationKind.CAPTURES, captor, place, verb, 0.8, ctx, {})
