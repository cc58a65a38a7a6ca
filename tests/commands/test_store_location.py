"""A store that cannot be opened is one clear line on stderr and a non-zero exit code."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from .conftest import _ingest_all
from .hand_made import CLI, HAND_MADE


@pytest.mark.parametrize("command", [["stats"], ["actors"], ["export"], ["supporters", "Iran"]])
def test_a_bad_store_url_is_one_line(cli: CLI, command: list[str]) -> None:
    run = cli(*command, "--store", "http://x")
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1
    assert "http://" in run.err and "neo4j://" in run.err


def test_a_bad_store_url_from_the_environment(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_STORE", "ftp://example")
    run = cli("stats")
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1


def test_an_unreachable_neo4j_is_one_line(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("graph.stores.neo4j.store", reason="the Neo4j store is not in the tree yet")
    monkeypatch.setenv("ACTORGRAPH_NEO4J_PASSWORD", "not-a-real-password")
    run = cli("stats", "--store", "bolt://127.0.0.1:9")  # the discard port: nothing listens
    assert run.code == 2, run.err
    assert len(run.err.strip().splitlines()) == 1


def test_the_default_store_lives_in_the_data_dir(cli: CLI, tmp_path: Path) -> None:
    default = tmp_path / "xdg" / "actorgraph" / "graph.sqlite3"  # XDG_DATA_HOME is in tmp_path
    run = cli("stats")  # nothing stored yet: a read names the store it looked for, creates none
    assert run.code == 2 and str(default) in run.err
    assert not default.parent.exists()
    asyncio.run(_ingest_all(str(default), HAND_MADE))
    run = cli("stats")
    assert run.code == 0, run.err
    assert "articles   3" in run.out
