"""`actorgraph serve`: its options, and a real uvicorn server answering on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from graph.cli import build_parser

REPO = Path(__file__).resolve().parents[2]


def test_serve_options() -> None:
    args = build_parser().parse_args(
        ["serve", "--store", "/tmp/g.sqlite3", "--host", "0.0.0.0", "--port", "9001"]
    )
    assert (args.store, args.host, args.port) == ("/tmp/g.sqlite3", "0.0.0.0", 9001)
    defaults = build_parser().parse_args(["serve"])
    assert (defaults.host, defaults.port) == (None, None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_runs_uvicorn(tmp_path: Path) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "graph.cli",
        "serve",
        "--store",
        str(tmp_path / "g.sqlite3"),
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    env = {"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        health = None
        for _ in range(150):  # bounded wait for the server to come up
            if server.poll() is not None:
                break
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None, server.stdout.read() if server.stdout else ""
        assert health.json()["status"] == "ok"
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql", json={"query": "{ stats { actors } }"}, timeout=5
        )
        assert answer.json() == {"data": {"stats": {"actors": 0}}}
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()


def test_serve_with_two_workers_shares_one_store(tmp_path: Path) -> None:
    """Two processes on one port: what is ingested through one is found through the other.

    Each request may reach either worker, so after an ingest every later request is checked:
    each must see the new article and find the path through its relations, which needs the
    worker's traversal graph to have caught up with the file.
    """
    port = _free_port()
    store = tmp_path / "g.sqlite3"
    command = [
        *(sys.executable, "-m", "graph.cli", "serve", "--store", str(store)),
        *("--port", str(port), "--workers", "2", "--log-level", "warning"),
    ]
    env = {"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        _wait_for(server, port)
        paths = (
            '{ paths(from: "state:russia", to: "state:syria", maxLength: 2) { length } '
            "stats { articles } }"
        )
        before = [httpx.post(url, json={"query": paths}, timeout=5).json() for _ in range(6)]
        assert all(b["data"] == {"paths": [], "stats": {"articles": 0}} for b in before), before
        ingest = (
            'mutation { ingestArticle(id: "w-1", text: "Russia backs the Syrian government, '
            'the Kremlin said on Monday.") { __typename } }'
        )
        done = httpx.post(url, json={"query": ingest}, timeout=120).json()
        assert done == {"data": {"ingestArticle": {"__typename": "IngestSuccess"}}}
        after = [httpx.post(url, json={"query": paths}, timeout=5).json() for _ in range(6)]
        assert all(a["data"]["stats"] == {"articles": 1} for a in after), after
        assert all(a["data"]["paths"] == [{"length": 1}] for a in after), after
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()


def _wait_for(server: subprocess.Popen[str], port: int) -> None:
    for _ in range(300):  # bounded wait for the workers to come up
        if server.poll() is not None:
            break
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(server.stdout.read() if server.stdout else "the server did not start")
