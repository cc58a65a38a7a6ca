"""One error root for ActorGraph; library errors are translated into these at the boundary."""

from __future__ import annotations

__all__ = [
    "ActorGraphError",
    "BadInputError",
    "ConfigError",
    "NotFoundError",
    "StoreError",
    "StoreReadOnlyError",
    "StoreUnavailableError",
    "TransientStoreError",
]


class ActorGraphError(Exception):
    """Root of every error ActorGraph raises on purpose. ``str(err)`` is the message for users."""


class BadInputError(ActorGraphError):
    """The input cannot be processed: empty, binary, too large, not English, malformed."""


class ConfigError(ActorGraphError):
    """A setting is missing or malformed (a bad store URL, a missing password)."""


class NotFoundError(ActorGraphError):
    """An actor, article or curation record that does not exist."""


class StoreError(ActorGraphError):
    """The store refused or failed an operation."""


class StoreReadOnlyError(StoreError):
    """The store can be read but not written: a read-only file, folder or server."""


class StoreUnavailableError(StoreError):
    """The store cannot be reached."""


class TransientStoreError(StoreError):
    """A failure worth retrying (a deadlock, a leader switch, a busy database)."""
