"""``actorgraph ingest`` with the real extractor and a real embedded store."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from .hand_made import CLI, SAMPLES

pytestmark = pytest.mark.usefixtures("extractor")

SAMPLE_TEXTS = sorted(str(p) for p in SAMPLES.glob("*.txt"))


def _counts(summary: str) -> dict[str, int]:
    found = re.search(r"\((\d+) added, (\d+) unchanged, (\d+) replaced\)", summary)
    assert found, summary
    failed = re.search(r"(\d+) failed", summary)
    assert failed, summary
    added, unchanged, replaced = map(int, found.groups())
    return {"added": added, "unchanged": unchanged, "replaced": replaced,
            "failed": int(failed.group(1))}  # fmt: skip


def _bad_inputs(folder: Path) -> dict[str, Path]:
    paths = {
        "binary": folder / "photo.txt",
        "empty": folder / "empty.txt",
        "latin1": folder / "latin1.txt",
        "missing": folder / "missing.txt",
    }
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["empty"].write_text("  \n\n", encoding="utf-8")
    paths["latin1"].write_bytes(
        "Les forces de S\u00e9gou ont frapp\u00e9 la ville.".encode("latin-1")
    )
    return paths


def test_samples_ingest_cleanly(cli: CLI, store_path: str) -> None:
    run = cli("ingest", *SAMPLE_TEXTS, "--store", store_path)
    assert run.code == 0, run.err
    counts = _counts(run.out)
    assert counts == {"added": len(SAMPLE_TEXTS), "unchanged": 0, "replaced": 0, "failed": 0}
    assert run.err == ""  # no progress bar when stderr is not a terminal


def test_a_bad_file_does_not_stop_the_batch(cli: CLI, store_path: str, tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    good = SAMPLE_TEXTS[:2]
    run = cli("ingest", good[0], *map(str, bad.values()), good[1], "--store", store_path)
    assert run.code == 1
    counts = _counts(run.out)
    assert counts["added"] == 2 and counts["failed"] == len(bad)
    failure_lines = [line for line in run.err.splitlines() if line.startswith("  ")]
    assert len(failure_lines) == len(bad)
    for path in bad.values():
        assert sum(line.strip().startswith(f"{path}:") for line in failure_lines) == 1
    assert "binary" in run.err and "empty" in run.err and "UTF-8" in run.err
    assert "no such file" in run.err
    for path in good:
        stem = Path(path).stem
        deleted = cli("delete", stem, "--store", store_path)
        assert deleted.code == 0, f"{stem} was not stored: {deleted.err}"


def test_ingesting_twice_changes_nothing(cli: CLI, store_path: str, tmp_path: Path) -> None:
    assert cli("ingest", *SAMPLE_TEXTS, "--store", store_path).code == 0
    first = cli("export", "--store", store_path).out
    again = cli("ingest", *SAMPLE_TEXTS, "--store", store_path)
    assert again.code == 0, again.err
    assert _counts(again.out)["unchanged"] == len(SAMPLE_TEXTS)
    assert cli("export", "--store", store_path).out == first
    other_store = str(tmp_path / "other.sqlite3")
    assert cli("ingest", *SAMPLE_TEXTS, "--store", other_store).code == 0
    assert cli("export", "--store", other_store).out == first
    assert json.loads(first)["relations"], "the samples should yield relations"


def test_a_changed_article_is_replaced(cli: CLI, store_path: str, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Rwanda backs the M23 rebels, UN experts said.", encoding="utf-8")
    assert cli("ingest", str(article), "--store", store_path).code == 0
    article.write_text("Burundi backs the Congolese army, officials said.", encoding="utf-8")
    run = cli("ingest", str(article), "--store", store_path)
    assert _counts(run.out)["replaced"] == 1


def test_jsonl_and_stdin(cli: CLI, store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    run = cli("ingest", str(SAMPLES / "articles.jsonl"), "--store", store_path)
    assert run.code == 0, run.err
    lines = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert _counts(run.out)["added"] == len(lines)
    text = b"Ethiopia backs the Somali army against al-Shabaab, officials said."
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text)))
    piped = cli("ingest", "-", "--store", store_path)
    assert piped.code == 0, piped.err
    assert _counts(piped.out)["added"] == 1


def test_progress_bar_on_request(cli: CLI, store_path: str) -> None:
    run = cli("ingest", *SAMPLE_TEXTS[:3], "--progress", "--store", store_path)
    assert run.code == 0
    assert "3/3" in run.err and "article" in run.err


def test_worker_processes_give_the_same_graph(cli: CLI, store_path: str, tmp_path: Path) -> None:
    assert cli("ingest", *SAMPLE_TEXTS, "--store", store_path).code == 0
    parallel = str(tmp_path / "parallel.sqlite3")
    run = cli("ingest", *SAMPLE_TEXTS, "--processes", "2", "--batch-size", "2", "--store", parallel)
    assert run.code == 0, run.err
    assert cli("export", "--store", parallel).out == cli("export", "--store", store_path).out
