"""Graph stores: the embedded SQLite store (the default) and the Neo4j store.

>>> from graph.settings import Settings
>>> type(open_store(Settings(store="/tmp/graph.sqlite3"))).__name__
'EmbeddedStore'
"""

from __future__ import annotations

from urllib.parse import urlsplit

from graph.errors import ConfigError
from graph.settings import NEO4J_SCHEMES, Settings
from graph.stores.base import GraphStore

__all__ = ["open_store"]


def _check_neo4j_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise ConfigError(f"malformed Neo4j URL {url!r}: {exc}") from exc
    if not parts.hostname:
        raise ConfigError(f"the Neo4j URL {url!r} names no host (e.g. neo4j://localhost:7687)")


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """The store ``settings.store`` names, not yet opened (``await store.open()``).

    A ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URL gives the Neo4j store; anything else is a
    file path for the embedded store. Another URL scheme (``http://...``) is a ConfigError.
    ``read_only``: the embedded store opens its file only to read, and never creates one.
    """
    location = settings.store.strip()
    if not location:
        raise ConfigError("no store location: give a file path or a neo4j:// URL")
    if location.startswith(NEO4J_SCHEMES):
        _check_neo4j_url(location)
        from graph.stores.neo4j.store import Neo4jStore  # the driver loads only when asked for

        store: GraphStore = Neo4jStore(
            location, settings.neo4j_user, settings.neo4j_password, database=settings.neo4j_database
        )
        return store
    scheme, sep, _ = location.partition("://")
    if sep:
        raise ConfigError(
            f"{scheme}:// is not a store location: give a file path for the embedded store, "
            "or a neo4j://, neo4j+s:// or bolt:// URL for Neo4j"
        )
    from graph.stores.sqlite.store import EmbeddedStore

    return EmbeddedStore(location, read_only=read_only)
