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


def test_the_writer_benchmark_counts_every_row_it_stores(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bench import writer_bench

    assert writer_bench.main(["--articles", "4", "--partition-size", "3", "--json"]) == 0
    info = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    [embedded] = info["results"]
    assert embedded["store"] == "embedded" and embedded["articles"] == 4
    assert embedded["rows"] >= 4 and embedded["rows_per_s"] > 0
