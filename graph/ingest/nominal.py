"""Relations named by nouns: "a Russian missile strike on Odesa", "Iran's support for the
Houthis", "carried out airstrikes in Paktika province", "with the help of Burundian troops".

The agent is a possessor or modifier of the noun, a "by"/"from" phrase, or the subject of the
verb the noun hangs from; the target follows a preposition ("on", "against", "for", "to"),
or is where the strike fell. One of the pattern families of
:class:`graph.ingest.relations.RelationReader`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph.ingest.emit import Candidate, Emitter
from graph.ingest.lexicon import Triggers
from graph.ingest.repulse import REPEL_VERBS
from graph.ingest.resolve import Context
from graph.ingest.tree import (
    CASUALTY_VERBS,
    CLAUSE_PREPS,
    SUBJECT_DEPS,
    casualties,
    explained_casualties,
    placed_by,
    prep_objects,
    series_head,
    subjects,
    with_conj,
)
from graph.ingest.words import word_set
from graph.model import RelationKind

__all__ = ["NounPatterns"]

IMPACT_VERBS = word_set("impact_verbs")
SERIES_NOUNS = word_set("series_nouns")
SETTLEMENT_WORDS = word_set("settlement_heads")
# Where a weapon set off by a light verb went off: the unnamed spot leads to the named place.
PLACING_PREPS = frozenset({"in", "outside", "near", "inside"})


class NounPatterns:
    """Event and support nouns: who did it, to whom, and where."""

    def __init__(self, triggers: Triggers, emitter: Emitter) -> None:
        self.emitter = emitter
        self.nouns = {
            RelationKind(k): triggers.nouns(k) for k in ("STRIKES", "CAPTURES", "BACKS", "FIGHTS")
        }
        self.light_verbs = triggers.words("light_verbs")
        self.receive_verbs = triggers.words("receive_verbs")
        self.target_preps = triggers.words("noun_target_preps")
        self.materiel = triggers.words("materiel_nouns") | self.nouns[RelationKind.BACKS]

    def read(self, noun: Token, ctx: Context) -> Iterator[Candidate]:
        lemma = noun.lemma_.lower()
        kinds = [k for k, words in self.nouns.items() if lemma in words or noun.lower_ in words]
        if not kinds and self._is_materiel(noun) and self._given(noun):
            kinds = [RelationKind.BACKS]  # "pledged air defence systems for Kyiv"
        for kind in kinds:
            if kind is RelationKind.FIGHTS:
                apart = _one_side_and_the_other(noun, self._between(noun))
                if apart is not None:  # "between A and B on one side and C on the other"
                    for agent in apart[0]:
                        for target in apart[1]:
                            yield from self.emitter.pair(kind, agent, target, noun, 0.75, ctx, {})
                    continue
            targets = self._noun_targets(noun, kind)
            if not targets:
                continue
            for agent in self._noun_agents(noun, ctx, kind):
                for target in targets:
                    yield from self.emitter.pair(kind, agent, target, noun, 0.75, ctx, {})

    def _is_materiel(self, noun: Token) -> bool:
        """'weapons', or a batch of them: 'a weapons package', 'an arms shipment'."""
        if noun.lemma_.lower() in self.materiel:
            return True
        return noun.lower_ in SERIES_NOUNS and any(
            c.dep_ == "compound" and c.lemma_.lower() in self.materiel for c in noun.children
        )

    def _given(self, noun: Token) -> bool:
        """Whether the noun is what a light verb hands over: 'sent drones', 'pledged aid'."""
        return noun.dep_ == "dobj" and noun.head.lemma_ in self.light_verbs

    def _noun_targets(self, noun: Token, kind: RelationKind) -> list[Token]:
        if kind is RelationKind.BACKS:
            if noun.lemma_ in ("backer", "sponsor", "supplier", "patron"):
                return prep_objects(noun, {"of", "to"})
            return (
                prep_objects(noun, {"for", "to"})
                or self._given_to(noun)
                or self._in_support_of(noun)
                or self._supported_by_with(noun)
            )
        if kind is RelationKind.FIGHTS:
            return prep_objects(noun, {"with", "against"}) or self._between(noun)[1:]
        if kind is RelationKind.CAPTURES:
            return prep_objects(noun, {"of"})
        return self.noun_target(noun)

    def noun_target(self, noun: Token) -> list[Token]:
        targets = prep_objects(noun, self.target_preps) + explained_casualties(noun)
        series = series_head(noun)
        if not targets and series is not None:  # "hundreds of strikes ... against X"
            targets = prep_objects(series, self.target_preps)
        for child in noun.children:  # "an airstrike on X, targeting Y"
            if child.dep_ in ("acl", "advcl") and child.lemma_ == "target":
                targets += [o for c in child.children if c.dep_ == "dobj" for o in with_conj(c)]
        if not targets and noun.dep_ in SUBJECT_DEPS and noun.head.lemma_ in IMPACT_VERBS:
            # "bombing by Russian aircraft focused on the bridge"
            targets = prep_objects(noun.head, {"on", "at", "against"})
            targets += [c for c in noun.head.children if c.dep_ == "dobj"]
        if not targets and noun.dep_ in SUBJECT_DEPS and noun.head.lemma_ in CASUALTY_VERBS:
            victims = [c for c in noun.head.children if c.dep_ == "dobj"]
            targets = prep_objects(noun.head, {"in"}) + [
                t for v in victims for t in prep_objects(v, {"in"})
            ]
        means = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by") else None
        if not targets and means is not None and means.lemma_ in CASUALTY_VERBS:
            # "killed a Hamas commander in an airstrike in Gaza City": the strike hit the
            # victims' side and the place where it fell
            victims = [o for c in means.children if c.dep_ == "dobj" for o in with_conj(c)]
            targets = victims + prep_objects(noun, {"in"})
        if not targets and noun.dep_ == "nsubjpass" and noun.head.lemma_ in self.light_verbs:
            # "air raids were reported on Harib district", "strikes were carried out on X"
            targets = prep_objects(noun.head, self.target_preps)
        if not targets:  # "carried out airstrikes in Paktika province": where they fell
            where = prep_objects(noun, {"in"})
            if not where and noun.dep_ == "dobj" and noun.head.lemma_ in self.light_verbs:
                # "detonated explosives at a market in X", "set off a bomb outside a compound"
                where = prep_objects(noun.head, self.target_preps | PLACING_PREPS)
                where = [o for o in where if o.pos_ in ("PROPN", "NOUN") or o.tag_ == "VBG"]
            else:
                where = [o for o in where if o.pos_ == "PROPN" or o.lower_ in SETTLEMENT_WORDS]
            targets = where
        return targets

    def _given_to(self, noun: Token) -> list[Token]:
        """'offered a boost to Nigeria', 'gave support to the RSF': the recipient on the verb."""
        if noun.dep_ == "dobj" and noun.head.lemma_ in self.light_verbs:
            return prep_objects(noun.head, {"to"})
        return []

    def _in_support_of(self, noun: Token) -> list[Token]:
        """'in support of the M23'."""
        if noun.head.lower_ == "in":
            return prep_objects(noun, {"of"})
        return []

    def _supported_by_with(self, noun: Token) -> list[Token]:
        """'forces, with support from US airstrikes, retook X': the forces are the backed."""
        if noun.head.lower_ != "with" or not prep_objects(noun, {"from", "of"}):
            return []
        holder = noun.head.head
        if holder.pos_ in ("NOUN", "PROPN"):
            return with_conj(holder)
        return subjects(holder) if holder.pos_ in ("VERB", "AUX") else []

    def _between(self, noun: Token) -> list[Token]:
        """'fighting between the army and the RSF': both sides, in order; 'clashes were
        reported between A and B', 'clashes broke out between A and B': on the verb."""
        sides = prep_objects(noun, {"between"})
        if not sides and noun.dep_ in ("nsubj", "nsubjpass"):
            sides = prep_objects(noun.head, {"between"})
        if len(sides) == 1:  # "between the TCP and CV groups": the named modifiers are the sides
            named = [
                c
                for c in sides[0].children
                if c.dep_ in ("nmod", "compound", "amod") and c.pos_ == "PROPN"
            ]
            named = [t for c in named for t in with_conj(c)]
            if len(named) > 1 and sides[0].tag_ in ("NNS", "NNPS"):
                sides = named
        if len(sides) == 1:  # "clashes took place between A against B"
            holder = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
            sides += prep_objects(sides[0], {"against"}) or prep_objects(holder, {"against"})
        if len(sides) == 1:  # "between A backed by B and C": C was hung on "by"
            backers = [
                o
                for c in sides[0].children
                if c.dep_ == "acl" and c.tag_ == "VBN"
                for o in prep_objects(c, {"by"}, deps=("agent", "prep"))
            ]
            sides += backers[-1:] if len(backers) > 1 else []
        return sides

    def _noun_agents(
        self, noun: Token, ctx: Context, kind: RelationKind = RelationKind.STRIKES
    ) -> list[Token]:
        between = self._between(noun)
        if len(between) > 1:
            return between[:1]
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in REPEL_VERBS:
            # "repulsed their attacks": 'their' is the other side, resolved by the repel frame
            return prep_objects(noun, {"by"}) + [
                c
                for c in noun.children
                if c.dep_ in ("amod", "compound", "nmod", "poss") and c.pos_ != "PRON"
            ]
        agents = prep_objects(noun, {"by", "from"}) + placed_by(noun)
        if noun.head.lower_ == "with":  # "with the support of Wagner fighters"
            agents += prep_objects(noun, {"of"})
        mods = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        for mod in mods:
            # "military aid" names no giver: only a named actor in a modifier is the agent
            if ctx.modifier(mod) or [r for r in ctx.actors(mod) if not r.generic]:
                agents += with_conj(mod)
            elif mod.dep_ == "compound":  # "a Russian missile strike"
                agents += [
                    c
                    for c in mod.children
                    if c.dep_ in ("amod", "compound", "poss") and (ctx.modifier(c) or ctx.actors(c))
                ]
        pronoun_poss = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children)
        if not agents or pronoun_poss:
            governor = self._governing_verb(noun)
            if governor is not None and governor.lemma_ == "die":
                # "troops died in an ambush": the dead did not carry it out, but they were
                # one side of a clash ("died during clashes with X")
                agents = casualties(governor) if kind is RelationKind.FIGHTS else agents
            elif governor is not None:
                agents = subjects(governor) or agents
                if not agents and kind is RelationKind.FIGHTS:
                    agents = casualties(governor)  # "were killed during clashes with X"
                if governor.lemma_ in self.receive_verbs:  # "X received support from Y"
                    return prep_objects(governor, {"from"}) or agents
        return agents

    def _governing_verb(self, noun: Token) -> Token | None:
        head = noun.head
        series = series_head(noun)
        if series is not None:
            return self._governing_verb(series)  # "carried out hundreds of strikes"
        if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ == "responsibility":
            return head.head.head  # "X claimed responsibility for an attack on Y"
        if noun.dep_ in ("dobj", "attr") and head.lemma_ in self.light_verbs | self.receive_verbs:
            return head
        if noun.dep_ == "dobj" and head.pos_ == "VERB":
            # "thwarted an attack": whoever stopped it did not carry it out
            return None if head.lemma_.lower() in REPEL_VERBS else head
        if noun.dep_ == "pobj" and head.head.pos_ == "VERB" and head.lower_ in CLAUSE_PREPS:
            return head.head
        if noun.dep_ == "attr":
            return head
        return None


def _one_side_and_the_other(noun: Token, between: list[Token]) -> tuple[list[Token], ...] | None:
    """'clashes between pro-Hadi forces and affiliates on one side and pro-Houthi forces on
    the other': the sides are the groups before 'on one side' and before 'on the other', not
    the first name against the rest."""
    sent = noun.sent
    if "other" not in sent.text:  # the common case: no "... on the other"
        return None
    one = next(
        (
            t
            for t in sent
            if t.lower_ == "side"
            and t.dep_ == "pobj"
            and t.head.lower_ == "on"
            and any(c.lower_ == "one" for c in t.children)
        ),
        None,
    )
    other = next(
        (t for t in sent if t.lower_ == "other" and t.dep_ == "pobj" and t.head.lower_ == "on"),
        None,
    )
    if one is None or other is None or not between or other.i < one.i:
        return None
    first = [t for t in between if t.i < one.i]
    on_other = other.head
    # the second group sits between "on one side" and "on the other", wherever the parser
    # hung it (on "side", on the verb, on "other"): the heads of the phrases in that stretch
    second = [
        t
        for t in sent.doc[one.i + 1 : on_other.i]
        if t.pos_ in ("NOUN", "PROPN")
        and t.dep_ in ("conj", "pobj", "nsubj", "dobj", "appos")
        and not one.i < t.head.i < on_other.i
    ]
    if not first or not second:
        return None
    return first, second
