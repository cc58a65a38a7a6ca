"""Write a :class:`~graph.stores.base.GraphSnapshot` as JSON, GraphML, GEXF or Neo4j import CSV.

Every function here is pure (a snapshot in, text or files out) and deterministic: actors are
ordered by id, relations by (source, kind, target, modality), evidence by article and offset,
and JSON keys are sorted, so the same graph always exports byte for byte the same.

>>> from graph.model import Actor, ActorKind
>>> from graph.stores.base import GraphSnapshot
>>> snap = GraphSnapshot(actors=(Actor("state:iran", "Iran", ActorKind.STATE),), relations=())
>>> print(to_json(snap), end="")
{
  "actors": [
    {
      "aliases": [],
      "id": "state:iran",
      "kind": "state",
      "mentions": 0,
      "name": "Iran"
    }
  ],
  "relations": []
}
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.model import Actor, EventDate, Evidence, Relation
from graph.stores.base import GraphSnapshot
from graph.stores.neo4j.cypher import KIND_LABELS  # the labels the Neo4j store gives actors

__all__ = [
    "CSV_FILES",
    "actor_record",
    "event_date_record",
    "evidence_record",
    "neo4j_import_command",
    "relation_record",
    "to_gexf",
    "to_graphml",
    "to_json",
    "to_networkx",
    "write_csv",
]

CSV_FILES = ("actors.csv", "relations.csv")
_ARRAY_DELIMITER = ";"  # neo4j-admin's default for string[] columns


def actor_record(actor: Actor) -> dict[str, Any]:
    """An actor as a JSON-ready dict: id, name, kind, aliases, mentions and its location if any."""
    record: dict[str, Any] = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": sorted(actor.aliases),
        "mentions": actor.mentions,
    }
    if actor.location is not None:
        record["lat"] = actor.location.latitude
        record["lon"] = actor.location.longitude
        record["geonames_id"] = actor.location.geonames_id
        record["country_code"] = actor.location.country_code
    return record


def evidence_record(evidence: Evidence) -> dict[str, Any]:
    """One piece of evidence as a JSON-ready dict."""
    return {
        "article_id": evidence.article_id,
        "sentence": evidence.sentence,
        "start": evidence.start,
        "end": evidence.end,
        "trigger": evidence.trigger,
        "source_text": evidence.source_text,
        "target_text": evidence.target_text,
        "extractor_version": evidence.extractor_version,
        "published": _iso(evidence.published),
        "event_date": event_date_record(evidence.event_date),
    }


def event_date_record(event: EventDate | None) -> dict[str, Any] | None:
    """An event date as ``{"start", "end", "precision", "text"}`` (``None`` when undated)."""
    if event is None:
        return None
    return {
        "start": _iso(event.start),
        "end": _iso(event.end),
        "precision": event.precision.value,
        "text": event.text,
    }


def _evidence_key(evidence: Evidence) -> tuple[str, int, int, str]:
    return (evidence.article_id, evidence.start, evidence.end, evidence.trigger)


def relation_record(relation: Relation) -> dict[str, Any]:
    """A relation in the shape ``score.py --graph`` reads, with its evidence in a stable order."""
    return {
        "source": relation.source,
        "target": relation.target,
        "kind": relation.kind.value,
        "modality": relation.modality.value,
        "confidence": round(float(relation.confidence), 4),
        "first_reported": _iso(relation.first_reported),
        "last_reported": _iso(relation.last_reported),
        "event_date": event_date_record(relation.event_date),
        "article_count": relation.article_count,
        "evidence": [evidence_record(e) for e in sorted(relation.evidence, key=_evidence_key)],
    }


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _sorted_actors(snapshot: GraphSnapshot) -> list[Actor]:
    return sorted(snapshot.actors, key=lambda a: a.id)


def _sorted_relations(snapshot: GraphSnapshot) -> list[Relation]:
    return sorted(snapshot.relations, key=lambda r: (r.source, r.kind, r.target, r.modality))


def to_json(snapshot: GraphSnapshot) -> str:
    """The whole graph as ``{"actors": [...], "relations": [...]}``, ending in a newline."""
    document = {
        "actors": [actor_record(a) for a in _sorted_actors(snapshot)],
        "relations": [relation_record(r) for r in _sorted_relations(snapshot)],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _present(attrs: dict[str, Any]) -> dict[str, Any]:
    # GraphML and GEXF have no null: an absent value is an absent attribute
    return {k: v for k, v in attrs.items() if v is not None}


def _node_attrs(actor: Actor) -> dict[str, Any]:
    loc = actor.location
    return _present(
        {
            "name": actor.name,
            "kind": actor.kind.value,
            "aliases": "|".join(sorted(actor.aliases)),
            "mentions": actor.mentions,
            "lat": None if loc is None else float(loc.latitude),
            "lon": None if loc is None else float(loc.longitude),
            "country_code": None if loc is None else loc.country_code,
        }
    )


def _edge_attrs(relation: Relation) -> dict[str, Any]:
    event = event_date_record(relation.event_date) or {}
    return _present(
        {
            "kind": relation.kind.value,
            "modality": relation.modality.value,
            "confidence": round(float(relation.confidence), 4),
            "first_reported": _iso(relation.first_reported),
            "last_reported": _iso(relation.last_reported),
            "article_count": relation.article_count,
            **{f"event_{key}": value for key, value in event.items()},
        }
    )


def to_networkx(snapshot: GraphSnapshot, *, labels: bool = False) -> nx.MultiDiGraph:
    """The graph as a ``MultiDiGraph`` keyed by actor id and relation id.

    With ``labels``, nodes carry ``label`` (the name) and edges ``label`` (the kind) and
    ``weight`` (the confidence), which Gephi shows without further mapping.
    """
    graph = nx.MultiDiGraph(name="actorgraph")
    for actor in _sorted_actors(snapshot):
        attrs = _node_attrs(actor)
        if labels:
            attrs["label"] = actor.name
        graph.add_node(actor.id, **attrs)
    for relation in _sorted_relations(snapshot):
        attrs = _edge_attrs(relation)
        if labels:
            attrs |= {"label": relation.kind.value, "weight": attrs["confidence"]}
        graph.add_edge(relation.source, relation.target, key=relation.id, **attrs)
    return graph


def to_graphml(snapshot: GraphSnapshot) -> str:
    """The graph as GraphML text."""
    return "\n".join(nx.generate_graphml(to_networkx(snapshot))) + "\n"


def to_gexf(snapshot: GraphSnapshot) -> str:
    """The graph as GEXF 1.2 text, with node and edge labels for Gephi."""
    return "\n".join(nx.generate_gexf(to_networkx(snapshot, labels=True))) + "\n"


_ACTOR_HEADER = (
    "id:ID", "name", "kind", "aliases:string[]", "mentions:int",
    "latitude:float", "longitude:float", "geonames_id:long", "country_code", ":LABEL",
)  # fmt: skip
_RELATION_HEADER = (
    ":START_ID", ":END_ID", ":TYPE", "id", "modality", "confidence:float",
    "first_reported:date", "last_reported:date", "article_count:int",
    "articles:string[]", "evidence",
)  # fmt: skip


def _array(values: Iterable[str]) -> str:
    return _ARRAY_DELIMITER.join(v.replace(_ARRAY_DELIMITER, ",") for v in values)


def _actor_row(actor: Actor) -> list[object]:
    loc = actor.location
    label = "Actor" + _ARRAY_DELIMITER + KIND_LABELS[actor.kind]
    return [
        actor.id, actor.name, actor.kind.value, _array(sorted(actor.aliases)), actor.mentions,
        "" if loc is None else loc.latitude, "" if loc is None else loc.longitude,
        "" if loc is None else loc.geonames_id, "" if loc is None else loc.country_code or "",
        label,
    ]  # fmt: skip


def _relation_row(relation: Relation) -> list[object]:
    record = relation_record(relation)
    articles = sorted({e.article_id for e in relation.evidence})
    return [
        relation.source, relation.target, relation.kind.value, relation.id,
        relation.modality.value, record["confidence"], record["first_reported"] or "",
        record["last_reported"] or "", relation.article_count, _array(articles),
        json.dumps(record["evidence"], sort_keys=True, ensure_ascii=False),
    ]  # fmt: skip


def _csv_text(header: Iterable[str], rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(snapshot: GraphSnapshot, directory: Path) -> list[Path]:
    """Write ``actors.csv`` and ``relations.csv`` for ``neo4j-admin database import full``.

    Actors get the labels and properties the Neo4j store uses, relations their kind as type,
    so the import can be browsed like a store's graph; articles and evidence nodes are not
    written (each relation carries its evidence as a JSON string instead). Returns the paths
    written; the directory is created if missing.
    """
    directory.mkdir(parents=True, exist_ok=True)
    actors_path, relations_path = (directory / name for name in CSV_FILES)
    actor_rows = (_actor_row(a) for a in _sorted_actors(snapshot))
    relation_rows = (_relation_row(r) for r in _sorted_relations(snapshot))
    actors_path.write_text(_csv_text(_ACTOR_HEADER, actor_rows), encoding="utf-8")
    relations_path.write_text(_csv_text(_RELATION_HEADER, relation_rows), encoding="utf-8")
    return [actors_path, relations_path]


def neo4j_import_command(directory: Path, database: str = "neo4j") -> str:
    """The shell command that loads a :func:`write_csv` directory into an empty Neo4j database."""
    actors, relations = (directory / name for name in CSV_FILES)
    return (
        f"neo4j-admin database import full --nodes={actors} --relationships={relations} "
        f"--array-delimiter='{_ARRAY_DELIMITER}' --overwrite-destination {database}"
    )
