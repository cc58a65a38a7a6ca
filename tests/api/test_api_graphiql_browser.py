"""GraphiQL in headless Chromium: it renders and runs a query with no network beyond us."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`actorgraph serve` on a free loopback port, on an empty store."""
    folder = tmp_path_factory.mktemp("graphiql")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "graph.cli",
        "serve",
        "--store",
        str(folder / "g.sqlite3"),
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    env = {"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(folder), "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):  # bounded wait for the server to come up
            try:
                httpx.get(f"{url}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_graphiql_runs_a_query_offline(base_url: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; run scripts/install_chromium.sh")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    elsewhere: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((base_url, "data:")) else elsewhere.append(r.url)
                ),
            )
            page.goto(f"{base_url}/graphiql")
            page.wait_for_selector(".graphiql-container")
            page.click(".graphiql-execute-button")
            page.wait_for_function(
                "() => document.querySelector('.result-window')?.innerText.includes('totalCount')"
            )
            result = page.inner_text(".result-window")
        finally:
            browser.close()
    assert '"actors": 0' in result and '"hasNextPage": false' in result
    assert problems == [] and elsewhere == []
