"""The embedded store's SQLite file: its tables, its connections and its error translation.

The file holds the facts (articles, per-article actor mentions, evidence) and the curation
state (redirects, splits, curated aliases, actor records); relations and actor totals are
derived from them and kept up to date in the same transaction as every write.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from graph.errors import StoreError, StoreUnavailableError, TransientStoreError

__all__ = ["BUSY_TIMEOUT", "SCHEMA_VERSION", "connect", "fold", "translate_errors"]

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


def connect(path: Path, *, create: bool, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open one connection in WAL mode; ``create`` also lays out the tables.

    A connection waits up to ``busy_timeout`` seconds for another writer before giving up.
    """
    if create:
        _prepare_directory(path)
    try:
        conn = sqlite3.connect(
            str(path),
            isolation_level=None,
            check_same_thread=False,
            timeout=busy_timeout,
        )
    except sqlite3.Error as exc:
        raise StoreUnavailableError(f"cannot open the graph store {str(path)!r}: {exc}") from exc
    try:
        _configure(conn, create=create, busy_timeout=busy_timeout)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreUnavailableError(f"cannot use the graph store {str(path)!r}: {exc}") from exc
    return conn


def _configure(conn: sqlite3.Connection, *, create: bool, busy_timeout: float) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    # WAL lets readers run beside the writer; NORMAL sync is still safe against a killed
    # process (only a power cut can lose the last commits), and it keeps bulk loads fast.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # relation ids are hashes, so each write touches pages all over the indexes: a bigger cache
    # and a longer log between checkpoints let many writes share each page write
    conn.execute("PRAGMA cache_size = -131072")
    conn.execute("PRAGMA wal_autocheckpoint = 16384")
    if not create:
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
    elif row[0] != SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"schema version {row[0]}, expected {SCHEMA_VERSION}")
