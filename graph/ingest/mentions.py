"""Find the actors an article names, and what each name stands for.

Lexicon phrases come first (armed groups, states and their forces, capitals, leaders), then
acronyms the article defines ("Hayat Tahrir al-Sham (HTS)"), then spaCy's named entities:
places are looked up in the GeoNames gazetteer, other organisations get a kind inferred from
their words. Generic references ("the rebels", "the army") are resolved later, in
:mod:`graph.ingest.resolve`, because they depend on where in the article they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.ingest.gazetteer import Gazetteer
from graph.ingest.lexicon import Entry, Lexicon, Reading
from graph.model import ActorKind

__all__ = ["Mention", "MentionFinder", "Mentions"]

FACTION_WORDS = frozenset(
    "army forces front brigade brigades movement militia liberation rebels group battalion "
    "legion corps guard guards mujahideen jihad council resistance alliance division units "
    "fighters volunteers regiment commandos army's".split()
)
REGION_HINTS = frozenset(
    "province region state governorate oblast district county township locality valley "
    "coast peninsula territory strip bank heights corridor basin delta".split()
)
ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})
# Words that may stand between a demonym and a force noun in the name of a state body:
# "Syrian defence ministry", "Israeli Air Force" (but not "Syrian Democratic Forces").
INSTITUTION_WORDS = frozenset(
    "armed air naval navy defence defense interior foreign national military security special "
    "federal royal revolutionary ministry forces force army government police guard guards "
    "intelligence coast border presidential republican aerospace ground land marine marines "
    "operations command".split()
)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&'-]{1,9}$")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token index
    end: int
    text: str
    entry: Entry
    reading: str  # a lexicon Reading, or "place", "facility", "entity"

    @property
    def kind(self) -> ActorKind:
        return self.entry.kind


@dataclass
class Mentions:
    """The mentions of one document, indexed by token."""

    items: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add(self, mention: Mention) -> None:
        self.items.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def at(self, index: int) -> Mention | None:
        return self.by_token.get(index)


class MentionFinder:
    """Build once per process (it compiles the lexicon into phrase matchers)."""

    def __init__(self, nlp: object, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        vocab = nlp.vocab  # type: ignore[attr-defined]
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._orth = PhraseMatcher(vocab, attr="ORTH")
        self._add_patterns(nlp, lexicon.surfaces)

    def _add_patterns(self, nlp: object, surfaces: Iterable[str]) -> None:
        tokenizer = nlp.tokenizer  # type: ignore[attr-defined]
        for surface in surfaces:
            if surface != surface.strip() or not surface:
                continue
            doc = tokenizer(surface)
            if len(doc) > 1 and not surface.islower():
                self._lower.add(surface, [doc])
            elif len(doc) == 1 and not surface.islower():
                variants = {surface, surface.upper(), surface.title()}
                self._orth.add(surface, [tokenizer(v) for v in variants if len(tokenizer(v)) == 1])

    def find(self, doc: Doc) -> Mentions:
        spans = self._lexicon_spans(doc)
        entities = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
        countries = self._countries(spans)
        mentions = Mentions()
        for span in sorted(filter_spans([*spans, *entities]), key=lambda s: s.start):
            mention = self._mention(doc, span, countries)
            if mention is not None:
                mentions.add(mention)
        self._add_acronyms(doc, mentions)
        self._add_gazetteer_tokens(doc, mentions, countries)
        self._add_coordinated_places(doc, mentions)
        return mentions

    def _add_coordinated_places(self, doc: Doc, mentions: Mentions) -> None:
        """'the cities of Raqqa and Deir Ez-Zour': an unknown name joined to a place is one too."""
        for mention in list(mentions.items):
            if mention.entry.kind not in (ActorKind.CITY, ActorKind.REGION):
                continue
            for other in doc[mention.end - 1].conjuncts:
                if other.pos_ != "PROPN" or mentions.at(other.i) is not None:
                    continue
                span = doc[other.left_edge.i : other.i + 1]
                if any(mentions.at(t.i) for t in span) or not all(
                    t.pos_ == "PROPN" or t.text == "-" for t in span
                ):
                    continue
                text = span.text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
                entry = Entry(text, mention.entry.kind, (text,), countries=mention.entry.countries)
                mentions.add(Mention(span.start, span.end, text, entry, "place"))
    def _add_gazetteer_tokens(self, doc: Doc, mentions: Mentions, countries: frozenset[str]) -> None:
        """Proper nouns the tagger missed that name a known town: 'recaptured Tikrit'."""
        for token in doc:
            if token.pos_ != "PROPN" or mentions.at(token.i) is not None or token.ent_type_:
                continue
            if len(token.text) < 4 or not token.text[0].isupper() or token.is_sent_start:
                continue
            city = self.gazetteer.lookup(token.text, countries)
            if city is not None and (city.country_code in countries or city.population > 50_000):
                entry = Entry(city.name, ActorKind.CITY, (token.text,), countries=(city.country_code,),
                              location=city.location)
                mentions.add(Mention(token.i, token.i + 1, token.text, entry, "place"))

    def _countries(self, spans: Iterable[Span]) -> frozenset[str]:
        """Countries the article's lexicon actors belong to: place names prefer these."""
        codes: set[str] = set()
        for span in spans:
            for entry, _ in self.lexicon.surfaces.get(span.label_, [])[:1]:
                codes.update(entry.countries)
        return frozenset(codes)

    def _lexicon_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for matcher in (self._lower, self._orth):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=match_id))
        return filter_spans(spans)

    def _mention(self, doc: Doc, span: Span, countries: frozenset[str]) -> Mention | None:
        label = span.label_
        if label in self.lexicon.surfaces:
            entry, reading = self.lexicon.surfaces[label][0]
            return Mention(span.start, span.end, span.text, entry, reading.value)
        known = self.lexicon.lookup(_strip_article(span.text))
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
        text = _strip_article(span.text)
        label = span.label_
        if label == "NORP":  # demonyms the lexicon lacks ("Tigrayan") name no actor by themselves
            if len(text) < 4 or text not in self.gazetteer or text.endswith(("an", "ese", "i")):
                return None
            label = "GPE"  # the tagger's NORP on a town name ("retook Kidal")
        if label in {"ORG", "GPE", "LOC", "PERSON"} and _only_generic(text):
            return None  # "Army", "the Government": generic references, resolved later
        if label == "ORG":
            body = self._state_body(span, text)
            if body is not None:
                return body
        if not text or not any(c.isalpha() for c in text):
            return None
        if len(text) < 4 and text.isupper():
            label = "ORG" if label in {"GPE", "LOC", "ORG"} else label  # "UN", "AU": not towns
        if label in {"GPE", "LOC"} or (label in {"PERSON", "ORG"} and text in self.gazetteer
                                        and len(text) >= 4):
            return self._place_mention(span, text, label, countries)
        if label == "FAC":
            return Mention(span.start, span.end, span.text, Entry(text, ActorKind.FACILITY), "facility")
        if label == "PERSON":
            return Mention(span.start, span.end, span.text, Entry(text, ActorKind.PERSON), "entity")
        if label == "ORG":
            kind = ActorKind.FACTION if _looks_armed(text) else ActorKind.ORGANIZATION
            return Mention(span.start, span.end, span.text, Entry(text, kind), "entity")
        return None

    def _place_mention(
        self, span: Span, text: str, label: str, countries: frozenset[str]
    ) -> Mention | None:
        words = text.lower().split()
        is_region = bool(REGION_HINTS & set(words)) or label == "LOC"
        core = " ".join(w for w in text.split() if w.lower() not in REGION_HINTS) or text
        city = None if is_region and label == "LOC" else self.gazetteer.lookup(core, countries)
        codes = (city.country_code,) if city is not None else ()
        if city is not None and not (REGION_HINTS & set(words)):
            entry = Entry(city.name, ActorKind.CITY, (text,), countries=codes, location=city.location)
            return Mention(span.start, span.end, span.text, entry, "place")
        kind = ActorKind.REGION if is_region or label == "LOC" else ActorKind.CITY
        if kind is ActorKind.CITY and label in {"PERSON", "ORG"}:
            return None
        location = city.location if city is not None and kind is ActorKind.CITY else None
        entry = Entry(core, kind, (text,), countries=codes, location=location)
        return Mention(span.start, span.end, span.text, entry, "place")

    def _add_acronyms(self, doc: Doc, mentions: Mentions) -> None:
        """'Long Name (ABBR)' and 'ABBR (Long Name)': the other form names the same actor."""
        defined: dict[str, Mention] = {}
        for mention in list(mentions.items):
            after = doc[mention.end : mention.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
                abbr = after[1].text
                if ACRONYM.match(abbr) and mentions.at(after[1].i) is None:
                    defined[abbr] = mention
        if not defined:
            return
        for token in doc:
            source = defined.get(token.text)
            if source is not None and mentions.at(token.i) is None:
                mentions.add(Mention(token.i, token.i + 1, token.text, source.entry, source.reading))


def _strip_article(text: str) -> str:
    text = text.strip().strip("\"'“”‘’")
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.removesuffix("'s").removesuffix("’s").strip()


GENERIC_WORDS = INSTITUTION_WORDS | frozenset("the junta regime authorities military".split())


def _only_generic(text: str) -> bool:
    return all(w.lower() in GENERIC_WORDS for w in text.split())


def _looks_armed(text: str) -> bool:
    return bool(FACTION_WORDS & {w.lower() for w in text.split()})
