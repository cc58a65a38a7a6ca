"""Where a name stands can say it is a place, whatever the tagger guessed.

The tagger often reads an unfamiliar village as a person or an organisation. Some positions
only a place can hold: "the town of X", "the villages of X and Y", "villages including X",
"X, a village south of Y", "three kilometres east of X", "killed at X", "recaptured X". A name
the tagger guessed that stands in one of them is retyped as a place, and so is every other
mention of the same name in the article: a name is one thing within one story.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.ingest.gazetteer import Gazetteer
from graph.ingest.lexicon import Entry
from graph.ingest.mention_types import Mention, Mentions
from graph.ingest.placenames import HEAD_WORDS, place_entry, place_word
from graph.ingest.resolved import DIRECTIONS
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = [
    "one_name_one_thing",
    "position_kind",
    "retype_by_position",
    "taken",
    "where_it_happened",
]

SETTLEMENT_HEADS = word_set("settlement_heads")
TAKING_VERBS = word_set("taking_verbs")
PLACE_OF_NOUNS = word_set("place_of_nouns")
SPEECH_LEMMAS = frozenset({"say", "tell", "accord"})
GUESSED = (ActorKind.PERSON, ActorKind.ORGANIZATION)


def taken(token: Token) -> bool:
    """What was captured: 'captured X', 'took control of X', 'took control over X'."""
    if token.dep_ == "dobj":
        return token.head.lemma_ in TAKING_VERBS
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "over"):
        holder = token.head.head
        return holder.lower_ == "control" or any(c.lower_ == "control" for c in holder.children)
    return False


def where_it_happened(token: Token) -> bool:
    """The object of 'in', 'at', 'near', 'on' or 'outside' on an event, not on a speaker."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in ("in", "at", "near", "outside", "on")
        and token.head.head.pos_ in ("VERB", "NOUN")
        and token.head.head.lemma_ not in SPEECH_LEMMAS
    )


def _kind_of(noun: Token) -> ActorKind | None:
    """A settlement word's kind; "the state of X", "the port of X" also name a unit."""
    kind = place_word(noun)
    if kind is None and noun.lower_ in SETTLEMENT_HEADS:
        return ActorKind.REGION
    return kind


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def position_kind(token: Token, guessed: ActorKind) -> ActorKind | None:
    """The kind of place the position of ``token`` (a name's head) demands, if any."""
    first = _first_conjunct(token)
    prep = first.head
    if first.dep_ == "pobj":
        holder = prep.head
        if prep.lower_ == "of":
            if holder.lower_ in DIRECTIONS | PLACE_OF_NOUNS:  # "east of X", "outskirts of X"
                return ActorKind.CITY
            kind = _kind_of(holder)  # "the town of X", "the villages of X and Y"
            if kind is not None:
                return kind
        if prep.lower_ in ("including", "as", "like") and _kind_of(holder) is not None:
            return _kind_of(holder)  # "villages including X and Y", "towns such as X"
    for child in token.children:  # "X, a village south of Y"
        if child.dep_ == "appos" and _kind_of(child) is not None:
            return _kind_of(child)
    if token.dep_ == "appos" and _kind_of(token.head) is not None:
        return _kind_of(token.head)  # "the village, X,"
    if taken(first):
        return ActorKind.CITY
    if guessed is ActorKind.PERSON and where_it_happened(first):
        return ActorKind.CITY
    return None


def _guess(mention: Mention) -> bool:
    return mention.reading == "entity" and mention.entry.kind in GUESSED


def retype_by_position(doc: Doc, mentions: Mentions, gazetteer: Gazetteer) -> None:
    """Turn the tagger's person or organisation into a place where only a place can stand,
    and every other guessed mention of the same name with it."""
    places: dict[str, Entry] = {}
    for mention in mentions.items:
        if not _guess(mention) or mention.text in places:
            continue
        kind = position_kind(doc[mention.start : mention.end].root, mention.entry.kind)
        if kind is not None:
            places[mention.text] = place_entry(
                mention.entry.name, kind, mention.entry.name, gazetteer
            )
    if not places:
        return
    for i, mention in enumerate(mentions.items):
        entry = places.get(mention.text)
        if entry is None or not _guess(mention):
            continue
        _replace(mentions, i, Mention(mention.start, mention.end, mention.text, entry, "place"))


def one_name_one_thing(mentions: Mentions) -> None:
    """'the Sabino bar ... worked at Sabino', 'Kalembe village ... in Kalembe': a bare name
    the tagger guessed is the place or facility the article named with its kind word."""
    headed: dict[str, Entry] = {}
    for mention in mentions.items:
        words = mention.text.split()
        if len(words) < 2 or mention.reading not in ("place", "facility"):
            continue
        if words[-1].lower() in HEAD_WORDS and words[0][:1].isupper():
            headed.setdefault(_bare(" ".join(words[:-1])), mention.entry)
    if not headed:
        return
    for i, mention in enumerate(mentions.items):
        entry = headed.get(_bare(mention.text))
        weak = _guess(mention) or (mention.reading == "place" and mention.entry.location is None)
        if entry is None or entry is mention.entry or not weak:
            continue
        reading = "facility" if entry.kind is ActorKind.FACILITY else "place"
        _replace(mentions, i, Mention(mention.start, mention.end, mention.text, entry, reading))


def _bare(text: str) -> str:
    return text.removeprefix("the ").removeprefix("The ")


def _replace(mentions: Mentions, index: int, new: Mention) -> None:
    mentions.items[index] = new
    for t in range(new.start, new.end):
        mentions.by_token[t] = new
