"""First-level administrative divisions: provinces, states, governorates, regions.

The names come from ISO 3166-2 as pycountry ships it ("Tamaulipas", "Borno", "Logar",
"Chhattisgarh"), folded like every other name. A division that shares its name with a sizeable
town of its own country ("Idlib", "Gao", "Taiz") is read as the town, as reporting mostly
means it; "Idlib province" is still the region, through its region word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from graph.ingest.gazetteer import Gazetteer
from graph.ingest.words import word_set
from graph.model import slugify

__all__ = ["Subdivisions", "load_subdivisions"]

# A namesake town at least this large is what a bare name means.
TOWN_POPULATION = 10_000
# ISO names that are ordinary words or compass points, never read as a division by themselves.
GENERIC = word_set("generic_division_names")


class Subdivisions:
    """Folded name -> the countries (ISO 3166-1 alpha-2) with a first-level division so named."""

    def __init__(self, names: dict[str, tuple[str, ...]]) -> None:
        self._names = names

    def countries_of(self, name: str) -> tuple[str, ...]:
        return self._names.get(slugify(name), ())

    def is_region(self, name: str, gazetteer: Gazetteer, prefer: frozenset[str]) -> bool:
        """Whether a bare ``name`` stands for a division rather than a town of that name."""
        countries = self.countries_of(name)
        if not countries:
            return False
        pool = frozenset(countries) & prefer or frozenset(countries)
        city = gazetteer.lookup(name, pool)
        return not (
            city is not None
            and city.country_code in pool
            and slugify(city.name) == slugify(name)
            and city.population >= TOWN_POPULATION
        )


def _plain(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).strip("\u2018\u2019'` ")


@lru_cache(maxsize=1)
def load_subdivisions() -> Subdivisions:
    import pycountry

    names: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code:  # first-level divisions only
            continue
        for part in sub.name.split(" / "):  # bilingual names: "Nord-Kivu / North Kivu"
            plain = _plain(part)
            if len(plain) < 4 or plain.lower() in GENERIC or not plain[:1].isupper():
                continue
            names.setdefault(slugify(plain), set()).add(sub.country_code)
    return Subdivisions({k: tuple(sorted(v)) for k, v in names.items()})
