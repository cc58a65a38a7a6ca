"""Places a relation's target names: towns, regions, facilities and described areas.

"the town of Babanusa" and "Paletwa township" are the town, "the port of Hodeidah" the city,
"the capital" the capital of the state named beside it (or of the article's state), "a
military base in Borno" a facility, "districts south of Marib" an area.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.ingest.coref import place_antecedent
from graph.ingest.gazetteer import Gazetteer
from graph.ingest.lexicon import Entry, Reading
from graph.ingest.mentions import Mention, Mentions
from graph.ingest.place_positions import position_kind, taken, where_it_happened
from graph.ingest.placenames import listed_before
from graph.ingest.resolved import (
    ACTOR_KINDS,
    DIRECTIONS,
    MODIFIER_DEPS,
    PLACE_KINDS,
    QUANTIFIERS,
    SKIP_WORDS,
    Resolved,
)
from graph.ingest.resolved import phrase as _phrase
from graph.ingest.resolved import prep_objects as _prep_objects
from graph.model import ActorKind

__all__ = ["PlaceResolver"]

# A seat of government that the gazetteer knows as a city this large is that city ("Port
# Sudan"); a smaller namesake ("White House", a Tennessee town) is not what a story means.
SEAT_CITY = 100_000


class PlaceResolver:
    """The place half of :class:`graph.ingest.resolve.Context`, which sets these attributes."""

    doc: Doc
    mentions: Mentions
    gazetteer: Gazetteer | None
    home_state: Entry | None
    facility_nouns: frozenset[str]
    settlement_nouns: frozenset[str]
    inside_preps: frozenset[str]
    region_words: frozenset[str]

    def places(self, token: Token) -> list[Resolved]:
        """The places or facilities a target noun phrase names."""
        if token.lower_ in DIRECTIONS:  # "raids on Majzar district west of Marib": Majzar
            compounds = [c for c in token.children if c.dep_ == "compound"]
            return [p for c in compounds[-1:] for p in self.places(c)]
        mention = self.mentions.at(token.i)
        if mention is not None:
            place = self._place_from_mention(mention)
            if place is None and _where_a_person_cannot_be(token, mention):
                return [self._named_area(token)]  # "killed at Kafr Nabudah", tagged PERSON
            if place is not None:
                listed = listed_before(self.doc, self.mentions, mention)
                return [place, *(p for m in listed if (p := self._place_from_mention(m)))]
            if mention.entry.kind in ACTOR_KINDS | {ActorKind.PERSON}:
                return []
        elif _unknown_name_in_place(token):
            return [self._named_area(token)]  # "an attack on Boni": a town no list knows
        if token.lower_ in self.facility_nouns and token.pos_ in ("NOUN", "PROPN"):
            return self._facility_of_place(token) or [self._facility(token)]
        capital = self._capital(token)
        if capital:
            return capital
        if token.lower_ in self.settlement_nouns and token.pos_ in ("NOUN", "PROPN"):
            named = self._named_places(token) or place_antecedent(self.doc, self.mentions, token)
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
        if mention.reading == Reading.SEAT.value:  # "Port Sudan": a seat that is a city
            countries = frozenset(mention.entry.countries)
            city = self.gazetteer.lookup(mention.text, countries) if self.gazetteer else None
            if city is not None and city.country_code in countries and city.population >= SEAT_CITY:
                return self._city(mention.text, mention.entry.countries, mention.text)
        return None

    def seat_site(self, token: Token) -> list[Resolved]:
        """'a drone hit the Kremlin': a seat of government that is no city is a site."""
        mention = self.mentions.at(token.i)
        if mention is None or mention.reading != Reading.SEAT.value:
            return []
        name = mention.text.removeprefix("the ").removeprefix("The ")
        return [Resolved(Entry(name, ActorKind.FACILITY, (name,)), mention.text)]

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
        """'Paletwa township', 'the town of Babanusa', 'positions in Marib and Al Jawf'."""
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
        if token.dep_ == "appos":  # "east of Tikrit - a city that was recaptured"
            appos.append(token.head)
        listed = [  # "villages including Tall Rifaat and Kafr Naya", "towns such as X"
            o
            for c in token.children
            if c.dep_ in ("prep", "amod") and c.lower_ in ("including", "like", "as")
            for o in _prep_objects(c)
        ]
        for group in (compounds, ofs, appos, ins, listed):
            found = [p for t in group for p in self._mentioned_place(t)]
            if found:
                return found
        return []

    def _mentioned_place(self, token: Token) -> list[Resolved]:
        if token.lower_ in DIRECTIONS:  # "the area of Safsafeh east of Tabqa": Safsafeh
            named = [c for c in token.children if c.dep_ == "compound"]
            return [p for c in named for p in self._mentioned_place(c)]
        mention = self.mentions.at(token.i)
        if mention is not None:
            place = self._place_from_mention(mention)
            if (
                place is None
                and token.dep_ in ("compound", "pobj", "conj")
                and mention.reading == "entity"
            ):
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
            *(t for c in token.children if c.dep_ == "poss" for t in c.subtree),
            token,
            *(
                t
                for c in token.children
                if c.dep_ in ("prep", "advmod", "amod") and c.i > token.i
                for t in c.subtree
            ),
        ]  # "Syria's border with Lebanon"
        words = sorted((t for t in keep if t.dep_ not in ("punct", "cc")), key=lambda t: t.i)
        text = " ".join(t.text for t in words[:8])
        return Resolved(Entry(text, ActorKind.REGION, (text,)), text)


def _where_a_person_cannot_be(token: Token, mention: Mention) -> bool:
    """A name the tagger took for a person or an organisation, standing where an event
    happened ('killed at X') or as what was taken ('captured X'): there it names a place."""
    if mention.reading != "entity" or mention.entry.kind not in (
        ActorKind.PERSON,
        ActorKind.ORGANIZATION,
    ):
        return False
    if taken(token):
        return True
    return mention.entry.kind is ActorKind.PERSON and where_it_happened(token)


def _unknown_name_in_place(token: Token) -> bool:
    """A capitalised name no tagger or list knows, standing where a place stands."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return False
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
        return False
    # the positions that make a tagger's guess a place make an untagged name one too
    return position_kind(token, ActorKind.PERSON) is not None
