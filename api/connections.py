"""Relay-style connections (edges, pageInfo, totalCount) over offset-paged store calls.

A page is fetched with one extra item to learn whether another page follows; ``totalCount``
is a resolver, so the store counts only when a client asks for it.
"""

# strawberry.field(description=...) is typed as returning Any, which mypy reports per use
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import strawberry

from api.cursors import encode_cursor
from api.types import ActorNode, ArticleNode, RelationNode

__all__ = [
    "ActorConnection",
    "ActorEdge",
    "ArticleConnection",
    "ArticleEdge",
    "Counter",
    "PageInfo",
    "RelationConnection",
    "RelationEdge",
    "page_info",
]

Counter = Callable[[], Awaitable[int]]
T = TypeVar("T")


@strawberry.type(description="Where a page sits in its list; pass endCursor as `after`.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def page_info(fetched: Sequence[T], offset: int, first: int) -> tuple[list[T], PageInfo]:
    """Trim a ``first + 1`` fetch to ``first`` items and describe the page."""
    items = list(fetched[:first])
    info = PageInfo(
        has_next_page=len(fetched) > first,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset) if items else None,
        end_cursor=encode_cursor(offset + len(items) - 1) if items else None,
    )
    return items, info


@strawberry.type
class ActorEdge:
    cursor: str
    node: ActorNode


@strawberry.type
class ActorConnection:
    edges: list[ActorEdge]
    page_info: PageInfo
    count: strawberry.Private[Counter]

    @strawberry.field(description="How many actors match, over all pages.")
    async def total_count(self) -> int:
        return await self.count()


@strawberry.type
class RelationEdge:
    cursor: str
    node: RelationNode


@strawberry.type
class RelationConnection:
    edges: list[RelationEdge]
    page_info: PageInfo
    count: strawberry.Private[Counter]

    @strawberry.field(description="How many relations match, over all pages.")
    async def total_count(self) -> int:
        return await self.count()


@strawberry.type
class ArticleEdge:
    cursor: str
    node: ArticleNode


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: PageInfo
    count: strawberry.Private[Counter]

    @strawberry.field(description="How many articles are stored.")
    async def total_count(self) -> int:
        return await self.count()
