"""Turn a token that fills a relation's slot into the actor or place it stands for.

"Russian aircraft" is Russia, "RSF positions" the RSF, "Assad's forces" and "forces loyal to
Assad" the Syrian state, "the army" the state the article is about, "the rebels" the armed
group the article last named, "its units" the speaker's units, "the town of Babanusa" the
town, "a military base in Borno" a facility (places: see :mod:`graph.ingest.places`; generic
sides: :mod:`graph.ingest.generic_sides`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.ingest.coref import (
    backed_description,
    force_antecedent,
    pro_side_militia,
)
from graph.ingest.gazetteer import Gazetteer
from graph.ingest.generic_sides import NON_STATE_NOUNS, GenericSides, names_actor
from graph.ingest.lexicon import Lexicon, Reading
from graph.ingest.mentions import Mention, Mentions
from graph.ingest.places import PlaceResolver
from graph.ingest.resolved import ACTOR_KINDS, MODIFIER_DEPS, PLACE_KINDS, Resolved
from graph.ingest.resolved import phrase as _phrase
from graph.ingest.tree import prep_objects
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = ["ACTOR_KINDS", "PLACE_KINDS", "Context", "Resolved"]

PRONOUNS = word_set("pronouns")
SPEECH_LEMMAS = word_set("speech_lemmas")
APPOSITIVE_HEADS = word_set("appositive_heads")
OPERATING_VERBS = word_set("operating_verbs")


class Context(PlaceResolver, GenericSides):
    """Everything argument resolution needs to know about one document."""

    def __init__(
        self, doc: Doc, mentions: Mentions, lexicon: Lexicon, gazetteer: Gazetteer | None = None
    ) -> None:
        self.doc, self.mentions, self.lexicon = doc, mentions, lexicon
        self.gazetteer = gazetteer
        t = lexicon.triggers
        self.force_nouns = t.words("force_nouns")
        self.state_generics = t.words("state_generics")
        self.state_generic_heads = t.words("state_generic_heads")
        self.state_generic_mods = t.words("state_generic_mods")
        self.faction_generics = t.words("faction_generics")
        self.unarmed = t.words("unarmed_nouns")
        self.facility_nouns = t.words("facility_nouns")
        self.settlement_nouns = t.words("settlement_nouns")
        self.inside_preps = t.words("inside_preps")
        self.region_words = t.words("region_words")
        self.home_state = self._home_state()
        self._actors_seen: dict[int, list[Resolved]] = {}

    # ---- document-level salience ----------------------------------------------------------

    # ---- actors ----------------------------------------------------------------------------

    def actors(self, token: Token) -> list[Resolved]:
        """Every actor a noun phrase headed by ``token`` stands for (coordination included)."""
        found = self._actors_seen.get(token.i)
        if found is None:  # the patterns ask about the same words again and again
            found = self._actors_seen[token.i] = self._actors(token)
        return list(found)

    def _actors(self, token: Token) -> list[Resolved]:
        direct = self._direct(token)
        if direct:
            return direct
        operators = self._operated_by(token)
        if operators:
            return operators
        if token.pos_ in ("NOUN", "PROPN") and (token.dep_ == "appos" or _loose_appositive(token)):
            named = self._appositive(token)  # "the PYD, a US-backed Kurdish group": the PYD
            if named:
                return named
        for mod in _modifiers(token):
            found = self._modifier_actors(mod, token)
            if found:
                return found
        return self._indirect(token) or self._owner_phrase(token)

    def _owner_phrase(self, token: Token) -> list[Resolved]:
        """'an Afghan military APC', 'a Houthi militia checkpoint': a force noun whose
        compound is itself an armed actor's phrase belongs to that actor."""
        if token.lower_ not in self.force_nouns:
            return []
        for mod in token.children:
            if mod.dep_ == "compound" and mod.pos_ == "NOUN" and mod.lower_ in self.force_nouns:
                found = [r for r in self.actors(mod) if r.entry.kind in ACTOR_KINDS]
                if found:
                    return found
        return []

    def _direct(self, token: Token) -> list[Resolved]:
        mention = self.mentions.at(token.i)
        if mention is None:
            return []
        resolved = self._from_mention(mention, as_head=True)
        return [resolved] if resolved else []

    def _from_mention(self, mention: Mention, *, as_head: bool) -> Resolved | None:
        entry, reading = mention.entry, mention.reading
        if reading == Reading.LEADER.value:
            led = self.lexicon.entry(entry.leads or "")
            if not as_head and led is not None:
                return Resolved(led, mention.text)
            return Resolved(entry, mention.text)
        if reading == Reading.DEMONYM.value and as_head:
            return None  # "the Syrian said" is a person, not the state
        if entry.kind in ACTOR_KINDS or entry.kind is ActorKind.PERSON:
            return Resolved(entry, mention.text)
        return None

    def modifier(self, mod: Token) -> list[Resolved]:
        """Actors named by a modifier: 'Russian' in 'Russian strikes', 'Iran' in "Iran's aid"."""
        found: list[Resolved] = []
        for tok in [mod, *mod.conjuncts]:
            mention = self.mentions.at(tok.i)
            resolved = self._from_mention(mention, as_head=False) if mention else None
            if resolved is not None and resolved.entry.kind in ACTOR_KINDS:
                found.append(resolved)
        return found

    def _modifier_actors(self, mod: Token, head: Token) -> list[Resolved]:
        """'Russian aircraft', 'RSF positions', "Assad's forces", 'HTS-led forces'."""
        if not (head.lower_ in self.force_nouns or head.lemma_ in self.force_nouns):
            return []
        # "Syrian rebel forces" and "Syrian rebels" are rebels, not Syria's forces: a demonym
        # then only says where
        rebels = head.lower_ in NON_STATE_NOUNS or any(
            c.lower_ in self.faction_generics or c.lower_ == "ethnic"  # "ethnic Armenian forces"
            for c in head.children
            if c != mod and c.dep_ in MODIFIER_DEPS
        )
        found: list[Resolved] = []
        for tok in [mod, *mod.conjuncts]:
            mention = self.mentions.at(tok.i)
            if mention is None or (rebels and mention.entry.kind is ActorKind.STATE):
                continue  # "Somalia's al Shabaab insurgents" are al-Shabaab, not Somalia
            resolved = self._from_mention(mention, as_head=False)
            if resolved is not None and resolved.entry.kind is not ActorKind.PERSON:
                phrase = _phrase(tok, head)
                found.append(Resolved(resolved.entry, phrase, alias=names_actor(head)))
        return found

    def _indirect(self, token: Token) -> list[Resolved]:
        for check in (
            pro_side_militia,
            self._members_of,
            self._appositive,
            backed_description,
            self._loyal_to,
            self._led_by,
            self._state_generic,
            self._ethnic_force,
            self._pronoun,  # "its own fighters" are the speaker's, not the last group named
            self._national_rebels,  # "Syrian rebels" are not the group the story is about
            self._faction_generic,
            lambda t: force_antecedent(self.doc, self.mentions, t),
        ):
            found = check(token)
            if found:
                return found
        return []

    def _members_of(self, token: Token) -> list[Resolved]:
        """'fighters of the STC', 'members of Viv Ansanm', 'troops from the 3R', 'a tank
        belonging to the Houthis'."""
        for acl in token.children:
            if acl.dep_ == "acl" and acl.lemma_ == "belong":
                owners = [o for p in acl.children if p.lower_ == "to" for o in p.children]
                found = [r for o in owners for r in self.actors(o)]
                if found:
                    return found
        if token.lower_ not in self.force_nouns | {"members", "member"}:
            return []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    # "a convoy of Afghan forces", "fighters of the STC"
                    found = self._direct(obj) or (self.actors(obj) if obj.i > token.i else [])
                    if found and found[0].entry.kind in ACTOR_KINDS:
                        return found
        return []

    def _operated_by(self, token: Token) -> list[Resolved]:
        """'a Yemeni jet commanded by the Houthis', 'drones operated by the RSF': whoever flies
        or commands a machine is its agent, whatever flag it bears."""
        for acl in token.children:
            if acl.dep_ != "acl" or acl.lemma_ not in OPERATING_VERBS:
                continue
            operators = prep_objects(acl, {"by"}, deps=("agent", "prep"))
            found = [r for o in operators for r in self.actors(o)] or [
                r
                for o in operators
                for c in o.children
                if c.dep_ in ("compound", "amod", "poss")
                for r in self.modifier(c)
            ]  # "the capital's Houthi conquerors"
            if found:
                return found
        return []

    def _appositive(self, token: Token) -> list[Resolved]:
        if token.dep_ == "appos" or _loose_appositive(token):
            before = _name_before(self.mentions, token)  # "Daesh and the PYD (PYD) a group"
            if before is not None:
                named = self._from_mention(before, as_head=True)
                if named is not None and named.entry.kind in ACTOR_KINDS:
                    return [named]
        for other in [
            *(c for c in token.children if c.dep_ == "appos"),
            *([token.head] if token.dep_ == "appos" else []),
        ]:
            resolved = self._direct(other)
            if resolved and resolved[0].entry.kind in ACTOR_KINDS:
                return resolved
        return []

    def _loyal_to(self, token: Token) -> list[Resolved]:
        """'forces loyal to President X' and 'troops of X'."""
        for child in token.children:
            if child.lower_ == "loyal":
                for prep in child.children:
                    for obj in prep.children:
                        phrase = token.doc[token.i : obj.i + 1].text
                        return [Resolved(r.entry, phrase) for r in self._leader_or_actor(obj)]
        return []

    def _led_by(self, token: Token) -> list[Resolved]:
        """'HTS-led forces', 'forces led by the RSF'."""
        for child in token.children:
            text = child.text
            if child.dep_ == "amod" and text.lower().endswith("-led") and len(text) > 4:
                found = self.lexicon.lookup(text[:-4])  # one token: "HTS-led"
                if found is not None:
                    return [Resolved(found[0], text[:-4])]
            if child.lemma_ == "lead" and child.dep_ in ("amod", "acl"):
                leaders = [  # "Saudi - led" split by the tokenizer, or "led by the RSF"
                    o
                    for c in child.children
                    for o in ([c] if c.dep_ == "npadvmod" else c.children)
                    if c.dep_ == "npadvmod" or (c.dep_ == "agent" and o.dep_ == "pobj")
                ]
                found_actors = [r for o in leaders for r in self._leader_or_actor(o)]
                if found_actors:
                    return found_actors
        return []

    def _leader_or_actor(self, token: Token) -> list[Resolved]:
        mention = self.mentions.at(token.i)
        if mention is None:
            return []
        resolved = self._from_mention(mention, as_head=False)
        return [resolved] if resolved and resolved.entry.kind in ACTOR_KINDS else []

    def _pronoun(self, token: Token) -> list[Resolved]:
        """'it', 'they', 'its units': the speaker of the enclosing report, else the subject."""
        poss = [c for c in token.children if c.dep_ == "poss" and c.lower_ in PRONOUNS]
        if token.lower_ not in PRONOUNS and not poss:
            return []
        antecedent = (
            self.speaker(token) or self._clause_subject(token) or self._previous_subject(token)
        )
        if antecedent is None or antecedent.i == token.i:
            return []
        found = self.actors(antecedent)
        if poss and token.lower_ in self.force_nouns:  # "his forces": the forces he leads
            found = [self._led(r) for r in found]
        return found

    def _led(self, resolved: Resolved) -> Resolved:
        led = self.lexicon.entry(resolved.entry.leads or "")
        return Resolved(led, resolved.surface) if led is not None else resolved

    def speaker(self, token: Token) -> Token | None:
        for ancestor in token.ancestors:
            if ancestor.lemma_ in SPEECH_LEMMAS:
                subjects = [c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects and not _contains(subjects[0], token):
                    return subjects[0]
        return None

    def _previous_subject(self, token: Token) -> Token | None:
        """'The RSF seized Babanusa. It then shelled El Obeid.': the last sentence's subject."""
        sent = token.sent
        if token.i - sent.start > 3 or sent.start == 0:
            return None
        previous = self.doc[sent.start - 1].sent
        subjects = [c for c in previous.root.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ not in PRONOUNS:
            return subjects[0]
        return None

    def _clause_subject(self, token: Token) -> Token | None:
        """The nearest subject before the pronoun ('10 militants were killed following their
        attacks': their = the militants)."""
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass")
                    and child.i < token.i
                    and child.lower_ not in PRONOUNS
                    and child.pos_ != "NUM"  # "and 3 were wounded following their attacks"
                ):
                    return child
        return None


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in MODIFIER_DEPS]


def _contains(tree: Token, token: Token) -> bool:
    return tree.left_edge.i <= token.i <= tree.right_edge.i


def _name_before(mentions: Mentions, token: Token) -> Mention | None:
    """The name an appositive stands right after, past brackets and commas: the parser may
    hang 'a US-backed group' on the first of several names listed before it."""
    i = token.left_edge.i - 1
    while i >= 0 and token.doc[i].text in (",", ")", "(", "-", "—"):
        i -= 1
        if i >= 0 and token.doc[i].text == "(":  # "the Party (PYD)": look before the bracket
            continue
    return mentions.at(i) if i >= 0 else None


def _loose_appositive(token: Token) -> bool:
    """'the Democratic Union Party (PYD) a US-backed Kurdish group': an indefinite
    description right after a bracketed name, or right after a name with its comma lost,
    is an appositive whatever the parser made of it."""
    if token.lower_ not in APPOSITIVE_HEADS:
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        return False
    start = token.left_edge.i
    return start > 0 and (token.doc[start - 1].text == ")" or token.doc[start - 1].pos_ == "PROPN")
