"""Values between the store and the driver: what parameters become, what results come back as.

>>> from datetime import UTC, datetime
>>> moment = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
>>> to_driver({"at": [moment]})
{'at': [datetime.datetime(2024, 5, 1, 12, 30)]}
>>> from_driver(to_driver(moment)) == moment
True
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from neo4j.time import Date, DateTime

__all__ = ["from_driver", "to_driver"]


def to_driver(value: Any) -> Any:
    """Parameters as the store keeps them: a moment becomes a local date-time in UTC.

    A zoned date-time does not survive every Bolt server (some give it back without its zone),
    a local one does, and the store always means UTC (see :func:`from_driver`).
    """
    if isinstance(value, dict):
        return {k: to_driver(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_driver(v) for v in value]
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _utc(moment: datetime) -> datetime:
    """A moment in UTC; one without a zone is a local date-time the store wrote in UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def from_driver(value: Any) -> Any:
    """Driver values as plain Python: Neo4j dates and times become ``datetime`` values, moments
    in UTC (zoned ones from databases written before moments were kept as local UTC)."""
    if isinstance(value, dict):
        return {k: from_driver(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_driver(v) for v in value]
    if isinstance(value, DateTime):
        return _utc(value.to_native())
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, Date):
        day: date = value.to_native()
        return day
    return value
