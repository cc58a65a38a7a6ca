"""The Neo4j store without a server: what it sends, how it batches, how it fails, and the pure
rules it shares with the embedded store.

The semantics against a live database are the contract suite's job (``ACTORGRAPH_TEST_NEO4J_URI``);
here a recording driver stands in for the server, and the resolver and alias rules are checked
against the embedded store's own, on the same inputs.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from neo4j import AsyncDriver
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import (
    BadInputError,
    ConfigError,
    StoreError,
    StoreUnavailableError,
    TransientStoreError,
)
from graph.model import ActorKind, Evidence, Relation, RelationKind
from graph.stores.base import Direction, IngestStatus, RelationFilter
from graph.stores.neo4j import cypher
from graph.stores.neo4j.curation import merged_state, split_state
from graph.stores.neo4j.facts import Resolver, Touched, plan_articles, totals_row
from graph.stores.neo4j.store import CHUNK_ROWS, Neo4jStore, create_driver
from graph.stores.sqlite.facts import Resolver as EmbeddedResolver
from graph.stores.sqlite.schema import Access, connect, fold

from .corpus import ALL, BACKS, IRAN, RSF, SUDAN_1, SUDAN_2, Fact, actor, report
from .recording_driver import Recorded, RecordingDriver
from .reference import expected_snapshot

pytestmark = pytest.mark.anyio
HOSTILE = "x'}) DETACH DELETE n //"
NOW = datetime(2024, 6, 1, tzinfo=UTC)


async def opened(driver: RecordingDriver) -> Neo4jStore:
    store = Neo4jStore("neo4j://localhost:7687", "neo4j", "pw", driver=cast(AsyncDriver, driver))
    await store.open()
    return store


def ingested_ids(done: list[Recorded]) -> list[str]:
    return [row["id"] for s in done if s.name == "UPSERT_ARTICLES" for row in s.params["rows"]]


# -- what the store sends --------------------------------------------------------------------


async def test_open_creates_each_constraint_and_index_in_its_own_transaction() -> None:
    """Then the probes of how the server reads shortestPath (rolled back) and SKIP."""
    driver = RecordingDriver()
    await opened(driver)
    assert [(mode, len(done)) for mode, done in driver.transactions] == [("write", 1)] * (
        len(cypher.SCHEMA) + 1
    ) + [("read", 1)]
    texts = [s.text for s in driver.statements]
    probes = [cypher.PROBE_SHORTEST_PATH.text, cypher.PROBE_LONG_SKIP.text]
    assert texts == [q.text for q in cypher.SCHEMA] + probes
    schema = texts[:-2]
    assert all(
        "IF NOT EXISTS" in t or (t.startswith("DROP INDEX") and "IF EXISTS" in t) for t in schema
    )


async def _exercise(store: Neo4jStore, text: str) -> None:
    """Call every method of the store with ``text`` wherever a user's string can go."""
    flt = RelationFilter(source=text, target=text, min_confidence=0.5, as_of=date(2024, 1, 1))
    await store.get_actors([text, "faction:rsf"])
    await store.search_actors(text, ActorKind.FACTION)
    await store.count_actors(text)
    await store.get_relations(flt)
    await store.count_relations(RelationFilter(source=text))
    for direction in Direction:
        await store.relations_of([text], direction, flt)
        await store.supporters(text, direction=direction, depth=3)
        await store.paths(text, "state:iran", direction=direction, shortest=True)
        await store.paths(text, "state:iran", direction=direction, kinds=frozenset({BACKS}))
    await store.neighbourhood(text, 2, flt)
    await store.get_article(text)
    await store.delete_article(text)
    await store.merge_actors(text, "faction:rsf")
    await store.add_alias(text, text)
    await store.split_actor(text, [f"{text} one", "Other"], ActorKind.PERSON)
    await store.curations()
    await store.stats()
    await store.snapshot()
    await store.ping()


def _hostile_extraction() -> Any:
    villain = actor(ActorKind.FACTION, HOSTILE, f"{HOSTILE} alias")
    fact = Fact(villain, BACKS, IRAN, f"{HOSTILE} backs Iran.", source_text=HOSTILE)
    extraction = report(HOSTILE, date(2024, 1, 1), [fact], title=HOSTILE)
    return extraction


async def test_user_text_travels_only_as_parameters() -> None:
    def answer(name: str, params: dict[str, Any]) -> list[dict[str, Any]] | None:
        if name == "ARTICLE_HASHES":  # the article exists, with other text: replace it
            return [{"id": i, "content_hash": "old"} for i in params["ids"]]
        if name == "CURATION_BY_ID":
            return [{"curation": {
                "seq": 1, "id": params["id"], "action": "alias", "actor_id": HOSTILE,
                "other_id": None, "detail": "{}", "actors": [HOSTILE], "undone": False,
                "before": json.dumps({"actors": [], "redirects": [], "splits": []}),
                "created_at": NOW,
            }}]  # fmt: skip
        return None

    driver = RecordingDriver(answer=answer)
    store = await opened(driver)
    assert (await store.ingest(_hostile_extraction())).status is IngestStatus.REPLACED
    await _exercise(store, HOSTILE)
    await store.undo(HOSTILE)
    sent = driver.statements
    assert len(sent) > 100
    assert not [s.text for s in sent if HOSTILE.lower() in s.text.lower()]
    carried = [s.name for s in sent if HOSTILE.lower() in json.dumps(s.params, default=str).lower()]
    assert {
        "UPSERT_ARTICLES", "CREATE_EVIDENCE", "search_actors", "relations", "paths",
        "supporters", "neighbourhood", "CURATION_BY_ID", "ACTOR_RECORDS",
    } <= set(carried)  # fmt: skip


async def test_every_statement_sent_is_one_cypher_py_makes() -> None:
    """Each text sent is a constant or a builder's output over its domain (whose shapes the
    Cypher lint test checks), never a string made elsewhere."""
    driver = RecordingDriver()
    store = await opened(driver)
    await store.ingest_many(ALL)
    await _exercise(store, "faction:sudanese-armed-forces")
    unknown = {s.text for s in driver.statements if s.name == "?"}
    assert not unknown, "\n\n".join(unknown)
    assert {s.name for s in driver.statements} >= {
        "ensure_actors", "CREATE_MENTIONS", "CREATE_EVIDENCE", "refresh_relations",
        "ACTOR_FACTS", "SET_ACTOR_TOTALS", "COLLECT_GARBAGE", "restore_actors", "MENTIONS_ON",
        "EVIDENCE_ON", "CREATE_CURATION", "paths", "supporters", "relations_among",
    }  # fmt: skip


async def test_unknown_kinds_depths_and_pages_are_refused_before_anything_is_sent() -> None:
    driver = RecordingDriver()
    store = await opened(driver)
    sent = len(driver.statements)
    with pytest.raises(BadInputError):
        await store.paths("a", "b", max_length=cypher.MAX_DEPTH + 1)
    with pytest.raises(BadInputError):
        await store.supporters("a", depth=10**6)
    with pytest.raises(BadInputError):
        await store.get_relations(RelationFilter(), limit=-1)
    with pytest.raises(ValueError):
        await store.paths("a", "b", kinds=frozenset({cast(Any, "BACKS]->() DELETE r //")}))
    assert len(driver.statements) == sent


# -- transactions and batches ----------------------------------------------------------------


async def test_each_article_lies_wholly_in_one_write_transaction() -> None:
    driver = RecordingDriver()
    store = await opened(driver)
    driver.transactions.clear()
    extra = report("sudan-2024-06", date(2024, 6, 1), [
        Fact(RSF, BACKS, IRAN, "The RSF backs Iran, oddly."),
    ])  # fmt: skip
    results = await store.ingest_many([SUDAN_1, SUDAN_2, SUDAN_1, extra])
    assert [r.article_id for r in results] == ["sudan-2023-04", "sudan-2024-05",
                                                "sudan-2023-04", "sudan-2024-06"]  # fmt: skip
    writes = [done for mode, done in driver.transactions if mode == "write"]
    # the repeated id starts a second batch, so it sees the first copy stored
    assert [ingested_ids(done) for done in writes] == [
        ["sudan-2023-04", "sudan-2024-05"],
        ["sudan-2023-04", "sudan-2024-06"],
    ]
    for done in writes:
        evidence = [r for s in done if s.name == "CREATE_EVIDENCE" for r in s.params["rows"]]
        assert {r["article_id"] for r in evidence} <= set(ingested_ids(done))
        assert done[0].name == "ARTICLE_HASHES"  # decided inside the same transaction


async def test_a_batch_with_a_replacement_settles_after_each_article() -> None:
    def answer(name: str, params: dict[str, Any]) -> list[dict[str, Any]] | None:
        if name == "ARTICLE_HASHES":
            return [{"id": i, "content_hash": "old"} for i in params["ids"] if i == "sudan-2023-04"]
        return None

    driver = RecordingDriver(answer=answer)
    store = await opened(driver)
    driver.transactions.clear()
    results = await store.ingest_many([SUDAN_1, SUDAN_2])
    assert [r.status for r in results] == [IngestStatus.REPLACED, IngestStatus.ADDED]
    [(mode, done)] = driver.transactions
    steps = [
        (s.name, s.params["rows"][0]["id"] if s.name == "UPSERT_ARTICLES" else None)
        for s in done
        if s.name in ("RETRACT_EVIDENCE", "UPSERT_ARTICLES", "COLLECT_GARBAGE")
    ]
    assert (mode, steps) == ("write", [
        ("RETRACT_EVIDENCE", None), ("UPSERT_ARTICLES", "sudan-2023-04"), ("COLLECT_GARBAGE", None),
        ("UPSERT_ARTICLES", "sudan-2024-05"), ("COLLECT_GARBAGE", None),
    ])  # fmt: skip


async def test_a_refused_extraction_stops_the_batch_after_storing_what_came_before() -> None:
    driver = RecordingDriver()
    store = await opened(driver)
    driver.transactions.clear()
    broken = dataclasses.replace(SUDAN_2, actors=SUDAN_2.actors[:1])
    with pytest.raises(BadInputError):
        await store.ingest_many([SUDAN_1, broken, *ALL])
    assert [ingested_ids(done) for _, done in driver.transactions] == [["sudan-2023-04"]]


async def test_an_unchanged_article_writes_nothing() -> None:
    def answer(name: str, params: dict[str, Any]) -> list[dict[str, Any]] | None:
        if name == "ARTICLE_HASHES":
            return [{"id": SUDAN_1.article.id, "content_hash": SUDAN_1.article.content_hash}]
        return None

    driver = RecordingDriver(answer=answer)
    store = await opened(driver)
    driver.transactions.clear()
    assert (await store.ingest(SUDAN_1)).status is IngestStatus.UNCHANGED
    assert driver.names() == ["ARTICLE_HASHES"]


async def test_long_row_lists_go_in_chunks_of_the_chunk_size() -> None:
    sentence = "Iran backs the RSF."
    evidence = tuple(
        Evidence("big", sentence, i, i + len(sentence), "backs", "Iran", "RSF")
        for i in range(CHUNK_ROWS + 500)
    )
    big = dataclasses.replace(
        SUDAN_1,
        article=dataclasses.replace(SUDAN_1.article, id="big"),
        actors=(IRAN, RSF),
        relations=(Relation(IRAN.id, RSF.id, BACKS, SUDAN_1.relations[0].modality, 0.9, evidence),),
    )
    driver = RecordingDriver()
    store = await opened(driver)
    await store.ingest(big)
    sizes = [len(s.params["rows"]) for s in driver.statements if s.name == "CREATE_EVIDENCE"]
    assert sizes == [CHUNK_ROWS, 500]
    ids = [
        r["id"] for s in driver.statements if s.name == "CREATE_EVIDENCE" for r in s.params["rows"]
    ]
    assert len(set(ids)) == CHUNK_ROWS + 500


# -- failures at the boundary ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "expected", "advice"),
    [
        (AuthError("bad credentials"), StoreUnavailableError, "ACTORGRAPH_NEO4J_PASSWORD"),
        (ServiceUnavailable("gone"), StoreUnavailableError, "docker compose up -d neo4j"),
        (TransientError("deadlock"), TransientStoreError, "try again"),
        (SessionExpired("leader switch"), TransientStoreError, "try again"),
        (ClientError("nope"), StoreError, "Neo4j refused it"),
    ],
)
async def test_driver_errors_become_store_errors(
    error: Exception, expected: type[StoreError], advice: str
) -> None:
    driver = RecordingDriver()
    store = await opened(driver)
    driver.fail_with = error
    with pytest.raises(expected) as caught:
        await store.get_relations(RelationFilter())
    assert advice in str(caught.value)
    assert caught.value.__cause__ is error
    assert await store.ping() is False
    if expected is StoreError:
        assert not isinstance(caught.value, (StoreUnavailableError, TransientStoreError))


async def test_a_server_that_is_not_there_says_what_to_do() -> None:
    store = Neo4jStore("bolt://127.0.0.1:1", "neo4j", "secret")
    with pytest.raises(StoreUnavailableError) as caught:
        await store.open()
    message = str(caught.value)
    assert "bolt://127.0.0.1:1" in message and "docker compose up -d neo4j" in message
    assert await store.ping() is False


async def test_credentials_and_urls_are_checked_before_connecting() -> None:
    with pytest.raises(ConfigError, match="ACTORGRAPH_NEO4J_PASSWORD"):
        await Neo4jStore("neo4j://localhost:7687", "neo4j", None).open()
    with pytest.raises(ConfigError, match="not a Neo4j URL"):
        create_driver("http://localhost:7474", "neo4j", "secret")


async def test_closing_leaves_a_handed_in_driver_open_and_the_store_shut() -> None:
    driver = RecordingDriver()
    store = await opened(driver)
    assert await store.ping() is True
    await store.close()
    assert await store.ping() is False and driver.closed is False
    with pytest.raises(StoreError, match="not open"):
        await store.stats()


# -- the rules shared with the embedded store ------------------------------------------------


NAMES = st.sampled_from(["a", "b", "c", "d"])
KEYS = st.sampled_from(["Wagner", "Africa Corps", "wagner", "", "  "])


@settings(max_examples=60, deadline=None)
@given(
    redirects=st.dictionaries(NAMES, NAMES, max_size=3),
    splits=st.dictionaries(st.tuples(NAMES, KEYS.map(fold)), NAMES, max_size=4),
    origin=NAMES,
    surface=KEYS,
)
def test_resolver_lands_where_the_embedded_store_does(
    tmp_path_factory: pytest.TempPathFactory, redirects: dict[str, str],
    splits: dict[tuple[str, str], str], origin: str, surface: str,
) -> None:  # fmt: skip
    path = Path(tmp_path_factory.mktemp("resolver")) / "graph.sqlite3"
    conn = connect(path, access=Access.CREATE)
    try:
        conn.executemany("INSERT INTO actor_redirects VALUES (?, ?)", redirects.items())
        conn.executemany(
            "INSERT INTO actor_splits VALUES (?, ?, ?)", [(f, k, t) for (f, k), t in splits.items()]
        )
        expected = EmbeddedResolver(conn).resolve(origin, surface)
    finally:
        conn.close()
    assert Resolver(redirects, splits).resolve(origin, surface) == expected


def _facts_of(actor_id: str) -> dict[str, Any]:
    names = {n for ex in ALL for a in ex.actors if a.id == actor_id for n in (a.name, *a.aliases)}
    first = next(a for ex in ALL for a in ex.actors if a.id == actor_id)
    mentions = sum(a.mentions for ex in ALL for a in ex.actors if a.id == actor_id)
    return {"id": actor_id, "name_key": fold(first.name), "names": sorted(names),
            "mentions": mentions, "curated_aliases": [], "split_keys": []}  # fmt: skip


def test_aliases_and_mentions_follow_the_reference() -> None:
    for expected in expected_snapshot(ALL).actors:
        totals = totals_row(_facts_of(expected.id))
        assert (tuple(totals["aliases"]), totals["mentions"]) == (
            expected.aliases,
            expected.mentions,
        )
        assert fold(expected.name) in totals["search_keys"]
        assert totals["search_text"].split("\n") == totals["search_keys"]


def test_split_keys_hide_names_and_curated_aliases_add_them() -> None:
    facts = {"id": "faction:wagner-group", "name_key": "wagner group", "mentions": 3,
             "names": ["Wagner Group", "Wagner", "WAGNER", "PMC Wagner"],
             "curated_aliases": ["Vagner", "wagner group"], "split_keys": ["wagner"]}  # fmt: skip
    totals = totals_row(facts)
    assert totals["aliases"] == ["PMC Wagner", "Vagner"]
    assert totals["search_keys"] == ["pmc wagner", "vagner", "wagner group"]


def test_plans_resolve_through_curation_and_date_the_evidence() -> None:
    undated = dataclasses.replace(SUDAN_1.relations[0].evidence[0], published=None)
    relation = dataclasses.replace(SUDAN_1.relations[0], evidence=(undated,))
    extraction = dataclasses.replace(SUDAN_1, relations=(relation,))
    resolver = Resolver({RSF.id: "faction:rsf-new"}, {})
    touched = Touched()
    plan = plan_articles([extraction], resolver, NOW, touched)
    [ev] = plan.evidence
    assert ev["source"] == "faction:rsf-new" and ev["origin_source"] == RSF.id
    assert ev["published"] == SUDAN_1.article.published  # the article's date stands in
    assert ev["id"] == f"{SUDAN_1.article.id}:0"
    assert {m["actor_id"] for m in plan.mentions} >= {"faction:rsf-new"}
    assert all(m["name"] not in m["aliases"] for m in plan.mentions)
    assert set(touched.relations) == {ev["relation_id"]}


def _record(actor_id: str, name: str, curated: list[str]) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "name_key": fold(name), "kind": "faction",
            "geonames_id": None, "latitude": None, "longitude": None, "country_code": None,
            "curated_aliases": curated}  # fmt: skip


def test_merging_moves_names_rules_and_redirects_to_the_kept_actor() -> None:
    before: dict[str, list[Any]] = {
        "actors": [_record("k", "Kept", ["K1"]), _record("d", "Dropped", ["K1", "D1"])],
        "redirects": [["old", "d"]],
        "splits": [["d", "x", "n1"], ["d", "y", "n2"], ["k", "y", "n3"], ["d", "z", "k"]],
    }
    after = merged_state(before, "k", "d")
    assert [r["id"] for r in after["actors"]] == ["k"]
    assert after["actors"][0]["curated_aliases"] == ["K1", "D1", "Dropped"]
    assert sorted(after["redirects"]) == [["d", "k"], ["old", "k"]]
    # d's rule for "y" loses to k's own; k's rule sending "z" to itself is dropped
    assert sorted(after["splits"]) == [["k", "x", "n1"], ["k", "y", "n3"]]
    assert before["actors"][0]["curated_aliases"] == ["K1"]  # the log keeps the old state


def test_splitting_sends_names_to_a_new_actor_by_rule() -> None:
    before: dict[str, list[Any]] = {
        "actors": [_record("w", "Wagner Group", ["Africa Corps", "PMC"])],
        "redirects": [["n", "w"]],
        "splits": [],
    }
    after = split_state(before, "w", "n", ["Africa Corps", "Wagner"], ActorKind.FACTION)
    records = {r["id"]: r for r in after["actors"]}
    assert records["n"]["name"] == "Africa Corps"
    assert records["n"]["curated_aliases"] == ["Wagner"]
    assert records["w"]["curated_aliases"] == ["PMC"]
    assert after["redirects"] == []
    assert after["splits"] == [["w", "africa corps", "n"], ["w", "wagner", "n"]]


# -- what ships beside the store -------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def test_the_browser_style_covers_every_label_and_type() -> None:
    grass = (ROOT / "graph" / "stores" / "neo4j" / "actorgraph.grass").read_text()
    blocks = dict(re.findall(r"^(node\.\w+|relationship\.\w+) \{\n(.*?)^\}", grass, re.M | re.S))
    for label in cypher.KIND_LABELS.values():
        assert 'caption: "{name}"' in blocks[f"node.{label}"]
        assert "color:" in blocks[f"node.{label}"]
    for kind in RelationKind:
        assert 'caption: "<type>"' in blocks[f"relationship.{kind.value}"]


def test_compose_runs_a_pinned_neo4j_and_the_api_after_it() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j, api = compose["services"]["neo4j"], compose["services"]["api"]
    assert re.fullmatch(r"neo4j:\d+\.\d+\.\d+-community", neo4j["image"])
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${ACTORGRAPH_NEO4J_PASSWORD:?")
    assert {"7474:7474", "7687:7687"} <= set(neo4j["ports"]) and neo4j["healthcheck"]["test"]
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert api["environment"]["ACTORGRAPH_STORE"] == "neo4j://neo4j:7687"
    assert "actorgraph ingest samples/*.txt" in " ".join(api["command"])
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("FROM python:3.11-slim") and "pip install ." in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
