"""A writer killed with SIGKILL mid-ingest leaves every article wholly stored or absent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import Evidence
from graph.stores.base import GraphSnapshot, IngestStatus
from graph.stores.sqlite.store import EmbeddedStore

from .corpus import SUDAN_1
from .crash_child import bulk_extraction

pytestmark = pytest.mark.anyio

CHILD = Path(__file__).with_name("crash_child.py")
REPO = Path(__file__).resolve().parents[2]
COMMITTED_BEFORE_KILL = 6


def _evidence_of(snapshot: GraphSnapshot, article_id: str) -> set[tuple[str, Evidence]]:
    return {(r.id, e) for r in snapshot.relations for e in r.evidence if e.article_id == article_id}


def _kill_after_commits(path: Path, commits: int, batch: int) -> list[str]:
    """Start the child writer, let ``commits`` articles commit, then kill -9 it."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), "500", str(batch)],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdout is not None
    done = []
    try:
        lines: Iterator[str] = iter(child.stdout.readline, "")
        for line in lines:
            done.append(line.strip())
            if len(done) == commits:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return done


@pytest.mark.parametrize("batch", [1, 3])
async def test_a_killed_ingest_leaves_whole_articles(tmp_path: Path, batch: int) -> None:
    path = tmp_path / "graph.sqlite3"
    reported = _kill_after_commits(path, COMMITTED_BEFORE_KILL, batch)
    assert len(reported) == COMMITTED_BEFORE_KILL
    store = EmbeddedStore(path)
    await store.open()
    try:
        stored = {a.id for a in await store.get_articles(limit=1000)}
        assert set(reported) <= stored  # what was reported committed is there
        assert len(stored) <= len(reported) + batch  # at most the next call's, if it committed
        crashed = await store.snapshot()
        total_mentions = 0
        for article_id in sorted(stored):
            number = int(article_id.removeprefix("bulk-"))
            fresh = EmbeddedStore(tmp_path / f"fresh-{number}.sqlite3")
            await fresh.open()
            await fresh.ingest(bulk_extraction(number))
            alone = await fresh.snapshot()
            await fresh.close()
            assert _evidence_of(crashed, article_id) == _evidence_of(alone, article_id)
            total_mentions += sum(a.mentions for a in alone.actors)
        assert sum(a.mentions for a in crashed.actors) == total_mentions
        mentioned = {e for r in crashed.relations for e in (r.source, r.target)}
        assert mentioned <= {a.id for a in crashed.actors}
        # and the store still takes writes
        assert (await store.ingest(SUDAN_1)).status is IngestStatus.ADDED
        assert (await store.ingest(bulk_extraction(499))).status is IngestStatus.ADDED
    finally:
        await store.close()
