"""``actorgraph export``: the whole graph as JSON, GraphML, GEXF or Neo4j import CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph import export
from graph.commands.common import add_store_argument
from graph.commands.runner import run_with_store
from graph.errors import BadInputError
from graph.stores.base import GraphSnapshot, GraphStore

__all__ = ["FORMATS", "add_arguments", "run"]

FORMATS = {"json": export.to_json, "graphml": export.to_graphml, "gexf": export.to_gexf}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=[*FORMATS, "csv"],
        default="json",
        help="json (default), graphml, gexf, or csv for neo4j-admin import",
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="PATH",
        help="a file (default: standard output); for csv, a directory (required)",
    )
    add_store_argument(parser)


def _write(snapshot: GraphSnapshot, fmt: str, output: Path | None) -> None:
    if fmt == "csv":
        assert output is not None
        written = export.write_csv(snapshot, output)
        print(f"wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
        print("load them into an empty database with:", file=sys.stderr)
        print(f"  {export.neo4j_import_command(output)}", file=sys.stderr)
        return
    text = FORMATS[fmt](snapshot)
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Export the graph in the chosen format."""
    if args.format == "csv" and args.output is None:
        raise BadInputError("--format csv writes two files: give a directory with --output")
    if args.format == "csv" and args.output.exists() and not args.output.is_dir():
        raise BadInputError(f"{args.output} is a file; --format csv needs a directory")

    async def action(store: GraphStore) -> int:
        snapshot = await store.snapshot()
        try:
            _write(snapshot, args.format, args.output)
        except OSError as exc:
            if args.output is None:  # standard output: the command line reports it
                raise
            raise BadInputError(
                f"cannot write {exc.filename or args.output}: {exc.strerror}"
            ) from exc
        noun = "actors" if len(snapshot.actors) != 1 else "actor"
        print(
            f"exported {len(snapshot.actors)} {noun}, {len(snapshot.relations)} relations",
            file=sys.stderr,
        )
        return 0

    return run_with_store(args, action, read_only=True)
