"""The map page in headless Chromium: the war corpus (tests/data/war_corpus.jsonl) goes in
through the ``ingestArticle`` mutation, and the slider is moved with the keyboard as a user
would. Saraqib must change colour on the day its recapture happened, and not before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, INGEST, VIEWPORT, Server

from graph.settings import Settings

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parents[1] / "data" / "war_corpus.jsonl"
HTS, SYRIA = "faction:hayat-tahrir-al-sham", "state:syria"


@pytest.fixture(scope="module")
def war_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = tmp_path_factory.mktemp("map") / "graph.sqlite3"
    with Server(Settings(store=str(store))) as running:
        for line in CORPUS.read_text("utf-8").splitlines():
            record = json.loads(line)
            variables = {k: record.get(k) for k in ("text", "id", "title", "url", "published")}
            result = running.graphql(INGEST, variables)
            assert result["ingestArticle"]["__typename"] == "IngestSuccess", result
        yield running


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; run scripts/install_chromium.sh")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class MapPage:
    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(f"{server.url}/map")
        self.drawn(1)

    def drawn(self, loads: int) -> str:
        """Wait until the page has drawn its ``loads``-th day; that day."""
        self.page.wait_for_selector(
            f'body[data-state="ready"][data-loads="{loads}"]', state="attached"
        )
        return str(self.page.get_attribute("body", "data-as-of"))

    def loads(self) -> int:
        return int(self.page.get_attribute("body", "data-loads") or 0)

    def press(self, key: str) -> str:
        """Press a key on the slider; the day drawn once the page has caught up."""
        before = self.loads()
        self.page.focus("#day")
        self.page.keyboard.press(key)
        return self.drawn(before + 1)

    def town(self, place: str) -> tuple[str, str | None]:
        group = self.page.locator(f'g.place[data-id="{place}"]')
        return str(group.get_attribute("data-holder")), group.locator("circle").get_attribute(
            "fill"
        )

    def legend_colour(self, holder: str) -> str | None:
        swatch = self.page.locator(f'#legend li[data-holder="{holder}"] circle')
        return swatch.get_attribute("fill")


@pytest.fixture
def map_page(chromium: Any, war_server: Server) -> Iterator[MapPage]:
    opened = MapPage(chromium, war_server)
    yield opened
    assert opened.errors == []
    assert all(url.startswith(war_server.url) for url in opened.requests), opened.requests
    opened.context.close()


def test_the_map_opens_on_the_latest_day_with_every_town(map_page: MapPage) -> None:
    assert map_page.page.get_attribute("body", "data-as-of") == "2024-12-06"
    towns = map_page.page.locator("g.place").evaluate_all("gs => gs.map(g => g.dataset.id)")
    assert sorted(towns) == ["city:ariha", "city:hamah", "city:manbij", "city:saraqib"]
    assert map_page.page.locator("#countries path").count() > 5  # the offline outline


def test_saraqib_changes_colour_on_the_day_of_its_recapture(map_page: MapPage) -> None:
    assert map_page.press("Home") == "2024-11-03"
    holder, hts_colour = map_page.town("city:saraqib")
    assert holder == HTS and hts_colour == map_page.legend_colour(HTS)
    day = "2024-11-03"
    while day != "2024-11-08":
        day = map_page.press("ArrowRight")
        assert map_page.town("city:saraqib") == (HTS, hts_colour), day
    assert map_page.press("ArrowRight") == "2024-11-09"
    holder, colour = map_page.town("city:saraqib")
    assert holder == SYRIA and colour == map_page.legend_colour(SYRIA)
    assert colour != hts_colour


def test_clicking_a_town_shows_the_capture_sentence(map_page: MapPage) -> None:
    map_page.press("Home")
    for _ in range(7):
        map_page.press("ArrowRight")
    map_page.page.locator('g.place[data-id="city:saraqib"] circle').click()
    details = map_page.page.locator("#details")
    assert details.get_attribute("data-id") == "city:saraqib"
    text = details.inner_text()
    assert "Syrian government forces recaptured Saraqib on Saturday" in text
    assert "2024-11-09 (on Saturday)" in text and "Before that" in text


def test_strikes_show_within_the_window_and_open_their_evidence(map_page: MapPage) -> None:
    assert map_page.press("Home") == "2024-11-03"
    marks = map_page.page.locator("g.strike")
    assert marks.evaluate_all("gs => gs.map(g => g.dataset.target)") == ["city:saraqib"]
    marks.first.locator("rect").click()
    details = map_page.page.locator("#details")
    assert details.get_attribute("data-kind") == "strike"
    assert "shelled Saraqib overnight" in details.inner_text()
    assert map_page.press("End") == "2024-12-06"
    targets = map_page.page.locator("g.strike").evaluate_all("gs => gs.map(g => g.dataset.target)")
    assert targets == ["city:manbij"]  # the Saraqib shelling is weeks older than the window


# ---- the graph page's "happened by" slider, on the same server ----

VISIBLE_EDGES = (
    "() => window.actorGraph.cy.edges(':visible').map("
    "e => [e.data('relation').kind, e.data('source'), e.data('target')])"
)


def test_the_graph_page_shows_relations_as_of_the_slider_day(
    chromium: Any, war_server: Server
) -> None:
    context = chromium.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{war_server.url}/graph")
    page.wait_for_selector('body[data-state="ready"][data-loads="1"]', state="attached")
    everything = page.evaluate(VISIBLE_EDGES)
    assert ["CAPTURES", SYRIA, "city:saraqib"] in everything

    def press(key: str, loads: int) -> list[list[str]]:
        page.focus("#as-of")
        page.keyboard.press(key)
        page.wait_for_selector(f'body[data-loads="{loads}"]', state="attached")
        return sorted(page.evaluate(VISIBLE_EDGES))

    first_day = press("Home", 2)
    assert page.get_attribute("body", "data-as-of") == "2024-11-03"
    assert first_day == [
        ["CAPTURES", HTS, "city:saraqib"],
        ["STRIKES", SYRIA, "city:saraqib"],
    ]
    for loads in range(3, 9):  # 4 to 9 November
        shown = press("ArrowRight", loads)
    assert page.get_attribute("body", "data-as-of") == "2024-11-09"
    assert ["CAPTURES", SYRIA, "city:saraqib"] in shown
    assert ["CAPTURES", HTS, "city:hamah"] not in shown
    assert page.locator("#as-of-value").inner_text() == "2024-11-09"
    press("End", 9)
    assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(everything)
    assert errors == []
    context.close()
