"""Relations named by verbs: 'Russian drones struck Odesa', 'the SDF, backed by the US',
'RSF fighters shelled besieged El Fasher', 'fought alongside X against Y'.

The agent is the subject (or the 'by' phrase of a passive, or the noun a participle modifies:
'troops, supported by US airstrikes'); the patient is the object, a prepositional object
('fired rockets at'), or where weapons fell. Verbs that open a frame of their own ('fell to',
'received from', 'repulsed') are read by :mod:`graph.ingest.verb_frames`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Token

from graph.ingest.emit import Candidate, Emitter
from graph.ingest.lexicon import Triggers
from graph.ingest.nominal import NounPatterns
from graph.ingest.resolve import Context
from graph.ingest.targets import named_after
from graph.ingest.tree import (
    CASUALTY_VERBS,
    OBJECT_DEPS,
    prep_objects,
    subjects,
    through,
    with_conj,
)
from graph.ingest.verb_frames import VerbFrames
from graph.model import RelationKind

__all__ = ["VerbPatterns"]

RELATIVES = frozenset({"which", "who", "that", "whom"})


class VerbPatterns:
    def __init__(
        self, triggers: Triggers, emitter: Emitter, frames: VerbFrames, nouns: NounPatterns
    ) -> None:
        self.t, self.emitter, self.frames, self.nouns = triggers, emitter, frames, nouns
        self.control_nouns = triggers.words("control_nouns")
        self.alongside = triggers.words("alongside_preps")

    def read(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        lemma = verb.lemma_.lower()
        frame = self.frames.frame(verb)
        if frame is not None:
            yield from frame(verb, ctx)
            return
        found = self.t.verb(lemma) or self.t.verb(verb.lower_)
        if found is None:
            return
        kind, opts = RelationKind(found[0]), found[1]
        agents, patients, passive = self.arguments(verb, kind, opts)
        if kind is RelationKind.FIGHTS and any(p.lower_ in self.alongside for p in verb.children):
            # "fought alongside X against Y": allied with X (no backing is told), and still
            # fights Y
            for agent in agents:
                for enemy in prep_objects(verb, {"against"}):
                    yield from self.emitter.pair(kind, agent, enemy, verb, 0.8, ctx, opts)
            kind, patients = RelationKind.ALLIED_WITH, prep_objects(verb, self.alongside)
        if kind is RelationKind.FIGHTS and not patients:
            yield from self.emitter.reciprocal(agents, verb, ctx)  # "A and B clashed"
            return
        confidence = float(opts.get("confidence", 0.85 if not passive else 0.8))
        if opts.get("named_object"):
            patients = [p for p in patients if p.pos_ != "PRON"]
        for agent in agents:
            for patient in patients:
                yield from self.emitter.pair(kind, agent, patient, verb, confidence, ctx, opts)

    def arguments(
        self, verb: Token, kind: RelationKind, opts: dict[str, Any]
    ) -> tuple[list[Token], list[Token], bool]:
        agents = subjects(verb)
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agent_by = prep_objects(verb, {"by"}, deps=("agent", "prep"))
        misparsed = (
            verb.dep_ == "acl"
            and any(c.dep_ == "dobj" for c in verb.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)
        )
        if misparsed and not agent_by and verb.head.pos_ in ("NOUN", "PROPN"):
            # "an operation by Afghan commandos killed 8 militants": a past tense with an
            # object, read as a participle of the noun before it; that noun is its subject
            agents = with_conj(verb.head)
        elif verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":  # "troops, supported by X"
            backed = [verb.head] if _in_between(verb.head) else with_conj(verb.head)
            return _between_sides_apart(verb, agent_by), backed, True
        if not passive and verb.dep_ == "conj" and verb.tag_ == "VBN" and agent_by:
            # "which was seized by X but later recaptured by Y": the conjunct shares the subject
            passive = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
            verb_of_clause = verb.head
        else:
            verb_of_clause = verb
        if passive and not agent_by:
            # "an officer was shot dead and two others injured by X": the agent told once,
            # on the participle of the second clause, is the first clause's too
            agent_by = [
                a
                for c in verb.children
                if c.dep_ == "conj"
                for p in (c, *c.children)
                if p.tag_ == "VBN" and p.lemma_ in CASUALTY_VERBS | {verb.lemma_}
                for a in prep_objects(p, {"by"}, deps=("agent", "prep"))
            ]
        if passive:
            patient = passive[0]
            if patient.lower_ in RELATIVES and verb_of_clause.dep_ == "relcl":
                patient = verb_of_clause.head  # "the SDF, which is backed by the United States"
            return agent_by, with_conj(patient), True
        objects = [
            c
            for c in verb.children
            if (c.dep_ in OBJECT_DEPS or (c.dep_ == "npadvmod" and c.pos_ == "PROPN"))
            and c.ent_type_ not in ("DATE", "TIME")  # "Around 7 May, X clashed with Y"
        ]  # npadvmod: "threatened to strike Haifa"
        if verb.dep_ == "relcl" and any(o.lower_ in RELATIVES for o in objects):
            # "the town, which regime forces took from the group"
            objects = [verb.head if o.lower_ in RELATIVES else o for o in objects]
        if not objects and verb.dep_ in ("relcl", "ccomp"):  # the clause hung anywhere
            objects = _stranded_relative(verb)
        if not objects:  # "ambushed and killed a patrol": the object both verbs share
            objects = [
                o
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ == "VERB"
                for o in c.children
                if o.dep_ in OBJECT_DEPS
            ]
        if not objects:  # "struck RSF convoys moving toward X", parsed as a clause
            objects = [
                n
                for c in verb.children
                if c.dep_ == "ccomp" and c.tag_ == "VBG"
                for n in c.children
                if n.dep_ == "nsubj" and n.pos_ in ("NOUN", "PROPN")
            ]
        if not objects:  # "shelled besieged El Fasher", the participle parsed as a verb
            objects = named_after(verb)
        patients = [p for obj in objects for o in with_conj(obj) for p in through(o)]
        preps = set(opts.get("preps") or ())
        by_prep = prep_objects(verb, preps) if preps else []
        has_with = any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
        if kind is RelationKind.BACKS and by_prep:
            patients = by_prep  # "supplied shells to Russia": the recipient follows "to"
        elif kind is RelationKind.BACKS and has_with and patients:
            pass  # "provided the Houthis with missiles": the object is the recipient
        elif opts.get("object_is_weapon") or not patients:
            weapon_targets = [
                p for obj in objects for o in with_conj(obj) for p in self.nouns.noun_target(o)
            ]
            patients = by_prep or (weapon_targets if opts.get("object_is_weapon") else patients)
            if not patients and opts.get("object_is_weapon") and kind is RelationKind.STRIKES:
                # "fired ten mortar shells in the east of Khokha district": where they fell
                patients = prep_objects(verb, {"in", "into"})
        if opts.get("control_only") or (patients and patients[0].lower_ in self.control_nouns):
            patients = [
                t
                for obj in patients
                if obj.lower_ in self.control_nouns or not opts.get("control_only")
                # "took control of X", with "of X" hung on the verb
                for p in prep_objects(obj, {"of", "over"}) or prep_objects(verb, {"over", "of"})
                for t in through(p)  # "control of most of Rakhine state", "took control over X"
            ]
        return agents, patients, False


def _between_sides_apart(verb: Token, agents: list[Token]) -> list[Token]:
    """'clashes between Turkish forces backed by tanks and Kurdish fighters': the parser hangs
    the second side of 'between' on 'by'; it is a side of the clash, not a backer."""
    backed = verb.head
    if _in_between(backed) and not backed.conjuncts:
        return agents[:-1] if len(agents) > 1 else agents
    return agents


def _in_between(noun: Token) -> bool:
    """One side of 'between A and C': 'fighting between A, supported by B, and C' backs A."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "between"


def _stranded_relative(verb: Token) -> list[Token]:
    """'the stronghold of Jarabulus which Turkish-led forces captured', with 'which' parsed
    as a modifier of the subject: the object is the name the relative pronoun follows."""
    for token in verb.subtree:
        if token.i >= verb.i:
            break
        if token.lower_ in ("which", "that") and token.dep_ not in ("nsubj", "nsubjpass"):
            before = token.doc[token.i - 1] if token.i > 0 else None
            if before is not None and before.text == ",":
                before = token.doc[before.i - 1] if before.i > 0 else None
            if before is not None and before.pos_ in ("NOUN", "PROPN"):
                return [before]
    return []
