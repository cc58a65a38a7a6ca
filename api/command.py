"""``actorgraph serve``: run the API (GraphQL, GraphiQL, the graph page) with uvicorn."""

from __future__ import annotations

import argparse
import dataclasses
import os

from graph.commands.common import add_store_argument, settings_from_args

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``actorgraph serve``."""
    add_store_argument(parser)
    parser.add_argument("--host", default=None, help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (default: 1). More than one uses more cores; "
        "each keeps its own copy of the traversal graph, and a write made through one is "
        "seen by the others at their next request",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
        help="uvicorn's log level (default: info)",
    )


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns uvicorn's outcome as an exit code."""
    import uvicorn  # imported here so other commands never load the web stack

    from api.app import create_app

    settings = settings_from_args(args)
    settings = dataclasses.replace(
        settings,
        host=args.host or settings.host,
        port=args.port if args.port is not None else settings.port,
    )
    if settings.api_key is None and settings.host not in {"127.0.0.1", "localhost", "::1"}:
        print(
            f"actorgraph serve: warning: listening on {settings.host} without ACTORGRAPH_API_KEY;"
            " anyone who can reach this port can change the graph."
        )
    if args.workers < 1:
        print(f"actorgraph serve: --workers must be at least 1 (got {args.workers})")
        return 2
    print(f"actorgraph: GraphiQL at http://{settings.host}:{settings.port}/graphiql")
    if args.workers == 1:
        app = create_app(settings, freeze=True)
        uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)
        return 0
    # worker processes build their own app from the environment: hand them the store chosen
    os.environ["ACTORGRAPH_STORE"] = settings.store
    uvicorn.run(
        "api.app:app_from_env",
        factory=True,
        workers=args.workers,
        host=settings.host,
        port=settings.port,
        log_level=args.log_level,
    )
    return 0
