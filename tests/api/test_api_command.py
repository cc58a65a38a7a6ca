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
