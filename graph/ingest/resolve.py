"""Turn a token that fills a relation's slot into the actor or place it stands for.

"Russian aircraft" is Russia, "RSF positions" the RSF, "Assad's forces" and "forces loyal to
Assad" the Syrian state, "the army" the state the article is about, "the rebels" the armed
group the article last named, "its units" the speaker's units, "the town of Babanusa" the
town, "a military base in Borno" a facility.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graph.ingest.gazetteer import Gazetteer
from graph.ingest.lexicon import Entry, Lexicon, Reading
from graph.ingest.mentions import Mention, Mentions
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = ["ACTOR_KINDS", "PLACE_KINDS", "Context", "Resolved"]

ACTOR_KINDS = frozenset({ActorKind.STATE, ActorKind.FACTION, ActorKind.ORGANIZATION})
PLACE_KINDS = frozenset({ActorKind.CITY, ActorKind.REGION, ActorKind.FACILITY})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "nummod"})
PRONOUNS = word_set("pronouns")
SPEECH_LEMMAS = word_set("speech_lemmas")
SKIP_WORDS = word_set("skip_words")


QUANTIFIERS = word_set("quantifiers")


DIRECTIONS = word_set("directions")
# How far the most named state must lead the next one for "the army" to be read as its army.
HOME_MARGIN = 1.5


@dataclass(frozen=True, slots=True)
class Resolved:
    entry: Entry
    surface: str  # the words that named it here
    generic: bool = False  # reached through a generic reference ("the rebels")
    alias: bool = True  # whether the surface may name the actor elsewhere ("rebels" may not)


class Context:
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

    # ---- document-level salience ----------------------------------------------------------

    def _home_state(self) -> Entry | None:
        """The state the article is about: most named, counting its cities and its groups."""
        by_iso = self.lexicon.states_by_iso()
        votes: Counter[str] = Counter()
        for m in self.mentions.items:
            if m.entry.kind is ActorKind.STATE:
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

    def salient_faction(self, before: int) -> Mention | None:
        """The armed group named last before token ``before`` (else the first after it)."""
        factions = [m for m in self.mentions.items if m.entry.kind is ActorKind.FACTION]
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
        sent = self.doc[before].sent
        later = [m for m in factions if sent.start <= m.start < sent.end]
        return later[0] if later else None

    # ---- actors ----------------------------------------------------------------------------

    def actors(self, token: Token) -> list[Resolved]:
        """Every actor a noun phrase headed by ``token`` stands for (coordination included)."""
        direct = self._direct(token)
        if direct:
            return direct
        for mod in _modifiers(token):
            found = self._modifier_actors(mod, token)
            if found:
                return found
        return self._indirect(token)

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
                found.append(Resolved(resolved.entry, phrase, alias=_names_actor(head)))
        return found

    def _indirect(self, token: Token) -> list[Resolved]:
        for check in (
            self._members_of,
            self._appositive,
            self._loyal_to,
            self._led_by,
            self._state_generic,
            self._ethnic_force,
            self._pronoun,  # "its own fighters" are the speaker's, not the last group named
            self._faction_generic,
            self._national_rebels,
        ):
            found = check(token)
            if found:
                return found
        return []

    def _members_of(self, token: Token) -> list[Resolved]:
        """'fighters of the STC', 'members of Viv Ansanm', 'troops from the 3R'."""
        if token.lower_ not in self.force_nouns | {"members", "member"}:
            return []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    found = self._direct(obj)
                    if found and found[0].entry.kind in ACTOR_KINDS:
                        return found
        return []

    def _appositive(self, token: Token) -> list[Resolved]:
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
            Resolved(state, _phrase(token, token), generic=True, alias=_names_actor(token)),
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
                text = token.doc[start.i : token.i].text.replace(" - ", "-").replace(" -", "-")
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
        mention = self.salient_faction(token.i)
        if mention is None:
            return []
        return [Resolved(mention.entry, _phrase(token, token), generic=True, alias=False)]

    def _national_rebels(self, token: Token) -> list[Resolved]:
        """'Syrian rebels' with no named group in the story: a faction named by where it fights;
        'ethnic Armenian forces': by the people it fights for."""
        ethnic = any(c.lower_ == "ethnic" for c in token.children)
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
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if child.dep_ == "nsubj" and child.i < token.i and child.lower_ not in PRONOUNS:
                    return child
        return None

    # ---- places ----------------------------------------------------------------------------

    def places(self, token: Token) -> list[Resolved]:
        """The places or facilities a target noun phrase names."""
        mention = self.mentions.at(token.i)
        if mention is not None:
            place = self._place_from_mention(mention)
            if place is not None or mention.entry.kind in ACTOR_KINDS | {ActorKind.PERSON}:
                return [place] if place is not None else []
        if token.lower_ in self.facility_nouns and token.pos_ in ("NOUN", "PROPN"):
            return self._facility_of_place(token) or [self._facility(token)]
        capital = self._capital(token)
        if capital:
            return capital
        if token.lower_ in self.settlement_nouns and token.pos_ in ("NOUN", "PROPN"):
            named = self._named_places(token)
            if named:
                return named
            if any(c.dep_ in ("prep", "advmod") and c.i > token.i for c in token.children):
                return [self._area(token)]
            relative = self._relative_location(token)
            return [relative] if relative else []  # a bare "positions" names no place
        return []

    def _relative_location(self, token: Token) -> Resolved | None:
        """'recaptured several districts south of Marib', with 'south of' hung on the verb."""
        for adv in token.head.children:
            if adv.dep_ == "advmod" and adv.lower_ in DIRECTIONS and adv.i == token.i + 1:
                words = [token, *adv.subtree]
                text = " ".join(t.text for t in words[:8])
                return Resolved(Entry(text, ActorKind.REGION, (text,)), text)
        return None

    def _place_from_mention(self, mention: Mention) -> Resolved | None:
        if mention.entry.kind in PLACE_KINDS:
            return Resolved(mention.entry, mention.text)
        if mention.reading == Reading.CAPITAL.value:
            return self._city(mention.text, mention.entry.countries, mention.text)
        return None

    def _city(self, name: str, countries: tuple[str, ...], text: str) -> Resolved:
        """The city ``name`` in one of ``countries``, located when the gazetteer knows it."""
        city = self.gazetteer.lookup(name, frozenset(countries)) if self.gazetteer else None
        if city is None:
            return Resolved(Entry(name, ActorKind.CITY, (name,)), text)
        entry = Entry(
            city.name, ActorKind.CITY, (name,), countries=(city.country_code,),
            location=city.location,
        )  # fmt: skip
        return Resolved(entry, text)

    def _capital(self, token: Token) -> list[Resolved]:
        """'the capital', 'Sudan's capital', 'the Ukrainian capital': the capital city of the
        state named beside it, or else of the state the article is about."""
        if token.lower_ != "capital" or token.pos_ != "NOUN":
            return []
        named = self._named_places(token)  # "the provincial capital of Sagaing"
        if named:
            return named
        state = self.home_state
        for child in token.children:
            mention = self.mentions.at(child.i) if child.dep_ in MODIFIER_DEPS else None
            if mention is not None and mention.entry.kind is ActorKind.STATE:
                state = mention.entry
        if state is None or not state.capital:
            return []
        return [self._city(state.capital, state.countries, _phrase(token, token))]

    def _named_places(self, token: Token) -> list[Resolved]:
        """'Paletwa township', 'the town of Babanusa', 'positions in Raqqa and Deir ez-Zor'."""
        compounds = [c for c in token.children if c.dep_ == "compound"]
        ofs = [
            o
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in _prep_objects(c)
        ]
        ins = [
            o
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in self.inside_preps
            for o in _prep_objects(c)
        ]
        appos = [c for c in token.children if c.dep_ == "appos"]
        for group in (compounds, ofs, appos, ins):
            found = [p for t in group for p in self._mentioned_place(t)]
            if found:
                return found
        return []

    def _mentioned_place(self, token: Token) -> list[Resolved]:
        mention = self.mentions.at(token.i)
        if mention is not None:
            place = self._place_from_mention(mention)
            if place is None and token.dep_ in ("compound", "pobj") and mention.reading == "entity":
                return [self._named_area(token)]  # "Karari locality", "town of X": tagged ORG
            return [place] if place is not None else []
        if token.pos_ == "PROPN" and token.dep_ in ("compound", "pobj", "appos"):
            return [self._named_area(token)]
        if token.lower_ in self.facility_nouns and token.pos_ == "NOUN":
            return [self._facility(token)]  # "the city of El Obeid's main military airport"
        if token.lower_ in self.settlement_nouns:
            return self._named_places(token)
        return self._capital(token)  # "districts of the capital"

    def _named_area(self, token: Token) -> Resolved:
        """A proper name on a settlement word that the gazetteer does not know."""
        head = token.head
        text = " ".join(
            t.text for t in token.doc[token.left_edge.i : token.i + 1] if t.pos_ == "PROPN"
        )
        kind = ActorKind.REGION if head.lower_ in self.region_words else ActorKind.CITY
        return Resolved(Entry(text, kind, (text, f"{text} {head.text}")), text)

    def _facility_of_place(self, token: Token) -> list[Resolved]:
        """'the port of Hodeidah', 'the airport of Kabul': the named place the facility serves,
        which the graph knows and locates, rather than an unnamed facility."""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    mention = self.mentions.at(obj.i) if obj.dep_ == "pobj" else None
                    place = None if mention is None else self._place_from_mention(mention)
                    if place is not None:
                        return [place]
        return []

    def _facility(self, token: Token) -> Resolved:
        """'the Rustan bridge', 'a military base', 'weapon-smuggling routes'."""
        words = [token]
        for child in token.lefts:
            if child.dep_ in ("compound", "amod", "nmod"):
                words += [
                    t
                    for t in child.subtree
                    if t.text == "-"
                    or (
                        t.lower_ not in SKIP_WORDS
                        and t.lower_ not in QUANTIFIERS
                        and t.pos_ not in ("DET", "NUM", "PRON", "PUNCT")
                        and t.dep_ not in ("poss", "case")
                    )
                ]
        words.sort(key=lambda t: t.i)
        text = " ".join(t.text for t in words).replace(" - ", "-").strip("- ") or token.text
        return Resolved(Entry(text, ActorKind.FACILITY, (text,)), text)

    def _area(self, token: Token) -> Resolved:
        """An unnamed area described relative to a place: 'districts south of Marib'."""
        keep = [
            token,
            *(
                t
                for c in token.children
                if c.dep_ in ("prep", "advmod", "amod") and c.i > token.i
                for t in c.subtree
            ),
        ]
        words = sorted((t for t in keep if t.dep_ not in ("punct", "cc")), key=lambda t: t.i)
        text = " ".join(t.text for t in words[:8])
        return Resolved(Entry(text, ActorKind.REGION, (text,)), text)


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


def _names_actor(head: Token) -> bool:
    return head.lower_ not in OBJECT_NOUNS


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in MODIFIER_DEPS]


def _prep_objects(prep: Token) -> list[Token]:
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    for conj in prep.conjuncts:  # "in and around the cities of ..."
        objects += [c for c in conj.children if c.dep_ == "pobj"]
    return [o for obj in objects for o in (obj, *obj.conjuncts)]


def _phrase(start: Token, head: Token) -> str:
    """The words that named an actor, as written: "Assad's forces", 'Russian aircraft'."""
    first = min([start.i, *(t.i for t in head.lefts if t.dep_ in MODIFIER_DEPS)])
    breaks = [t.i for t in head.doc[first : start.i] if t.dep_ == "cc" or t.text in ",;"]
    if breaks:  # a misparse hung another conjunct on the head: "Hama and Turkish troops"
        first = breaks[-1] + 1
    span = head.doc[first : head.i + 1]
    while len(span) > 1 and (span[0].lower_ in SKIP_WORDS or span[0].is_punct):
        span = span[1:]
    return span.text or head.text


def _contains(tree: Token, token: Token) -> bool:
    return tree.left_edge.i <= token.i <= tree.right_edge.i
