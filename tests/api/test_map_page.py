"""The map page and everything it loads come from the app itself, the outline data included."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import httpx
import pytest
from test_graph_page import ORIGIN, client, foreign_urls, references, same_origin_paths

pytestmark = pytest.mark.anyio

__all__ = ["client"]  # the fixture, shared with the graph page's tests


class _BodyData(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.data = {k: v for k, v in attrs if k.startswith("data-")}


async def _page(client: httpx.AsyncClient) -> httpx.Response:
    response = await client.get("/map")
    assert response.status_code == 200
    return response


async def test_the_page_is_html_under_the_same_origin_policy(client: httpx.AsyncClient) -> None:
    response = await _page(client)
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe" not in policy


async def test_its_script_style_and_outline_are_served_here(client: httpx.AsyncClient) -> None:
    page = (await _page(client)).text
    paths = set(same_origin_paths(f"{ORIGIN}/map", references(page)))
    assert {"/map/static/map.js", "/map/static/map.css"} <= paths
    for path in paths:
        response = await client.get(path)
        assert response.status_code == 200, path
        assert foreign_urls(response.text) == [], path
    assert foreign_urls(page) == []
    body = _BodyData()
    body.feed(page)
    outline = await client.get(str(body.data["data-outline"]))
    assert outline.status_code == 200
    topology = json.loads(outline.text)
    assert topology["type"] == "Topology" and topology["objects"]["countries"]["geometries"]


async def test_the_outline_keeps_its_licence(client: httpx.AsyncClient) -> None:
    licence = await client.get("/map/static/vendor/world-atlas/LICENSE")
    assert licence.status_code == 200 and "Permission to use, copy, modify" in licence.text
    readme = await client.get("/map/static/vendor/world-atlas/README.md")
    assert "Natural Earth" in readme.text


async def test_the_page_script_never_writes_markup(client: httpx.AsyncClient) -> None:
    script = (await client.get("/map/static/map.js")).text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


async def test_the_index_links_to_the_map(client: httpx.AsyncClient) -> None:
    assert "map" in references((await client.get("/")).text)


@pytest.mark.parametrize(
    "path", ["/map/static/nothing.js", "/map/static/%2e%2e/map_page.py",
             "/map/static/vendor/world-atlas/%2e%2e/%2e%2e/%2e%2e/map_page.py"]
)  # fmt: skip
async def test_only_the_page_assets_are_reachable(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.get(path)).status_code == 404
