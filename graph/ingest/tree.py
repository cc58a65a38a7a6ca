"""Walks through the dependency tree that every relation pattern shares: subjects,
prepositional objects, coordination, quantities, casualties and who set a weapon."""

from __future__ import annotations

from spacy.tokens import Token

from graph.ingest.words import word_set

__all__ = [
    "CASUALTY_VERBS",
    "CLAUSE_PREPS",
    "EVENT_PREPS",
    "OBJECT_DEPS",
    "SUBJECT_DEPS",
    "casualties",
    "explained_casualties",
    "governs",
    "placed_by",
    "prep_objects",
    "series_head",
    "subjects",
    "through",
    "with_conj",
]

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
CASUALTY_VERBS = word_set("casualty_verbs")
SERIES_NOUNS = word_set("series_nouns")
QUANTITY_NOUNS = word_set("quantity_nouns")
GOVERNMENT_VERBS = word_set("government_verbs")
# Prepositions that hang an event on the clause it explains: "killed during clashes with X",
# "were wounded following an attack by Y", "in an ambush".
EVENT_PREPS = frozenset({"with", "in", "during", "amid", "following", "after", "by"})
# Of those, the ones whose clause's subject takes part in the event: "X killed Y in an ambush",
# "were killed during clashes with X"; not "X issued a warning following attacks in Paris".
CLAUSE_PREPS = frozenset({"with", "in", "during", "amid"})


def subjects(verb: Token) -> list[Token]:
    """The verb's subject; else that of the verb it is coordinated with or depends on.

    In "accused Belarus of arming X" the agent of "arming" is the accused, not the accuser.
    """
    for token in [verb, *verb.ancestors][:4]:
        if token.dep_ == "pcomp" and token.head.lower_ in ("of", "for"):
            # "accused X of arming", "X was accused of sending troops to fight"
            governor = token.head.head
            accused = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
            if accused and not [c for c in token.children if c.dep_ in SUBJECT_DEPS]:
                return with_conj(accused[0])
        subjects = (
            [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            or [
                g
                for c in token.children
                if c.dep_ == "aux"
                for g in c.children
                if g.dep_ in SUBJECT_DEPS  # a verb the parser took for an auxiliary
            ]
            or [  # "IS carried out an attack": the acronym read as the verb "is"
                c
                for c in token.children
                if c.dep_ in ("aux", "auxpass") and c.text.isupper() and len(c.text) > 1
            ]
        )
        if subjects:
            subject = subjects[0]
            if subject.lower_ in ("which", "who", "that") and token.dep_ == "relcl":
                subject = token.head
            if len(subjects) > 1 and any(c.dep_ == "cc" for c in subject.children):
                # "X members and Y factions fired": the parser sometimes hangs both
                # conjuncts on the verb instead of joining them with conj
                return [t for s in subjects for t in with_conj(s)]
            return with_conj(subject)
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            return with_conj(token.head)  # "the coalition conducting air strikes against X"
        if token.dep_ == "xcomp" and _acronym_verb(token.head):
            return [token.head]  # "HBDH carried out an attack": the acronym read as a verb
        if token.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep"):
            break
        if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children):
            break  # "X withdrew after airstrikes blasted Y": a clause with a subject of its own
    return []


def through(token: Token) -> list[Token]:
    """'most of Rakhine state', 'parts of Kharkiv region': look through the quantity."""
    if token.lower_ in QUANTITY_NOUNS:
        inner = prep_objects(token, {"of"})
        if inner:
            return inner
    return [token]


def placed_by(noun: Token) -> list[Token]:
    """'a bomb planted by the Taliban', 'a Taliban-planted IED', 'shells fired by the army':
    who set or fired the weapon a participle describes."""
    found: list[Token] = []
    for child in noun.children:
        if child.tag_ != "VBN" or child.dep_ not in ("acl", "amod"):
            continue
        found += prep_objects(child, {"by"}, deps=("agent", "prep"))
        found += [c for c in child.children if c.dep_ in ("npadvmod", "compound")]
    return found


def casualties(verb: Token) -> list[Token]:
    """Who a casualty verb says was killed or wounded: 'killed five soldiers', 'three
    policemen were wounded'."""
    if verb.lemma_ not in CASUALTY_VERBS:
        return []
    deps = ("nsubj",) if verb.lemma_ == "die" else ("dobj", "nsubjpass")
    found = [o for c in verb.children if c.dep_ in deps for o in with_conj(c)]
    if verb.dep_ == "conj" and verb.head.lemma_ in CASUALTY_VERBS:
        found += casualties(verb.head)  # "six were killed and five wounded following ..."
    return found


def explained_casualties(noun: Token) -> list[Token]:
    """'an airstrike killed five fighters', 'were killed following an attack by X': the
    dead and wounded of the event the noun names are among its targets."""
    if noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head  # "killed in clashes and coalition air strikes": as the first conjunct
    head = noun.head
    if noun.dep_ in SUBJECT_DEPS:
        return casualties(head)
    for child in noun.children:  # "an airstrike ... killed 10 fighters", misparsed as a clause
        if child.dep_ == "acl" and any(c.dep_ == "dobj" for c in child.children):
            return casualties(child)
    if noun.dep_ == "pobj" and head.lower_ in EVENT_PREPS and head.dep_ in ("prep", "xcomp"):
        return casualties(head.head)  # 'following' is sometimes parsed as a verb
    return []


def series_head(noun: Token) -> Token | None:
    """'hundreds of strikes': the series noun the event noun counts."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SERIES_NOUNS:
        return head.head
    return None


def with_conj(token: Token) -> list[Token]:
    """The token and what it is coordinated with, 'as well as' included."""
    out = [token, *token.conjuncts]
    for member in [*out, *(c for c in token.children if c.dep_ == "appos")]:
        for cc in member.children:
            if cc.dep_ == "cc" and cc.lower_ == "as":
                out += [o for o in cc.children if o.dep_ == "pobj"]
    return out


def prep_objects(
    head: Token,
    preps: set[str] | frozenset[str],
    deps: tuple[str, ...] = ("prep", "dative"),
) -> list[Token]:
    """The objects of ``head``'s prepositions among ``preps``, coordination included."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in deps and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp") and obj.ent_type_ not in ("DATE", "TIME"):
                    found += with_conj(obj)  # "On 28 April" says when, never whom
        if child.dep_ == "acl" and child.lower_ == "targeting" and "targeting" in preps:
            found += [o for c in child.children if c.dep_ == "dobj" for o in with_conj(c)]
    return found


def governs(token: Token) -> bool:
    """Whether a capital named at ``token`` stands for its government: 'Washington regards
    them', "Moscow's allies", 'a request from Kyiv', 'allied with Ankara', 'backed by Tehran',
    'with Ankara saying that'. 'Kabul fell' and 'flew to Kyiv' name the city."""
    if token.dep_ == "poss":
        return True
    if token.dep_ == "nsubj":
        verb = token.head
        return verb.lemma_ in GOVERNMENT_VERBS or any(c.dep_ == "ccomp" for c in verb.children)
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ in ("with", "by"):
            return prep.head.lemma_ not in ("arrive", "fly", "travel", "return", "leave")
        return prep.lower_ == "from" and prep.head.pos_ == "NOUN"
    return False


def _acronym_verb(token: Token) -> bool:
    """A capitalised abbreviation the tagger took for the main verb of its sentence."""
    return (
        token.pos_ in ("VERB", "AUX")
        and token.text.isupper()
        and len(token.text) > 1
        and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    )
