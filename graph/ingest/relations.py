"""Relations read off the dependency parse.

Verbal triggers take their agent from the subject (or the "by" phrase of a passive, or the noun
a participle modifies: "troops, supported by US airstrikes") and their patient from the object
or a prepositional object ("fired rockets at"). Nominal triggers take their agent from a
possessor or modifier ("a Russian missile strike", "Iran's support"), a "by" phrase, or the
subject of the verb they hang from ("carried out strikes on", "continue their support for").
Compounds such as "Iran-backed group" and frames such as "Lashio fell to the MNDAA" have
patterns of their own.

Each family lives in its own module (verbs, verb_frames, nominal, compounds); this one runs
them over a sentence and keeps what they find.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from graph.ingest.compounds import CompoundPatterns
from graph.ingest.emit import Candidate, Emitter
from graph.ingest.lexicon import Triggers
from graph.ingest.nominal import NounPatterns
from graph.ingest.resolve import ACTOR_KINDS, PLACE_KINDS, Context
from graph.ingest.responsibility import ResponsibilityClaims
from graph.ingest.verb_frames import VerbFrames
from graph.ingest.verbs import VerbPatterns
from graph.model import RelationKind

__all__ = ["Candidate", "RelationReader"]


class RelationReader:
    def __init__(self, triggers: Triggers) -> None:
        self.emitter = Emitter(triggers)
        self.nouns = NounPatterns(triggers, self.emitter)
        self.verbs = VerbPatterns(
            triggers, self.emitter, VerbFrames(triggers, self.emitter), self.nouns
        )
        self.compounds = CompoundPatterns(self.emitter)
        self.claims = ResponsibilityClaims(self.emitter)

    def read(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        """Every relation the sentence states; a strike on a named actor is not also a strike
        on the place where it fell ('killed five Taliban fighters in Sangin')."""
        found = list(self._read(sent, ctx))
        hit_actors = {
            c.trigger.i
            for c in found
            if c.kind is RelationKind.STRIKES and c.target.entry.kind in ACTOR_KINDS
        }
        for cand in found:
            if (
                cand.kind is RelationKind.STRIKES
                and cand.trigger.i in hit_actors
                and cand.target.entry.kind in PLACE_KINDS
            ):
                continue  # a named person killed beside his side stays a target
            yield cand

    def _read(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.tag_ == "VBN" and token.dep_ == "amod"):
                yield from self.verbs.read(token, ctx)
            if token.pos_ in ("NOUN", "PROPN") or (
                token.tag_ == "VBG" and token.dep_ in ("nsubj", "dobj", "pobj")
            ):  # "Fighting between A and B continued"
                yield from self.nouns.read(token, ctx)
            yield from self.compounds.read(token, ctx)
        yield from self.compounds.leads(sent, ctx)
        yield from self.claims.read(sent, ctx)
