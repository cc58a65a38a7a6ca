"""GraphQL: event dates on relations and evidence, and the control timeline of the war corpus
(tests/data/war_corpus.jsonl), ingested through the ``ingestArticle`` mutation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api_harness import Api

pytestmark = pytest.mark.anyio

CORPUS = Path(__file__).resolve().parents[1] / "data" / "war_corpus.jsonl"
HTS, SYRIA = "faction:hayat-tahrir-al-sham", "state:syria"
SDF, SNA = "faction:syrian-democratic-forces", "faction:syrian-national-army"

INGEST = """
mutation Ingest($text: String!, $id: ID, $title: String, $published: Date) {
  ingestArticle(text: $text, id: $id, title: $title, published: $published) {
    __typename
  }
}
"""

CONTROL = """
query Control($place: ID!, $asOf: Date) {
  control(place: $place, asOf: $asOf) {
    asOf disputed restsOn
    place { name }
    holder { id name }
    capture { modality eventDate { start end precision text } evidence { sentence } }
    previous { actor { id } eventDate { start } }
    disputes { actor { id } modality evidence { article { id } } }
  }
}
"""


@pytest.fixture
async def war(api: Api) -> Api:
    for line in CORPUS.read_text("utf-8").splitlines():
        record = json.loads(line)
        variables = {k: record[k] for k in ("text", "id", "title", "published")}
        result = await api.data(INGEST, variables)
        assert result["ingestArticle"]["__typename"] == "IngestSuccess"
    return api


async def _control(api: Api, place: str, as_of: str | None = None) -> dict:
    data = await api.data(CONTROL, {"place": place, "asOf": as_of})
    return data["control"]


async def test_relations_and_evidence_carry_event_dates(war: Api) -> None:
    query = """{ relations(kind: CAPTURES, source: "state:syria") { edges { node {
        eventDate { start end precision text }
        evidence { eventDate { start text } } } } } }"""
    (edge,) = (await war.data(query))["relations"]["edges"]
    assert edge["node"]["eventDate"] == {
        "start": "2024-11-09", "end": "2024-11-09", "precision": "DAY", "text": "on Saturday"
    }  # fmt: skip
    assert edge["node"]["evidence"] == [
        {"eventDate": {"start": "2024-11-09", "text": "on Saturday"}}
    ]


@pytest.mark.parametrize(
    ("as_of", "holder", "previous"),
    [
        ("2024-11-02", None, []),
        ("2024-11-05", HTS, []),
        ("2024-11-10", SYRIA, [HTS]),
        ("2024-11-20", HTS, [SYRIA, HTS]),
    ],
)
async def test_control_of_saraqib_over_the_weeks(war: Api, as_of, holder, previous) -> None:
    answer = await _control(war, "city:saraqib", as_of)
    assert (answer["holder"] or {}).get("id") == holder
    assert [p["actor"]["id"] for p in answer["previous"]] == previous
    assert answer["place"]["name"] == "Saraqib" and answer["asOf"] == as_of


async def test_control_gives_the_capture_and_what_it_rests_on(war: Api) -> None:
    answer = await _control(war, "city:saraqib", "2024-11-10")
    assert answer["capture"]["eventDate"]["text"] == "on Saturday"
    assert "recaptured Saraqib" in answer["capture"]["evidence"]["sentence"]
    assert answer["restsOn"] == ["REPORTED"] and not answer["disputed"]


async def test_disagreement_and_denial_are_flagged(war: Api) -> None:
    manbij = await _control(war, "city:manbij", "2024-11-27")
    assert manbij["holder"]["id"] == SNA and manbij["disputed"]
    assert manbij["disputes"] == [
        {"actor": {"id": SDF}, "modality": "REPORTED", "evidence": {"article": {"id": "war-04"}}}
    ]
    hama = await _control(war, "city:hamah")
    assert hama["holder"]["id"] == HTS and [d["modality"] for d in hama["disputes"]] == ["DENIED"]


async def test_an_unknown_place_is_null(war: Api) -> None:
    assert await _control(war, "city:atlantis") is None


async def test_controlled_by_and_the_map(war: Api) -> None:
    query = """query Held($actor: ID!, $asOf: Date) {
      controlledBy(actor: $actor, asOf: $asOf) { place { id } }
      controlMap(asOf: $asOf) { place { id location { latitude } } holder { id } }
    }"""
    data = await war.data(query, {"actor": HTS, "asOf": "2024-12-06"})
    assert [c["place"]["id"] for c in data["controlledBy"]] == ["city:hamah", "city:saraqib"]
    holders = {c["place"]["id"]: (c["holder"] or {}).get("id") for c in data["controlMap"]}
    assert holders == {
        "city:ariha": None,
        "city:hamah": HTS,
        "city:manbij": SNA,
        "city:saraqib": HTS,
    }
    assert all(c["place"]["location"]["latitude"] for c in data["controlMap"])
