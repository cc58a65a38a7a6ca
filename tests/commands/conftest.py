"""Fixtures for the command tests: the CLI run in-process against a real embedded store."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from graph.cli import main
from graph.model import Extraction
from graph.settings import Settings

from .hand_made import CLI, HAND_MADE, Run


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ACTORGRAPH_STORE", "ACTORGRAPH_NEO4J_USER", "ACTORGRAPH_NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    # the default store lives in the user's data dir: keep it inside the test's folder
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
    """Run ``actorgraph ARGS...`` in this process; return its exit code and output."""

    def run(*argv: str) -> Run:
        capsys.readouterr()  # drop anything printed before
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    return str(tmp_path / "graph.sqlite3")


@pytest.fixture(scope="session")
def extractor() -> object:
    """The real extractor, loaded once (the ingest command reuses this cached instance)."""
    try:
        import graph.ingest.pipeline  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "graph.ingest.pipeline":
            raise
        pytest.skip("the extractor (graph.ingest.pipeline) is not in the tree yet")
    from graph.commands.ingest import load_extractor

    return load_extractor()


async def _ingest_all(path: str, extractions: Sequence[Extraction]) -> None:
    from graph.stores import open_store

    store = open_store(Settings(store=path))
    await store.open()
    try:
        for item in extractions:
            await store.ingest(item)
    finally:
        await store.close()


@pytest.fixture
def hand_made_store(store_path: str) -> str:
    """A store holding the hand-made graph above; returns its path."""
    asyncio.run(_ingest_all(store_path, HAND_MADE))
    return store_path
