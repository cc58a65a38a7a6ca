"""An in-memory graph that answers the Neo4j store's statements, by name, as Cypher would.

No Neo4j server runs here. The statements themselves are checked by the Cypher linter; this
driver checks everything around them: the order the store runs them in, what it makes of their
rows, how ingest, retraction, curation and undo fit together. Each statement of
:mod:`graph.stores.neo4j.cypher` is recognised by its exact text (with the arguments its builder was
given) and carried out here on plain dictionaries, following what its Cypher says. A statement
it does not know fails the test. Transactions roll back on error, as Neo4j's do.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.model import RelationKind
from graph.stores.base import Direction
from graph.stores.neo4j import cypher

from .cypher_catalog import every_call

__all__ = ["EmulatedDriver"]

Row = dict[str, Any]
_CALLS = every_call()
_EVIDENCE_ORDER = [f for f in cypher.EVIDENCE_FIELDS]


@dataclass
class Graph:
    actors: dict[str, Row] = field(default_factory=dict)
    rels: dict[str, Row] = field(default_factory=dict)  # id -> props with type, source, target
    articles: dict[str, Row] = field(default_factory=dict)
    mentions: list[Row] = field(default_factory=list)
    evidence: dict[str, Row] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    splits: dict[tuple[str, str], str] = field(default_factory=dict)
    curations: dict[str, Row] = field(default_factory=dict)
    counter: int = 0


def _types(kinds: frozenset[RelationKind] | None) -> set[str]:
    return {k.value for k in (kinds if kinds is not None else RelationKind)}


def _passes(r: Row, p: Row, ends: bool) -> bool:
    first, last = r.get("first_reported"), r.get("last_reported")
    return not (
        (p["modalities"] is not None and r["modality"] not in p["modalities"])
        or (p["since"] is not None and (last is None or last < p["since"]))
        or (p["until"] is not None and (first is None or first > p["until"]))
        or (p["as_of"] is not None and (first is None or first > p["as_of"]))
        or (p["min_confidence"] is not None and r["confidence"] < p["min_confidence"])
        or (ends and p["source"] is not None and r["source"] != p["source"])
        or (ends and p["target"] is not None and r["target"] != p["target"])
    )


def _walkable(r: Row, p: Row) -> bool:
    first = r.get("first_reported")
    return r["modality"] in p["modalities"] and (
        p["as_of"] is None or (first is not None and first <= p["as_of"])
    )


def _project(row: Row | None, fields: tuple[str, ...]) -> Row:
    return {f: copy.deepcopy((row or {}).get(f)) for f in fields}


class Emulator:
    """Carries out one statement on a :class:`Graph`."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def run(self, text: str, params: Row) -> list[Row]:
        if text not in _CALLS:
            raise AssertionError(f"a statement cypher.py does not make:\n{text}")
        name, kwargs = _CALLS[text]
        handler: Callable[..., list[Row]] = getattr(self, f"do_{name}")
        return copy.deepcopy(handler(params, **kwargs))

    # -- helpers -------------------------------------------------------------------------

    def _relation(self, r: Row) -> Row:
        evidence = [_project(self.g.evidence[i], cypher.EVIDENCE_FIELDS)
                    for i in r.get("evidence_ids", []) if i in self.g.evidence]  # fmt: skip
        return {"id": r["id"], "modality": r["modality"], "confidence": r["confidence"],
                "first_reported": r.get("first_reported"), "last_reported": r.get("last_reported"),
                "kind": r["type"], "source": r["source"], "target": r["target"],
                "evidence": evidence}  # fmt: skip

    def _actor(self, a: Row) -> Row:
        return _project(a, cypher.ACTOR_FIELDS)

    def _bare(self, actor_id: str) -> bool:
        return not any(m["actor_id"] == actor_id for m in self.g.mentions) and not any(
            actor_id in (r["source"], r["target"]) for r in self.g.rels.values()
        )

    def _steps(self, node: str, direction: Direction, types: set[str]) -> Iterator[tuple[Row, str]]:
        for r in sorted(self.g.rels.values(), key=lambda r: r["id"]):
            if r["type"] not in types:
                continue
            if direction is not Direction.IN and r["source"] == node:
                yield r, r["target"]
            elif direction is not Direction.OUT and r["target"] == node:
                yield r, r["source"]

    def _trails(
        self, start: str, direction: Direction, types: set[str], hops: int,
        keep: Callable[[Row], bool],
    ) -> Iterator[tuple[list[str], list[Row]]]:  # fmt: skip
        """Variable-length matches: walks that never reuse a relationship."""

        def extend(nodes: list[str], rels: list[Row]) -> Iterator[tuple[list[str], list[Row]]]:
            if rels:
                yield nodes, rels
            if len(rels) == hops:
                return
            for r, nxt in self._steps(nodes[-1], direction, types):
                if keep(r) and all(r is not used for used in rels):
                    yield from extend([*nodes, nxt], [*rels, r])

        if start in self.g.actors:
            yield from extend([start], [])

    @staticmethod
    def _path_rows(found: list[tuple[list[str], list[Row]]], limit: int) -> list[Row]:
        rows = [
            {"actor_ids": nodes, "relation_ids": [r["id"] for r in rels],
             "relation_sources": [r["source"] for r in rels]}
            for nodes, rels in found
        ]  # fmt: skip
        rows.sort(key=lambda w: (len(w["relation_ids"]), w["actor_ids"], w["relation_ids"]))
        return rows[:limit]

    # -- schema and lifecycle ------------------------------------------------------------

    def do_schema(self, p: Row) -> list[Row]:
        return []

    def do_PING(self, p: Row) -> list[Row]:
        return [{"ok": 1}]

    def do_PROBE_SHORTEST_PATH(self, p: Row) -> list[Row]:
        return [{"hops": 2}]  # Neo4j's answer: the search keeps to the WHERE

    def do_PROBE_LONG_SKIP(self, p: Row) -> list[Row]:
        return [{"x": x} for x in [1, 2][p["skip"] :]]

    # -- ingest and retract --------------------------------------------------------------

    def do_ARTICLE_HASHES(self, p: Row) -> list[Row]:
        return [{"id": i, "content_hash": self.g.articles[i]["content_hash"]}
                for i in p["ids"] if i in self.g.articles]  # fmt: skip

    def do_RETRACT_MENTIONS(self, p: Row) -> list[Row]:
        gone = [m for m in self.g.mentions if m["article_id"] in p["ids"]]
        self.g.mentions = [m for m in self.g.mentions if m["article_id"] not in p["ids"]]
        return [{"actor_id": a} for a in dict.fromkeys(m["actor_id"] for m in gone)]

    def do_RETRACT_EVIDENCE(self, p: Row) -> list[Row]:
        facts: list[Row] = []
        for eid, e in list(self.g.evidence.items()):
            if e["article_id"] in p["ids"]:
                del self.g.evidence[eid]
                fact = _project(e, ("relation_id", "source", "target", "kind", "modality"))
                if fact not in facts:
                    facts.append(fact)
        return [{"fact": f} for f in facts]

    def do_DELETE_ARTICLES(self, p: Row) -> list[Row]:
        for i in p["ids"]:
            self.g.articles.pop(i, None)
            self.g.mentions = [m for m in self.g.mentions if m["article_id"] != i]
            self.g.evidence = {k: e for k, e in self.g.evidence.items() if e["article_id"] != i}
        return []

    def do_UPSERT_ARTICLES(self, p: Row) -> list[Row]:
        for row in p["rows"]:
            self.g.articles[row["id"]] = dict(row)
        return []

    def do_REDIRECTS(self, p: Row) -> list[Row]:
        return [{"from_id": f, "to_id": t} for f, t in self.g.redirects.items()]

    def do_SPLIT_RULES(self, p: Row) -> list[Row]:
        return [{"from_id": f, "key": k, "to_id": t} for (f, k), t in self.g.splits.items()]

    def _create_actor(self, row: Row, kind: Any) -> Row:
        actor = {"label": cypher.kind_label(kind), "id": row["id"], "mentions": 0, "aliases": [],
                 "search_keys": [row["name_key"]], "search_text": row["name_key"]}  # fmt: skip
        self.g.actors[row["id"]] = actor
        return actor

    def do_ensure_actors(self, p: Row, kind: Any) -> list[Row]:
        for row in p["rows"]:
            actor = self.g.actors.get(row["id"])
            if actor is None:
                actor = self._create_actor(row, kind)
                actor.update(name=row["name"], name_key=row["name_key"], kind=row["kind"],
                             curated_aliases=[])  # fmt: skip
            if actor.get("geonames_id") is None and row["geonames_id"] is not None:
                for f in ("geonames_id", "latitude", "longitude", "country_code"):
                    actor[f] = row[f]
        return []

    def do_CREATE_MENTIONS(self, p: Row) -> list[Row]:
        for row in p["rows"]:
            if row["article_id"] in self.g.articles and row["actor_id"] in self.g.actors:
                self.g.mentions.append(dict(row))
        return []

    def do_CREATE_EVIDENCE(self, p: Row) -> list[Row]:
        for row in p["rows"]:
            if row["article_id"] in self.g.articles:
                assert row["id"] not in self.g.evidence, "Evidence.id is unique"
                self.g.evidence[row["id"]] = dict(row)
        return []

    def do_refresh_relations(self, p: Row, kind: RelationKind) -> list[Row]:
        for row in p["rows"]:
            evs = [e for e in self.g.evidence.values() if e["relation_id"] == row["id"]]
            evs.sort(key=lambda e: [(e[f] is None, e[f] or 0) for f in _EVIDENCE_ORDER])
            existing = self.g.rels.get(row["id"])
            if not evs:
                if existing is not None and existing["type"] == kind.value:
                    del self.g.rels[row["id"]]
                continue
            if existing is None:
                if row["source"] not in self.g.actors or row["target"] not in self.g.actors:
                    continue
                existing = self.g.rels[row["id"]] = {"id": row["id"], "type": kind.value,
                                                     "source": row["source"],
                                                     "target": row["target"]}  # fmt: skip
            dates = [e["published"] for e in evs if e.get("published") is not None]
            existing.update(
                modality=row["modality"], confidence=max(e["confidence"] for e in evs),
                first_reported=min(dates, default=None), last_reported=max(dates, default=None),
                article_count=len({e["article_id"] for e in evs}), evidence_count=len(evs),
                evidence_ids=[e["id"] for e in evs],
            )  # fmt: skip
        return []

    def do_ACTOR_FACTS(self, p: Row) -> list[Row]:
        rows = []
        for i in p["ids"]:
            if (a := self.g.actors.get(i)) is None:
                continue
            own = [m for m in self.g.mentions if m["actor_id"] == i]
            names = list(dict.fromkeys(n for m in own for n in [m["name"], *m["aliases"]]))
            rows.append({
                "id": i, "name_key": a.get("name_key"), "curated_aliases": a.get("curated_aliases"),
                "mentions": sum(m["mentions"] for m in own), "names": names,
                "split_keys": [k for (f, k) in self.g.splits if f == i],
            })  # fmt: skip
        return rows

    def do_SET_ACTOR_TOTALS(self, p: Row) -> list[Row]:
        for row in p["rows"]:
            if (a := self.g.actors.get(row["id"])) is not None:
                a.update({k: v for k, v in row.items() if k != "id"})
        return []

    def do_COLLECT_GARBAGE(self, p: Row) -> list[Row]:
        gone = []
        for i in p["ids"]:
            if i in self.g.actors and self._bare(i):
                del self.g.actors[i]
                self.g.redirects = {f: t for f, t in self.g.redirects.items() if t != i}
                self.g.splits = {k: t for k, t in self.g.splits.items() if i not in (k[0], t)}
                gone.append({"actor_id": i})
        return gone

    # -- curation ------------------------------------------------------------------------

    def do_ACTOR_RECORDS(self, p: Row) -> list[Row]:
        return [{"record": _project(self.g.actors[i], cypher.RECORD_FIELDS)}
                for i in p["ids"] if i in self.g.actors]  # fmt: skip

    def do_REDIRECTS_TOUCHING(self, p: Row) -> list[Row]:
        found = [{"from_id": f, "to_id": t} for f, t in self.g.redirects.items()
                 if f in p["ids"] or t in p["ids"]]  # fmt: skip
        return sorted(found, key=lambda r: (r["from_id"], r["to_id"]))

    def do_SPLITS_TOUCHING(self, p: Row) -> list[Row]:
        found = [{"from_id": f, "key": k, "to_id": t} for (f, k), t in self.g.splits.items()
                 if f in p["ids"] or t in p["ids"]]  # fmt: skip
        return sorted(found, key=lambda r: (r["from_id"], r["key"]))

    def do_DELETE_REDIRECTS_TOUCHING(self, p: Row) -> list[Row]:
        self.g.redirects = {f: t for f, t in self.g.redirects.items()
                            if f not in p["ids"] and t not in p["ids"]}  # fmt: skip
        return []

    def do_DELETE_SPLITS_TOUCHING(self, p: Row) -> list[Row]:
        self.g.splits = {k: t for k, t in self.g.splits.items()
                         if k[0] not in p["ids"] and t not in p["ids"]}  # fmt: skip
        return []

    def do_PUT_REDIRECTS(self, p: Row) -> list[Row]:
        self.g.redirects.update({r["from_id"]: r["to_id"] for r in p["rows"]})
        return []

    def do_PUT_SPLITS(self, p: Row) -> list[Row]:
        self.g.splits.update({(r["from_id"], r["key"]): r["to_id"] for r in p["rows"]})
        return []

    def do_restore_actors(self, p: Row, kind: Any) -> list[Row]:
        for row in p["rows"]:
            actor = self.g.actors.get(row["id"]) or self._create_actor(row, kind)
            actor.update({f: row[f] for f in cypher.RECORD_FIELDS if f != "id"})
        return []

    def do_DROP_BARE_ACTORS(self, p: Row) -> list[Row]:
        for i in p["ids"]:
            if i in self.g.actors and self._bare(i):
                del self.g.actors[i]
        return []

    def do_MENTIONS_ON(self, p: Row) -> list[Row]:
        return [{"article_id": m["article_id"], "origin_id": m["origin_id"], "actor_id": i,
                 "name": m["name"]} for i in p["ids"] for m in self.g.mentions
                if m["actor_id"] == i]  # fmt: skip

    def do_MOVE_MENTIONS(self, p: Row) -> list[Row]:
        for row in p["rows"]:
            if row["actor_id"] not in self.g.actors:
                continue
            for m in self.g.mentions:
                if (m["article_id"], m["origin_id"]) == (row["article_id"], row["origin_id"]):
                    m["actor_id"] = row["actor_id"]
        return []

    def do_EVIDENCE_ON(self, p: Row) -> list[Row]:
        found: list[Row] = []
        for i in p["ids"]:
            for e in self.g.evidence.values():
                fact = _project(e, cypher.FACT_FIELDS)
                if i in (e["source"], e["target"]) and fact not in found:
                    found.append(fact)
        return [{"fact": f} for f in found]

    def do_MOVE_EVIDENCE(self, p: Row) -> list[Row]:
        for row in p["rows"]:
            if (e := self.g.evidence.get(row["id"])) is not None:
                e.update(relation_id=row["relation_id"], source=row["source"],
                         target=row["target"])  # fmt: skip
        return []

    def do_NEXT_CURATION_SEQ(self, p: Row) -> list[Row]:
        self.g.counter += 1
        return [{"seq": self.g.counter}]

    def do_CREATE_CURATION(self, p: Row) -> list[Row]:
        assert p["id"] not in self.g.curations, "Curation.id is unique"
        self.g.curations[p["id"]] = {**p, "undone": False}
        return []

    def do_CURATION_BY_ID(self, p: Row) -> list[Row]:
        found = self.g.curations.get(p["id"])
        return [] if found is None else [{"curation": dict(found)}]

    def do_LATER_CURATIONS(self, p: Row) -> list[Row]:
        later = sorted((c for c in self.g.curations.values()
                        if c["seq"] > p["seq"] and not c["undone"] and c["action"] != "undo"),
                       key=lambda c: c["seq"])  # fmt: skip
        return [{"id": c["id"], "actors": c["actors"]} for c in later]

    def do_MARK_UNDONE(self, p: Row) -> list[Row]:
        self.g.curations[p["id"]]["undone"] = True
        return []

    def do_CURATION_LOG(self, p: Row) -> list[Row]:
        newest = sorted(self.g.curations.values(), key=lambda c: -c["seq"])[: p["limit"]]
        return [{"curation": dict(c)} for c in newest]

    # -- reads ---------------------------------------------------------------------------

    def do_ACTORS_BY_ID(self, p: Row) -> list[Row]:
        rows = []
        for wanted in p["ids"]:
            actor = self.g.actors.get(self.g.redirects.get(wanted, wanted))
            if actor is not None:
                rows.append({"wanted": wanted, "actor": self._actor(actor)})
        return rows

    def do_ACTORS_EXACT(self, p: Row) -> list[Row]:
        return [{"actor": self._actor(self.g.actors[i])} for i in p["ids"] if i in self.g.actors]

    def _searched(self, p: Row, by_text: bool, by_kind: bool) -> list[Row]:
        return [a for a in self.g.actors.values()
                if (not by_text or p["query"] in a["search_text"])
                and (not by_kind or a["kind"] == p["kind"])]  # fmt: skip

    def do_search_actors(self, p: Row, by_text: bool, by_kind: bool) -> list[Row]:
        found = self._searched(p, by_text, by_kind)
        found.sort(key=lambda a: (not (by_text and p["query"] in a["search_keys"]),
                                  -a["mentions"], a["id"]))  # fmt: skip
        return [{"actor": self._actor(a)} for a in found[p["offset"] :][: p["limit"]]]

    def do_count_actors(self, p: Row, by_text: bool, by_kind: bool) -> list[Row]:
        return [{"n": len(self._searched(p, by_text, by_kind))}]

    def _anchored(self, p: Row, kinds: Any, anchor: cypher.Anchor) -> list[Row]:
        ends = {"source": None, "target": None}
        if anchor in (cypher.Anchor.SOURCE, cypher.Anchor.BOTH):
            ends["source"] = p["source"]
        if anchor in (cypher.Anchor.TARGET, cypher.Anchor.BOTH):
            ends["target"] = p["target"]
        return sorted((r for r in self.g.rels.values()
                       if r["type"] in _types(kinds) and _passes(r, {**p, **ends}, True)),
                      key=lambda r: r["id"])  # fmt: skip

    def do_relations(self, p: Row, kinds: Any, anchor: cypher.Anchor) -> list[Row]:
        page = self._anchored(p, kinds, anchor)[p["offset"] :][: p["limit"]]
        return [{"relation": self._relation(r)} for r in page]

    def do_count_relations(self, p: Row, kinds: Any, anchor: cypher.Anchor) -> list[Row]:
        return [{"n": len(self._anchored(p, kinds, anchor))}]

    def do_relations_of(self, p: Row, kinds: Any, direction: Direction) -> list[Row]:
        rows = []
        for actor_id in p["ids"]:
            seen = {r["id"]: r for r, _ in self._steps(actor_id, direction, _types(kinds))
                    if actor_id in self.g.actors and _passes(r, p, True)}  # fmt: skip
            rows += [{"actor_id": actor_id, "relation": self._relation(r)} for r in seen.values()]
        return sorted(rows, key=lambda row: row["relation"]["id"])

    def do_relations_among(self, p: Row, kinds: Any) -> list[Row]:
        found = [
            r for r in self.g.rels.values()
            if r["type"] in _types(kinds) and r["source"] in p["ids"]
            and r["target"] in p["ids"] and _passes(r, p, True)
        ]  # fmt: skip
        return [{"relation": self._relation(r)} for r in sorted(found, key=lambda r: r["id"])]

    def do_RELATIONS_BY_REF(self, p: Row) -> list[Row]:
        found = [self.g.rels[ref["id"]] for ref in p["refs"] if ref["id"] in self.g.rels
                 and self.g.rels[ref["id"]]["source"] == ref["source"]]  # fmt: skip
        return [{"relation": self._relation(r)} for r in sorted(found, key=lambda r: r["id"])]

    def do_neighbourhood(self, p: Row, kinds: Any, depth: int, limited: bool) -> list[Row]:
        trails = self._trails(p["actor_id"], Direction.BOTH, _types(kinds), depth,
                              lambda r: _passes(r, p, True))  # fmt: skip
        hops: dict[str, int] = {}
        for nodes, rels in trails:
            if nodes[-1] != p["actor_id"]:  # WHERE x <> c
                hops[nodes[-1]] = min(hops.get(nodes[-1], len(rels)), len(rels))
        ranked = sorted(hops, key=lambda x: (hops[x], x))  # ORDER BY hops, actor_id
        return [{"actor_id": x} for x in (ranked[: p["limit"]] if limited else ranked)]  # LIMIT

    def do_paths(
        self, p: Row, kinds: Any, direction: Direction, shortest: bool, max_length: int
    ) -> list[Row]:
        keep: Callable[[Row], bool] = lambda r: _walkable(r, p)  # noqa: E731
        trails = self._trails(p["source"], direction, _types(kinds), max_length, keep)
        found = [
            (nodes, rels) for nodes, rels in trails
            if nodes[-1] == p["target"] and len(set(nodes)) == len(nodes)
        ]  # fmt: skip
        if shortest and found:
            least = min(len(rels) for _, rels in found)
            found = [(n, r) for n, r in found if len(r) == least]
        return self._path_rows(found, p["limit"])

    def do_supporters(self, p: Row, direction: Direction, depth: int) -> list[Row]:
        ways = [Direction.IN, Direction.OUT] if direction is Direction.BOTH else [direction]
        found = [(nodes, rels) for way in ways
                 for nodes, rels in self._trails(p["actor_id"], way, {"BACKS"}, depth,
                                                 lambda r: _walkable(r, p))
                 if len(set(nodes)) == len(nodes)]  # fmt: skip
        return self._path_rows(found, p["limit"])

    def _article(self, a: Row) -> Row:
        relations = {
            e["relation_id"] for e in self.g.evidence.values() if e["article_id"] == a["id"]
        }
        return {**_project(a, ("id", "title", "url", "published", "content_hash", "ingested_at")),
                "relations": len(relations)}  # fmt: skip

    def do_ARTICLES(self, p: Row) -> list[Row]:
        ordered = sorted(self.g.articles.values(), key=lambda a: a["id"])
        return [{"article": self._article(a)} for a in ordered[p["offset"] :][: p["limit"]]]

    def do_ARTICLE_BY_ID(self, p: Row) -> list[Row]:
        found = self.g.articles.get(p["id"])
        return [] if found is None else [{"article": self._article(found)}]

    def do_COUNT_ARTICLES(self, p: Row) -> list[Row]:
        return [{"n": len(self.g.articles)}]

    def do_COUNTS(self, p: Row) -> list[Row]:
        return [{"articles": len(self.g.articles), "actors": len(self.g.actors),
                 "relations": len(self.g.rels), "evidence": len(self.g.evidence)}]  # fmt: skip

    def do_ACTORS_BY_KIND(self, p: Row) -> list[Row]:
        kinds = sorted({a["kind"] for a in self.g.actors.values()})
        return [
            {"kind": k, "n": sum(a["kind"] == k for a in self.g.actors.values())} for k in kinds
        ]

    def do_RELATIONS_BY_KIND(self, p: Row) -> list[Row]:
        kinds = sorted({r["type"] for r in self.g.rels.values()})
        return [{"kind": k, "n": sum(r["type"] == k for r in self.g.rels.values())} for k in kinds]

    def do_ALL_ACTORS(self, p: Row) -> list[Row]:
        return [{"actor": self._actor(self.g.actors[i])} for i in sorted(self.g.actors)]

    def do_ALL_RELATIONS(self, p: Row) -> list[Row]:
        return [{"relation": self._relation(self.g.rels[i])} for i in sorted(self.g.rels)]


class _Record:
    def __init__(self, row: Row) -> None:
        self._row = row

    def data(self) -> Row:
        return self._row


class _Result:
    def __init__(self, rows: list[Row]) -> None:
        self._rows = rows

    async def __aiter__(self) -> AsyncIterator[_Record]:
        for row in self._rows:
            yield _Record(row)


class _Tx:
    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    async def run(self, text: str, parameters: Row | None = None) -> _Result:
        return _Result(self._emulator.run(text, dict(parameters or {})))


class _Session:
    def __init__(self, driver: EmulatedDriver) -> None:
        self._driver = driver

    async def __aenter__(self) -> _Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def _execute(self, work: Callable[[_Tx], Awaitable[Any]]) -> Any:
        saved = copy.deepcopy(self._driver.graph)
        try:
            return await work(_Tx(Emulator(self._driver.graph)))
        except BaseException:
            self._driver.graph = saved  # a failed transaction leaves nothing behind
            raise

    execute_read = _execute
    execute_write = _execute


@dataclass
class EmulatedDriver:
    """Stands in for ``neo4j.AsyncDriver`` with an in-memory graph."""

    graph: Graph = field(default_factory=Graph)

    def session(self, **config: Any) -> _Session:
        return _Session(self)

    async def verify_connectivity(self, **config: Any) -> None:
        return None

    async def close(self) -> None:
        return None
