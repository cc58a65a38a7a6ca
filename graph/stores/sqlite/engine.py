"""The embedded store's connections: one writer behind a lock, a pool of readers, the graph.

Writes run in ``BEGIN IMMEDIATE`` transactions on the one write connection. Reads borrow a
connection from a small pool and run in a read transaction, so each sees one snapshot (WAL
lets them run while a write is open). Short indexed lookups may instead run on the calling
thread's own connection (``read_here``): the store runs them on the event loop, where a hop
to a worker thread would cost more than the lookup, and they never wait for a pool slot.

The in-memory traversal graph is patched after each of this engine's commits. Every write
also bumps a generation counter in the file and logs what it touched (``graph_log``); an
engine that finds a generation it did not produce (another process wrote) patches its graph
from the log, or reloads it whole when the log does not cover the gap.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import networkx as nx

from graph.errors import StoreError, StoreReadOnlyError, StoreUnavailableError
from graph.stores.sqlite.facts import Touched, bump_generation, logged_changes
from graph.stores.sqlite.graph_cache import apply_changes, load_graph, read_changes
from graph.stores.sqlite.schema import Access, can_write, connect, translate_errors

__all__ = ["SQLiteEngine", "Write"]

T = TypeVar("T")
#: A write: does its work on the connection, returns its result and what it touched (``None``
#: when it wrote nothing, so the transaction is rolled back).
Write = Callable[[sqlite3.Connection], tuple[T, Touched | None]]


class SQLiteEngine:
    """Connections, transactions and the traversal graph of one store file."""

    def __init__(
        self, path: Path, *, readers: int, busy_timeout: float, read_only: bool = False
    ) -> None:
        self.path = path
        #: asked to only read (never create or change the file), or found unable to write it
        self.read_only = read_only
        self._access = Access.READ if read_only else Access.WRITE  # for the readers
        self._busy_timeout = busy_timeout
        self._writer: sqlite3.Connection | None = None
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._opened: list[sqlite3.Connection] = []
        self._slots = threading.BoundedSemaphore(readers)
        self._write_lock = threading.Lock()
        self._graph_lock = threading.Lock()
        self._graph = nx.MultiDiGraph()
        self._generation = -1  # the generation the in-memory graph shows
        self._committing: int | None = None  # the generation this engine is committing
        self._local = threading.local()  # read_here's connection for each thread
        self._epoch = 0  # bumped by close(), so no thread reuses a closed connection

    @property
    def is_open(self) -> bool:
        return self._writer is not None

    def open(self) -> None:
        """Create or open the file and load the traversal graph.

        A file this process may read but not write is opened read-only (``read_only`` then
        says so and writes raise :class:`StoreReadOnlyError`); a store opened read-only never
        creates anything, so a mistyped path is an error, not an empty graph.
        """
        if self._writer is not None:
            return
        writer = self._connect_reader() if self.read_only else self._connect_writer()
        with self._write_lock, translate_errors("open the store"):
            self._writer = writer
            self._sync_graph(writer)

    def _connect_writer(self) -> sqlite3.Connection:
        try:
            writer = connect(self.path, access=Access.CREATE, busy_timeout=self._busy_timeout)
        except StoreUnavailableError as exc:
            if not self.path.is_file() or _busy(exc.__cause__):
                raise  # no store to read, or one another writer holds: not a read-only file
            return self._connect_reader()  # a file we may read, in a folder we may not write
        with translate_errors("open the store"):
            if can_write(writer):
                return writer
        writer.close()
        return self._connect_reader()

    def _connect_reader(self) -> sqlite3.Connection:
        """Open the file read-only; from then on the engine only reads."""
        if not self.path.is_file():
            raise StoreUnavailableError(
                f"there is no graph store at {str(self.path)!r}: nothing was ingested there "
                "(check --store or ACTORGRAPH_STORE)"
            )
        try:
            conn = connect(self.path, access=Access.READ, busy_timeout=self._busy_timeout)
        except StoreUnavailableError:
            # a read-only folder without SQLite's shared-memory file: readable only as an
            # immutable file, which is right when no log holds commits the file lacks
            log = self.path.with_name(self.path.name + "-wal")
            if log.is_file() and log.stat().st_size > 0:
                raise
            self._access = Access.IMMUTABLE
            conn = connect(self.path, access=Access.IMMUTABLE, busy_timeout=self._busy_timeout)
        else:
            self._access = Access.READ
        self.read_only = True
        return conn

    def close(self) -> None:
        with self._write_lock:
            writer, self._writer = self._writer, None
            if writer is not None:
                writer.close()
            for conn in self._opened:
                conn.close()
            self._opened.clear()
            self._idle = queue.LifoQueue()
            self._epoch += 1
            self._graph = nx.MultiDiGraph()
            self._generation = -1

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        if self._writer is None:
            raise StoreError("the store is not open")
        with self._slots:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                conn = connect(self.path, access=self._access, busy_timeout=self._busy_timeout)
                self._opened.append(conn)
            try:
                yield conn
            finally:
                self._idle.put(conn)

    def read(self, action: str, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one read transaction on a pooled connection."""
        with translate_errors(action), self._reader() as conn:
            return _snapshot(conn, fn)

    def read_here(self, action: str, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Like :meth:`read`, on this thread's own connection instead of a pooled one."""
        with translate_errors(action):
            if self._writer is None:
                raise StoreError("the store is not open")
            epoch, conn = getattr(self._local, "conn", (None, None))
            if conn is None or epoch != self._epoch:
                conn = connect(self.path, access=self._access, busy_timeout=self._busy_timeout)
                self._opened.append(conn)
                self._local.conn = (self._epoch, conn)
            return _snapshot(conn, fn)

    def write(self, action: str, fn: Write[T]) -> T:
        """Run ``fn`` in one write transaction, then bring the graph up to date."""
        with self._write_lock, translate_errors(action):
            if self._writer is None:
                raise StoreError("the store is not open")
            if self.read_only:
                raise StoreReadOnlyError(
                    f"{action}: the graph store {str(self.path)!r} is read-only "
                    "(the file or its folder cannot be written)"
                )
            return self._transaction(self._writer, fn)

    def traverse(self, conn: sqlite3.Connection, query: Callable[[nx.MultiDiGraph], T]) -> T:
        """Run a graph query on the traversal graph, reloaded first if another process wrote."""
        self._sync_graph(conn)
        with self._graph_lock:
            return query(self._graph)

    def _transaction(self, conn: sqlite3.Connection, fn: Write[T]) -> T:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result, touched = fn(conn)
            if touched is None:  # nothing to write
                conn.execute("ROLLBACK")
                return result
            before, after = bump_generation(conn, touched)
            changes = read_changes(conn, touched)
            self._committing = after
            conn.execute("COMMIT")
        except BaseException:
            self._committing = None
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        with self._graph_lock:
            stale = before != self._generation  # another process wrote since our last look
            if not stale:
                apply_changes(self._graph, changes)
                self._generation = after
            self._committing = None
        if stale:
            self._sync_graph(conn)
        return result

    def _sync_graph(self, conn: sqlite3.Connection) -> None:
        """Reload the graph if the file moved past what it shows; ``conn`` may be in a read."""
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            generation = int(
                conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]
            )
            if generation <= self._generation or generation == self._committing:
                return
            with self._graph_lock:
                if generation > self._generation:
                    touched = None
                    if self._generation >= 0:  # the graph is loaded: try to catch up
                        touched = logged_changes(conn, self._generation, generation)
                    if touched is None:
                        self._graph = load_graph(conn)
                    else:
                        apply_changes(self._graph, read_changes(conn, touched))
                    self._generation = generation
        finally:
            if own:
                conn.execute("ROLLBACK")


def _busy(error: BaseException | None) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    name = getattr(error, "sqlite_errorname", "")
    return isinstance(name, str) and name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def _snapshot(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    """Run ``fn`` in one read transaction: every query it makes sees the same snapshot."""
    conn.execute("BEGIN")
    try:
        return fn(conn)
    finally:
        conn.execute("ROLLBACK")
