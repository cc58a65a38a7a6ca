"""Relations read off the dependency parse.

Verbal triggers take their agent from the subject (or the "by" phrase of a passive, or the noun
a participle modifies: "troops, supported by US airstrikes") and their patient from the object
or a prepositional object ("fired rockets at"). Nominal triggers take their agent from a
possessor or modifier ("a Russian missile strike", "Iran's support"), a "by" phrase, or the
subject of the verb they hang from ("carried out strikes on", "continue their support for").
Compounds such as "Iran-backed group" and "Lashio fell to the MNDAA" have patterns of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from graph.ingest.coref import is_definite
from graph.ingest.lexicon import Triggers
from graph.ingest.nominal import SUBJECT_DEPS, NominalPatterns, placed_by
from graph.ingest.nominal import prep_objects as _prep_objects
from graph.ingest.nominal import with_conj as _with_conj
from graph.ingest.repulse import REPEL_VERBS, attackers, repelled
from graph.ingest.resolve import ACTOR_KINDS, Context, Resolved
from graph.ingest.targets import located, named_after, with_containing
from graph.ingest.words import word_set
from graph.model import ActorKind, RelationKind

__all__ = ["Candidate", "RelationReader"]

OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
LEADER_TITLES = word_set("leader_titles")
QUANTITY_NOUNS = word_set("quantity_nouns")
CLASH_OBJECTS = word_set("clash_objects")
#: Organizations whose help is not taking a side (organizations.yaml `type`).
UNARMED_ROLES = frozenset({"humanitarian", "media", "monitor", "court"})
BACKED_SUFFIXES = ("-backed", "-supported", "-funded", "-sponsored", "-armed", "-allied")


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: RelationKind
    source: Resolved
    target: Resolved
    trigger: Token
    confidence: float


class RelationReader(NominalPatterns):
    def __init__(self, triggers: Triggers) -> None:
        self.t = triggers
        self.nouns = {
            RelationKind(k): triggers.nouns(k) for k in ("STRIKES", "CAPTURES", "BACKS", "FIGHTS")
        }
        self.light_verbs = triggers.words("light_verbs")
        self.receive_verbs = triggers.words("receive_verbs")
        self.control_nouns = triggers.words("control_nouns")
        self.target_preps = triggers.words("noun_target_preps")
        self.alongside = triggers.words("alongside_preps")
        self.fall_verbs = triggers.words("fall_verbs")
        self.expel_verbs = triggers.words("expel_verbs")
        self.materiel = triggers.words("materiel_nouns") | self.nouns[RelationKind.BACKS]

    def read(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        """Every relation the sentence states; a strike on a named actor is not also a strike
        on the place where it fell ('killed five Taliban fighters in Nad Ali')."""
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
                and cand.target.entry.kind not in ACTOR_KINDS
            ):
                continue
            yield cand

    def _read(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.tag_ == "VBN" and token.dep_ == "amod"):
                yield from self._verbal(token, ctx)
            if token.pos_ in ("NOUN", "PROPN") or (
                token.tag_ == "VBG" and token.dep_ in ("nsubj", "dobj", "pobj")
            ):  # "Fighting between A and B continued"
                yield from self._nominal(token, ctx)
            yield from self._hyphen_backed(token, ctx)
        yield from self._leads(sent, ctx)

    def _leads(self, sent: Span, ctx: Context) -> Iterator[Candidate]:
        """'President Bashar al-Assad', 'RSF commander Hemedti': a titled leader leads."""
        for mention in ctx.mentions.items:
            if mention.reading != "leader" or not sent.start <= mention.start < sent.end:
                continue
            span = ctx.doc[mention.start : mention.end]
            titles = [
                t
                for tok in span
                for t in tok.children
                if t.lower_ in LEADER_TITLES and t.i < mention.start
            ]
            led = ctx.lexicon.entry(mention.entry.leads or "")
            if titles and led is not None:
                person = Resolved(mention.entry, mention.text)
                yield Candidate(RelationKind.LEADS, person, Resolved(led, led.name), titles[0], 0.9)

    # ---- verbs -------------------------------------------------------------------------------

    def _verbal(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        lemma = verb.lemma_.lower()
        if lemma in self.fall_verbs:
            yield from self._fell_to(verb, ctx)
            return
        if lemma in self.receive_verbs:
            yield from self._received(verb, ctx)
            return
        if lemma in ("exchange", "trade"):
            yield from self._exchanged(verb, ctx)
            return
        if lemma == "lose":
            yield from self._lost_to(verb, ctx)
            return
        if lemma in self.expel_verbs:
            yield from self._drove_out(verb, ctx)
            return
        if lemma in REPEL_VERBS:
            yield from self._repelled(verb, ctx)
            return
        found = self.t.verb(lemma) or self.t.verb(verb.lower_)
        if found is None:
            return
        kind, opts = RelationKind(found[0]), found[1]
        agents, patients, passive = self._verb_arguments(verb, kind, opts)
        if kind is RelationKind.FIGHTS and any(p.lower_ in self.alongside for p in verb.children):
            # "fought alongside X against Y": backs X, and still fights Y
            for agent in agents:
                for enemy in _prep_objects(verb, {"against"}):
                    yield from self._pair(kind, agent, enemy, verb, 0.8, ctx, opts)
            kind, patients = RelationKind.BACKS, _prep_objects(verb, self.alongside)
        if kind is RelationKind.FIGHTS and not patients:
            yield from self._reciprocal(agents, verb, ctx)  # "A and B clashed"
            return
        confidence = float(opts.get("confidence", 0.85 if not passive else 0.8))
        for agent in agents:
            for patient in patients:
                yield from self._pair(kind, agent, patient, verb, confidence, ctx, opts)

    def _verb_arguments(
        self, verb: Token, kind: RelationKind, opts: dict[str, Any]
    ) -> tuple[list[Token], list[Token], bool]:
        subjects = self._subjects(verb)
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agent_by = _prep_objects(verb, {"by"}, deps=("agent", "prep"))
        if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":  # "troops, supported by X"
            return agent_by, _with_conj(verb.head), True
        if passive:
            patient = passive[0]
            if patient.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                patient = verb.head  # "the SDF, which is backed by the United States"
            return agent_by, _with_conj(patient), True
        objects = [
            c
            for c in verb.children
            if (c.dep_ in OBJECT_DEPS or (c.dep_ == "npadvmod" and c.pos_ == "PROPN"))
            and c.ent_type_ not in ("DATE", "TIME")  # "Around 7 May, X clashed with Y"
        ]  # npadvmod: "threatened to strike Haifa"
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
        patients = [p for obj in objects for o in _with_conj(obj) for p in self._through(o)]
        preps = set(opts.get("preps") or ())
        by_prep = _prep_objects(verb, preps) if preps else []
        has_with = any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
        if kind is RelationKind.BACKS and by_prep:
            patients = by_prep  # "supplied shells to Russia": the recipient follows "to"
        elif kind is RelationKind.BACKS and has_with and patients:
            pass  # "provided the Houthis with missiles": the object is the recipient
        elif opts.get("object_is_weapon") or not patients:
            weapon_targets = [
                p for obj in objects for o in _with_conj(obj) for p in self._noun_target(o)
            ]
            patients = by_prep or (weapon_targets if opts.get("object_is_weapon") else patients)
            if not patients and opts.get("object_is_weapon") and kind is RelationKind.STRIKES:
                # "fired ten mortar shells in the east of Hays district": where they fell
                patients = _prep_objects(verb, {"in", "into"})
        if opts.get("control_only") or (patients and patients[0].lower_ in self.control_nouns):
            patients = [
                t
                for obj in patients
                for p in _prep_objects(obj, {"of", "over"})
                for t in self._through(p)  # "control of most of Rakhine state"
            ]
        return subjects, patients, False

    def _through(self, token: Token) -> list[Token]:
        """'most of Rakhine state', 'parts of Kharkiv region': look through the quantity."""
        if token.lower_ in QUANTITY_NOUNS:
            inner = _prep_objects(token, {"of"})
            if inner:
                return inner
        return [token]

    def _subjects(self, verb: Token) -> list[Token]:
        """The verb's subject; else that of the verb it is coordinated with or depends on.

        In "accused Belarus of arming X" the agent of "arming" is the accused, not the accuser.
        """
        for token in [verb, *verb.ancestors][:4]:
            if token.dep_ == "pcomp" and token.head.lower_ in ("of", "for"):
                # "accused X of arming", "X was accused of sending troops to fight"
                governor = token.head.head
                accused = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
                if accused and not [c for c in token.children if c.dep_ in SUBJECT_DEPS]:
                    return _with_conj(accused[0])
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS] or [
                g
                for c in token.children
                if c.dep_ == "aux"
                for g in c.children
                if g.dep_ in SUBJECT_DEPS  # a verb the parser took for an auxiliary
            ]
            if subjects:
                subject = subjects[0]
                if subject.lower_ in ("which", "who", "that") and token.dep_ == "relcl":
                    subject = token.head
                if len(subjects) > 1 and any(c.dep_ == "cc" for c in subject.children):
                    # "X members and Y factions fired": the parser sometimes hangs both
                    # conjuncts on the verb instead of joining them with conj
                    return [t for s in subjects for t in _with_conj(s)]
                return _with_conj(subject)
            if token.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep"):
                break
        return []

    def _received(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Hamas, which receives funding and weapons from Iran': Iran backs Hamas; 'the army
        received Iranian and Turkish drones': Iran and Turkey back the army."""
        objects = [o for c in verb.children if c.dep_ == "dobj" for o in _with_conj(c)]
        given = [o for o in objects if o.lemma_ in self.materiel or o.lower_ in self.materiel]
        if not given:
            return
        backers = _prep_objects(verb, {"from"}) or [
            m
            for o in given
            for c in o.children
            if c.dep_ in ("amod", "compound", "poss", "nmod") and ctx.modifier(c)
            for m in _with_conj(c)
        ]
        for backer in backers:
            for recipient in self._subjects(verb):
                yield from self._pair(RelationKind.BACKS, backer, recipient, verb, 0.8, ctx, {})

    def _exchanged(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Hezbollah and Israel exchanged fire', 'X exchanged fire with Y'."""
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in CLASH_OBJECTS]
        if objects:
            sides = self._subjects(verb) + _prep_objects(verb, {"with"})
            yield from self._reciprocal(sides, verb, ctx)

    def _reciprocal(self, sides: list[Token], verb: Token, ctx: Context) -> Iterator[Candidate]:
        """A clash among sides named together ('Indian and Pakistani troops clashed')."""
        actors: dict[str, Resolved] = {}
        for side in sides:
            for actor in ctx.actors(side) or ctx.modifier(side):
                actors.setdefault(actor.entry.name, actor)
        named = list(actors.values())
        for other in named[1:]:
            yield from self._emit(RelationKind.FIGHTS, named[0], other, verb, 0.8)

    def _lost_to(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'The junta lost Lashio to the MNDAA', 'lost control of X to Y'."""
        captors = _prep_objects(verb, {"to"})
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        places = [p for o in objects for p in self._through(o)]
        places = [
            p
            for o in places
            for p in (_prep_objects(o, {"of", "over"}) if o.lower_ in self.control_nouns else [o])
        ]
        for captor in captors:
            for place in places:
                yield from self._pair(RelationKind.CAPTURES, captor, place, verb, 0.8, ctx, {})

    def _drove_out(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'The army drove the RSF out of Omdurman': the army takes Omdurman. Only when the
        one driven out is an armed actor: 'forced residents out of X' is no capture."""
        driven = [o for c in verb.children if c.dep_ == "dobj" for o in _with_conj(c)]
        if not any(r.entry.kind in ACTOR_KINDS for d in driven for r in ctx.actors(d)):
            return
        outs = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == "out"]
        places = [p for o in outs for p in _prep_objects(o, {"of"})]
        places += _prep_objects(verb, {"from"})
        if not places:  # "drove the RSF out of" parsed with "of" on the verb
            places = _prep_objects(verb, {"of"}) if outs else []
        for captor in self._subjects(verb):
            for place in places:
                yield from self._pair(RelationKind.CAPTURES, captor, place, verb, 0.8, ctx, {})

    def _repelled(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Troops repulsed a Taliban attack': the two sides clashed."""
        sides = self._subjects(verb)
        for attack in repelled(verb):
            for attacker in attackers(attack, sides, ctx):
                for side in sides:
                    for repeller in ctx.actors(side) or ctx.modifier(side):
                        yield from self._emit(RelationKind.FIGHTS, repeller, attacker, verb, 0.75)

    def _fell_to(self, verb: Token, ctx: Context) -> Iterator[Candidate]:
        """'Lashio fell to the MNDAA': the place is the subject, the captor follows 'to'."""
        places = [s for s in verb.children if s.dep_ == "nsubj"]
        captors = _prep_objects(verb, {"to"})
        for place in places:
            for captor in captors:
                yield from self._pair(RelationKind.CAPTURES, captor, place, verb, 0.8, ctx, {})

    # ---- compounds ---------------------------------------------------------------------------

    def _hyphen_backed(self, token: Token, ctx: Context) -> Iterator[Candidate]:
        """'Iran-backed Hezbollah' (split by the tokenizer) and 'U.S.-backed forces' (one token)."""
        text = token.text
        backer: Resolved | None = None
        if token.lower_ == "backed" and token.i > 1 and token.nbor(-1).text == "-":
            found = ctx.actors(token.nbor(-2)) or ctx.modifier(token.nbor(-2))  # "Saudi-backed"
            backer = found[0] if found else None
            target = token.head
        elif token.lower_.endswith(BACKED_SUFFIXES) and "-" in text:
            prefix = text.rsplit("-", 1)[0]
            found_entry = ctx.lexicon.lookup(prefix)
            backer = Resolved(found_entry[0], prefix) if found_entry else None
            target = token.head
        if backer is None or backer.entry.kind not in ACTOR_KINDS:
            return
        definite = is_definite(target) or any(c.dep_ == "poss" for c in target.children)
        for patient in [r for r in ctx.actors(target) if definite or not r.generic]:
            # "the Iran-backed group" is the group named before; "US-backed militias" with
            # no name given are no one the graph knows
            yield from self._emit(RelationKind.BACKS, backer, patient, token, 0.85)

    # ---- pairing -----------------------------------------------------------------------------

    def _pair(
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
                r for a in placed_by(agent) + _prep_objects(agent, {"by"}) for r in ctx.actors(a)
            ]
        if kind in (RelationKind.BACKS, RelationKind.FIGHTS):
            targets = ctx.actors(patient)
        elif kind is RelationKind.CAPTURES:
            targets = ctx.places(patient)
            if patient.lower_ in ctx.settlement_nouns | ctx.facility_nouns:
                targets = located(targets, patient, trigger, ctx, owners=False)
        elif opts.get("actor_object"):
            targets = [r for r in ctx.actors(patient) if r.entry.kind is not ActorKind.PERSON]
            mention = ctx.mentions.at(patient.i)
            if mention is not None and mention.entry.kind is ActorKind.PERSON:
                targets.append(Resolved(mention.entry, mention.text))
            if not targets and agent.lemma_ in self.nouns[RelationKind.STRIKES]:
                # "civilians were killed by Turkish shelling at X": the shelling hit X
                targets = located([], patient, trigger, ctx)
        else:
            targets = located(self._strike_targets(patient, ctx), patient, trigger, ctx)
            targets = with_containing(targets, ctx)
        for source in sources:
            for target in targets:
                yield from self._emit(
                    kind, source, target, trigger, confidence * _generic(source, target)
                )

    def _strike_targets(self, patient: Token, ctx: Context) -> list[Resolved]:
        mention = ctx.mentions.at(patient.i)
        if mention is not None and mention.entry.kind is ActorKind.STATE and _part_of(patient):
            return []  # "operations in northern Syria" hit a region of it, not the state
        if mention is not None and mention.reading in ("capital", "seat"):
            return ctx.places(patient)  # a strike on Kyiv hits the city
        if patient.lower_ in ctx.settlement_nouns:  # "struck Beirut's southern suburbs"
            owners = [c for c in patient.children if c.dep_ == "poss"]
            places = [p for o in owners for p in ctx.places(o)]
            if places:
                return places
        if patient.lower_ in ctx.facility_nouns and not _named_modifier(patient, ctx):
            return ctx.places(patient)
        return ctx.actors(patient) or ctx.places(patient)

    def _emit(
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
        ):
            return
        if kind is RelationKind.BACKS and source.entry.role in UNARMED_ROLES:
            return  # "with the help of the Red Cross": aid agencies and the press back no side
        if kind is RelationKind.CAPTURES and target.entry.kind in ACTOR_KINDS | {ActorKind.PERSON}:
            return
        yield Candidate(kind, source, target, trigger, round(confidence, 3))


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
