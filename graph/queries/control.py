"""Who holds a place as of a day: the control timeline read from CAPTURES relations.

Each report of a capture (one piece of evidence, with its event date) is one event. Factual
reports (asserted or reported) move the place to their source in the order of their event
dates, so a place retaken goes back. A report with no date at all (an undated article) counts
only for the answer "as of the latest report", before every dated one. Claims, allegations and
denials never move a place, but they are kept beside the timeline, and a holder whose capture
is denied, or contested by another actor's capture reported by another article within
:data:`DISPUTE_DAYS`, is flagged.

>>> from datetime import date
>>> from graph.model import (DatePrecision, EventDate, Evidence, Modality, Relation,
...     RelationKind)
>>> def took(who, day, modality=Modality.ASSERTED):
...     when = EventDate(day, day, DatePrecision.DAY, "on that day")
...     ev = Evidence(who, f"{who} took Hama.", 0, 15, "took", event_date=when)
...     return Relation(who, "city:hama", RelationKind.CAPTURES, modality, 0.9, (ev,))
>>> rels = [took("faction:hts", date(2024, 12, 5)), took("state:syria", date(2024, 12, 20))]
>>> control_of("city:hama", rels, date(2024, 12, 10)).holder
'faction:hts'
>>> control_of("city:hama", rels, date(2024, 12, 21)).holder
'state:syria'
>>> control_of("city:hama", rels, date(2024, 12, 1)).holder is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graph.model import EventDate, Evidence, Modality, Relation, RelationKind

__all__ = ["DISPUTE_DAYS", "Capture", "Control", "capture_events", "control_of", "held_by"]

#: Two reports of captures of one place by different actors this close together disagree.
DISPUTE_DAYS = 3


@dataclass(frozen=True, slots=True)
class Capture:
    """One report of a capture: who took the place, when, how it is told, and the sentence."""

    actor: str
    place: str
    modality: Modality
    event_date: EventDate | None
    evidence: Evidence
    relation_id: str

    @property
    def is_factual(self) -> bool:
        return self.modality in (Modality.ASSERTED, Modality.REPORTED)


@dataclass(frozen=True, slots=True)
class Control:
    """Who holds ``place`` as of ``as_of``, and what the answer rests on."""

    place: str
    as_of: date | None
    holder: str | None
    capture: Capture | None  # the latest factual capture by the holder, on or before as_of
    supporting: tuple[Capture, ...]  # every report of that capture (same actor, same days)
    previous: tuple[Capture, ...]  # the captures that made each earlier holder, latest first
    disputes: tuple[Capture, ...]  # denials and rival captures that contest the holding

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)

    @property
    def rests_on(self) -> tuple[Modality, ...]:
        """The modalities of the reports the holding rests on ("reported", "asserted")."""
        return tuple(sorted({c.modality for c in self.supporting}))


def capture_events(relations: Iterable[Relation], place: str) -> list[Capture]:
    """Every report of a capture of ``place``, in event order (undated ones first)."""
    events = [
        Capture(rel.source, place, rel.modality, ev.event_date, ev, rel.id)
        for rel in relations
        if rel.kind is RelationKind.CAPTURES and rel.target == place
        for ev in rel.evidence
    ]
    return sorted(events, key=_event_order)


def control_of(place: str, relations: Iterable[Relation], as_of: date | None) -> Control:
    """The holder of ``place`` as of ``as_of`` (``None``: as of the latest report)."""
    events = [e for e in capture_events(relations, place) if _known_by(e, as_of)]
    factual = [e for e in events if e.is_factual]
    if not factual:  # nothing stands; what was claimed or denied is still the answer's
        return Control(place, as_of, None, None, (), (), tuple(events))
    latest = factual[-1]
    supporting = tuple(e for e in factual if e.actor == latest.actor and _same_time(e, latest))
    previous: list[Capture] = []
    holder = latest.actor
    for event in reversed(factual):  # each change of hands, walking back from the latest
        if event.actor != holder:
            previous.append(event)
            holder = event.actor
    disputes = tuple(e for e in events if _contests(e, latest, supporting))
    return Control(place, as_of, latest.actor, latest, supporting, tuple(previous), disputes)


def held_by(actor: str, relations: Iterable[Relation], as_of: date | None) -> list[Control]:
    """The places ``actor`` holds as of ``as_of``; ``relations`` must hold every CAPTURES
    relation on each place the actor ever took (others' too), or a loss goes unseen."""
    captures = list(relations)
    places = sorted({r.target for r in captures if r.source == actor})
    answers = (control_of(place, captures, as_of) for place in places)
    return [answer for answer in answers if answer.holder == actor]


def _event_order(event: Capture) -> tuple[date, date, date, str, int]:
    when, ev = event.event_date, event.evidence
    start, last = (when.start, when.last_day) if when else (date.min, date.min)
    return (start, last, ev.published or date.min, ev.article_id, ev.start)


def _known_by(event: Capture, as_of: date | None) -> bool:
    if as_of is None:
        return True
    return event.event_date is not None and event.event_date.start <= as_of


def _same_time(event: Capture, latest: Capture) -> bool:
    return _days_apart(event.event_date, latest.event_date) <= DISPUTE_DAYS


def _days_apart(a: EventDate | None, b: EventDate | None) -> int:
    """Days between two spans, zero when they overlap; two undated reports are together, an
    undated one is far from any dated one."""
    if a is None or b is None:
        return 0 if a is b else DISPUTE_DAYS + 1
    if a.last_day < b.start:
        return (b.start - a.last_day).days
    if b.last_day < a.start:
        return (a.start - b.last_day).days
    return 0


def _contests(event: Capture, latest: Capture, supporting: tuple[Capture, ...]) -> bool:
    """A denial of the holder's capture, or a rival's capture from another article, close by."""
    if event in supporting or _days_apart(event.event_date, latest.event_date) > DISPUTE_DAYS:
        return False
    if event.modality is Modality.DENIED:
        return event.actor == latest.actor
    if event.actor == latest.actor or event.modality is Modality.HYPOTHETICAL:
        return False
    articles = {s.evidence.article_id for s in supporting}
    return event.evidence.article_id not in articles
