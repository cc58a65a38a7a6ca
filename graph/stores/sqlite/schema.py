"""The embedded store's SQLite file: its tables, its connections and its error translation.

The file holds the facts (articles, per-article actor mentions, evidence) and the curation
state (redirects, splits, curated aliases, actor records); relations and actor totals are
derived from them and kept up to date in the same transaction as every write.
"""

from __future__ import annotations

import enum
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from graph.errors import StoreError, StoreReadOnlyError, StoreUnavailableError, TransientStoreError

__all__ = [
    "BUSY_TIMEOUT",
    "SCHEMA_VERSION",
    "WAL_KEEP_BYTES",
    "WAL_PAGES",
    "Access",
    "can_write",
    "connect",
    "fold",
    "translate_errors",
]

SCHEMA_VERSION = "1"
BUSY_TIMEOUT = 5.0  # seconds

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- what each recent write touched (JSON; NULL for a write too big to log), so that another
-- process sharing the file patches its traversal graph instead of reloading all of it
CREATE TABLE IF NOT EXISTS graph_log (generation INTEGER PRIMARY KEY, touched TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT, url TEXT, published TEXT,
    content_hash TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, kind TEXT NOT NULL,
    geonames_id INTEGER, latitude REAL, longitude REAL, country_code TEXT,
    mentions INTEGER NOT NULL DEFAULT 0
);
-- the order of an unfiltered page of actors (most mentioned first), whole or of one kind
CREATE INDEX IF NOT EXISTS actors_rank ON actors(mentions DESC, id);
CREATE INDEX IF NOT EXISTS actors_kind_rank ON actors(kind, mentions DESC, id);
-- one row per (article, extracted actor): the source of mention totals and extracted aliases
CREATE TABLE IF NOT EXISTS actor_mentions (
    article_id TEXT NOT NULL, origin_id TEXT NOT NULL, actor_id TEXT NOT NULL,
    name TEXT NOT NULL, aliases TEXT NOT NULL, mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, origin_id)
);
CREATE INDEX IF NOT EXISTS actor_mentions_actor ON actor_mentions(actor_id);
-- how many mention rows give an actor each name: kept in step with actor_mentions
CREATE TABLE IF NOT EXISTS actor_names (
    actor_id TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (actor_id, name)
);
CREATE TABLE IF NOT EXISTS curated_aliases (
    actor_id TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (actor_id, name)
);
CREATE TABLE IF NOT EXISTS actor_redirects (from_id TEXT PRIMARY KEY, to_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS actor_redirects_to ON actor_redirects(to_id);
CREATE TABLE IF NOT EXISTS actor_splits (
    from_id TEXT NOT NULL, key TEXT NOT NULL, to_id TEXT NOT NULL, PRIMARY KEY (from_id, key)
);
CREATE INDEX IF NOT EXISTS actor_splits_to ON actor_splits(to_id);
CREATE TABLE IF NOT EXISTS relations (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
    modality TEXT NOT NULL, confidence REAL NOT NULL, first_reported TEXT, last_reported TEXT,
    article_count INTEGER NOT NULL, evidence_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS relations_source ON relations(source);
CREATE INDEX IF NOT EXISTS relations_target ON relations(target);
CREATE INDEX IF NOT EXISTS relations_kind ON relations(kind);
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY, relation_id TEXT NOT NULL, article_id TEXT NOT NULL,
    origin_source TEXT NOT NULL, origin_target TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, kind TEXT NOT NULL, modality TEXT NOT NULL,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    trigger TEXT NOT NULL, source_text TEXT NOT NULL, target_text TEXT NOT NULL,
    extractor_version TEXT NOT NULL, confidence REAL NOT NULL, published TEXT,
    event_start TEXT, event_end TEXT, event_precision TEXT, event_text TEXT
);
CREATE INDEX IF NOT EXISTS evidence_relation ON evidence(relation_id);
CREATE INDEX IF NOT EXISTS evidence_article ON evidence(article_id);
CREATE TABLE IF NOT EXISTS curations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, action TEXT NOT NULL,
    actor_id TEXT NOT NULL, other_id TEXT, detail TEXT NOT NULL, actors TEXT NOT NULL,
    before TEXT NOT NULL, created_at TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0
);
"""


@lru_cache(maxsize=1 << 16)  # names repeat across articles; folding is most of their cost
def fold(text: str) -> str:
    """The search form of a name: accents, case and runs of spaces folded.

    >>> fold("  Forces  Armées de la RDC ")
    'forces armees de la rdc'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@contextmanager
def translate_errors(action: str) -> Iterator[None]:
    """Turn sqlite3 errors into store errors; a busy database is worth retrying."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
            raise StoreReadOnlyError(f"{action}: the graph store is read-only ({message})") from exc
        if "locked" in message or "busy" in message:
            raise TransientStoreError(f"{action}: the database is busy ({message})") from exc
        raise StoreError(f"{action}: {message}") from exc
    except sqlite3.Error as exc:
        raise StoreError(f"{action}: {exc}") from exc


#: Evidence columns added after version 1 files were first written; added to such files on open.
_EVENT_COLUMNS = ("event_start", "event_end", "event_precision", "event_text")


def _add_event_dates(conn: sqlite3.Connection) -> None:
    present = {row[1] for row in conn.execute("PRAGMA table_info(evidence)")}
    for column in _EVENT_COLUMNS:
        if column not in present:
            conn.execute(f"ALTER TABLE evidence ADD COLUMN {column} TEXT")


def _prepare_directory(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailableError(
            f"cannot create the folder {str(path.parent)!r} for the graph store: "
            f"{exc.strerror or exc}"
        ) from exc


class Access(enum.Enum):
    """How a connection may use the file."""

    CREATE = "create"  # read and write, creating the folder, the file and the tables
    WRITE = "write"  # read and write a file that exists
    READ = "read"  # read only (SQLite's mode=ro): never creates or changes anything
    #: read a file nothing can change while we read it (a read-only folder holding no log):
    #: SQLite then needs no shared-memory file beside it, which such a folder cannot take
    IMMUTABLE = "immutable"


def _target(path: Path, access: Access) -> tuple[str, bool]:
    """What sqlite3.connect is given, and whether it is a URI."""
    if access is Access.READ:
        return f"{path.absolute().as_uri()}?mode=ro", True
    if access is Access.IMMUTABLE:
        return f"{path.absolute().as_uri()}?mode=ro&immutable=1", True
    return str(path), False


def connect(
    path: Path, *, access: Access = Access.WRITE, busy_timeout: float = BUSY_TIMEOUT
) -> sqlite3.Connection:
    """Open one connection in WAL mode; ``Access.CREATE`` also lays out the tables.

    A connection waits up to ``busy_timeout`` seconds for another writer before giving up.
    """
    if access is Access.CREATE:
        _prepare_directory(path)
    target, uri = _target(path, access)
    try:
        conn = sqlite3.connect(
            target, uri=uri, isolation_level=None, check_same_thread=False, timeout=busy_timeout
        )
    except sqlite3.Error as exc:
        raise StoreUnavailableError(f"cannot open the graph store {str(path)!r}: {exc}") from exc
    try:
        _configure(conn, access=access, busy_timeout=busy_timeout)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreUnavailableError(f"cannot use the graph store {str(path)!r}: {exc}") from exc
    return conn


def can_write(conn: sqlite3.Connection) -> bool:
    """Whether writes through ``conn`` would succeed: SQLite opens a file it may not write
    read-only without a word, and says so only at the first write. This one is undone."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
            return False
        raise
    finally:
        conn.execute("ROLLBACK")
    return True


#: Pages the log may hold before a write checkpoints it into the file (4 KiB pages: 16 MiB).
WAL_PAGES = 4096
#: What a checkpointed log is cut back to, so that one large write does not leave a log that
#: size on disk for good.
WAL_KEEP_BYTES = 4 * 1024 * 1024


def _configure(conn: sqlite3.Connection, *, access: Access, busy_timeout: float) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute("PRAGMA cache_size = -131072")
    if access in (Access.READ, Access.IMMUTABLE):
        conn.execute("PRAGMA query_only = 1")
        _check_version(conn)  # reads the file now, so an unreadable one fails here
        return
    # WAL lets readers run beside the writer; NORMAL sync is still safe against a killed
    # process (only a power cut can lose the last commits), and it keeps bulk loads fast.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # relation ids are hashes, so each write touches pages all over the indexes: a big cache
    # and a log of some length between checkpoints let many writes share each page write
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
    conn.execute(f"PRAGMA journal_size_limit = {WAL_KEEP_BYTES}")
    if access is not Access.CREATE:
        return
    conn.executescript(_DDL)
    _add_event_dates(conn)
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) "
            "VALUES ('schema_version', ?), ('generation', '0')",
            (SCHEMA_VERSION,),
        )
    else:
        _check_version(conn)


def _check_version(conn: sqlite3.Connection) -> None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise sqlite3.DatabaseError("it is not an ActorGraph store") from exc
        raise
    if row is None or row[0] != SCHEMA_VERSION:
        found = "no schema version" if row is None else f"schema version {row[0]}"
        raise sqlite3.DatabaseError(f"{found}, expected {SCHEMA_VERSION}")
