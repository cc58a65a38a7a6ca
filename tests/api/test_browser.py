"""The graph page in headless Chromium, against a real server on a real store.

A uvicorn server runs the app on a fresh embedded store; the seed articles go in through the
``ingestArticle`` mutation, that is, through the real extractor. The page is then driven like
a user would: real clicks, real typing, and checked against what the API itself returns.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from graph.ingest.readers import ReadFailure, read_articles
from graph.model import Article
from graph.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT = {"width": 1366, "height": 768}  # a common laptop screen

INGEST = """
mutation Ingest($text: String!, $id: ID, $title: String, $url: String, $published: Date) {
  ingestArticle(text: $text, id: $id, title: $title, url: $url, published: $published) {
    __typename
    ... on UserError { message }
  }
}"""

RELATION_FIELDS = """
  id kind modality confidence source { id } target { id }
  evidence { sentence article { id title url } }
"""
GRAPH = f"""
query Graph($kinds: [RelationKind!], $minConfidence: Float, $since: Date) {{
  graph(kinds: $kinds, minConfidence: $minConfidence, since: $since) {{
    nodes {{ id name }} edges {{ {RELATION_FIELDS} }}
  }}
}}"""
NEIGHBOURHOOD = """
query Neighbourhood($id: ID!) {
  neighbourhood(id: $id) {
    nodes { id name aliases location { countryCode } }
    edges { id source { id } target { id } }
  }
}"""
STATS = "query { stats { relations } }"


# ---- the server ----


def seed_articles() -> list[Article]:
    """The shared seed articles when they are there, else the project's own samples."""
    for folder in (SEEDS, SAMPLES):
        paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if paths:
            read = list(read_articles(str(p) for p in paths))
            failures = [r for r in read if isinstance(r, ReadFailure)]
            assert not failures, failures
            return [a for a in read if isinstance(a, Article)]
    pytest.skip(f"no seed articles: neither {SEEDS} nor {SAMPLES} holds *.txt files")


class Server:
    """The app under uvicorn in a background thread, on a port the OS picked."""

    def __init__(self, settings: Settings) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        host, port = self.socket.getsockname()
        self.url = f"http://{host}:{port}"
        config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> Server:
        self.thread.start()
        started = threading.Event()
        # uvicorn has no start hook; poll its flag, giving up if the thread died
        while not started.wait(0.05):
            if self.server.started:
                started.set()
            elif not self.thread.is_alive():
                raise RuntimeError("the server thread stopped before it started serving")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.socket.close()

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run one operation; its data (any GraphQL error fails the test)."""
        response = httpx.post(
            f"{self.url}/graphql", json={"query": query, "variables": variables or {}}, timeout=120
        )
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A live server on a fresh store holding the seed articles."""
    articles = seed_articles()
    store = tmp_path_factory.mktemp("browser") / "graph.sqlite3"
    with Server(Settings(store=str(store))) as running:
        for article in articles:
            result = running.graphql(
                INGEST,
                {
                    "text": article.text,
                    "id": article.id,
                    "title": article.title,
                    "url": article.url,
                    "published": article.published and article.published.isoformat(),
                },
            )
            assert result["ingestArticle"]["__typename"] == "IngestSuccess", result
        yield running


# ---- the browser ----


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; run scripts/install_chromium.sh")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    sync_playwright = sync_api.sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class GraphPage:
    """One tab on /graph, recording what the page asks for and what goes wrong in it."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.graphql_bodies: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.page.on("request", self._on_request)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _on_console(self, message: Any) -> None:
        if message.type == "error":  # CSP violations are reported here too
            self.errors.append(message.text)

    def _on_request(self, request: Any) -> None:
        self.requests.append(request.url)
        if request.url == f"{self.server.url}/graphql" and request.method == "POST":
            self.graphql_bodies.append(request.post_data_json)

    def open(self) -> GraphPage:
        self.page.goto(f"{self.server.url}/graph")
        return self.wait_for_load(1)

    def loads(self) -> int:
        return int(self.page.get_attribute("body", "data-loads") or 0)

    def wait_for_load(self, count: int) -> GraphPage:
        """Wait until the page has finished its ``count``-th load of graph data."""
        # attribute selectors, not wait_for_function: the page's CSP forbids eval
        self.page.wait_for_selector(
            f'body[data-state="ready"][data-loads="{count}"]', state="attached"
        )
        return self

    def drawn(self) -> tuple[set[str], set[str]]:
        nodes, edges = self.page.evaluate(
            "() => { const cy = window.actorGraph.cy;"
            " return [cy.nodes().map(n => n.id()), cy.edges().map(e => e.id())]; }"
        )
        return set(nodes), set(edges)

    def cy_point(self, x: float, y: float) -> tuple[float, float]:
        """Page coordinates of a point rendered at (x, y) inside the drawing."""
        box = self.page.locator("#cy").bounding_box()
        return box["x"] + x, box["y"] + y

    def clickable(self, selector: str) -> list[dict[str, Any]]:
        """Drawn elements (cytoscape selector) with a point where a click reaches only them.

        An edge's point is its midpoint, a node's its centre; a point is kept when the
        drawing itself is on top there (not the legend) and no other node covers it.
        """
        return list(
            self.page.evaluate(
                """(selector) => {
                const cy = window.actorGraph.cy;
                const box = document.getElementById("cy").getBoundingClientRect();
                const out = [];
                cy.$(selector).forEach((ele) => {
                  const p = ele.isNode() ? ele.renderedPosition() : ele.renderedMidpoint();
                  const hit = document.elementFromPoint(box.left + p.x, box.top + p.y);
                  if (!hit || !document.getElementById("cy").contains(hit)) return;
                  const covered = cy.nodes().some((n) => {
                    if (n.same(ele)) return false;
                    const b = n.renderedBoundingBox({ includeLabels: true });
                    return p.x >= b.x1 - 4 && p.x <= b.x2 + 4 && p.y >= b.y1 - 4 && p.y <= b.y2 + 4;
                  });
                  if (!covered) out.push({ id: ele.id(), x: p.x, y: p.y });
                });
                return out;
            }""",
                selector,
            )
        )

    def click_in_drawing(self, element: dict[str, Any]) -> None:
        x, y = self.cy_point(element["x"], element["y"])
        self.page.mouse.click(x, y)

    def details(self) -> tuple[str | None, str | None]:
        """What the side panel shows, once the page has painted the last input."""
        self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
        panel = self.page.locator("#details")
        return panel.get_attribute("data-kind"), panel.get_attribute("data-id")

    def close(self) -> None:
        self.context.close()

    def assert_clean(self) -> None:
        """No script error, no CSP violation, no request outside the server."""
        assert self.errors == []
        foreign = [u for u in self.requests if not u.startswith(f"{self.server.url}/")]
        assert foreign == []


@pytest.fixture
def graph_page(browser: Any, server: Server) -> Iterator[GraphPage]:
    opened = GraphPage(browser, server)
    try:
        yield opened.open()
        opened.assert_clean()
    finally:
        opened.close()


def whole_graph(server: Server, **filters: Any) -> dict[str, Any]:
    """The ``graph`` query under ``filters`` (kinds, minConfidence, since)."""
    graph: dict[str, Any] = server.graphql(GRAPH, filters)["graph"]
    return graph


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---- the tests ----


def test_the_page_draws_exactly_the_stored_graph(graph_page: GraphPage, server: Server) -> None:
    expected = whole_graph(server)
    nodes, edges = graph_page.drawn()
    assert edges, "the seed articles gave no relation to draw"
    assert edges == ids(expected["edges"])
    assert nodes == ids(expected["nodes"])
    # under the default filters and below the page limit, that is every stored relation
    assert len(edges) == server.graphql(STATS)["stats"]["relations"]
    ends = {e["source"]["id"] for e in expected["edges"]} | {
        e["target"]["id"] for e in expected["edges"]
    }
    assert nodes == ends


def test_clicking_an_edge_shows_its_evidence(graph_page: GraphPage, server: Server) -> None:
    relations = {r["id"]: r for r in whole_graph(server)["edges"]}
    shown, tried = None, set()
    # a click can land on a crossing edge; then try another (positions are read afresh)
    while shown is None:
        candidates = [c for c in graph_page.clickable("edge") if c["id"] not in tried]
        assert candidates, "no drawn relation could be clicked"
        tried.add(candidates[0]["id"])
        graph_page.click_in_drawing(candidates[0])
        if graph_page.details() == ("relation", candidates[0]["id"]):
            shown = relations[candidates[0]["id"]]

    sentences = graph_page.page.locator("#details .evidence .sentence").all_text_contents()
    assert [normalised(s) for s in sentences] == [
        normalised(ev["sentence"]) for ev in shown["evidence"]
    ]
    citations = graph_page.page.locator("#details .evidence .cite")
    for i, ev in enumerate(shown["evidence"]):
        article = ev["article"]
        cite = citations.nth(i)
        if article["url"]:
            assert cite.locator("a").get_attribute("href") == article["url"]
        else:
            assert article["id"] in cite.text_content()
    assert shown["kind"] in graph_page.page.locator("#details").text_content()

    ARTIFACTS.mkdir(exist_ok=True)
    graph_page.page.screenshot(path=str(ARTIFACTS / "graph-page.png"))


def test_clicking_an_actor_shows_its_neighbourhood(graph_page: GraphPage, server: Server) -> None:
    candidates = graph_page.clickable("node")
    assert candidates, "no drawn actor could be clicked"
    edges = whole_graph(server)["edges"]
    degree = {
        c["id"]: sum(c["id"] in (e["source"]["id"], e["target"]["id"]) for e in edges)
        for c in candidates
    }
    target = max(candidates, key=lambda c: (degree[c["id"]], c["id"]))  # the busiest actor
    graph_page.click_in_drawing(target)
    graph_page.wait_for_load(2)
    assert graph_page.details() == ("actor", target["id"])

    hood = server.graphql(NEIGHBOURHOOD, {"id": target["id"]})["neighbourhood"]
    lit = graph_page.page.evaluate(
        "() => { const cy = window.actorGraph.cy; const lit = cy.elements().not('.faded');"
        " return [lit.nodes().map(n => n.id()), lit.edges().map(e => e.id())]; }"
    )
    assert set(lit[0]) == ids(hood["nodes"]) | {target["id"]}
    assert set(lit[1]) == ids(hood["edges"])
    actor = next(a for a in hood["nodes"] if a["id"] == target["id"])
    assert graph_page.page.locator("#details-title").text_content() == actor["name"]
    panel = graph_page.page.locator("#details").text_content()
    assert all(alias in panel for alias in actor["aliases"])
    if actor["location"] and actor["location"]["countryCode"]:
        assert actor["location"]["countryCode"] in panel
    own = [e for e in hood["edges"] if target["id"] in (e["source"]["id"], e["target"]["id"])]
    assert graph_page.page.locator("#details .relation-list li").count() == len(own)


def test_typing_in_the_search_box_focuses_an_actor(graph_page: GraphPage, server: Server) -> None:
    actors = sorted(whole_graph(server)["nodes"], key=lambda a: a["id"])
    wanted = max(actors, key=lambda a: len(a["name"]))
    typed = wanted["name"][: max(3, len(wanted["name"]) // 2)]

    box = graph_page.page.locator("#search")
    box.click()
    box.press_sequentially(typed)
    option = graph_page.page.locator(f'#suggestions li[data-id="{wanted["id"]}"]')
    option.wait_for()
    # reach it from the keyboard: arrow down until it is the active option, then Enter
    for _ in range(graph_page.page.locator("#suggestions li[role=option]").count()):
        box.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    box.press("Enter")

    graph_page.page.wait_for_selector(f'body[data-focused="{wanted["id"]}"]', state="attached")
    selected = graph_page.page.evaluate(
        "() => window.actorGraph.cy.$(':selected').map(e => e.id())"
    )
    assert selected == [wanted["id"]]
    assert graph_page.page.locator("#details-title").text_content() == wanted["name"]
    # the typed text travelled as a variable; the query document is one fixed text
    searches = [b for b in graph_page.graphql_bodies if "search" in b.get("variables", {})]
    assert searches
    assert searches[-1]["variables"]["search"] == typed
    documents = {b["query"] for b in searches}
    assert len(documents) == 1 and typed not in documents.pop()


def test_unticking_a_relation_kind_hides_its_edges(graph_page: GraphPage, server: Server) -> None:
    drawn_kinds = graph_page.page.evaluate(
        "() => window.actorGraph.cy.edges().map(e => e.data('kind'))"
    )
    kind = sorted(set(drawn_kinds))[0]
    others = sorted({"BACKS", "CAPTURES", "STRIKES", "FIGHTS", "LEADS", "ALLIED_WITH"} - {kind})

    checkbox = graph_page.page.locator(f"#kind-{kind}")
    checkbox.focus()
    graph_page.page.keyboard.press("Space")  # the filters work from the keyboard
    graph_page.wait_for_load(2)
    assert not checkbox.is_checked()

    left = graph_page.page.evaluate("() => window.actorGraph.cy.edges().map(e => e.data('kind'))")
    assert kind not in left
    expected = whole_graph(server, kinds=others)
    nodes, edges = graph_page.drawn()
    assert edges == ids(expected["edges"])
    assert nodes == ids(expected["nodes"])

    graph_page.page.keyboard.press("Space")
    graph_page.wait_for_load(3)
    assert graph_page.drawn()[1] == ids(whole_graph(server)["edges"])


def test_confidence_and_date_window_match_the_api(graph_page: GraphPage, server: Server) -> None:
    confidences = sorted(r["confidence"] for r in whole_graph(server)["edges"])
    # the slider moves in steps of 0.05: the step at or below the median confidence
    threshold = round(int(confidences[len(confidences) // 2] * 20) / 20, 2)

    graph_page.page.locator("#confidence").fill(str(threshold))
    graph_page.wait_for_load(2)
    expected = whole_graph(server, minConfidence=threshold)
    nodes, edges = graph_page.drawn()
    assert edges == ids(expected["edges"])
    assert nodes == ids(expected["nodes"])
    if confidences[0] < threshold:
        assert len(edges) < len(confidences)

    graph_page.page.locator("#since").fill("2024-01-01")
    graph_page.wait_for_load(3)
    expected = whole_graph(server, minConfidence=threshold, since="2024-01-01")
    assert graph_page.drawn() == (ids(expected["nodes"]), ids(expected["edges"]))
