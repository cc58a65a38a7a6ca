"""``actorgraph extract``: print what the extractor finds, as JSON or as readable lines."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from graph.export import event_date_record
from graph.ingest.readers import ReadFailure, read_articles
from graph.model import Actor, Extraction, Relation
from graph.settings import Settings

__all__ = ["add_arguments", "extraction_json", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt files (id = file name), .jsonl files (id, text, ...) or - for stdin",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON document for all articles"
    )
    parser.add_argument("--processes", type=int, default=1, help="spaCy worker processes")


def actor_json(actor: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "mentions": actor.mentions,
    }
    if actor.location is not None:
        loc = actor.location
        out["geo"] = {
            "geonames_id": loc.geonames_id,
            "lat": loc.latitude,
            "lon": loc.longitude,
            "country": loc.country_code,
        }
    return out


def relation_json(rel: Relation) -> dict[str, Any]:
    return {
        "id": rel.id,
        "source": rel.source,
        "target": rel.target,
        "kind": rel.kind.value,
        "modality": rel.modality.value,
        "confidence": rel.confidence,
        "date": rel.first_reported.isoformat() if rel.first_reported else None,
        "event_date": event_date_record(rel.event_date),
        "evidence": [
            {
                "article": e.article_id,
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "trigger": e.trigger,
                "source_text": e.source_text,
                "target_text": e.target_text,
                "extractor": e.extractor_version,
                "event_date": event_date_record(e.event_date),
            }
            for e in rel.evidence
        ],
    }


def extraction_json(ex: Extraction) -> dict[str, Any]:
    art = ex.article
    return {
        "id": art.id,
        "title": art.title,
        "url": art.url,
        "published": art.published.isoformat() if art.published else None,
        "actors": [actor_json(a) for a in ex.actors],
        "relations": [relation_json(r) for r in ex.relations],
        "warnings": list(ex.warnings),
    }


def _print_readable(ex: Extraction) -> None:
    names = {a.id: a.name for a in ex.actors}
    print(f"# {ex.article.id}: {len(ex.actors)} actors, {len(ex.relations)} relations")
    for warning in ex.warnings:
        print(f"  ! {warning}")
    for r in ex.relations:
        print(
            f"  {names[r.source]} -{r.kind.value}-> {names[r.target]}  "
            f"[{r.modality.value}, {r.confidence:.2f}] «{r.evidence[0].sentence.strip()[:120]}»"
        )


def run(args: argparse.Namespace) -> int:
    from graph.ingest.pipeline import Extractor

    failures: list[ReadFailure] = []
    articles = []
    settings = Settings.from_env()
    for item in read_articles(args.paths, max_chars=settings.max_text_chars):
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            articles.append(item)
    extractor = Extractor.load()
    results = []
    for ex in extractor.extract_many(articles, n_process=max(1, args.processes)):
        if args.json:
            results.append(extraction_json(ex))
        else:
            _print_readable(ex)
    if args.json:
        json.dump({"articles": results}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    for failure in failures:
        print(f"actorgraph extract: skipped {failure.source}: {failure.reason}", file=sys.stderr)
    return 1 if failures else 0
