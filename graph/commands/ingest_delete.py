"""``actorgraph delete ARTICLE_ID``: remove an article and retract the evidence it gave."""

from __future__ import annotations

import argparse

from graph.commands.common import add_store_argument
from graph.commands.runner import run_with_store
from graph.errors import NotFoundError
from graph.stores.base import GraphStore

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id", metavar="ARTICLE_ID", help="the id given at ingest")
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Delete the article; relations left without evidence go with it."""

    async def action(store: GraphStore) -> int:
        if not await store.delete_article(args.article_id):
            raise NotFoundError(f"no article with id {args.article_id!r}")
        print(f"deleted article {args.article_id}")
        return 0

    return run_with_store(args, action)
