"""The strawberry schema with its limits (depth, aliases, tokens, cost) and error masking.

Parsing and validation are cached by query text: clients send the same few documents with
new variables, and validating a document costs more than running a typical lookup. The
validation rules are built once here, so every request hands the cache the same rules.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.config import StrawberryConfig

from api.cost import QueryCostLimiter
from api.errors import should_mask_error
from api.mutation import Mutation
from api.query import Query
from graph.settings import Settings

__all__ = [
    "CACHED_DOCUMENTS",
    "MAX_ALIASES",
    "MAX_TOKENS",
    "ApiSchema",
    "build_schema",
    "print_sdl",
]

#: Aliases let one request repeat an expensive field; 30 is plenty for a dashboard.
MAX_ALIASES = 30
#: A generous ceiling on the size of a query document (not of its variables).
MAX_TOKENS = 5_000
#: Distinct query texts whose parse and validation are kept (an LRU, so bounded).
CACHED_DOCUMENTS = 256


class ApiSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Log nothing here: request errors and ApiErrors are the client's business, and
        ``should_mask_error`` has already logged every internal error with its traceback."""


#: The limits a schema built without arguments gets: the settings' own defaults.
_DEFAULTS = Settings(store="")


def build_schema(
    max_query_depth: int = _DEFAULTS.max_query_depth,
    max_cost: int = _DEFAULTS.max_query_cost,
    max_page: int = _DEFAULTS.max_page_size,
) -> strawberry.Schema:
    """The served schema, refusing queries deeper than ``max_query_depth`` or costlier
    than ``max_cost`` (see :mod:`api.cost`)."""
    rules: list[type[ASTValidationRule]] = [
        depth_rule(max_query_depth, None),
        aliases_rule(MAX_ALIASES),
    ]
    return ApiSchema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(auto_camel_case=True),
        # factories, not instances: each operation gets its own extension objects. Order
        # matters: the token cap applies to parsing, the rules join before validation,
        # and the cost check reads the validation result.
        extensions=[
            partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
            partial(ParserCache, maxsize=CACHED_DOCUMENTS),
            partial(AddValidationRules, rules),
            partial(ValidationCache, maxsize=CACHED_DOCUMENTS),
            partial(QueryCostLimiter, max_cost=max_cost, max_page=max_page),
            partial(MaskErrors, should_mask_error=should_mask_error),
        ],
    )


def print_sdl() -> str:
    """The schema in GraphQL SDL, as committed in ``schema.graphql``."""
    return build_schema().as_str() + "\n"
