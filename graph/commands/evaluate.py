"""``actorgraph eval GOLD.jsonl``: run the extractor on gold articles and score it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from graph.errors import BadInputError
from graph.evaluate import Score, score_articles
from graph.model import Article

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", type=Path, help="gold JSONL: one {id, text, edges, ...} a line")
    parser.add_argument("--quiet", action="store_true", help="print only the totals")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list each miss and each false edge with the sentence that shows it",
    )


def _report(score: Score, quiet: bool, errors: bool = False) -> None:
    if errors:
        for doc_id, what, sentence in score.errors:
            print(f"{doc_id}  {what}\n    {sentence}")
    elif not quiet:
        for miss in score.misses:
            print(f"missed  {miss}")
        for edge in score.false_edges:
            print(f"false   {edge}")
    print(f"{'kind':<18}{'required':>9}{'found':>7}{'true':>6}{'false':>7}")
    for kind, (req, found, true, false) in sorted(score.per_kind.items()):
        print(f"{kind:<18}{req:>9}{found:>7}{true:>6}{false:>7}")
    print(
        f"precision {score.precision:.3f} recall {score.recall:.3f} f1 {score.f1:.3f} "
        f"(forbidden edges output: {score.forbidden})"
    )


def run(args: argparse.Namespace) -> int:
    from graph.commands.extract import extraction_json
    from graph.ingest.pipeline import Extractor

    try:
        lines = args.gold.read_text(encoding="utf-8").splitlines()
        docs = [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"cannot read gold file {args.gold}: {exc}") from exc
    articles = [Article(id=str(d["id"]), text=d["text"]) for d in docs]
    extracted = [extraction_json(ex) for ex in Extractor.load().extract_many(articles)]
    _report(score_articles(docs, extracted), args.quiet, args.errors)
    return 0
