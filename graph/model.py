"""The domain: articles, actors, relations and the evidence behind each relation.

Every value here is a frozen dataclass, so an extraction can be shared between threads and
compared for equality. Ids are deterministic: an actor's id comes from its kind and its
normalised canonical name, an article's content hash from its text, so ingesting the same
article twice yields identical objects.

>>> actor_id(ActorKind.FACTION, "Hayat Tahrir al-Sham")
'faction:hayat-tahrir-al-sham'
>>> Article(id="a1", text="Text.").content_hash == Article(id="a1", text="Text.").content_hash
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "FACTUAL_MODALITIES",
    "PUBLICATION_DATE",
    "Actor",
    "ActorKind",
    "Article",
    "DatePrecision",
    "EventDate",
    "Evidence",
    "Extraction",
    "Location",
    "Modality",
    "Relation",
    "RelationKind",
    "actor_id",
    "relation_id",
    "slugify",
]

EXTRACTOR_VERSION = "actorgraph-rules/0.1.0"


class ActorKind(StrEnum):
    FACTION = "faction"
    STATE = "state"
    CITY = "city"
    REGION = "region"
    PERSON = "person"
    ORGANIZATION = "organization"
    FACILITY = "facility"


class RelationKind(StrEnum):
    BACKS = "BACKS"
    CAPTURES = "CAPTURES"
    STRIKES = "STRIKES"
    FIGHTS = "FIGHTS"
    LEADS = "LEADS"
    ALLIED_WITH = "ALLIED_WITH"  # fought alongside: side by side, with no backing told


class Modality(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    CLAIMED = "claimed"
    ALLEGED = "alleged"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


#: The ``text`` of an event date that the article's words do not give.
PUBLICATION_DATE = "publication date"


#: Modalities that state a fact (the source or the reporter vouches for it).
FACTUAL_MODALITIES = frozenset({Modality.ASSERTED, Modality.REPORTED})


@lru_cache(maxsize=65536)  # names repeat across a feed: "Gaza", "Hamas", "Khartoum"
def slugify(name: str) -> str:
    """Fold accents, case and punctuation.

    >>> slugify("Hay'at Tahrir al-Sham")
    'hayat-tahrir-al-sham'
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"[\u2018\u2019'`.]", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def actor_id(kind: ActorKind, name: str) -> str:
    return f"{kind.value}:{slugify(name)}"


def relation_id(source: str, kind: RelationKind, target: str, modality: Modality) -> str:
    """One id per (source, kind, target, modality): the key under which reports merge."""
    key = f"{source}|{kind.value}|{target}|{modality.value}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Location:
    geonames_id: int
    latitude: float
    longitude: float
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    location: Location | None = None
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class EventDate:
    """When a reported event happened: the days it may have happened on and the words that say
    so. ``end`` is ``None`` for an open span ("since April 2023"); ``text`` is
    :data:`PUBLICATION_DATE` when the article gives no date and its own date stands in.

    >>> EventDate(date(2024, 12, 5), date(2024, 12, 5), DatePrecision.DAY, "on Thursday").from_text
    True
    """

    start: date
    end: date | None
    precision: DatePrecision
    text: str

    @property
    def from_text(self) -> bool:
        return self.text != PUBLICATION_DATE

    @property
    def last_day(self) -> date:
        """The latest day the event may have happened on (its start for an open span)."""
        return self.end or self.start


@dataclass(frozen=True, slots=True)
class Evidence:
    article_id: str
    sentence: str
    start: int
    end: int
    trigger: str
    source_text: str = ""  # the surface form that named the source in this sentence
    target_text: str = ""  # the surface form that named the target
    extractor_version: str = EXTRACTOR_VERSION
    published: date | None = None
    event_date: EventDate | None = None  # when the event this sentence reports happened


@dataclass(frozen=True, slots=True)
class Relation:
    source: str
    target: str
    kind: RelationKind
    modality: Modality
    confidence: float
    evidence: tuple[Evidence, ...]
    first_reported: date | None = None
    last_reported: date | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            rid = relation_id(self.source, self.kind, self.target, self.modality)
            object.__setattr__(self, "id", rid)

    @property
    def article_count(self) -> int:
        return len({e.article_id for e in self.evidence})

    @property
    def is_factual(self) -> bool:
        return self.modality in FACTUAL_MODALITIES

    @property
    def event_date(self) -> EventDate | None:
        """The best-dated report of the event: a date from the text before the publication
        date, then the finer precision, then the earlier start. Each report keeps its own date
        in its evidence (a town taken twice is one relation with two event dates)."""
        dated = [e.event_date for e in self.evidence if e.event_date is not None]
        return min(dated, key=_date_rank, default=None)


_PRECISION_ORDER = {p: i for i, p in enumerate(DatePrecision)}


def _date_rank(event: EventDate) -> tuple[bool, int, date]:
    return (not event.from_text, _PRECISION_ORDER[event.precision], event.start)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article yields: its actors and the relations among them."""

    article: Article
    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]
    warnings: tuple[str, ...] = ()
