"""The extractor against the shared gold annotations (skipped where they are absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.commands.extract import extraction_json
from graph.evaluate import score_articles
from graph.model import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
pytestmark = pytest.mark.skipif(
    not (SHARED / "gold").is_dir(),
    reason=f"no gold annotations at {SHARED}/gold (../shared absent)",
)


def _score(extractor, docs, articles):
    extracted = [extraction_json(ex) for ex in extractor.extract_many(articles)]
    return score_articles(docs, extracted)


def test_seed_articles(extractor):
    docs = [
        json.loads(line) for line in (SHARED / "gold/seeds.jsonl").read_text().splitlines() if line
    ]
    articles = [Article(p.stem, p.read_text()) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    score = _score(extractor, docs, articles)
    print(f"seeds: precision {score.precision:.3f} recall {score.recall:.3f}")
    assert score.forbidden == 0, score.false_edges
    assert score.precision >= 0.9 and score.recall >= 0.9, (score.misses, score.false_edges)


def test_dev_set(extractor):
    docs = [
        json.loads(line) for line in (SHARED / "gold/dev.jsonl").read_text().splitlines() if line
    ]
    score = _score(extractor, docs, [Article(str(d["id"]), d["text"]) for d in docs])
    print(f"dev: precision {score.precision:.3f} recall {score.recall:.3f} f1 {score.f1:.3f}")
    assert score.f1 >= 0.8, (score.misses, score.false_edges)
