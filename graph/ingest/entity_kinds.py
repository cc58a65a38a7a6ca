"""What kind of actor or place a name found in an article is.

A lexicon name is what the lexicon says (an acronym two actors share is read by the article's
countries); a name only the tagger found gets its kind from its words and from the gazetteer:
an organisation head ("Institute") makes an organisation, armed words ("Brigade") a faction, a
province of ISO 3166-2 a region, a town the gazetteer knows a city, a facility word after it
("the M4 highway") a facility.
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.ingest.gazetteer import Gazetteer
from graph.ingest.lexicon import Entry, Lexicon, Reading
from graph.ingest.mention_types import Mention
from graph.ingest.subdivisions import Subdivisions
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = ["EntityKinds", "is_descriptor", "looks_armed", "strip_article"]

FACTION_WORDS = word_set("faction_words")
REGION_HINTS = word_set("region_hints")
INSTITUTION_WORDS = word_set("institution_words")


class EntityKinds:
    """Typing of the names an article holds; built once per process with the extractor."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, subdivisions: Subdivisions) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.subdivisions = subdivisions

    def mention(self, span: Span, countries: frozenset[str]) -> Mention | None:
        """The mention a name found by the lexicon, the gazetteer or the tagger makes."""
        label = span.label_
        if label in self.lexicon.surfaces:
            entry, reading = _in_context(self.lexicon.surfaces[label], countries)
            return Mention(span.start, span.end, span.text, entry, reading.value)
        known = self.lexicon.lookup(strip_article(span.text))
        if known is not None:
            entry, reading = known
            return Mention(span.start, span.end, span.text, entry, reading.value)
        return self._entity_mention(span, countries)

    def _state_body(self, span: Span, text: str) -> Mention | None:
        """'the Syrian defence ministry' is Syria acting through one of its bodies."""
        words = text.split()
        found = self.lexicon.lookup(words[0]) if len(words) > 1 else None
        if found is None or found[1] is not Reading.DEMONYM:
            return None
        if not all(w.lower() in INSTITUTION_WORDS for w in words[1:]):
            return None
        return Mention(span.start, span.end, span.text, found[0], Reading.FORCE.value)

    def _entity_mention(self, span: Span, countries: frozenset[str]) -> Mention | None:
        cut = next((t.i for t in span[1:] if t.lower_ in ("in", "near", "at")), None)
        if cut is not None:  # the tagger ran on: "Kadugli in South Kordofan"
            span = Span(span.doc, span.start, cut, label=span.label_)
        text = strip_article(span.text)
        label = span.label_
        if not any(c.isupper() for c in text) or _only_generic(text):  # names have capitals
            return None  # "Army", "the Government": generic references, resolved later
        if span[0].is_sent_start and all(t.pos_ in ("NOUN", "ADJ") for t in span):
            return None  # "Gunmen opened fire": a capital that only starts a sentence
        if label == "NORP":  # a demonym the lexicon lacks ("Tigrayan") names no actor by itself
            if len(text) < 4 or text not in self.gazetteer:
                return None
            label = "GPE"  # the tagger's NORP on a town name ("retook Kidal")
        if is_descriptor(span):
            return None  # "a Washington-based think tank" puts no one in the conflict
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in FACILITY_HEADS and label != "PERSON":
            named = span.doc[span.start : span.end + 1]  # "the M4 highway", "Rafah crossing"
            name = strip_article(named.text)
            entry = Entry(name, ActorKind.FACILITY, (name,))
            return Mention(named.start, named.end, named.text, entry, "facility")
        if _indefinite_acronym(span):
            return None  # "an Afghan military APC", "an RPG": a thing, not a name
        words = {w.lower() for w in text.split()}
        if label in {"ORG", "GPE", "LOC", "FAC"} and words & ORGANIZATION_HEADS:
            return self._organization(span, text)
        if label in {"ORG", "PERSON"} and not looks_armed(text):
            division = self.division(span, text, countries)
            if division is not None:
                return division  # "Logar", "Tamaulipas" taken for a name or a body
        if label == "ORG":
            return self._state_body(span, text) or self._org_or_place(span, text, countries)
        if len(text) < 4 and text.isupper():
            return self._organization(span, text)  # "UN", "AU": not towns
        if label in {"GPE", "LOC"}:
            return self._place_mention(span, text, label, countries)
        if label == "FAC":
            return self._facility_or_town(span, text, countries)
        if label == "PERSON":
            if len(text) >= 4 and text in self.gazetteer and " " not in text:
                return self._place_mention(span, text, label, countries)
            return Mention(span.start, span.end, span.text, Entry(text, ActorKind.PERSON), "entity")
        return None

    def _organization(self, span: Span, text: str) -> Mention:
        kind = ActorKind.FACTION if looks_armed(text) else ActorKind.ORGANIZATION
        return Mention(span.start, span.end, span.text, Entry(text, kind), "entity")

    def _org_or_place(self, span: Span, text: str, countries: frozenset[str]) -> Mention | None:
        if len(text) >= 4 and text in self.gazetteer and not looks_armed(text):
            return self._place_mention(span, text, "GPE", countries)
        return self._organization(span, text)

    def _facility_or_town(self, span: Span, text: str, countries: frozenset[str]) -> Mention:
        """The tagger's FAC on a bare town name ('closing in on Sirte') is the town."""
        if text in self.gazetteer and not {w.lower() for w in text.split()} & FACILITY_HEADS:
            mention = self._place_mention(span, text, "GPE", countries)
            if mention is not None:
                return mention
        return Mention(span.start, span.end, span.text, Entry(text, ActorKind.FACILITY), "facility")

    def _place_mention(
        self, span: Span, text: str, label: str, countries: frozenset[str]
    ) -> Mention | None:
        words = {w.lower() for w in text.split()}
        region_words = REGION_HINTS & words
        core = " ".join(w for w in text.split() if w.lower() not in REGION_HINTS) or text
        known = self.lexicon.lookup(core)
        if known is not None and known[0].kind is ActorKind.REGION:
            return Mention(span.start, span.end, span.text, known[0], "place")
        if not region_words:
            division = self.division(span, core, countries)
            if division is not None:
                return division
        city = self.gazetteer.lookup(core, countries)
        codes = (city.country_code,) if city is not None else ()
        if city is not None and not region_words:
            entry = Entry(
                city.name, ActorKind.CITY, (text,), countries=codes, location=city.location
            )
            return Mention(span.start, span.end, span.text, entry, "place")
        kind = ActorKind.REGION if region_words or label == "LOC" else ActorKind.CITY
        if kind is ActorKind.CITY and label in {"PERSON", "ORG"}:
            return None
        location = city.location if city is not None and kind is ActorKind.CITY else None
        entry = Entry(core, kind, (text,), countries=codes, location=location)
        return Mention(span.start, span.end, span.text, entry, "place")

    def division(self, span: Span, name: str, countries: frozenset[str]) -> Mention | None:
        """A province, state or governorate named bare: 'Borno', 'Nuevo Leon', 'Logar'."""
        if not self.subdivisions.is_region(name, self.gazetteer, countries):
            return None
        codes = self.subdivisions.countries_of(name)
        codes = tuple(c for c in codes if c in countries) or codes
        entry = Entry(name, ActorKind.REGION, (span.text,), countries=codes)
        return Mention(span.start, span.end, span.text, entry, "place")


def _in_context(
    readings: list[tuple[Entry, Reading]], countries: frozenset[str]
) -> tuple[Entry, Reading]:
    """Of the actors one name may stand for ('SNA': the Syrian National Army or the Somali
    National Army), the one active where the article's other actors are; else the first."""
    for entry, reading in readings:
        if set(entry.countries) & countries:
            return entry, reading
    return readings[0]


def strip_article(text: str) -> str:
    text = text.strip().strip("\"'“”‘’")
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.removesuffix("'s").removesuffix("’s").strip()


ORGANIZATION_HEADS = word_set("organization_heads")
FACILITY_HEADS = word_set("facility_heads")


def _indefinite_acronym(span: Span) -> bool:
    """One capitalised abbreviation after 'a' or 'an' names a kind of thing, not an actor."""
    if len(span) != 1 or not span.text.isupper():
        return False
    root = span.root
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children)


def is_descriptor(span: Span) -> bool:
    """'Washington-based', 'Iran-aligned': a place used to describe something else."""
    after = span.doc[span.end : span.end + 2]
    return (
        len(after) == 2 and after[0].text == "-" and after[1].lower_ in ("based", "headquartered")
    )


GENERIC_WORDS = (
    INSTITUTION_WORDS
    | word_set("unit_words")
    | frozenset(["the", "junta", "regime", "authorities", "military"])
)


def _only_generic(text: str) -> bool:
    return all(w.lower() in GENERIC_WORDS for w in text.split())


def looks_armed(text: str) -> bool:
    return bool(FACTION_WORDS & {w.lower() for w in text.split()})
