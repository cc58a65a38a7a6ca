"""Fixtures for the API tests: the real app over HTTP against a real embedded store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from api_harness import Api, serve, shared_extractor, world

from api.app import create_app
from api.extraction import LazyExtractor
from graph.settings import Settings


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ACTORGRAPH_STORE", "ACTORGRAPH_API_KEY", "ACTORGRAPH_MAX_TEXT_CHARS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(store=str(tmp_path / "graph.sqlite3"))


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[Api]:
    """The app on an empty store."""
    app = create_app(settings, extractor=LazyExtractor(shared_extractor))
    async with serve(app) as running:
        yield running


@pytest.fixture
async def seeded(api: Api) -> Api:
    """The app on a store holding ``api_harness.world()``."""
    await api.store.ingest_many(world())
    return api
