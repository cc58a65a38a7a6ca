"""The strawberry schema with its limits: depth, aliases, tokens, and error masking."""

from __future__ import annotations

from functools import partial
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig

from api.errors import should_mask_error
from api.mutation import Mutation
from api.query import Query

__all__ = ["MAX_ALIASES", "MAX_TOKENS", "ApiSchema", "build_schema", "print_sdl"]

#: Aliases let one request repeat an expensive field; 30 is plenty for a dashboard.
MAX_ALIASES = 30
#: A generous ceiling on the size of a query document (not of its variables).
MAX_TOKENS = 5_000


class ApiSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Log nothing here: request errors and ApiErrors are the client's business, and
        ``should_mask_error`` has already logged every internal error with its traceback."""


def build_schema(max_query_depth: int = 12) -> strawberry.Schema:
    """The schema served by the API, refusing queries deeper than ``max_query_depth``."""
    return ApiSchema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(auto_camel_case=True),
        # factories, not instances: each operation gets its own extension objects
        extensions=[
            partial(QueryDepthLimiter, max_depth=max_query_depth),
            partial(MaxAliasesLimiter, max_alias_count=MAX_ALIASES),
            partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
            partial(MaskErrors, should_mask_error=should_mask_error),
        ],
    )


def print_sdl() -> str:
    """The schema in GraphQL SDL, as committed in ``schema.graphql``."""
    return build_schema().as_str() + "\n"
