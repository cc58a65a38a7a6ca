"""``actorgraph export`` in every format, read back with each format's own reader."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from .hand_made import CLI, HAND_MADE


def _expected_counts() -> tuple[int, int]:
    actors = {a.id for e in HAND_MADE for a in e.actors}
    relations = {r.id for e in HAND_MADE for r in e.relations}
    return len(actors), len(relations)


def test_json_export_round_trips_the_counts(cli: CLI, hand_made_store: str) -> None:
    run = cli("export", "--store", hand_made_store)
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert (len(document["actors"]), len(document["relations"])) == _expected_counts()
    backs = [r for r in document["relations"] if r["kind"] == "BACKS" and r["article_count"] == 2]
    assert len(backs) == 1 and len(backs[0]["evidence"]) == 2
    assert run.out == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_json_export_is_stable(cli: CLI, hand_made_store: str, tmp_path: Path) -> None:
    first = cli("export", "--store", hand_made_store).out
    target = tmp_path / "graph.json"
    assert cli("export", "--output", str(target), "--store", hand_made_store).code == 0
    assert target.read_text(encoding="utf-8") == first


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_parse(cli: CLI, hand_made_store: str, fmt: str) -> None:
    run = cli("export", "--format", fmt, "--store", hand_made_store)
    assert run.code == 0, run.err
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = reader(io.StringIO(run.out))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == _expected_counts()
    assert {d["kind"] for _, _, d in graph.edges(data=True)} == {"BACKS", "STRIKES"}


def test_csv_export_writes_the_neo4j_import_layout(
    cli: CLI, hand_made_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "import"
    run = cli("export", "--format", "csv", "--output", str(out), "--store", hand_made_store)
    assert run.code == 0, run.err
    assert "neo4j-admin database import full" in run.err
    with (out / "actors.csv").open(newline="", encoding="utf-8") as stream:
        actors = list(csv.DictReader(stream))
    with (out / "relations.csv").open(newline="", encoding="utf-8") as stream:
        relations = list(csv.DictReader(stream))
    assert (len(actors), len(relations)) == _expected_counts()
    assert {"id:ID", ":LABEL"} <= set(actors[0]) and {":START_ID", ":END_ID", ":TYPE"} <= set(
        relations[0]
    )


def test_csv_needs_a_directory(cli: CLI, hand_made_store: str) -> None:
    run = cli("export", "--format", "csv", "--store", hand_made_store)
    assert run.code == 1 and "--output" in run.err


def test_an_unwritable_output_is_one_line(cli: CLI, hand_made_store: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "graph.json"
    run = cli("export", "--output", str(target), "--store", hand_made_store)
    assert run.code == 1
    assert len(run.err.strip().splitlines()) == 1 and "cannot write" in run.err
