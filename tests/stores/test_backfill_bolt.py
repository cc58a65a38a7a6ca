"""``actorgraph backfill`` into the Neo4j store over a live Bolt connection: its batched
``UNWIND`` writes (``ingest_many``) build the graph that ``actorgraph ingest`` builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.bolt_server import BoltServer
from graph.cli import main

from .conftest import _wipe

pytestmark = pytest.mark.neo4j

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
INPUTS = [*map(str, sorted(SAMPLES.glob("*.txt"))), str(SAMPLES / "articles.jsonl")]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_backfill_over_bolt_exports_what_ingest_does(
    live_server: BoltServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ACTORGRAPH_NEO4J_USER", live_server.user)
    monkeypatch.setenv("ACTORGRAPH_NEO4J_PASSWORD", live_server.password)
    monkeypatch.setenv("ACTORGRAPH_NEO4J_DATABASE", live_server.database)
    store = ["--store", live_server.uri]
    exports = []
    for command in (["ingest"], ["backfill", "--workers", "2", "--partition-size", "3"]):
        _wipe(live_server)
        code, out, err = _run(capsys, *command, *INPUTS, *store)
        assert code == 0, err
        assert out.startswith("14 articles stored (7 added, 7 unchanged, 0 replaced)")
        code, exported, err = _run(capsys, "export", "--format", "json", *store)
        assert code == 0, err
        exports.append(exported)
    assert '"relations": []' not in exports[0]
    assert exports[1] == exports[0]
