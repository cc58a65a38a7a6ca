"""Unnamed targets: 'a power plant in Kharkiv', 'an ammunition depot at Saky airbase',
'farms in Khokha district'.

What was hit is not a node of the graph unless it has a name: the relation goes to the named
place it stands in, and the words that described it stay on the evidence as the target text
(the target detail). An unnamed target with no named place around it gives no edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.ingest.mention_types import Mention
from graph.ingest.placenames import place_word
from graph.ingest.resolved import ACTOR_KINDS, DIRECTIONS, Resolved
from graph.ingest.tree import CASUALTY_VERBS
from graph.ingest.words import word_set
from graph.model import ActorKind

if TYPE_CHECKING:
    from graph.ingest.resolve import Context

__all__ = ["is_named", "located", "named_after", "with_containing"]

# "in Kharkiv", "at Saky airbase", "near Bakhmut", "outside Goma", "of the town of Babanusa"
LOCATING_PREPS = word_set("locating_preps")
INSIDE_PREPS = word_set("containing_preps")
MAX_DEPTH = 3
# Words that describe a place before its name and are never part of it.
PLACE_DESCRIPTORS = word_set("place_descriptors")
RELATIVE_WORDS = word_set("directions") | {"border", "frontier", "with"}


def is_named(resolved: Resolved) -> bool:
    """A named actor or place; 'airport', 'convoy' or 'villages north of Aleppo' are not."""
    entry = resolved.entry
    if entry.kind in ACTOR_KINDS or entry.kind is ActorKind.PERSON:
        return True
    if entry.location is not None or entry.name[:1].isupper():
        return True
    # "districts south of Marib", "Syria's border with Lebanon": named by where they lie
    # relative to a named place; "a village in northern Syria" is only somewhere inside one
    words = entry.name.split()
    return any(w[:1].isupper() for w in words) and bool(set(words) & RELATIVE_WORDS)


def located(
    found: list[Resolved], patient: Token, trigger: Token, ctx: Context, *, owners: bool = True
) -> list[Resolved]:
    """Named targets as they are; an unnamed one (or none at all) replaced by the named places
    it stands in. The target text keeps the description of what was hit."""
    named = [r for r in found if is_named(r)]
    if named or not _describes_target(patient, ctx) or patient.ent_type_ in ("DATE", "TIME"):
        return named
    # "their hideouts" after a strike verb may point at either side: only a named owner counts
    pronoun = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in patient.children)
    owned = ctx.actors(patient) if owners and patient.pos_ == "NOUN" and not pronoun else []
    if owned:  # a strike on "an army convoy" or "their hideouts" hits the owner
        return owned
    detail = found[0].surface if found else patient.text
    preps = LOCATING_PREPS if owners else INSIDE_PREPS  # a town near X taken is not X taken
    # "fired shells at farms in X": the place may hang on the target, on the word the target
    # hangs from, or on the event itself
    holder = patient.head.head if patient.dep_ == "pobj" else patient
    places = (
        _places_under(patient, ctx, MAX_DEPTH, preps)
        or (_places_under(holder, ctx, 1, preps) if holder is not patient else [])
        or _places_of_event(trigger, ctx, preps)
    )
    return [Resolved(p.entry, detail, generic=p.generic, alias=False) for p in places]


def with_containing(places: list[Resolved], ctx: Context) -> list[Resolved]:
    """A strike in 'the Shujaiya area of Gaza City' or 'a village in rural Raqqa'
    hit both the small place and the named unit that holds it."""
    out = list(places)
    for place in places:
        for mention in ctx.mentions.items:
            if mention.entry is place.entry:
                out += _container(ctx, mention)
                break
    return out


def _describes_target(patient: Token, ctx: Context) -> bool:
    """An unresolved word is a target description when it is a noun: 'farms', 'a civilian
    house', 'seven civilians' (hit where they were); not a pronoun or a number."""
    # "outside a compound killing five", where the parser made the participle the object;
    # "7 were wounded by mortars": a count of victims
    return (
        patient.pos_ in ("NOUN", "PROPN")
        or (patient.tag_ == "VBG" and patient.dep_ == "pobj")
        or (patient.pos_ == "NUM" and patient.head.lemma_ in CASUALTY_VERBS)
    )


def _places_under(
    token: Token, ctx: Context, depth: int, preps: frozenset[str] = LOCATING_PREPS
) -> list[Resolved]:
    """Named places in the prepositional phrases of a noun: 'a depot at Saky airbase'."""
    if depth == 0:
        return []
    for owner in token.children:  # "Tripoli's airport", "the Kharkiv power plant"
        if owner.dep_ in ("poss", "compound") and owner.pos_ == "PROPN":
            named = [p for p in ctx.places(owner) if is_named(p)]
            if named:
                return named
    for agent in token.children:  # "wounded by Houthi shelling in Taiz": where the shelling fell
        if agent.dep_ == "agent":
            for event in agent.children:
                found = _places_under(event, ctx, depth - 1, preps)
                if found:
                    return found
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        if prep.lower_ == "of" and outside_of(token):
            continue  # "60 km east of Aden" lies outside Aden; "the east of Hays" inside it
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.ent_type_ in ("DATE", "TIME"):
                continue  # "on August 24" says when, not where
            named = [p for p in ctx.places(obj) if is_named(p)]
            if named:
                return named
            deeper = _places_under(obj, ctx, depth - 1, preps) or [
                p  # "placed at a court, detonated in Marka town", the clause hung on "court"
                for acl in obj.children
                if acl.dep_ == "acl" and acl.pos_ == "VERB"
                for p in _places_under(acl, ctx, depth - 1, preps)
            ]
            if deeper:
                return deeper
    return []


def _places_of_event(trigger: Token, ctx: Context, preps: frozenset[str]) -> list[Resolved]:
    """'shelled and destroyed a mosque in Balkh district', 'shelling hit a house, killing
    one, in Kupiansk': where the event itself was, said on its verb or a clause beside it."""
    clause_deps = ("conj", "advcl", "nsubj", "nsubjpass", "dobj")  # "set off a bomb": the verb
    verb = trigger.head if trigger.dep_ in clause_deps else trigger
    participles = [c for c in verb.children if _participle_of(c)] + [
        o  # "set off a bomb outside a compound killing five", the participle misparsed as pobj
        for p in verb.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj" and o.tag_ == "VBG"
    ]
    victims = [
        d
        for p in participles
        for d in p.children
        if d.dep_ == "dobj"
        or (d.dep_ == "conj" and d.pos_ in ("NOUN", "PROPN"))  # "wounding Afghans and expatriates"
    ]
    events = [trigger, verb, *participles, *victims]  # "killing five people in Kabul"
    for event in events:
        found = _places_under(event, ctx, MAX_DEPTH, preps)
        if found:
            return found
    return []


def _participle_of(clause: Token) -> bool:
    """'hit a house, killing one, in X': a participle that goes on with the same event (not
    a clause with a subject of its own: 'while protesters stormed Y')."""
    return (
        clause.dep_ in ("advcl", "conj")
        and clause.tag_ == "VBG"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children)
    )


def named_after(verb: Token) -> list[Token]:
    """'shelled besieged El Fasher', 'captured war-ravaged Marawi': when the parser hangs a
    describing participle on the verb, the name after it is the object."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and (doc[i].lower_ in PLACE_DESCRIPTORS or doc[i].text == "-"):
        i += 1
    if i == verb.i + 1 or i >= len(doc) or not doc[i].text[:1].isupper():
        return []
    name = doc[i]
    while name.head.pos_ == "PROPN" and name.head.i > name.i and name.dep_ == "compound":
        name = name.head
    return [name]


def _container(ctx: Context, mention: Mention) -> list[Resolved]:
    head = ctx.doc[mention.end - 1]
    if place_word(head) is None:
        return []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                named = [
                    p
                    for p in ctx.places(obj)
                    if (is_named(p) and p.entry.location) or p.entry.name[:1].isupper()
                ]
                if named:
                    return [Resolved(p.entry, p.surface, generic=True, alias=False) for p in named]
    return []


def outside_of(token: Token) -> bool:
    """'60 km east of X', 'north of X': a direction without an article points away from X;
    'the east of X' is a part of X."""
    return token.lower_ in DIRECTIONS and not any(c.dep_ == "det" for c in token.children)
