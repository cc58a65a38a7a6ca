"""The actor lexicon: states, armed groups, organizations and leaders, loaded from data files.

Each surface form maps to an :class:`Entry` and a :class:`Reading`: "Moscow" is Russia read as
its capital, "FARDC" is DR Congo read as its armed forces, "Russian" is Russia as a demonym.
Some forms are built rather than listed: the generic names of every state's forces
("Police Forces of Kenya", from ``state_bodies.yaml``), the militia of each clan or community
("Abgal clan militia", from ``communities.yaml``), every name written without its hyphens
or apostrophes, and a force or brigade in the other number. A name two entries share keeps
both readings, in file order. The data files in ``data/`` name their sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import ActorKind, Location, actor_id

__all__ = [
    "DATA_DIR",
    "Entry",
    "Lexicon",
    "Reading",
    "Triggers",
    "load_lexicon",
    "number_variants",
    "spelling_variants",
]

DATA_DIR = Path(__file__).parent / "data"


class Reading(StrEnum):
    NAME = "name"  # the actor's own name or alias
    FORCE = "force"  # a state's armed forces or organ: "Sudanese Armed Forces", "IDF"
    CAPITAL = "capital"  # a capital standing for its government: "Moscow"
    SEAT = "seat"  # another seat of government: "Kremlin", "Pentagon"
    DEMONYM = "demonym"  # "Russian", "Israeli"
    PEOPLE = "people"  # "the Russians"
    LEADER = "leader"  # a person who stands for the actor in "X's forces"


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    iso2: str | None = None
    countries: tuple[str, ...] = ()
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    leads: str | None = None  # for persons: the name of the entry they stand for
    location: Location | None = None
    role: str | None = None  # for organizations: humanitarian, media, peacekeeping, ...
    pro_government: bool = False  # a militia that fights on a government's side

    @property
    def id(self) -> str:
        return actor_id(self.kind, self.name)


@dataclass(frozen=True, slots=True)
class Triggers:
    """The word lists of ``triggers.yaml``, as sets for fast membership tests."""

    raw: dict[str, Any]
    verbs: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    # the lists are asked for once per document: build each set once, not on every call
    _sets: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)

    def _set(self, *path: str) -> frozenset[str]:
        found = self._sets.get(path)
        if found is None:
            node: Any = self.raw
            for key in path:
                node = (node or {}).get(key)
            found = self._sets[path] = frozenset(node or ())
        return found

    def words(self, key: str) -> frozenset[str]:
        return self._set(key)

    def modality(self, key: str) -> frozenset[str]:
        return self._set("modality", key)

    def nouns(self, relation: str) -> frozenset[str]:
        return self._set("nouns", relation)

    def verb(self, lemma: str) -> tuple[str, dict[str, Any]] | None:
        for relation, table in self.verbs.items():
            if lemma in table:
                return relation, table[lemma] or {}
        return None


@dataclass
class Lexicon:
    entries: dict[str, Entry]  # canonical name -> entry
    surfaces: dict[str, list[tuple[Entry, Reading]]]  # surface form -> readings
    triggers: Triggers
    _by_iso: dict[str, Entry] = field(default_factory=dict)

    def lookup(self, surface: str) -> tuple[Entry, Reading] | None:
        """The best reading of a surface form, trying it as written, then case-folded.

        Short all-capital forms are matched as written only, so that "IS" never matches "is".
        """
        keys = [surface]
        if len(surface) > 4 or not surface.isupper():
            keys.append(surface.lower())
        for key in keys:
            readings = self.surfaces.get(key)
            if readings:
                return readings[0]
        return None

    def entry(self, name: str) -> Entry | None:
        return self.entries.get(name)

    def states_by_iso(self) -> dict[str, Entry]:
        if not self._by_iso:
            self._by_iso.update({e.iso2: e for e in self.entries.values() if e.iso2})
        return self._by_iso


def _read(name: str) -> list[dict[str, Any]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as stream:
        loaded = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return list(loaded or [])


def _strings(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(v).strip() for v in items if str(v).strip())


def _state_surfaces(raw: dict[str, Any], entry: Entry) -> Iterator[tuple[str, Reading]]:
    for name in (raw["name"], *_strings(raw.get("official")), *_strings(raw.get("aliases"))):
        yield name, Reading.NAME
    for name in _strings(raw.get("forces")):
        yield name, Reading.FORCE
    for name in (*_strings(raw.get("capital")), *_strings(raw.get("capital_aliases"))):
        yield name, Reading.CAPITAL
    for name in _strings(raw.get("seats")):
        yield name, Reading.SEAT
    for name in entry.demonyms:
        yield name, Reading.DEMONYM
    for name in _strings(raw.get("plural")):
        yield name, Reading.PEOPLE


def _states(
    rows: Iterable[dict[str, Any]],
) -> Iterator[tuple[Entry, Iterable[tuple[str, Reading]]]]:
    for raw in rows:
        entry = Entry(
            name=raw["name"],
            kind=ActorKind.STATE,
            aliases=(*_strings(raw.get("official")), *_strings(raw.get("aliases"))),
            iso2=raw.get("iso2"),
            countries=_strings(raw.get("iso2")),
            capital=raw.get("capital"),
            demonyms=_strings(raw.get("demonyms")),
        )
        yield entry, list(_state_surfaces(raw, entry))


def _groups(
    rows: Iterable[dict[str, Any]], default: ActorKind = ActorKind.FACTION
) -> Iterator[tuple[Entry, Iterable[tuple[str, Reading]]]]:
    for raw in rows:
        kind = ActorKind(raw.get("kind") or default)
        aliases = _strings(raw.get("aliases"))
        entry = Entry(
            raw["name"], kind, aliases, countries=_strings(raw.get("countries")),
            role=raw.get("type"), pro_government=raw.get("sides_with") == "government",
        )  # fmt: skip
        yield entry, [(n, Reading.NAME) for n in (raw["name"], *aliases)]


def _leaders(
    rows: Iterable[dict[str, Any]],
) -> Iterator[tuple[Entry, Iterable[tuple[str, Reading]]]]:
    for raw in rows:
        aliases = _strings(raw.get("aliases"))
        entry = Entry(raw["name"], ActorKind.PERSON, aliases, leads=raw.get("leads"))
        yield entry, [(n, Reading.LEADER) for n in (raw["name"], *aliases)]


def _communities(data: dict[str, Any]) -> Iterator[tuple[Entry, Iterable[tuple[str, Reading]]]]:
    """The militia of each clan, tribe or ethnic community in ``communities.yaml``.

    A sub-clan is named alone and with its lineage: the Abgal of the Hawiye give
    "Abgal clan militia" and "Hawiye-Abgal sub-clan militia".
    """
    forms = data.get("forms") or {}
    for raw in data.get("communities") or ():
        names = [raw["name"], *_strings(raw.get("aliases"))]
        lineage = _strings(raw.get("lineage"))
        chained = ["-".join((*lineage[i:], n)) for n in names for i in range(len(lineage))]
        full = "-".join((*lineage, raw["name"]))
        canonical = forms["canonical"][raw.get("type") or "ethnic"].format(community=full)
        surfaces = {canonical, *_strings(raw.get("also"))}
        for pattern in forms["surfaces"]:
            surfaces.update(pattern.format(community=n) for n in names)
        for pattern in forms.get("lineage_surfaces") or forms["surfaces"]:
            surfaces.update(pattern.format(community=n) for n in chained)
        aliases = tuple(sorted(surfaces - {canonical}))
        entry = Entry(
            canonical, ActorKind.FACTION, aliases, countries=_strings(raw.get("countries")),
            role="militia",
        )  # fmt: skip
        yield entry, [(n, Reading.NAME) for n in (canonical, *aliases)]


def _state_bodies(
    states: Iterable[Entry], templates: dict[str, Any], taken: dict[str, Any]
) -> Iterator[tuple[str, Entry]]:
    """Names of a state's forces built from ``state_bodies.yaml``: "Police Forces of Kenya",
    "Nigerien Gendarmerie". A name another entry already holds stays with that entry."""
    for state in states:
        for pattern in templates.get("of_state") or ():
            for name in (state.name, *(a for a in state.aliases if len(a.split()) <= 3)):
                yield pattern.format(state=name), state
        for pattern in templates.get("of_demonym") or ():
            for demonym in state.demonyms:
                owner = taken.get(demonym)
                if owner and owner[0][0] is state:  # "Congolese" names one state only
                    yield pattern.format(demonym=demonym), state


def spelling_variants(form: str) -> Iterator[str]:
    """How news feeds also write a name: without hyphens ("Jaish e Mohammed") or apostrophes
    ("Peoples Protection Units").

    >>> sorted(spelling_variants("Jama'at al-Ahrar"))
    ["Jama'at al Ahrar", 'Jamaat al Ahrar', 'Jamaat al-Ahrar']
    >>> list(spelling_variants("M-23"))
    []
    """
    parts = [p.strip() for p in form.split("-")]
    # "M-23" or "IS-K" spaced out reads as a stray letter or number; "Jaish-e-" does not
    spaced = len(parts) > 1 and not any(p.isdigit() or (len(p) == 1 and p.isupper()) for p in parts)
    unhyphened = " ".join(form.replace("-", " ").split()) if spaced else form
    for spelling in {form, unhyphened}:
        if "'" in spelling or "\u2019" in spelling:
            yield spelling.replace("'", "").replace("\u2019", "")
    if unhyphened != form:
        yield unhyphened


# words that feeds spell more than one way: British and American spelling, transliteration
WORD_SPELLINGS = (
    ("Defence", "Defense"),
    ("Organisation", "Organization"),
    ("Mohammed", "Mohammad", "Muhammad", "Mohamed"),
)


def word_variants(form: str) -> Iterator[str]:
    """The name with one word in its other spellings: "National Defense Forces" for "National
    Defence Forces", "Jaish-e-Mohammad" for "Jaish-e-Mohammed".

    >>> list(word_variants("National Defence Forces"))
    ['National Defense Forces']
    """
    for group in WORD_SPELLINGS:
        for word in group:
            if re.search(rf"\b{word}\b", form):
                for other in group:
                    if other != word:
                        yield re.sub(rf"\b{word}\b", other, form)


# the last word of a unit's name that reporting puts in either number
NUMBERED_HEADS = {
    "Force": "Forces",
    "Forces": "Force",
    "Brigade": "Brigades",
    "Brigades": "Brigade",
}


def number_variants(form: str) -> Iterator[str]:
    """A force or brigade named in the other number: "Puntland Dervish Forces" for "Puntland
    Dervish Force". A one-word name has none ("Force" alone names nothing).

    >>> list(number_variants("Rapid Support Forces")), list(number_variants("Forces"))
    (['Rapid Support Force'], [])
    """
    head, _, last = form.rpartition(" ")
    if head and last in NUMBERED_HEADS:
        yield f"{head} {NUMBERED_HEADS[last]}"


def _triggers() -> Triggers:
    with (DATA_DIR / "triggers.yaml").open(encoding="utf-8") as stream:
        raw = yaml.safe_load(stream)
    return Triggers(raw=raw, verbs=raw["verbs"])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every data file once per process."""
    entries: dict[str, Entry] = {}
    surfaces: dict[str, list[tuple[Entry, Reading]]] = {}
    sources = (
        _states(_read("states.yaml")),
        _groups(_read("armed_groups.yaml")),
        _communities(_read_map("communities.yaml")),
        _groups(_read("organizations.yaml")),
        _groups(_read("regions.yaml"), ActorKind.REGION),
        _leaders(_read("leaders.yaml")),
    )
    explicit: list[tuple[str, Entry, Reading]] = []
    for source in sources:
        for entry, forms in source:
            entries.setdefault(entry.name, entry)
            for form, reading in forms:
                _add_surface(surfaces, form, entry, reading)
                explicit.append((form, entry, reading))
    # derived forms come last, so that a name any file spells out keeps its own entry
    for form, entry, reading in explicit:
        respelled = [form, *word_variants(form)]
        variants = [v for f in respelled for v in (f, *spelling_variants(f))][1:]
        for variant in (*variants, *number_variants(form)):
            if variant not in surfaces:
                _add_surface(surfaces, variant, entry, reading)
    states = [e for e in entries.values() if e.kind is ActorKind.STATE]
    for form, state in _state_bodies(states, _read_map("state_bodies.yaml"), surfaces):
        if form not in surfaces and form.lower() not in surfaces:
            _add_surface(surfaces, form, state, Reading.FORCE)
    return Lexicon(entries=entries, surfaces=surfaces, triggers=_triggers())


def _add_surface(
    surfaces: dict[str, list[tuple[Entry, Reading]]], form: str, entry: Entry, reading: Reading
) -> None:
    surfaces.setdefault(form, []).append((entry, reading))
    if not (form.isupper() and len(form) <= 4):  # "IS" must never match "is"
        surfaces.setdefault(form.lower(), []).append((entry, reading))


def _read_map(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as stream:
        return dict(yaml.safe_load(stream) or {})
