"""Each query of the schema against a seeded store."""

from __future__ import annotations

import pytest
from api_harness import ASSAD, BELARUS, HTS, IDLIB, IRAN, RUSSIA, SYRIA, Api

pytestmark = pytest.mark.anyio

ACTOR_FIELDS = """
  id name kind aliases mentions
  location { geonamesId latitude longitude countryCode }
"""


async def test_actor_by_id_with_its_relations_and_backers(seeded: Api) -> None:
    data = await seeded.data(
        "query($id: ID!) { actor(id: $id) {"
        + ACTOR_FIELDS
        + """relationsOut { kind target { id } }
             relationsIn { kind modality source { id } }
             backers { id } backing { id }
           } }""",
        {"id": SYRIA},
    )
    syria = data["actor"]
    assert (syria["id"], syria["name"], syria["kind"]) == (SYRIA, "Syria", "STATE")
    assert "Syrian government" in syria["aliases"]
    assert syria["relationsOut"] == []
    incoming = {(r["kind"], r["source"]["id"]) for r in syria["relationsIn"]}
    assert incoming == {("BACKS", RUSSIA), ("BACKS", IRAN), ("FIGHTS", HTS), ("LEADS", ASSAD)}
    assert sorted(b["id"] for b in syria["backers"]) == sorted([RUSSIA, IRAN])
    assert syria["backing"] == []


async def test_denied_backing_does_not_make_a_backer(seeded: Api) -> None:
    data = await seeded.data(
        """query($id: ID!) {
             actor(id: $id) { backers { id } relationsIn(kind: BACKS) { modality } } }""",
        {"id": HTS},
    )
    assert data["actor"]["relationsIn"] == [{"modality": "DENIED"}]
    assert data["actor"]["backers"] == []


async def test_actor_location_and_unknown_actor(seeded: Api) -> None:
    data = await seeded.data(
        "query($a: ID!, $b: ID!) { a: actor(id: $a) {"
        + ACTOR_FIELDS
        + "} b: actor(id: $b) { id } }",
        {"a": IDLIB, "b": "city:atlantis"},
    )
    assert data["a"]["location"] == {
        "geonamesId": 169389,
        "latitude": 35.93,
        "longitude": 36.63,
        "countryCode": "SY",
    }
    assert data["b"] is None


async def test_actors_search_and_kind(seeded: Api) -> None:
    data = await seeded.data(
        """{ states: actors(kind: STATE) { totalCount edges { node { id } } }
             hts: actors(search: "HTS") { edges { node { id } } }
             syr: actors(search: "syria") { edges { node { id } } } }"""
    )
    assert data["states"]["totalCount"] == 4
    assert {e["node"]["id"] for e in data["states"]["edges"]} == {RUSSIA, SYRIA, IRAN, BELARUS}
    assert [e["node"]["id"] for e in data["hts"]["edges"]] == [HTS]
    assert SYRIA in {e["node"]["id"] for e in data["syr"]["edges"]}


async def test_relations_filters(seeded: Api) -> None:
    data = await seeded.data(
        """query($iran: ID!, $syria: ID!) {
             backs: relations(kind: BACKS) { totalCount edges { node {
               kind modality confidence firstReported lastReported articleCount
               source { id } target { id }
               evidence { sentence start end trigger article { id title url published } } } } }
             denied: relations(modality: DENIED) { edges { node { source { id } target { id } } } }
             strong: relations(minConfidence: 0.9) { edges { node { kind } } }
             fromIran: relations(source: $iran) { totalCount }
             toSyria: relations(target: $syria, since: "2024-01-15") { edges { node { kind } } }
             early: relations(until: "2024-01-31") { totalCount } }""",
        {"iran": IRAN, "syria": SYRIA},
    )
    assert data["backs"]["totalCount"] == 4
    russia = next(e["node"] for e in data["backs"]["edges"] if e["node"]["source"]["id"] == RUSSIA)
    assert russia["target"]["id"] == SYRIA
    assert (russia["modality"], russia["confidence"], russia["articleCount"]) == (
        "ASSERTED",
        0.9,
        1,
    )
    assert russia["firstReported"] == russia["lastReported"] == "2024-01-10"
    [evidence] = russia["evidence"]
    assert evidence["sentence"] == "Russia backs the Syrian government."
    assert (evidence["start"], evidence["trigger"]) == (0, "backs")
    assert evidence["end"] - evidence["start"] == len(evidence["sentence"])
    assert evidence["article"] == {
        "id": "a1",
        "title": "Report a1",
        "url": "https://example.org/a1",
        "published": "2024-01-10",
    }
    assert data["denied"]["edges"] == [{"node": {"source": {"id": IRAN}, "target": {"id": HTS}}}]
    assert sorted(e["node"]["kind"] for e in data["strong"]["edges"]) == ["BACKS", "LEADS"]
    assert data["fromIran"]["totalCount"] == 2
    assert sorted(e["node"]["kind"] for e in data["toSyria"]["edges"]) == [
        "BACKS",
        "FIGHTS",
        "LEADS",
    ]
    assert data["early"]["totalCount"] == 2


async def test_supporters_follow_chains_of_backing(seeded: Api) -> None:
    data = await seeded.data(
        """query($id: ID!) {
             all: supporters(of: $id) { length nodes { id } edges { kind source { id } } }
             direct: supporters(of: $id, depth: 1) { nodes { id } }
             before: supporters(of: $id, asOf: "2024-02-15") { nodes { id } } }""",
        {"id": SYRIA},
    )
    chains = {tuple(n["id"] for n in p["nodes"]) for p in data["all"]}
    assert any(set(c) == {BELARUS, RUSSIA, SYRIA} for c in chains), chains
    assert all(e["kind"] == "BACKS" for p in data["all"] for e in p["edges"])
    assert all(p["length"] == len(p["edges"]) == len(p["nodes"]) - 1 for p in data["all"])
    direct = {n["id"] for p in data["direct"] for n in p["nodes"]}
    assert direct == {RUSSIA, IRAN, SYRIA}
    before = {n["id"] for p in data["before"] for n in p["nodes"]}
    assert BELARUS not in before and RUSSIA in before


async def test_who_supports_whom_both_directions(seeded: Api) -> None:
    data = await seeded.data(
        """query($id: ID!) {
             backed: whoSupportsWhom(actor: $id, direction: OUT) { nodes { id } }
             backers: whoSupportsWhom(actor: $id, direction: IN, depth: 1) { nodes { id } } }""",
        {"id": RUSSIA},
    )
    assert SYRIA in {n["id"] for p in data["backed"] for n in p["nodes"]}
    assert {n["id"] for p in data["backers"] for n in p["nodes"]} == {BELARUS, RUSSIA}


async def test_paths_between_two_actors(seeded: Api) -> None:
    data = await seeded.data(
        """query($a: ID!, $b: ID!) {
             any: paths(from: $a, to: $b) { length nodes { id } edges { kind } }
             short: paths(from: $a, to: $b, shortest: true) { length }
             backs: paths(from: $a, to: $b, kinds: [BACKS], maxLength: 2) { length } }""",
        {"a": BELARUS, "b": SYRIA},
    )
    assert data["any"], "Belarus reaches Syria through Russia"
    for path in data["any"]:
        assert path["nodes"][0]["id"] == BELARUS and path["nodes"][-1]["id"] == SYRIA
        assert path["length"] == len(path["edges"]) <= 4
    assert {p["length"] for p in data["short"]} == {2}
    assert data["backs"] and all(p["length"] == 2 for p in data["backs"])


async def test_neighbourhood(seeded: Api) -> None:
    data = await seeded.data(
        """query($id: ID!) {
             one: neighbourhood(id: $id) { nodes { id } edges { kind } }
             backs: neighbourhood(id: $id, kinds: [BACKS]) { nodes { id } }
             two: neighbourhood(id: $id, depth: 2) { nodes { id } } }""",
        {"id": RUSSIA},
    )
    assert {n["id"] for n in data["one"]["nodes"]} == {RUSSIA, SYRIA, IDLIB, BELARUS}
    assert {n["id"] for n in data["backs"]["nodes"]} == {RUSSIA, SYRIA, BELARUS}
    assert {n["id"] for n in data["two"]["nodes"]} >= {IRAN, HTS, ASSAD}


async def test_neighbourhood_first_keeps_the_nearest_and_says_it_truncated(seeded: Api) -> None:
    data = await seeded.data(
        """query($id: ID!) {
             all: neighbourhood(id: $id, depth: 2) { nodes { id } truncated }
             near: neighbourhood(id: $id, depth: 2, first: 4) { ...Sub }
             alone: neighbourhood(id: $id, depth: 2, first: 1) { ...Sub }
           }
           fragment Sub on Subgraph { nodes { id } edges { id } truncated
           }""",
        {"id": RUSSIA},
    )
    assert data["all"]["truncated"] is False and len(data["all"]["nodes"]) > 4
    # Russia and its three neighbours one hop away; the two-hop actors are left out
    assert {n["id"] for n in data["near"]["nodes"]} == {RUSSIA, SYRIA, IDLIB, BELARUS}
    assert data["near"]["truncated"] is True
    assert data["alone"] == {"nodes": [{"id": RUSSIA}], "edges": [], "truncated": True}
    status, body = await seeded.post(
        f'{{ neighbourhood(id: "{RUSSIA}", first: 0) {{ truncated }} }}'
    )
    assert status == 200 and body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_graph_whole_and_first_n(seeded: Api) -> None:
    data = await seeded.data(
        """{ all: graph { nodes { id } edges { id source { id } target { id } } truncated }
             two: graph(first: 2) { nodes { id } edges { source { id } target { id } } truncated }
             backs: graph(kinds: [BACKS], minConfidence: 0.75) { edges { source { id } } } }"""
    )
    assert len(data["all"]["edges"]) == 8 and len(data["all"]["nodes"]) == 7
    assert len(data["two"]["edges"]) == 2
    assert (data["all"]["truncated"], data["two"]["truncated"]) == (False, True)
    ends = {e[end]["id"] for e in data["two"]["edges"] for end in ("source", "target")}
    assert {n["id"] for n in data["two"]["nodes"]} == ends
    assert sorted(e["source"]["id"] for e in data["backs"]["edges"]) == sorted([RUSSIA, IRAN])


async def test_articles_and_stats(seeded: Api) -> None:
    data = await seeded.data(
        """{ articles { totalCount
               edges { node { id title url published ingestedAt relationCount } } }
             stats { articles actors relations evidence
                     actorsByKind { kind count } relationsByKind { kind count } } }"""
    )
    nodes = {e["node"]["id"]: e["node"] for e in data["articles"]["edges"]}
    assert data["articles"]["totalCount"] == 3 and set(nodes) == {"a1", "a2", "a3"}
    assert nodes["a2"]["relationCount"] == 3 and nodes["a2"]["published"] == "2024-02-01"
    assert nodes["a1"]["ingestedAt"]
    stats = data["stats"]
    assert (stats["articles"], stats["actors"], stats["relations"], stats["evidence"]) == (
        3,
        7,
        8,
        8,
    )
    by_kind = {k["kind"]: k["count"] for k in stats["relationsByKind"]}
    assert by_kind["BACKS"] == 4 and sum(by_kind.values()) == 8
    assert sum(k["count"] for k in stats["actorsByKind"]) == 7


async def test_empty_store_answers_every_list_with_nothing(api: Api) -> None:
    data = await api.data(
        """{ actors { totalCount edges { cursor } pageInfo { hasNextPage endCursor } }
             relations { totalCount } articles { totalCount } graph { nodes { id } }
             stats { articles actors relations } }"""
    )
    assert data["actors"] == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {"hasNextPage": False, "endCursor": None},
    }
    assert data["relations"]["totalCount"] == data["articles"]["totalCount"] == 0
    assert data["graph"]["nodes"] == []
    assert data["stats"] == {"articles": 0, "actors": 0, "relations": 0}
