"""The non-GraphQL surface: index, offline GraphiQL, static assets, /health, GET queries."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from api_harness import Api, serve

from api.app import create_app
from api.pages import STATIC_DIR
from graph.settings import Settings

pytestmark = pytest.mark.anyio

REPO = Path(__file__).resolve().parents[2]
VENDORED = {"graphiql": "3.8.3", "react": "18.3.1", "react-dom": "18.3.1"}


async def test_graphiql_page_loads_only_local_assets(api: Api) -> None:
    response = await api.client.get("/graphiql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert not re.search(r"https?://|=\"//", page), "the page must not load anything remote"
    assets = re.findall(r'(?:src|href)="(?!data:)([^"]+)"', page)
    assert len(assets) == 6
    for asset in assets:
        fetched = await api.client.get(f"/{asset}")
        assert fetched.status_code == 200, asset
        assert len(fetched.content) > 30, asset
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp


async def test_served_scripts_are_the_pinned_versions(api: Api) -> None:
    for package, version in VENDORED.items():
        stamp = (STATIC_DIR / "vendor" / package / "VERSION").read_text("utf-8").split()
        assert stamp == [package, version]
        assert (STATIC_DIR / "vendor" / package / "LICENSE").is_file()
    react = (await api.client.get("/static/vendor/react/react.production.min.js")).text
    assert "18.3.1" in react
    graphiql_js = await api.client.get("/static/vendor/graphiql/graphiql.min.js")
    assert graphiql_js.headers["content-type"].startswith(
        ("text/javascript", "application/javascript")
    )
    assert "window.GraphiQL" in graphiql_js.text


def test_vendored_copies_match_node_modules() -> None:
    if not (REPO / "node_modules" / "graphiql").is_dir():
        pytest.skip("node_modules is not installed (run npm ci)")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "vendor_assets.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


async def test_no_cdn_graphiql_anywhere(api: Api) -> None:
    for path in ("/", "/graphiql"):
        text = (await api.client.get(path)).text.lower()
        for host in ("unpkg", "jsdelivr", "cdnjs", "esm.sh"):
            assert host not in text, (path, host)
    response = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 307 and response.headers["location"] == "graphiql"


async def test_index_links_to_graphiql(api: Api) -> None:
    response = await api.client.get("/")
    assert response.status_code == 200
    assert 'href="graphiql"' in response.text and 'href="health"' in response.text


async def test_health_ok(api: Api) -> None:
    response = await api.client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["store"], body["backend"]) == ("ok", "reachable", "embedded")
    assert body["extractor"] == "not loaded"


async def test_health_degraded_when_the_store_is_gone(api: Api) -> None:
    await api.store.close()
    response = await api.client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["store"] == "unreachable"
    await api.store.open()  # so the lifespan can close it again


async def test_queries_run_over_get(seeded: Api) -> None:
    response = await seeded.client.get("/graphql", params={"query": "{ stats { actors } }"})
    assert (response.status_code, response.json()) == (200, {"data": {"stats": {"actors": 7}}})
    variables = '{"id": "state:syria"}'
    response = await seeded.client.get(
        "/graphql",
        params={"query": "query($id: ID!) { actor(id: $id) { name } }", "variables": variables},
    )
    assert response.json() == {"data": {"actor": {"name": "Syria"}}}


async def test_unknown_path_is_404(api: Api) -> None:
    assert (await api.client.get("/static/vendor/nothing.js")).status_code == 404
    assert (await api.client.get("/admin")).status_code == 404


async def test_starts_degraded_when_neo4j_is_down(tmp_path: Path) -> None:
    """Nothing listens on port 1: the API still starts, says so, and keeps trying."""
    settings = Settings(store="neo4j://127.0.0.1:1", neo4j_password="unused")
    async with serve(create_app(settings)) as down:
        health = await down.client.get("/health")
        assert health.status_code == 503
        assert (health.json()["status"], health.json()["store"]) == ("degraded", "unreachable")
        assert health.json()["backend"] == "neo4j"
        status, body = await down.post("{ stats { actors } }")
        assert status == 503
        assert body["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert (await down.client.get("/graphiql")).status_code == 200
