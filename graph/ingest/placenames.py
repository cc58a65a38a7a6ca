"""Place names that carry their settlement word: 'Kalembe village', 'Sangin district',
'Sector 7 area', and the administrative units a report adds in brackets: '(Masisi, North Kivu)'.

The name is the proper noun alone ('Kalembe'), with the whole phrase kept as an alias, so that
a later 'the village' and a reader searching 'Kalembe' both find it. Leading adjectives and
participles ('besieged', 'rebel-held', 'nearby') are never part of the name.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from graph.ingest.gazetteer import Gazetteer
from graph.ingest.lexicon import Entry
from graph.ingest.mention_types import Mention, Mentions, join_hyphens, tokens_where
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = [
    "HEAD_WORDS",
    "add_bracketed_places",
    "add_headed_places",
    "listed_before",
    "place_entry",
    "place_word",
]

TOWN_WORDS = word_set("town_words")
AREA_WORDS = word_set("area_words")
FACILITY_WORDS = word_set("facility_heads")
OWNER_WORDS = word_set("institution_words") | word_set("unit_words")
HEAD_WORDS = TOWN_WORDS | AREA_WORDS | FACILITY_WORDS
PARTICLES = word_set("name_particles")
# Readings that only say what the tagger guessed; a settlement word after the name overrules them.
GUESSES = frozenset({"entity", "facility"})
CALENDAR_WORDS = frozenset(
    w.lower()
    for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
    if w
) | {"sept"}
# How many words a bracketed locator may hold: "(Masisi, North Kivu)", "(Aleppo province)".
MAX_BRACKET_WORDS = 8


def place_word(token: Token) -> ActorKind | None:
    """The kind of place a settlement word names: 'village' a town, 'district' a region."""
    word = token.lower_
    if word in TOWN_WORDS:
        return ActorKind.CITY
    if word in AREA_WORDS:
        return ActorKind.REGION
    return None


def _head_kind(token: Token) -> ActorKind | None:
    """A settlement word, or a facility word after a name: 'the Sahafi hotel'."""
    kind = place_word(token)
    if kind is None and token.lower_ in FACILITY_WORDS and token.pos_ == "NOUN":
        return ActorKind.FACILITY
    return kind


def _name_words(doc: Doc, head: Token) -> list[Token]:
    """The capitalised words right before ``head`` that name it ('Mweso' in 'Mweso
    village'), numbers and name particles inside them allowed ('Sector 7', 'Ras al Ain')."""
    words: list[Token] = []
    i = head.i - 1
    while i >= 0:
        tok = doc[i]
        if (tok.is_stop and tok.lower_ not in PARTICLES) or _calendar(tok):
            break
        if not _in_name(doc, tok, bool(words)):
            break
        words.insert(0, tok)
        i -= 1
    while words and not words[0].text[:1].isupper():
        words = words[1:]
    return words


def _calendar(tok: Token) -> bool:
    """A word of a date ('On 3 May'), not a town the tagger took for one (a name in -day)."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    return tok.like_num or tok.lower_.rstrip(".") in CALENDAR_WORDS


def _in_name(doc: Doc, tok: Token, inside: bool) -> bool:
    """Whether ``tok`` continues a name read right to left; ``inside``: words were read."""
    if tok.text[:1].isupper() and tok.is_alpha:
        return True
    if not inside:
        return False
    hyphen = tok.text == "-" and tok.i > 0 and doc[tok.i - 1].text[:1].isupper()
    return hyphen or tok.like_num or tok.lower_ in PARTICLES


def add_headed_places(doc: Doc, mentions: Mentions, gazetteer: Gazetteer) -> None:
    """'Kalembe village', 'Sangin district', and each name before a plural kind: 'the
    Shatila and Burj al-Barajneh camps' are two camps."""
    for head in tokens_where(doc, lower_in=HEAD_WORDS):
        kind = _head_kind(head)
        if kind is None or head.i == 0:
            continue
        words = _name_words(doc, head)
        if not words or any(_armed(mentions, t) for t in words):
            continue
        if all(t.lower_ in OWNER_WORDS for t in words):
            continue  # "Army camp", "Police station": whose it is, not its name
        if kind is not ActorKind.FACILITY and head.lower_ != head.lemma_.lower():
            _add_listed(doc, mentions, words[0].i, kind, gazetteer)  # several names, one kind
        start, end = words[0].i, head.i + 1
        existing = _mentions_in(mentions, range(start, end))
        strong = (ActorKind.CITY, ActorKind.REGION) if kind is not ActorKind.FACILITY else ()
        if any(m.entry.kind not in strong and m.reading not in GUESSES for m in existing):
            continue  # a lexicon name ('Islamic State Somalia Province') stays what it is
        name = join_hyphens(doc[start : head.i].text)
        if not any(c.isalpha() for c in name):
            continue
        if kind is ActorKind.FACILITY:  # the facility keeps its kind word: 'Sahafi hotel'
            full = join_hyphens(doc[start:end].text)
            entry = Entry(full, kind, (full,))
        else:
            entry = place_entry(name, kind, doc[start:end].text, gazetteer)
        for m in existing:
            _remove(mentions, m)
        reading = "facility" if kind is ActorKind.FACILITY else "place"
        mentions.add(Mention(start, end, doc[start:end].text, entry, reading))


def _add_listed(
    doc: Doc, mentions: Mentions, end: int, kind: ActorKind, gazetteer: Gazetteer
) -> None:
    """The names listed before the last one: 'Shatila and' in 'the Shatila and Burj
    al-Barajneh camps'."""
    while end > 1 and doc[end - 1].lower_ in ("and", ",", "&"):
        words = _name_words(doc, doc[end - 1])
        if not words or any(mentions.at(t.i) is not None for t in words):
            return
        name = join_hyphens(doc[words[0].i : end - 1].text)
        mentions.add(
            Mention(words[0].i, end - 1, name, place_entry(name, kind, name, gazetteer), "place")
        )
        end = words[0].i


def add_bracketed_places(doc: Doc, mentions: Mentions, gazetteer: Gazetteer) -> None:
    """'in Kibirizi village (Rutshuru, North Kivu)': the bracket after a place lists the units
    that hold it, so each name in it is a place, whatever the tagger made of it."""
    for mention in list(mentions.items):
        if mention.entry.kind not in (ActorKind.CITY, ActorKind.REGION):
            continue
        if mention.end >= len(doc) or doc[mention.end].text != "(":
            continue
        close = next(
            (t.i for t in doc[mention.end : mention.end + MAX_BRACKET_WORDS + 2] if t.text == ")"),
            None,
        )
        if close is None:
            continue
        for part in _comma_parts(doc, mention.end + 1, close):
            if any(not (t.text[:1].isupper() or t.text == "-" or t.like_num) for t in part):
                continue
            existing = _mentions_in(mentions, (t.i for t in part))
            if any(m.reading not in ("entity", "place") for m in existing):
                continue
            for m in existing:
                _remove(mentions, m)
            name = join_hyphens(" ".join(t.text for t in part))
            entry = place_entry(name, ActorKind.REGION, name, gazetteer)
            mentions.add(Mention(part[0].i, part[-1].i + 1, name, entry, "locator"))


def _comma_parts(doc: Doc, start: int, end: int) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok in doc[start:end]:
        if tok.text in (",", ";"):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def place_entry(name: str, kind: ActorKind, surface: str, gazetteer: Gazetteer) -> Entry:
    """The place ``name`` as an entry, located when the gazetteer knows a town of that name."""
    city = gazetteer.lookup(name, frozenset()) if kind is ActorKind.CITY else None
    if city is not None and city.name.lower() == name.lower():
        return Entry(
            city.name, ActorKind.CITY, (name, surface), countries=(city.country_code,),
            location=city.location,
        )  # fmt: skip
    return Entry(name, kind, tuple(dict.fromkeys((name, surface))))


def _armed(mentions: Mentions, token: Token) -> bool:
    mention = mentions.at(token.i)
    return mention is not None and mention.reading not in GUESSES | {"place"}


def _mentions_in(mentions: Mentions, indices: Iterable[int]) -> list[Mention]:
    found = (mentions.at(i) for i in indices)
    return list(dict.fromkeys(m for m in found if m is not None))


def _remove(mentions: Mentions, mention: Mention) -> None:
    for i in range(mention.start, mention.end):
        if mentions.by_token.get(i) is mention:
            del mentions.by_token[i]
    mentions.items = [m for m in mentions.items if m is not mention]


def listed_before(doc: Doc, mentions: Mentions, mention: Mention) -> list[Mention]:
    """The places listed before 'Burj al-Barajneh camps' in 'the Shatila and Burj
    al-Barajneh camps', which share its plural kind."""
    head = doc[mention.end - 1]
    if place_word(head) is None or head.lower_ == head.lemma_.lower():
        return []
    found: list[Mention] = []
    i = mention.start
    while i > 1 and doc[i - 1].lower_ in ("and", ",", "&"):
        before = mentions.at(i - 2)
        if before is None or before.entry.kind not in (ActorKind.CITY, ActorKind.REGION):
            break
        found.append(before)
        i = before.start
    return found
