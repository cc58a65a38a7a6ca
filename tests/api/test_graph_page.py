"""The graph page and everything it loads are served by the app, from this origin only."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from api_harness import serve

from api.app import create_app
from graph.settings import Settings

pytestmark = pytest.mark.anyio

ORIGIN = "http://test"  # the harness client's base URL

#: What each kind of asset must be served as.
CONTENT_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".html": ("text/html",),
}

#: A namespace name identifies a vocabulary; browsers never fetch it.
XML_NAMESPACES = ("http://www.w3.org/2000/svg",)

#: ``/*! ... */`` keeps a licence notice through minification; its links are never fetched.
LICENCE_COMMENT = re.compile(r"/\*!.*?\*/", re.DOTALL)
ABSOLUTE_URL = re.compile(r"https?://[^\s\"'`)<>]+", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _References(HTMLParser):
    """Collects every URL an HTML page refers to (scripts, styles, icons, links, images)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href", "action", "poster", "data"} and value:
                self.urls.append(value)


def references(page: str) -> list[str]:
    parser = _References()
    parser.feed(page)
    return parser.urls


def same_origin_paths(base: str, urls: list[str]) -> Iterator[str]:
    """Paths of the URLs that resolve to this origin (data: URLs and fragments are skipped)."""
    for url in urls:
        if url.startswith(("data:", "#")):
            continue
        absolute = urljoin(base, url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" == ORIGIN:
            yield parts.path


def foreign_urls(text: str) -> list[str]:
    """Absolute http(s) URLs in ``text`` that point outside this origin."""
    text = LICENCE_COMMENT.sub("", text)
    found = [m.group(0) for m in ABSOLUTE_URL.finditer(text)]
    return [u for u in found if not u.startswith((ORIGIN, *XML_NAMESPACES))]


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real app, lifespan and embedded store included, on an empty store."""
    app = create_app(Settings(store=str(tmp_path / "graph.sqlite3")))
    async with serve(app) as running:
        assert str(running.client.base_url).rstrip("/") == ORIGIN
        yield running.client


@pytest.fixture
async def page(client: httpx.AsyncClient) -> str:
    response = await client.get("/graph")
    assert response.status_code == 200
    return response.text


async def assets(client: httpx.AsyncClient, page: str) -> dict[str, httpx.Response]:
    """Every same-origin asset the page loads, by path, with its response; CSS url()s too."""
    found: dict[str, httpx.Response] = {}
    pending = list(same_origin_paths(f"{ORIGIN}/graph", references(page)))
    while pending:
        path = pending.pop()
        if path in found:
            continue
        response = await client.get(path)
        assert response.status_code == 200, path
        found[path] = response
        if path.endswith(".css"):
            pending += same_origin_paths(f"{ORIGIN}{path}", CSS_URL.findall(response.text))
    return found


async def test_the_page_is_html_with_a_same_origin_policy(client: httpx.AsyncClient) -> None:
    response = await client.get("/graph")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text.lower()
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "connect-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe" not in policy


async def test_the_page_loads_cytoscape_and_its_own_script_and_style(page: str) -> None:
    paths = set(same_origin_paths(f"{ORIGIN}/graph", references(page)))
    assert "/graph/static/vendor/cytoscape/cytoscape.min.js" in paths
    assert "/graph/static/graph.js" in paths
    assert "/graph/static/graph.css" in paths


async def test_every_referenced_asset_is_served_with_its_content_type(
    client: httpx.AsyncClient, page: str
) -> None:
    served = await assets(client, page)
    assert served, "the page references no asset"
    for path, response in served.items():
        expected = CONTENT_TYPES.get(Path(path).suffix)
        assert expected is not None, f"unexpected asset type: {path}"
        assert response.headers["content-type"].startswith(expected), path


async def test_the_vendored_licence_is_served_beside_cytoscape(client: httpx.AsyncClient) -> None:
    response = await client.get("/graph/static/vendor/cytoscape/LICENSE")
    assert response.status_code == 200
    assert "Cytoscape Consortium" in response.text


async def test_no_page_or_script_refers_outside_the_origin(
    client: httpx.AsyncClient, page: str
) -> None:
    assert foreign_urls(page) == []
    for path, response in (await assets(client, page)).items():
        assert foreign_urls(response.text) == [], path


def test_foreign_url_detection_sees_what_it_must() -> None:
    # the check above is only as good as this detector
    assert foreign_urls('<script src="https://cdn.example.com/x.js">') == [
        "https://cdn.example.com/x.js"
    ]
    assert foreign_urls("fetch('http://example.org/graphql')") == ["http://example.org/graphql"]
    assert foreign_urls("/*! MIT: http://opensource.org/licenses/MIT */ var a") == []
    assert foreign_urls(f"fetch('{ORIGIN}/graphql')") == []


async def test_the_page_script_never_writes_markup(client: httpx.AsyncClient) -> None:
    # data reaches the DOM through textContent only; these are the ways to inject markup
    script = (await client.get("/graph/static/graph.js")).text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


@pytest.mark.parametrize(
    "path",
    [
        "/graph/static/nothing.js",
        # an encoded "..": the client cannot fold it away, the server must refuse it
        "/graph/static/%2e%2e/graph_page.py",
        "/graph/static/vendor/cytoscape/%2e%2e/%2e%2e/%2e%2e/graph_page.py",
    ],
)
async def test_only_the_page_assets_are_reachable(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.get(path)).status_code == 404
