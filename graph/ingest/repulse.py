"""Attacks met and beaten back or answered: 'the army repulsed a Taliban attack', 'militants
were killed when troops repelled their assault', 'forces responded to Houthi shelling'.

The one who repels and the one whose attack it was fought each other (a clash). Whoever
thwarted the attack did not carry it out, so the attack noun never takes the repeller as its
author.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.ingest.resolve import Context, Resolved
from graph.ingest.tree import prep_objects, with_conj
from graph.ingest.words import word_set

__all__ = ["REPEL_VERBS", "attackers", "repelled"]

REPEL_VERBS = word_set("repel_verbs") | word_set("answer_verbs")
ATTACK_NOUNS = word_set("repelled_nouns")
ANSWER_VERBS = word_set("answer_verbs")


def repelled(verb: Token) -> list[Token]:
    """The attack nouns a repelling verb governs: 'repulsed their attacks', 'responded to
    Houthi shelling'."""
    lemma = verb.lemma_.lower()
    if lemma not in REPEL_VERBS:
        return []
    met = [o for c in verb.children if c.dep_ == "dobj" for o in with_conj(c)]
    if lemma in ANSWER_VERBS:
        met = prep_objects(verb, {"to", "against"}) + [
            c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"
        ]  # "responded to Russian shelling", the gerund sometimes parsed as a clause
    return [o for o in met if o.lemma_.lower() in ATTACK_NOUNS or o.lower_ in ATTACK_NOUNS]


def attackers(attack: Token, repeller: list[Token], ctx: Context) -> list[Resolved]:
    """Whose attack it was: 'a Houthi attack', 'attacks by the rebels', 'Afghan forces
    attacks', or 'their attacks' with 'their' the side the clause above names."""
    found: list[Resolved] = []
    for agent in prep_objects(attack, {"by", "of"}):
        found += ctx.actors(agent)
    if attack.dep_ == "advcl":  # "responded to [Houthi] [shelling]" split by the parser
        found += [
            r
            for t in prep_objects(attack.head, {"to", "against"})
            for r in ctx.actors(t) or ctx.modifier(t)
        ]
    for mod in attack.children:
        if mod.dep_ in ("amod", "compound", "nmod", "poss") and mod.pos_ != "PRON":
            found += ctx.modifier(mod) or ctx.actors(mod)
        elif mod.dep_ == "poss":  # "their attacks": the other side named in the clause above
            found += [r for t in _other_side(attack, repeller) for r in ctx.actors(t)]
    return found


def _other_side(attack: Token, repeller: list[Token]) -> list[Token]:
    verb = attack.head
    clause = verb.head if verb.dep_ in ("advcl", "conj", "relcl") else None
    found: list[Token] = []
    while clause is not None and not found:
        found = [
            s
            for c in clause.children
            if c.dep_ in ("nsubj", "nsubjpass") and c not in repeller and c.pos_ != "NUM"
            for s in with_conj(c)
        ]  # "15 militants were killed and 5 were wounded when ...": past the count
        clause = clause.head if clause.dep_ == "conj" else None
    return found
