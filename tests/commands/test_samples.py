"""The demo articles: consistent in both forms, and each showing a chain of support."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from graph.cli import main

from .hand_made import CLI, SAMPLES

TEXTS = sorted(SAMPLES.glob("*.txt"))
RECORDS = [
    json.loads(line)
    for line in (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def test_the_jsonl_holds_the_same_articles_as_the_text_files() -> None:
    assert 6 <= len(TEXTS) <= 8
    assert sorted(r["id"] for r in RECORDS) == [p.stem for p in TEXTS]
    for record in RECORDS:
        assert record["text"] == (SAMPLES / f"{record['id']}.txt").read_text("utf-8").strip()
        assert record["title"] and record["url"].startswith("https://")
        date.fromisoformat(record["published"])


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_each_article_states_support_captures_strikes_and_a_hedge(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\bbacks\b", text)
    assert re.search(r"\b(captured|seized)\b", text)
    assert re.search(r"\b(struck|shelled|bombed)\b", text)
    assert re.search(r"\b(denied|alleged|claimed|may|would)\b", text)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, extractor: object) -> str:
    """The samples ingested once, as the README's first command does."""
    path = str(tmp_path_factory.mktemp("demo") / "graph.sqlite3")
    assert main(["ingest", str(SAMPLES / "articles.jsonl"), "--store", path]) == 0
    return path


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


CHAINS = [  # the actor, its backer, and who backs the backer, as the samples tell it
    ("Hamas", "Hezbollah", "Iran"),
    ("Wazalendo", "DR Congo", "Burundi"),
    ("Freedom of Russia Legion", "Ukraine", "Germany"),
    ("Giants Brigades", "Southern Transitional Council", "United Arab Emirates"),
    ("Pyu Saw Htee", "Myanmar", "Russia"),
    ("Joint Forces", "Sudan", "Egypt"),
]


@pytest.mark.parametrize(("actor", "backer", "second"), CHAINS, ids=[c[0] for c in CHAINS])
def test_supporters_show_the_chain(
    cli: CLI, demo_store: str, actor: str, backer: str, second: str
) -> None:
    run = cli("supporters", actor, "--store", demo_store)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    first = next(i for i, line in enumerate(lines) if re.search(rf"<- {backer} \(", line))
    depth = _indent(lines[first])
    subtree = []
    for line in lines[first + 1 :]:
        if _indent(line) <= depth:
            break
        subtree.append(line)
    deeper = [line for line in subtree if re.search(rf"<- {second} \(", line)]
    assert deeper, run.out
    assert lines[first + 1].strip().startswith('"'), "each step shows its evidence"
