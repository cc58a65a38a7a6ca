"""The ``actorgraph`` command: parse arguments and hand off to the command modules.

Each sub-command lives in a small module (``graph.commands.<name>``) exposing
``add_arguments(parser)`` and ``run(args) -> int``; the API server's command lives in ``api``
so that ``graph`` never imports the web stack unless asked to serve.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from graph.errors import ActorGraphError

__all__ = ["main"]

COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("graph.commands.extract", "extract actors and relations from articles"),
    "eval": ("graph.commands.evaluate", "score the extractor against a gold JSONL file"),
    "ingest": ("graph.commands.ingest", "extract articles and store them in the graph"),
    "backfill": ("graph.commands.backfill", "extract and store on a Dask cluster, like ingest"),
    "delete": ("graph.commands.ingest_delete", "remove an article and its evidence"),
    "actors": ("graph.commands.lookup", "search actors by name or alias"),
    "supporters": ("graph.commands.supporters", "who backs an actor, as chains of BACKS"),
    "paths": ("graph.commands.paths", "how two actors are connected"),
    "control": ("graph.commands.control", "who holds a place as of a date, with the evidence"),
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


class ClosedOutput:
    """Standard output when the process was started with it closed (``>&-``): Python sets
    ``sys.stdout`` to None and ``print`` then drops everything without a word. Writing here
    fails instead, so a command whose output is lost says so and exits non-zero."""

    def write(self, text: str) -> int:
        raise OSError(9, "standard output is closed")

    def flush(self) -> None:
        pass


def _silence_stdout() -> None:
    """Point descriptor 1 at /dev/null, so that the final flush of output that could not be
    written (a full disk, a reader gone) does not fail a second time as the process exits."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    os.dup2(devnull, fd)
    os.close(devnull)


def _run(args: argparse.Namespace) -> int:
    code = int(args._run(args))
    sys.stdout.flush()  # here, so that a write that fails is reported like any other error
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_missing", None):
        print(f"actorgraph: {args._missing}", file=sys.stderr)
        return 2
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    try:
        return _run(args)
    except ActorGraphError as exc:
        print(f"actorgraph {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("actorgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `actorgraph ... | head`: the reader has all it wanted
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is not None:  # a file the command opened, not standard output
            raise
        _silence_stdout()
        print(
            f"actorgraph {args.command}: cannot write the output: {exc.strerror}", file=sys.stderr
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
