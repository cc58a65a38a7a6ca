"""The store contract, control timeline: evidence keeps its event date through a store, so the
timelines of tests/data/war_corpus.jsonl come out the same from every store.

The corpus is extracted once with the real extractor; each store gets the same extractions.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from graph.ingest.readers import read_articles
from graph.model import DatePrecision, EventDate, Extraction, RelationKind
from graph.stores.base import GraphStore, RelationFilter
from graph.timeline import control, controlled_by

pytestmark = pytest.mark.anyio

CORPUS = Path(__file__).resolve().parents[1] / "data" / "war_corpus.jsonl"
HTS, SYRIA = "faction:hayat-tahrir-al-sham", "state:syria"
SDF, SNA = "faction:syrian-democratic-forces", "faction:syrian-national-army"
SARAQIB, MANBIJ, HAMA = "city:saraqib", "city:manbij", "city:hamah"


@cache
def war_extractions() -> tuple[Extraction, ...]:
    from graph.ingest.pipeline import Extractor

    articles = [a for a in read_articles([str(CORPUS)], max_chars=100_000)]
    return tuple(Extractor.load().extract_many(articles))  # type: ignore[arg-type]


async def _war_store(store: GraphStore) -> GraphStore:
    await store.ingest_many(war_extractions())
    return store


async def test_evidence_keeps_its_event_date(store: GraphStore) -> None:
    await _war_store(store)
    captures = RelationFilter(
        kinds=frozenset({RelationKind.CAPTURES}), source=SYRIA, target=SARAQIB
    )
    (saraqib_by_syria,) = await store.get_relations(captures)
    (evidence,) = saraqib_by_syria.evidence
    assert evidence.event_date == EventDate(
        date(2024, 11, 9), date(2024, 11, 9), DatePrecision.DAY, "on Saturday"
    )
    assert saraqib_by_syria.event_date == evidence.event_date


async def test_each_report_keeps_its_own_event_date(store: GraphStore) -> None:
    await _war_store(store)
    taken = await store.get_relations(RelationFilter(source=HTS, target=SARAQIB), limit=10)
    days = sorted(e.event_date.start for r in taken for e in r.evidence if e.event_date)
    assert days == [date(2024, 11, 3), date(2024, 11, 19)]


@pytest.mark.parametrize(
    ("as_of", "holder"),
    [
        (date(2024, 11, 2), None),
        (date(2024, 11, 3), HTS),
        (date(2024, 11, 9), SYRIA),
        (date(2024, 11, 19), HTS),
        (None, HTS),
    ],
)
async def test_saraqib_changes_hands(store: GraphStore, as_of: date | None, holder) -> None:
    await _war_store(store)
    assert (await control(store, SARAQIB, as_of)).holder == holder


async def test_disagreeing_captures_and_a_denial_are_flagged(store: GraphStore) -> None:
    await _war_store(store)
    manbij = await control(store, MANBIJ, date(2024, 11, 30))
    assert manbij.holder == SNA and [c.actor for c in manbij.disputes] == [SDF]
    hama = await control(store, HAMA)
    assert hama.holder == HTS and [c.modality.value for c in hama.disputes] == ["denied"]


async def test_controlled_by_follows_losses(store: GraphStore) -> None:
    await _war_store(store)
    held = {d: [c.place for c in await controlled_by(store, HTS, d)] for d in (
        date(2024, 11, 5), date(2024, 11, 10), date(2024, 11, 20), date(2024, 12, 6)
    )}  # fmt: skip
    assert held == {
        date(2024, 11, 5): [SARAQIB],
        date(2024, 11, 10): [],
        date(2024, 11, 20): [SARAQIB],
        date(2024, 12, 6): [HAMA, SARAQIB],
    }
    assert [c.place for c in await controlled_by(store, SYRIA, date(2024, 11, 10))] == [SARAQIB]
