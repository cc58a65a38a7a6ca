"""Definite descriptions that refer back: 'the village', 'the area', 'the town', 'the forces'.

'The village' is the last town or village the text named before it, 'the area' the last place
of any kind; the units a report lists in brackets ('(Masisi, North Kivu)') only say where, so
they are never what 'the village' means. 'The forces' and 'the troops', with no owner named,
are the armed actor that was last the subject of a sentence. Nothing here ever makes a node
named 'village' or 'area': with no antecedent there is no referent.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.ingest.lexicon import Entry
from graph.ingest.mention_types import Mention, Mentions
from graph.ingest.resolved import ACTOR_KINDS, Resolved
from graph.ingest.words import word_set
from graph.model import ActorKind

__all__ = [
    "backed_description",
    "force_antecedent",
    "is_definite",
    "place_antecedent",
    "pro_side_militia",
]

TOWN_WORDS = word_set("town_words")
AREA_WORDS = word_set("area_words")
BARE_FORCES = word_set("bare_force_nouns")
MILITIA_WORDS = word_set("militia_words")
DESCRIBED_HEADS = word_set("described_side_heads")
DESCRIBING_SUFFIXES = ("-backed", "-led", "-supported", "-allied", "-sponsored")
# A description that points back: "the village", "that town", "the same area"
DEFINITE_DETS = frozenset({"the", "that", "this", "these", "those"})
ANTECEDENT_SENTENCES = 4


def is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in token.children)


def _bare(token: Token) -> bool:
    """No modifier that names or describes it: 'the village', not 'a nearby village of X'."""
    return not any(
        c.dep_ in ("compound", "poss", "prep", "appos", "nmod", "relcl", "acl")
        and not _bracketed(c)
        for c in token.children
    )


def _bracketed(token: Token) -> bool:
    """'the area (date of the takeover unclear)': an aside in brackets describes nothing."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == "("


def _window(doc: Doc, token: Token) -> int:
    """The first token of the sentences an antecedent may come from."""
    sent = token.sent
    for _ in range(ANTECEDENT_SENTENCES - 1):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def place_antecedent(doc: Doc, mentions: Mentions, token: Token) -> list[Resolved]:
    """'took control of the village': the village named before; else nothing."""
    word = token.lemma_.lower()
    if not (word in TOWN_WORDS or word in AREA_WORDS) or not is_definite(token) or not _bare(token):
        return []
    first = _window(doc, token)
    kinds = {ActorKind.CITY} if word in TOWN_WORDS else {ActorKind.CITY, ActorKind.REGION}
    candidates = [
        m
        for m in mentions.items
        if first <= m.start < token.i
        and m.entry.kind in kinds
        and m.reading != "locator"
        and not _inside(doc, m, token)
    ]
    if not candidates:
        return []
    chosen = candidates[-1]
    return [Resolved(chosen.entry, chosen.text, generic=True, alias=False)]


def force_antecedent(doc: Doc, mentions: Mentions, token: Token) -> list[Resolved]:
    """'The forces captured the area': the armed actor last named as a subject."""
    if token.lower_ not in BARE_FORCES or not is_definite(token):
        return []
    if any(c.dep_ in ("compound", "poss", "amod", "nmod", "prep") for c in token.children):
        return []
    first = _window(doc, token)
    subjects: list[Mention] = []
    for m in mentions.items:
        if not first <= m.start < token.i or m.entry.kind not in ACTOR_KINDS:
            continue
        root = doc[m.start : m.end].root
        holder = root.head if root.dep_ in ("compound", "amod", "poss") else root
        if holder.dep_ in ("nsubj", "nsubjpass"):
            subjects.append(m)
    if not subjects:
        return []
    chosen = subjects[-1]
    return [Resolved(chosen.entry, chosen.text, generic=True, alias=False)]


def _inside(doc: Doc, mention: Mention, token: Token) -> bool:
    """A mention inside the description's own phrase is not its antecedent."""
    return token.left_edge.i <= mention.start <= token.right_edge.i


def backed_description(token: Token) -> list[Resolved]:
    """'Turkish-backed militants', 'US-backed Syrian fighters', 'Kurdish-led militias': an
    armed side the text names only by who backs or leads it is a faction under that name.
    A definite one ('the Iran-backed group') refers back instead, and is left to salience."""
    if token.lower_ not in DESCRIBED_HEADS or is_definite(token):
        return []
    if any(c.dep_ == "nummod" for c in token.children) or token.dep_ == "appos":
        return []  # "two US-backed groups" are not one actor; "PYD, a US-backed group" is PYD
    doc = token.doc
    marks = [
        t
        for t in doc[token.left_edge.i : token.i]
        if t.lower_.endswith(DESCRIBING_SUFFIXES)
        or (
            t.lower_ in ("backed", "led", "supported", "allied")
            and t.i > 0
            and doc[t.i - 1].text == "-"
        )
    ]
    if not marks:
        return []
    start = marks[0].i - (2 if marks[0].lower_ in ("backed", "led", "supported", "allied") else 0)
    words = [
        t
        for t in doc[start : token.i + 1]
        if t.dep_ not in ("det", "nummod", "punct") or t.text == "-"
    ]
    name = " ".join(t.text for t in words).replace(" - ", "-").strip("- ")
    return [Resolved(Entry(name, ActorKind.FACTION, (name,)), name)]


def pro_side_militia(token: Token) -> list[Resolved]:
    """'pro-government militia members', 'pro-regime fighters': armed men who side with X
    without being X's forces: a faction of their own, under the name monitors give it
    ('Militia (Pro-Government)')."""
    words = [token, *(c for c in token.children if c.dep_ == "compound")]
    if not any(w.lower_ in MILITIA_WORDS for w in words):
        return []
    doc = token.doc
    for child in token.children:
        if child.lower_ != "pro" or child.i + 2 >= token.i or doc[child.i + 1].text != "-":
            continue
        side = doc[child.i + 2]
        if not side.is_alpha:
            continue
        noun = "militia" if any(w.lower_.startswith("militia") for w in words) else token.lower_
        name = f"pro-{side.text} {noun}"
        label = f"Militia (Pro-{side.text[:1].upper()}{side.text[1:]})"
        entry = Entry(name, ActorKind.FACTION, (label, f"pro-{side.text} militias"))
        return [Resolved(entry, name)]
    return []
