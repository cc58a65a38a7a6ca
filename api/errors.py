"""Errors the API raises on purpose, and the rule that masks every other one.

Expected failures of a mutation are typed union members (see ``api.mutation``). What is left
are mistakes in a request (a page too large, a malformed cursor, a missing API key): those
raise an ``ApiError`` whose message and ``extensions.code`` reach the client as they are.
Any other exception inside a resolver is a bug or an outage: it is logged with its traceback
and the client sees only "Unexpected error." with code ``INTERNAL_SERVER_ERROR``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from graphql import GraphQLError

from graph.errors import (
    BadInputError,
    NotFoundError,
    StoreReadOnlyError,
    StoreUnavailableError,
    TransientStoreError,
)

__all__ = [
    "ApiError",
    "BadUserInput",
    "NotFound",
    "StoreReadOnly",
    "StoreUnavailable",
    "Unauthenticated",
    "should_mask_error",
    "translate_store_errors",
]

log = logging.getLogger("actorgraph.api")


class ApiError(Exception):
    """An error whose message is meant for the client."""

    code = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        # graphql-core copies ``extensions`` from the original error into the response
        self.extensions: dict[str, object] = {"code": self.code}


class BadUserInput(ApiError):
    """An argument is out of range or malformed (page size, cursor, depth)."""

    code = "BAD_USER_INPUT"


class Unauthenticated(ApiError):
    """A mutation without the right ``Authorization: Bearer`` key."""

    code = "UNAUTHENTICATED"


class NotFound(ApiError):
    """An id the store does not know, where an answer needs it to exist."""

    code = "NOT_FOUND"


class StoreUnavailable(ApiError):
    """The store cannot be reached; the message is ours, the cause goes to the log."""

    code = "STORE_UNAVAILABLE"


class StoreReadOnly(ApiError):
    """The store can be read but not written."""

    code = "STORE_READ_ONLY"


@contextmanager
def translate_store_errors() -> Iterator[None]:
    """Turn the store's expected errors into client-facing ones; anything else propagates."""
    try:
        yield
    except NotFoundError as exc:
        raise NotFound(str(exc)) from exc
    except BadInputError as exc:
        raise BadUserInput(str(exc)) from exc
    except StoreReadOnlyError as exc:
        raise StoreReadOnly("The graph store is read-only: nothing can be changed.") from exc
    except StoreUnavailableError as exc:
        log.error("store unavailable: %s", exc)
        raise StoreUnavailable("The graph store is unreachable; try again later.") from exc
    except TransientStoreError as exc:
        log.warning("store busy: %s", exc)
        raise StoreUnavailable("The graph store is busy; try again.") from exc


def should_mask_error(error: GraphQLError) -> bool:
    """True for errors that would leak internals; logs each one it masks.

    Errors without a path are about the request itself (syntax, validation, variable
    coercion, limits) and are always shown; field errors are shown only when raised on purpose.
    """
    original = error.original_error
    if error.path is None or original is None or isinstance(original, ApiError):
        return False
    log.error("internal error at %s", ".".join(map(str, error.path)), exc_info=original)
    return True
