"""Generic references to a side: "the army" is the state the article is about, "the rebels"
the armed group it last named (never a militia that fights for a government), "Syrian rebels"
with no group named a faction of their own, "Kurdish forces" a people's fighters.

:class:`GenericSides` is the part of :class:`graph.ingest.resolve.Context` that reads them; the
context sets the attributes declared here.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from graph.ingest.coref import is_definite
from graph.ingest.lexicon import Entry, Lexicon, Reading
from graph.ingest.mention_types import Mention, Mentions, join_hyphens
from graph.ingest.resolved import MODIFIER_DEPS, Resolved
from graph.ingest.resolved import phrase as _phrase
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = ["NON_STATE_NOUNS", "GenericSides", "names_actor"]

REBEL_WORDS = word_set("rebel_words")
# Lexicon types ("type:" in armed_groups.yaml) of groups that fight for pay or are no armed
# side of their own, which "the rebels" never means; nor a militia that sides with a
# government ("sides_with: government").
NOT_REBEL_ROLES = frozenset({"pmc", "coalition", "political"})
# How far the most named state must lead the next one for "the army" to be read as its army.
HOME_MARGIN = 1.5
# How far past the sentence a group named later may still be what "the rebels" meant.
CATAPHORA_TOKENS = 80
# and how much farther, when only one group is named there
CATAPHORA_FAR = 120
OBJECT_NOUNS = word_set("object_nouns")
OTHER_GROUP_MODS = word_set("other_group_mods")
NON_STATE_NOUNS = word_set("non_state_nouns")
NAMING_VERBS = word_set("naming_verbs")


def _named_apart(head: Token) -> bool:
    """'militias known as X', 'a group called X', 'fighters, the X,': a name of their own."""
    return any(
        (c.dep_ == "acl" and c.lemma_ in NAMING_VERBS) or (c.dep_ == "appos" and c.pos_ == "PROPN")
        for c in head.children
    )


def names_actor(head: Token) -> bool:
    return head.lower_ not in OBJECT_NOUNS


class GenericSides:
    """The generic-side half of :class:`graph.ingest.resolve.Context`."""

    doc: Doc
    mentions: Mentions
    lexicon: Lexicon
    home_state: Entry | None
    force_nouns: frozenset[str]
    state_generics: frozenset[str]
    state_generic_heads: frozenset[str]
    state_generic_mods: frozenset[str]
    faction_generics: frozenset[str]
    unarmed: frozenset[str]

    def _home_state(self) -> Entry | None:
        """The state the article is about: most named, counting its cities and its groups."""
        by_iso = self.lexicon.states_by_iso()
        votes: Counter[str] = Counter()
        for m in self.mentions.items:
            if m.entry.kind is ActorKind.STATE and self._names_a_side_of(m):
                votes[m.entry.name] += 2
            for code in m.entry.countries:
                if code in by_iso and m.entry.kind is not ActorKind.STATE:
                    votes[by_iso[code].name] += 1
        ranked = votes.most_common(2)
        if not ranked:
            return None
        if len(ranked) > 1 and ranked[0][1] < HOME_MARGIN * ranked[1][1]:
            return None  # a story about two states: "the army" could be either's
        return self.lexicon.entry(ranked[0][0])

    def _names_a_side_of(self, mention: Mention) -> bool:
        """'Ethiopian rebels', 'Syrian refugees': a demonym on people who are not the state's
        says where they come from, not which state the story is about."""
        if mention.reading != Reading.DEMONYM.value:
            return True
        head = self.doc[mention.end - 1].head
        return head.lower_ not in NON_STATE_NOUNS | self.faction_generics | self.unarmed

    def salient_faction(self, before: int, unlike: frozenset[str] = frozenset()) -> Mention | None:
        """The armed group named last before token ``before`` (else the first after it),
        leaving out groups of the roles in ``unlike``."""
        factions = [
            m
            for m in self.mentions.items
            if m.entry.kind is ActorKind.FACTION
            and not (unlike and (m.entry.role in unlike or m.entry.pro_government))
        ]
        earlier = [m for m in factions if m.end <= before]
        if earlier:
            # within the last sentence that named a group, the one that was its subject: in
            # "JNIM, al-Qaeda's affiliate, claimed it", JNIM is what "the group" means next
            last_sent = self.doc[earlier[-1].start].sent
            subjects = [
                m
                for m in earlier
                if m.start >= last_sent.start
                and self.doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")
            ]
            return subjects[-1] if subjects else earlier[-1]
        # none named yet: a lead paragraph may say "the rebels" before it names them
        sent = self.doc[before].sent
        window = self.doc[sent.start : min(len(self.doc), sent.end + CATAPHORA_TOKENS)]
        later = [m for m in factions if window.start <= m.start < window.end]
        if later:
            return later[0]
        # further on, only when the lead names a single group: "Saudi warplanes struck rebels
        # in Yemen ... the Houthi rebels, who have taken Sanaa"
        named = [
            m
            for m in self.mentions.items
            if m.entry.kind is ActorKind.FACTION
            and window.end <= m.start < window.end + CATAPHORA_FAR
        ]
        if len({m.entry.name for m in named}) != 1:
            return None  # several groups, or none: no telling which the lead meant
        return named[0] if named[0] in factions else None

    def _state_generic(self, token: Token) -> list[Resolved]:
        """'the army', 'army convoy', 'junta jets', 'regime forces', 'government troops'.

        The node also takes the demonym form ("Sudanese army") as an alias, so that a reader
        searching for the army by its usual name finds the state.
        """
        mods = {c.lower_ for c in token.children if c.dep_ in MODIFIER_DEPS}
        if token.lower_ in self.state_generics:
            word = token.lower_
        elif token.lower_ in self.state_generic_heads and mods & self.state_generic_mods:
            word = f"{sorted(mods & self.state_generic_mods)[0]} {token.lower_}"
        elif token.lower_ in self.force_nouns and mods & (self.state_generics - {"military"}):
            word = sorted(mods & self.state_generics)[0]  # "military targets" names no one
        else:
            return []
        if self.home_state is None:
            return []
        state = self.home_state
        demonym = state.demonyms[0] if state.demonyms else state.name
        return [
            Resolved(state, _phrase(token, token), generic=True, alias=names_actor(token)),
            Resolved(state, f"{demonym} {word}", generic=True),
        ]

    def _ethnic_force(self, token: Token) -> list[Resolved]:
        """'Kurdish forces', 'Tuareg separatists': a group named by a people, not a state."""
        if token.lower_ not in self.force_nouns or token.lower_ in self.unarmed:
            return []
        for mod in token.children:
            if (
                mod.dep_ in ("amod", "compound")
                and mod.ent_type_ == "NORP"
                and not self.mentions.at(mod.i)
            ):
                # the whole modifier: "Pro-Iranian militias" is split into three tokens
                words = [t for t in token.doc[mod.left_edge.i : token.i] if t.ent_type_ == "NORP"]
                start = words[0] if words and words[-1].i == token.i - 1 else mod
                text = join_hyphens(token.doc[start.i : token.i].text)
                name = f"{text} {token.lower_}"
                return [Resolved(Entry(name, ActorKind.FACTION, (name,)), name)]
        return []

    def _faction_generic(self, token: Token) -> list[Resolved]:
        """'the rebels', 'the paramilitary group', 'opposition fighters'."""
        words = {token.lower_, token.lemma_}
        mods = {c.lower_ for c in token.children if c.dep_ in MODIFIER_DEPS}
        if words & self.unarmed or not (words | mods) & self.faction_generics:
            return []
        if (
            token.lower_ in self.force_nouns - self.faction_generics
            and not mods & self.faction_generics
        ):
            return []
        if mods & OTHER_GROUP_MODS or _named_apart(token):
            return []  # "clan militias known as Macawisley" are not the group of the story
        # "rebels" and "insurgents" fight a government: never its militias or contractors
        rebels = bool((words | mods) & REBEL_WORDS)
        mention = self.salient_faction(token.i, NOT_REBEL_ROLES if rebels else frozenset())
        if mention is None:
            return []
        return [Resolved(mention.entry, _phrase(token, token), generic=True, alias=False)]

    def _national_rebels(self, token: Token) -> list[Resolved]:
        """'Syrian rebels' with no named group in the story: a faction named by where it fights;
        'ethnic Armenian forces': by the people it fights for."""
        ethnic = any(c.lower_ == "ethnic" for c in token.children)
        if is_definite(token) and not ethnic:
            return []  # "the Iran-backed Lebanese group" is a group named before
        if token.lower_ not in NON_STATE_NOUNS and not (
            ethnic and token.lower_ in self.force_nouns
        ):
            return []
        for mod in token.children:
            mention = self.mentions.at(mod.i) if mod.dep_ in ("amod", "compound") else None
            if mention is not None and mention.reading == Reading.DEMONYM.value:
                name = f"{'ethnic ' if ethnic else ''}{mention.text} {token.lower_}"
                return [Resolved(Entry(name, ActorKind.FACTION, (name,)), name)]
        return []
