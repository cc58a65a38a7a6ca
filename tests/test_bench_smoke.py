"""The benchmarks run at a tiny size and print their figures; their generators hold up.

No assertion here is about speed: the figures are checked for presence and consistency
(counts that must match, results that must be found), never against a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The bench package, importable from the repository root for this test only."""
    monkeypatch.syspath_prepend(str(ROOT))
    import bench

    return bench


def _run(module: str, *args: str) -> tuple[list[str], dict[str, Any]]:
    """Run ``python -m bench.<module> ARGS --json``; return its text lines and its JSON line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ACTORGRAPH_API_KEY", None)
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args, "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    return lines[:-1], json.loads(lines[-1])


def _has(lines: list[str], start: str) -> bool:
    return any(line.startswith(start) for line in lines)


# -- the generators -------------------------------------------------------------------------


def test_corpus_is_deterministic_varied_and_in_bounds(bench: ModuleType) -> None:
    from bench.corpus import MAX_WORDS, MIN_WORDS, generate, word_count
    from bench.theatres import THEATRES

    first, again, other = generate(1000, seed=3), generate(1000, seed=3), generate(50, seed=4)
    assert [a.text for a in first] == [a.text for a in again]
    assert first[0].text != other[0].text
    assert len({a.id for a in first}) == len({a.text for a in first}) == 1000
    assert all(MIN_WORDS <= word_count(a.text) <= MAX_WORDS for a in first)
    theatres = Counter(a.id.rsplit("-", 1)[-1] for a in first)
    assert set(theatres) == {t.key for t in THEATRES}
    assert all("{" not in a.text and "}" not in a.text for a in first)  # every slot filled


def test_corpus_names_actors_from_the_lexicon_files(bench: ModuleType) -> None:
    import yaml

    from bench.corpus import generate
    from graph.ingest.lexicon import DATA_DIR

    groups = yaml.safe_load((DATA_DIR / "armed_groups.yaml").read_text(encoding="utf-8"))
    text = " ".join(a.text for a in generate(300, seed=5))
    named = [g["name"] for g in groups if g["name"] in text]
    assert len(named) >= 20, named


def test_corpus_file_round_trip(bench: ModuleType, tmp_path: Path) -> None:
    from bench.corpus import generate, load_corpus, main

    out = tmp_path / "c.jsonl"
    assert main(["--articles", "12", "--seed", "9", "--out", str(out)]) == 0
    assert [a.text for a in load_corpus(out)] == [a.text for a in generate(12, seed=9)]


def test_synthetic_graph_is_exact_heavy_tailed_and_ingestible(bench: ModuleType) -> None:
    from bench.synthetic import extractions, synthetic_graph
    from graph.stores.sqlite.ingest import check_extraction

    graph = synthetic_graph(5000, seed=2)
    assert len(graph.relations) == 5000
    assert len(set(graph.relations)) == 5000
    assert all(s != t for s, t, _, _ in graph.relations)
    degrees = sorted(graph.degrees(), reverse=True)
    assert degrees[0] >= 20 * degrees[len(degrees) // 2]  # hubs far above the median actor
    exs = list(extractions(graph, per_article=300))
    assert sum(len(e.relations) for e in exs) == 5000
    for extraction in exs:
        check_extraction(extraction)  # every relation names actors its article lists


# -- the benchmarks, at a tiny size ---------------------------------------------------------


def test_extract_bench_prints_its_figures() -> None:
    lines, info = _run("extract_bench", "--articles", "20")
    for start in ("corpus: 20 articles", "machine:", "load time: stock spaCy pipeline", "mode"):
        assert _has(lines, start), start
    assert _has(lines, "ratio ActorGraph/spaCy words/s, 1 process(es):")
    assert _has(lines, "ratio ActorGraph/spaCy words/s, 2 process(es):")
    runs = {(r["mode"], r["procs"]): r for r in info["runs"]}
    assert set(runs) == {("spacy", 1), ("actorgraph", 1), ("spacy", 2), ("actorgraph", 2)}
    for run in runs.values():
        assert run["words"] == info["corpus"]["words"] and run["docs"] == 20
        assert run["words_per_second"] > 0 and run["peak_rss_mb"] > 0
    # both process counts extract the same relations from the same texts
    assert runs["actorgraph", 1]["found"] == runs["actorgraph", 2]["found"] > 0


def test_store_bench_prints_its_figures() -> None:
    lines, info = _run(
        "store_bench", "--sizes", "2000", "--bolt-sizes", "", "--queries", "20",
        "--query-seconds", "5",
    )  # fmt: skip
    for start in (
        "=== 2000 relations ===",
        "load: 2,000 relations",
        "file size:",
        "open() on the existing file:",
        "machine:",
    ):
        assert _has(lines, start), start
    (size,) = info["sizes"]
    load, query = size["load"], size["query"]
    assert load["complete"] and load["relations_loaded"] == load["relations_stored"] == 2000
    assert load["file_mb"] > 0 and query["open_seconds"] >= 0
    labels = {q["query"] for q in query["queries"]}
    assert labels == {
        "get_actor",
        "relations_of",
        "neighbourhood depth 2",
        "neighbourhood d2, 500 actors",
        "supporters depth 3",
        "paths max_length 4",
        "search_actors",
    }
    for q in query["queries"]:
        assert q["count"] > 0 and q["p50"] <= q["p95"] <= q["p99"]
        assert _has(lines, q["query"])
    found = {(q["query"], q["picks"]): q["mean_found"] for q in query["queries"]}
    assert found["get_actor", "uniform"] == 1.0  # every picked actor exists
    assert found["supporters depth 3", "uniform"] > 0  # picked among backed actors
    # the nearest 500 actors are at most all of them: never more relations than the whole
    whole = found["neighbourhood depth 2", "by degree"]
    assert 0 < found["neighbourhood d2, 500 actors", "by degree"] <= whole


def test_store_bench_runs_the_neo4j_store_over_bolt() -> None:
    """A Bolt server of its own, named in the row's label; the figures come from the same
    queries as the embedded store's."""
    lines, info = _run(
        "store_bench", "--sizes", "", "--bolt-sizes", "300", "--queries", "5",
        "--query-seconds", "5",
    )  # fmt: skip
    (size,) = info["sizes"]
    assert size["store"] == "neo4j" and size["server"]
    assert _has(lines, f"=== 300 (Neo4j store over Bolt: {size['server']}) relations ===")
    load, query = size["load"], size["query"]
    assert load["complete"] and load["relations_loaded"] == load["relations_stored"] == 300
    assert load["file_mb"] is None and _has(lines, "file size: on the server")
    found = {(q["query"], q["picks"]): q["mean_found"] for q in query["queries"]}
    assert found["get_actor", "uniform"] == 1.0


def test_load_bench_prints_its_figures() -> None:
    lines, info = _run("load_bench", "--edges", "2000", "--seconds", "2", "--clients", "5")
    assert _has(lines, "store: 2,000 synthetic relations")
    names = [r["scenario"] for r in info["results"]]
    assert names == [
        "actor + relations",
        "page of 50 actors",
        "supporters depth 3",
        "paths maxLength 4",
        "ingestArticle",
    ]
    for result in info["results"]:
        assert result["errors"] == 0, result["error_samples"]
        assert result["ok"] > 0
        row = next(line for line in lines if line.startswith(result["scenario"]))
        assert row.rstrip().endswith(("MET", "NOT MET"))
    # the floor and the open-loop rates, against both servers
    floor = info["floor"]["closed"]
    assert floor["errors"] == 0 and floor["ok"] > 0 and floor["server_cpu_ms"] > 0
    assert info["graphql_floor_cpu_ratio"] > 0 and _has(lines, "GraphQL layer:")
    for rows in (info["open_loop"], info["floor"]["open"]):
        assert [r["rate"] for r in rows] == [100.0, 200.0, 400.0]
        for row in rows:
            assert row["errors"] == 0 and row["ok"] == row["requests"], row["error_samples"]
