"""``actorgraph backfill`` builds the graph ``actorgraph ingest`` builds, on a Dask cluster.

Each test compares the two commands on the same input through ``actorgraph export``, byte for
byte. The clusters are real: local worker processes that load the real extractor.
"""

from __future__ import annotations

import io
import json
import os
import signal
import threading
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from bench.corpus import generate

from .hand_made import CLI, SAMPLES

SAMPLE_INPUTS = [*map(str, sorted(SAMPLES.glob("*.txt"))), str(SAMPLES / "articles.jsonl")]


def _export(cli: CLI, store: str) -> str:
    run = cli("export", "--format", "json", "--store", store)
    assert run.code == 0, run.err
    return run.out


def _failures(err: str) -> list[str]:
    """The failure lines a batch prints at the end (indented under 'N input(s) failed:')."""
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def test_backfill_of_the_samples_with_two_workers_exports_what_ingest_does(
    cli: CLI, tmp_path: Path, extractor: object
) -> None:
    ingested, backfilled = str(tmp_path / "ingest.sqlite3"), str(tmp_path / "backfill.sqlite3")
    ingest = cli("ingest", *SAMPLE_INPUTS, "--store", ingested)
    backfill = cli(
        "backfill", *SAMPLE_INPUTS, "--workers", "2", "--partition-size", "2",
        "--store", backfilled,
    )  # fmt: skip
    assert (ingest.code, backfill.code) == (0, 0), backfill.err
    assert backfill.out == ingest.out  # the same summary: added, unchanged, counts
    exported = _export(cli, backfilled)
    assert json.loads(exported)["relations"], "the samples give relations"
    assert exported == _export(cli, ingested)


def _bad_inputs(folder: Path) -> list[str]:
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "latin1.txt").write_bytes("Les rebelles ont pris Gao à l'armée.".encode("latin-1"))
    feed = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    feed[3:3] = ["{not json", '{"id": "no-text"}']
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    texts = sorted(map(str, SAMPLES.glob("*.txt")))
    return [
        texts[0], str(folder / "empty.txt"), str(folder / "feed.jsonl"),
        str(folder / "missing.txt"), str(folder / "binary.txt"), *texts[1:3],
        str(folder / "latin1.txt"),
    ]  # fmt: skip


def test_a_bad_file_is_reported_and_the_rest_goes_on_as_in_ingest(
    cli: CLI, tmp_path: Path, extractor: object
) -> None:
    inputs = _bad_inputs(tmp_path)
    ingested, backfilled = str(tmp_path / "ingest.sqlite3"), str(tmp_path / "backfill.sqlite3")
    ingest = cli("ingest", *inputs, "--store", ingested)
    backfill = cli(
        "backfill", *inputs, "--workers", "1", "--partition-size", "3", "--store", backfilled
    )
    assert ingest.code == backfill.code == 1
    assert backfill.out == ingest.out
    assert "6 input(s) failed:" in backfill.err
    assert backfill.err == ingest.err  # the same failures, in the same (input) order
    failed = " ".join(_failures(backfill.err))
    for name in ("empty", "binary", "latin1", "missing", "feed.jsonl:4", "feed.jsonl:5"):
        assert name in failed
    assert _export(cli, backfilled) == _export(cli, ingested)


@pytest.fixture
def cluster() -> object:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield local, client


def _kill_a_busy_worker(client: Client, done: threading.Event) -> int | None:
    """SIGKILL the process of a worker that holds a partition; its pid, or None if the run
    ended first."""
    pids = client.run(os.getpid)
    while not done.is_set():
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            return pids[busy[0]]
        done.wait(0.01)
    return None


def test_a_worker_killed_mid_run_loses_nothing(
    cli: CLI, tmp_path: Path, extractor: object, cluster: tuple[LocalCluster, Client]
) -> None:
    local, client = cluster
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for article in generate(16, seed=3):
            out.write(json.dumps({"id": article.id, "text": article.text}) + "\n")
    ingested, backfilled = str(tmp_path / "ingest.sqlite3"), str(tmp_path / "backfill.sqlite3")
    ingest = cli("ingest", str(corpus), "--store", ingested)

    done, runs = threading.Event(), []

    def backfill() -> None:
        try:
            runs.append(cli(
                "backfill", str(corpus), "--scheduler", local.scheduler_address,
                "--partition-size", "1", "--store", backfilled,
            ))  # fmt: skip
        finally:
            done.set()

    worker = threading.Thread(target=backfill)
    worker.start()
    killed = _kill_a_busy_worker(client, done)
    worker.join()
    assert killed is not None, "the run ended before a worker could be killed"
    assert killed not in client.run(os.getpid).values()  # the worker did die
    [run] = runs
    assert (ingest.code, run.code) == (0, 0), run.err
    assert run.out == ingest.out
    assert _export(cli, backfilled) == _export(cli, ingested)


def test_a_scheduler_address_that_is_not_one_is_a_one_line_error(cli: CLI, tmp_path: Path) -> None:
    store = str(tmp_path / "graph.sqlite3")
    run = cli("backfill", SAMPLE_INPUTS[0], "--scheduler", "http://nowhere", "--store", store)
    assert run.code == 1
    [line] = run.err.strip().splitlines()  # no traceback
    assert line.startswith(
        "actorgraph backfill: 'http://nowhere' is not a Dask scheduler address: give one of "
    )
    assert "tcp://" in line
    assert not Path(store).exists()


def test_a_malformed_store_location_fails_before_a_cluster_starts(cli: CLI) -> None:
    run = cli("backfill", SAMPLE_INPUTS[0], "--store", "ftp://example.org/graph")
    assert run.code == 2
    assert run.err.startswith("actorgraph backfill: ftp:// is not a store location")


def test_standard_input_is_backfilled_as_ingest_reads_it(
    cli: CLI, tmp_path: Path, extractor: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = (SAMPLES / "articles.jsonl").read_bytes().replace(b"\n", b"\n[1, 2]\n", 1)
    runs, exports = [], []
    for command in (["ingest"], ["backfill", "--workers", "1", "--partition-size", "2"]):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(feed)))
        store = str(tmp_path / f"{command[0]}.sqlite3")
        runs.append(cli(*command, "-", SAMPLE_INPUTS[0], "--store", store))
        exports.append(_export(cli, store))
    ingest, backfill = runs
    assert ingest.code == backfill.code == 1
    assert (backfill.out, backfill.err) == (ingest.out, ingest.err)
    assert "-:2: each JSONL line must be an object" in backfill.err
    assert exports[1] == exports[0]
