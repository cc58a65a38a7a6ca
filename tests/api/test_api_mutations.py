"""Each mutation: its success type and its typed failures, checked against the store."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from api_harness import HTS, IRAN, RUSSIA, SYRIA, Api, serve, shared_extractor

from api.app import create_app
from api.extraction import ExtractorLike, LazyExtractor
from graph.model import (
    Actor,
    ActorKind,
    Article,
    Evidence,
    Extraction,
    Modality,
    Relation,
    RelationKind,
    actor_id,
)
from graph.settings import Settings

pytestmark = pytest.mark.anyio

RESULT = """
  __typename
  ... on UserError { message }
  ... on ActorNotFound { actorId }
  ... on CurationNotFound { curationId }
  ... on CurationSuccess { curation { id action actorId otherId undone undoes createdAt }
                           actor { id name aliases } }
"""

INGEST = """mutation($text: String!, $id: ID, $title: String, $url: String, $published: Date) {
  ingestArticle(text: $text, id: $id, title: $title, url: $url, published: $published) {
    __typename
    ... on UserError { message }
    ... on TextTooLarge { limit size }
    ... on IngestSuccess { articleId status actorsAdded relationsAdded
                           actors { id name kind } relations { kind source { id } target { id } } }
  } }"""

TEXT = (
    "Russia backs the Syrian government, the Kremlin said on Monday. "
    "Hayat Tahrir al-Sham fighters attacked government positions near Idlib."
)


async def _mutate(api: Api, field: str, **args: tuple[str, Any]) -> dict[str, Any]:
    """Run ``field`` with each argument passed as a variable of the given GraphQL type."""
    decl = ", ".join(f"${name}: {gql_type}" for name, (gql_type, _) in args.items())
    call = ", ".join(f"{name}: ${name}" for name in args)
    variables = {name: value for name, (_, value) in args.items()}
    data = await api.data(f"mutation({decl}) {{ {field}({call}) {{ {RESULT} }} }}", variables)
    result: dict[str, Any] = data[field]
    return result


# ---- ingestArticle -------------------------------------------------------------------


@pytest.fixture
def ingesting(api: Api) -> Api:
    """The app on an empty store, where the real extractor is available."""
    try:
        import graph.ingest.pipeline  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "graph.ingest.pipeline":
            raise
        pytest.skip("the extractor (graph.ingest.pipeline) is not in the tree yet")
    return api


async def test_ingest_article_extracts_and_stores(ingesting: Api) -> None:
    variables = {
        "text": TEXT,
        "id": "web-1",
        "title": "Report",
        "url": "https://example.org/r",
        "published": "2024-05-01",
    }
    result = (await ingesting.data(INGEST, variables))["ingestArticle"]
    assert result["__typename"] == "IngestSuccess"
    assert (result["articleId"], result["status"]) == ("web-1", "ADDED")
    assert result["actorsAdded"] == len(result["actors"]) > 0
    assert result["relationsAdded"] == len(result["relations"])
    stored = await ingesting.data("{ articles { edges { node { id title url published } } } }")
    assert stored["articles"]["edges"] == [
        {
            "node": {
                "id": "web-1",
                "title": "Report",
                "url": "https://example.org/r",
                "published": "2024-05-01",
            }
        }
    ]
    snapshot = await ingesting.store.snapshot()
    assert {a["id"] for a in result["actors"]} <= {a.id for a in snapshot.actors}
    again = (await ingesting.data(INGEST, variables))["ingestArticle"]
    assert again["status"] == "UNCHANGED"


async def test_ingest_without_id_derives_it_from_the_text(ingesting: Api) -> None:
    first = (await ingesting.data(INGEST, {"text": TEXT}))["ingestArticle"]
    second = (await ingesting.data(INGEST, {"text": TEXT}))["ingestArticle"]
    assert first["articleId"] == second["articleId"]
    assert first["articleId"].startswith("api-")
    assert (first["status"], second["status"]) == ("ADDED", "UNCHANGED")


class ThreadRecorder:
    """The real extractor, noting which thread each call runs in."""

    def __init__(self, inner: ExtractorLike) -> None:
        self.inner = inner
        self.threads: list[str] = []

    def extract(self, article: Article) -> Extraction:
        self.threads.append(threading.current_thread().name)
        return self.inner.extract(article)


async def test_extractor_loads_on_first_ingest_in_a_worker_thread(
    ingesting: Api, tmp_path: Path
) -> None:
    recorder = ThreadRecorder(shared_extractor())
    loads: list[str] = []

    def load() -> ExtractorLike:
        loads.append(threading.current_thread().name)
        return recorder

    app = create_app(Settings(store=str(tmp_path / "t.sqlite3")), extractor=LazyExtractor(load))
    async with serve(app) as api:
        assert (await api.client.get("/health")).json()["extractor"] == "not loaded"
        await api.data("{ stats { articles } }")
        assert loads == []  # queries never load spaCy
        for n in range(2):
            result = (await api.data(INGEST, {"text": f"{TEXT} ({n})"}))["ingestArticle"]
            assert result["__typename"] == "IngestSuccess"
        assert (await api.client.get("/health")).json()["extractor"] == "loaded"
    loop_thread = threading.current_thread().name
    assert len(loads) == 1 and len(recorder.threads) == 2
    for name in [*loads, *recorder.threads]:
        assert name != loop_thread and name.startswith("actorgraph-extract")


async def test_ingest_refusals_are_typed_and_write_nothing(api: Api) -> None:
    limit = Settings(store="x").max_text_chars
    cases = [
        ({"text": ""}, "EmptyText"),
        ({"text": " \n\t "}, "EmptyText"),
        ({"text": "x" * (limit + 1)}, "TextTooLarge"),
        ({"text": "Russia backs Syria.\x00\x01\x02"}, "BadInput"),
        ({"text": TEXT, "id": "has space"}, "BadInput"),
        ({"text": TEXT, "url": "javascript:alert(1)"}, "BadInput"),
        ({"text": TEXT, "url": "ftp://example.org/a"}, "BadInput"),
        ({"text": TEXT, "title": "t" * 1001}, "BadInput"),
    ]
    for variables, typename in cases:
        result = (await api.data(INGEST, variables))["ingestArticle"]
        assert result["__typename"] == typename, (variables.keys(), result)
        assert result["message"]
    big = (await api.data(INGEST, {"text": "y" * (limit + 5)}))["ingestArticle"]
    assert (big["limit"], big["size"]) == (limit, limit + 5)
    assert (await api.store.count_articles()) == 0
    assert api.state["extractor"].loaded is False  # refused before spaCy was ever loaded


# ---- deleteArticle -------------------------------------------------------------------

DELETE = """mutation($id: ID!) { deleteArticle(id: $id) {
  __typename ... on DeleteSuccess { articleId } ... on ArticleNotFound { articleId message } } }"""


async def test_delete_article_removes_its_evidence(seeded: Api) -> None:
    result = (await seeded.data(DELETE, {"id": "a3"}))["deleteArticle"]
    assert result == {"__typename": "DeleteSuccess", "articleId": "a3"}
    data = await seeded.data("{ articles { totalCount } relations(kind: CAPTURES) { totalCount } }")
    assert data["articles"]["totalCount"] == 2
    assert data["relations"]["totalCount"] == 0  # its only evidence was in a3
    missing = (await seeded.data(DELETE, {"id": "a3"}))["deleteArticle"]
    assert missing["__typename"] == "ArticleNotFound" and missing["articleId"] == "a3"
    assert "a3" in missing["message"]


# ---- curation ------------------------------------------------------------------------

SAR = actor_id(ActorKind.STATE, "Syrian Arab Republic")


async def _add_duplicate_of_syria(api: Api) -> None:
    sentence = "Iran backs the Syrian Arab Republic."
    published = date(2024, 4, 1)
    relation = Relation(
        IRAN,
        SAR,
        RelationKind.BACKS,
        Modality.ASSERTED,
        0.9,
        (Evidence("a4", sentence, 0, len(sentence), "backs", published=published),),
        first_reported=published,
        last_reported=published,
    )
    actors = (
        Actor(IRAN, "Iran", ActorKind.STATE),
        Actor(SAR, "Syrian Arab Republic", ActorKind.STATE),
    )
    await api.store.ingest(
        Extraction(Article("a4", sentence, published=published), actors, (relation,))
    )


async def _sources_of(api: Api, target: str) -> set[str]:
    data = await api.data(
        "query($t: ID!) { relations(target: $t) { edges { node { source { id } } } } }",
        {"t": target},
    )
    return {e["node"]["source"]["id"] for e in data["relations"]["edges"]}


async def test_merge_then_undo(seeded: Api) -> None:
    await _add_duplicate_of_syria(seeded)
    merged = await _mutate(seeded, "mergeActors", keep=("ID!", SYRIA), drop=("ID!", SAR))
    assert merged["__typename"] == "CurationSuccess", merged
    assert merged["curation"]["action"] == "merge"
    assert (merged["curation"]["actorId"], merged["curation"]["otherId"]) == (SYRIA, SAR)
    assert merged["actor"]["id"] == SYRIA and "Syrian Arab Republic" in merged["actor"]["aliases"]
    assert await _sources_of(seeded, SAR) == set()
    undone = await _mutate(seeded, "undoCuration", id=("ID!", merged["curation"]["id"]))
    assert undone["__typename"] == "CurationSuccess", undone
    assert (undone["curation"]["action"], undone["curation"]["undoes"]) == (
        "undo",
        merged["curation"]["id"],
    )
    assert await _sources_of(seeded, SAR) == {IRAN}
    again = await _mutate(seeded, "undoCuration", id=("ID!", merged["curation"]["id"]))
    assert again["__typename"] == "BadInput" and "already undone" in again["message"]


async def test_merge_refusals(seeded: Api) -> None:
    same = await _mutate(seeded, "mergeActors", keep=("ID!", SYRIA), drop=("ID!", SYRIA))
    assert same["__typename"] == "BadInput"
    missing = await _mutate(
        seeded, "mergeActors", keep=("ID!", SYRIA), drop=("ID!", "state:atlantis")
    )
    assert missing == {
        "__typename": "ActorNotFound",
        "actorId": "state:atlantis",
        "message": missing["message"],
    }
    assert "state:atlantis" in missing["message"]


async def test_add_alias_makes_the_actor_findable(seeded: Api) -> None:
    result = await _mutate(
        seeded, "addAlias", actor=("ID!", RUSSIA), alias=("String!", "Moscow government")
    )
    assert result["__typename"] == "CurationSuccess"
    assert "Moscow government" in result["actor"]["aliases"]
    data = await seeded.data('{ actors(search: "Moscow government") { edges { node { id } } } }')
    assert [e["node"]["id"] for e in data["actors"]["edges"]] == [RUSSIA]
    missing = await _mutate(
        seeded, "addAlias", actor=("ID!", "state:atlantis"), alias=("String!", "Lost City")
    )
    assert missing["__typename"] == "ActorNotFound"
    bad = await _mutate(seeded, "addAlias", actor=("ID!", RUSSIA), alias=("String!", "   "))
    assert bad["__typename"] == "BadInput"


async def test_split_then_undo(seeded: Api) -> None:
    result = await _mutate(seeded, "splitActor", actor=("ID!", HTS), names=("[String!]!", ["HTS"]))
    assert result["__typename"] == "CurationSuccess", result
    assert result["curation"]["action"] == "split"
    assert "HTS" not in result["actor"]["aliases"]
    undone = await _mutate(seeded, "undoCuration", id=("ID!", result["curation"]["id"]))
    assert undone["__typename"] == "CurationSuccess"
    assert "HTS" in undone["actor"]["aliases"]
    empty = await _mutate(seeded, "splitActor", actor=("ID!", HTS), names=("[String!]!", []))
    assert empty["__typename"] == "BadInput"


async def test_undo_unknown_curation(seeded: Api) -> None:
    result = await _mutate(seeded, "undoCuration", id=("ID!", "no-such-step"))
    assert result["__typename"] == "CurationNotFound" and result["curationId"] == "no-such-step"


async def test_an_unnamed_target_is_served_as_the_evidence_target_text(ingesting: Api) -> None:
    text = "Russian missiles hit a power plant in Kharkiv overnight, officials said."
    result = (await ingesting.data(INGEST, {"text": text, "id": "detail-1"}))["ingestArticle"]
    assert result["__typename"] == "IngestSuccess"
    found = await ingesting.data(
        """{ relations(kind: STRIKES) { edges { node {
             source { name } target { name }
             evidence { sourceText targetText } } } } }"""
    )
    nodes = [e["node"] for e in found["relations"]["edges"]]
    assert [(n["source"]["name"], n["target"]["name"]) for n in nodes] == [("Russia", "Kharkiv")]
    assert nodes[0]["evidence"] == [{"sourceText": "Russian", "targetText": "power plant"}]
