"""The backfill benchmark runs at a tiny size and prints consistent figures (never a timing
assertion: only that each mode ran, and stored what ingest stored)."""

from __future__ import annotations

import json

import pytest

from bench import backfill_bench


def test_the_backfill_benchmark_prints_a_row_per_mode_with_identical_exports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--articles", "6", "--small", "2", "--partition-size", "2"]
    code = backfill_bench.main([*argv, "--modes", "ingest,backfill-1", "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    info = json.loads(out.strip().splitlines()[-1])
    assert [r["mode"] for r in info["results"]] == ["ingest", "backfill-1"]
    for result in info["results"]:
        assert result["articles"] == 6 and result["export_identical"] is True
        assert result["seconds"] > 0 and result["articles_per_hour_whole_run"] > 0
    assert "backfill-1" in out and "same export" in out
