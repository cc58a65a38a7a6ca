"""The ``actorgraph`` command: parse arguments and hand off to the command modules.

Each sub-command lives in a small module (``graph.commands.<name>``) exposing
``add_arguments(parser)`` and ``run(args) -> int``; the API server's command lives in ``api``
so that ``graph`` never imports the web stack unless asked to serve.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from graph.errors import ActorGraphError

__all__ = ["main"]

COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("graph.commands.extract", "extract actors and relations from articles"),
    "eval": ("graph.commands.evaluate", "score the extractor against a gold JSONL file"),
    "ingest": ("graph.commands.ingest", "extract articles and store them in the graph"),
    "delete": ("graph.commands.ingest_delete", "remove an article and its evidence"),
    "actors": ("graph.commands.lookup", "search actors by name or alias"),
    "supporters": ("graph.commands.supporters", "who backs an actor, as chains of BACKS"),
    "paths": ("graph.commands.paths", "how two actors are connected"),
    "export": ("graph.commands.export", "write the whole graph as JSON, GraphML, GEXF or CSV"),
    "curate": ("graph.commands.curate", "merge actors, add aliases, split or undo"),
    "stats": ("graph.commands.stats", "counts of articles, actors and relations"),
    "serve": ("api.command", "serve GraphQL, GraphiQL and the graph page"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actorgraph",
        description="Turn war reporting into a queryable graph of actors and relations.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:  # a command whose module is missing still shows in --help
            command.set_defaults(_missing=f"'{name}' is unavailable: {exc}")
            continue
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_missing", None):
        print(f"actorgraph: {args._missing}", file=sys.stderr)
        return 2
    try:
        return int(args._run(args))
    except ActorGraphError as exc:
        print(f"actorgraph {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("actorgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
