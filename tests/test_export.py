"""The exporters: every format parses back with its own reader and keeps the graph's counts."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.export import (
    neo4j_import_command,
    relation_record,
    to_gexf,
    to_graphml,
    to_json,
    write_csv,
)
from graph.model import (
    Actor,
    ActorKind,
    DatePrecision,
    EventDate,
    Evidence,
    Location,
    Modality,
    Relation,
    RelationKind,
)
from graph.stores.base import GraphSnapshot

IRAN = Actor("state:iran", "Iran", ActorKind.STATE, aliases=("Tehran", "Islamic Republic"))
HEZBOLLAH = Actor("faction:hezbollah", "Hezbollah", ActorKind.FACTION, mentions=4)
HAMAS = Actor("faction:hamas", "Hamas", ActorKind.FACTION, aliases=("a;b",))
BEIRUT = Actor(
    "city:beirut", "Beirut", ActorKind.CITY,
    location=Location(geonames_id=276781, latitude=33.89, longitude=35.49, country_code="LB"),
)  # fmt: skip


def _evidence(article: str, sentence: str, start: int, day: date | None) -> Evidence:
    return Evidence(article, sentence, start, start + len(sentence), "backs", published=day)


def _relation(
    source: Actor, kind: RelationKind, target: Actor, modality: Modality, *evidence: Evidence
) -> Relation:
    days = [e.published for e in evidence if e.published]
    return Relation(
        source.id, target.id, kind, modality, 0.8, evidence,
        first_reported=min(days, default=None), last_reported=max(days, default=None),
    )  # fmt: skip


RELATIONS = (
    _relation(
        IRAN, RelationKind.BACKS, HEZBOLLAH, Modality.ASSERTED,
        _evidence("b", "Iran backs Hezbollah.", 40, date(2024, 9, 24)),
        _evidence("a", "Tehran funds Hezbollah.", 0, date(2024, 1, 2)),
    ),
    _relation(
        HEZBOLLAH, RelationKind.BACKS, HAMAS, Modality.ASSERTED,
        _evidence("a", "Hezbollah backs Hamas.", 25, date(2024, 1, 2)),
    ),
    _relation(
        IRAN, RelationKind.BACKS, HEZBOLLAH, Modality.DENIED,
        _evidence("c", "Tehran denied arming Hezbollah.", 3, None),
    ),
    _relation(
        HEZBOLLAH, RelationKind.STRIKES, BEIRUT, Modality.ALLEGED,
        _evidence("c", "Hezbollah allegedly shelled Beirut.", 60, None),
    ),
)  # fmt: skip
SNAPSHOT = GraphSnapshot(actors=(IRAN, HEZBOLLAH, HAMAS, BEIRUT), relations=RELATIONS)


def test_json_has_the_scorer_shape_and_counts() -> None:
    document = json.loads(to_json(SNAPSHOT))
    assert set(document) == {"actors", "relations"}
    assert [a["id"] for a in document["actors"]] == sorted(a.id for a in SNAPSHOT.actors)
    assert len(document["relations"]) == len(RELATIONS)
    iran = next(a for a in document["actors"] if a["id"] == IRAN.id)
    assert iran["name"] == "Iran" and iran["kind"] == "state"
    assert iran["aliases"] == ["Islamic Republic", "Tehran"]
    beirut = next(a for a in document["actors"] if a["id"] == BEIRUT.id)
    assert (beirut["lat"], beirut["lon"]) == (33.89, 35.49)
    for record in document["relations"]:
        assert set(record) == {
            "source", "target", "kind", "modality", "confidence", "first_reported",
            "last_reported", "event_date", "article_count", "evidence",
        }  # fmt: skip


def test_json_evidence_is_ordered_and_dated() -> None:
    record = relation_record(RELATIONS[0])
    assert [e["article_id"] for e in record["evidence"]] == ["a", "b"]
    assert record["first_reported"] == "2024-01-02" and record["last_reported"] == "2024-09-24"
    assert record["article_count"] == 2


@settings(max_examples=30, deadline=None)  # the machine may be busy; speed is not under test
@given(st.permutations(SNAPSHOT.actors), st.permutations(SNAPSHOT.relations))
def test_json_does_not_depend_on_snapshot_order(
    actors: list[Actor], relations: list[Relation]
) -> None:
    shuffled = GraphSnapshot(actors=tuple(actors), relations=tuple(relations))
    assert to_json(shuffled) == to_json(SNAPSHOT)
    assert to_graphml(shuffled) == to_graphml(SNAPSHOT)


def test_graphml_parses_and_keeps_counts_and_attributes() -> None:
    graph = nx.read_graphml(io.StringIO(to_graphml(SNAPSHOT)))
    assert graph.number_of_nodes() == len(SNAPSHOT.actors)
    assert graph.number_of_edges() == len(RELATIONS)
    assert graph.nodes[IRAN.id]["aliases"] == "Islamic Republic|Tehran"
    assert graph.nodes[BEIRUT.id]["lat"] == 33.89
    kinds = sorted(data["modality"] for _, _, data in graph.edges(data=True))
    assert kinds == sorted(r.modality.value for r in RELATIONS)
    undated = [d for _, _, d in graph.edges(data=True) if d["modality"] == "denied"]
    assert "first_reported" not in undated[0]


def test_gexf_parses_with_labels_for_gephi() -> None:
    graph = nx.read_gexf(io.StringIO(to_gexf(SNAPSHOT)))
    assert graph.number_of_nodes() == len(SNAPSHOT.actors)
    assert graph.number_of_edges() == len(RELATIONS)
    assert graph.nodes[HEZBOLLAH.id]["label"] == "Hezbollah"
    assert {d["label"] for _, _, d in graph.edges(data=True)} == {"BACKS", "STRIKES"}


def test_csv_has_the_neo4j_admin_layout(tmp_path: Path) -> None:
    actors_path, relations_path = write_csv(SNAPSHOT, tmp_path / "out")
    with actors_path.open(newline="", encoding="utf-8") as stream:
        actors = list(csv.DictReader(stream))
    with relations_path.open(newline="", encoding="utf-8") as stream:
        relations = list(csv.DictReader(stream))
    assert len(actors) == len(SNAPSHOT.actors) and len(relations) == len(RELATIONS)
    iran = next(row for row in actors if row["id:ID"] == IRAN.id)
    assert iran["aliases:string[]"].split(";") == ["Islamic Republic", "Tehran"]
    assert iran[":LABEL"] == "Actor;State"
    hamas = next(row for row in actors if row["id:ID"] == HAMAS.id)
    assert hamas["aliases:string[]"].split(";") == ["a,b"]  # the delimiter never splits a name
    ids = {row["id:ID"] for row in actors}
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in relations)
    assert {row[":TYPE"] for row in relations} == {"BACKS", "STRIKES"}
    evidence = json.loads(relations[0]["evidence"])
    assert evidence and {"article_id", "sentence"} <= set(evidence[0])
    assert str(actors_path) in neo4j_import_command(tmp_path / "out")


def test_empty_graph_exports_in_every_format(tmp_path: Path) -> None:
    empty = GraphSnapshot(actors=(), relations=())
    assert json.loads(to_json(empty)) == {"actors": [], "relations": []}
    assert nx.read_graphml(io.StringIO(to_graphml(empty))).number_of_nodes() == 0
    assert nx.read_gexf(io.StringIO(to_gexf(empty))).number_of_nodes() == 0
    written = write_csv(empty, tmp_path)
    assert [len(p.read_text().splitlines()) for p in written] == [1, 1]


def test_event_dates_are_exported_in_json_and_graphml() -> None:
    when = EventDate(date(2024, 1, 1), date(2024, 1, 31), DatePrecision.MONTH, "in January")
    evidence = Evidence("a", "Hezbollah took Beirut in January.", 0, 33, "took",
                        published=date(2024, 2, 3), event_date=when)  # fmt: skip
    rel = Relation(HEZBOLLAH.id, BEIRUT.id, RelationKind.CAPTURES, Modality.ASSERTED, 0.9,
                   (evidence,))  # fmt: skip
    record = relation_record(rel)
    expected = {"start": "2024-01-01", "end": "2024-01-31", "precision": "month",
                "text": "in January"}  # fmt: skip
    assert record["event_date"] == expected
    assert record["evidence"][0]["event_date"] == expected
    snapshot = GraphSnapshot(actors=(HEZBOLLAH, BEIRUT), relations=(rel,))
    graph = nx.read_graphml(io.StringIO(to_graphml(snapshot)))
    (_, _, data), = graph.edges(data=True)
    assert (data["event_start"], data["event_precision"]) == ("2024-01-01", "month")
