"""Arguments and helpers that several commands share."""

from __future__ import annotations

import argparse

from graph.settings import Settings

__all__ = ["add_store_argument", "settings_from_args"]


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="PATH_OR_URL",
        help="a file path for the embedded store, or a neo4j:// / bolt:// URL "
        "(default: $ACTORGRAPH_STORE, else a file in your user data directory)",
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    return Settings.from_env(store=getattr(args, "store", None))
