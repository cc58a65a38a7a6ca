"""Every Cypher statement the Neo4j store runs, as named constants and builders.

Labels, relationship types and variable-length bounds cannot be Cypher parameters, so builders
take them only as members of the closed enums (:class:`ActorKind`, :class:`RelationKind`,
:class:`Direction`, :class:`Anchor`) or as validated small integers; everything a user typed
travels as a ``$parameter``. Each :class:`Query` lists the parameters its text uses, so the
store can check it was handed exactly those. The graph these statements read and write is
described in :mod:`graph.stores.neo4j.store`.

>>> q = relations(frozenset({RelationKind.BACKS}), Anchor.SOURCE)
>>> q.name, "-[r:BACKS]->" in q.text, "source" in q.params
('relations', True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from graph.errors import BadInputError
from graph.model import ActorKind, RelationKind
from graph.stores.base import Direction

__all__ = [
    "ACTORS_BY_ID",
    "ACTORS_BY_KIND",
    "ACTORS_EXACT",
    "ACTOR_FACTS",
    "ACTOR_FIELDS",
    "ACTOR_RECORDS",
    "ALL_ACTORS",
    "ALL_RELATIONS",
    "ARTICLES",
    "ARTICLE_BY_ID",
    "ARTICLE_HASHES",
    "COLLECT_GARBAGE",
    "COUNTS",
    "COUNT_ARTICLES",
    "CREATE_CURATION",
    "CREATE_EVIDENCE",
    "CREATE_MENTIONS",
    "CURATION_BY_ID",
    "CURATION_LOG",
    "DELETE_ARTICLES",
    "DELETE_REDIRECTS_TOUCHING",
    "DELETE_SPLITS_TOUCHING",
    "DROP_BARE_ACTORS",
    "EVIDENCE_FIELDS",
    "EVIDENCE_ON",
    "FACT_FIELDS",
    "KIND_LABELS",
    "LABELS",
    "LATER_CURATIONS",
    "MARK_UNDONE",
    "MAX_DEPTH",
    "MENTIONS_ON",
    "MOVE_EVIDENCE",
    "MOVE_MENTIONS",
    "NEXT_CURATION_SEQ",
    "PING",
    "PROBE_LONG_SKIP",
    "PROBE_SHORTEST_PATH",
    "PROPERTY_KEYS",
    "PUT_REDIRECTS",
    "PUT_SPLITS",
    "RECORD_FIELDS",
    "REDIRECTS",
    "REDIRECTS_TOUCHING",
    "RELATIONSHIP_TYPES",
    "RELATIONS_BY_KIND",
    "RELATIONS_BY_REF",
    "RETRACT_EVIDENCE",
    "RETRACT_MENTIONS",
    "SCHEMA",
    "SET_ACTOR_TOTALS",
    "SPLITS_TOUCHING",
    "SPLIT_RULES",
    "UPSERT_ARTICLES",
    "Anchor",
    "Query",
    "arrows",
    "bounded",
    "count_actors",
    "count_relations",
    "ensure_actors",
    "kind_label",
    "neighbourhood",
    "paths",
    "projection",
    "query",
    "refresh_relations",
    "relations",
    "relations_among",
    "relations_of",
    "restore_actors",
    "search_actors",
    "supporters",
    "type_filter",
]

#: The deepest traversal a builder accepts; settings narrow it further for the API.
MAX_DEPTH = 12

KIND_LABELS: dict[ActorKind, str] = {
    ActorKind.FACTION: "Faction",
    ActorKind.STATE: "State",
    ActorKind.CITY: "City",
    ActorKind.REGION: "Region",
    ActorKind.PERSON: "Person",
    ActorKind.ORGANIZATION: "Organization",
    ActorKind.FACILITY: "Facility",
}
# fmt: off
LABELS: tuple[str, ...] = (
    "Actor", *KIND_LABELS.values(), "Article", "Evidence", "Curation", "Redirect", "SplitRule",
    "Counter",
)
RELATIONSHIP_TYPES: tuple[str, ...] = (*(k.value for k in RelationKind), "FROM", "MENTIONS")
#: What an actor read back carries (the ``actor`` projection).
ACTOR_FIELDS: tuple[str, ...] = (
    "id", "name", "kind", "aliases", "mentions", "geonames_id", "latitude", "longitude",
    "country_code",
)
#: An actor's curated record: what a curation may change and its undo puts back.
RECORD_FIELDS: tuple[str, ...] = (
    "id", "name", "name_key", "kind", "geonames_id", "latitude", "longitude", "country_code",
    "curated_aliases",
)
#: What a relation's evidence read back carries.
EVIDENCE_FIELDS: tuple[str, ...] = (
    "article_id", "sentence", "start", "end", "trigger", "source_text", "target_text",
    "extractor_version", "published", "event_start", "event_end", "event_precision", "event_text",
)
#: What re-resolving a piece of evidence after a curation needs.
FACT_FIELDS: tuple[str, ...] = (
    "id", "relation_id", "origin_source", "origin_target", "source", "target", "kind",
    "modality", "source_text", "target_text",
)
#: Every property key a statement reads, for the linter's schema.
PROPERTY_KEYS: tuple[str, ...] = tuple(sorted({
    *ACTOR_FIELDS, *RECORD_FIELDS, *EVIDENCE_FIELDS, *FACT_FIELDS,
    "search_keys", "search_text",  # Actor
    "title", "url", "content_hash", "ingested_at",  # Article
    "confidence", "origin_id",  # Evidence, MENTIONS
    "first_reported", "last_reported", "article_count", "evidence_count", "evidence_ids",
    "from_id", "to_id", "key",  # Redirect, SplitRule
    "seq", "action", "actor_id", "other_id", "detail", "actors", "before", "created_at",
    "undone", "value",  # Curation, Counter
    "walk",  # PROBE_SHORTEST_PATH
}))
# fmt: on

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Query:
    """One statement: ``name`` is the builder that made it, ``params`` the ``$names`` it uses."""

    name: str
    text: str
    params: frozenset[str]


def query(name: str, *lines: str) -> Query:
    """Join the non-empty lines into a statement and collect its parameter names."""
    text = "\n".join(line for line in lines if line)
    return Query(name, text, frozenset(_PARAM.findall(text)))


class Anchor(StrEnum):
    """Which ends of a relation a lookup pins down by actor id (an index seek)."""

    NONE = "none"
    SOURCE = "source"
    TARGET = "target"
    BOTH = "both"


def kind_label(kind: ActorKind) -> str:
    """The node label of an actor kind; only ever a member of the closed enum."""
    return KIND_LABELS[ActorKind(kind)]


def type_filter(kinds: Iterable[RelationKind] | None = None) -> str:
    """``:BACKS|FIGHTS`` for the given kinds, every relation kind for ``None``.

    >>> type_filter([RelationKind.FIGHTS, RelationKind.BACKS])
    ':BACKS|FIGHTS'
    """
    chosen = set(RelationKind) if kinds is None else {RelationKind(k) for k in kinds}
    if not chosen:
        raise BadInputError("at least one relation kind is needed")
    return ":" + "|".join(k.value for k in RelationKind if k in chosen)


def bounded(name: str, value: int, low: int = 1, high: int = MAX_DEPTH) -> int:
    """An integer bound written into a statement: a plain int from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInputError(f"{name} must be an integer from {low} to {high}, not {value!r}")
    return value


def arrows(direction: Direction) -> tuple[str, str]:
    """The pattern around a relationship, read from the start node, for a direction."""
    return {
        Direction.OUT: ("-[", "]->"),
        Direction.IN: ("<-[", "]-"),
        Direction.BOTH: ("-[", "]-"),
    }[Direction(direction)]


def projection(var: str, fields: Iterable[str]) -> str:
    """A map projection such as ``a {.id, .name}``."""
    return f"{var} {{{', '.join('.' + f for f in fields)}}}"


# -- schema --------------------------------------------------------------------------------


def _schema() -> tuple[Query, ...]:
    unique = [
        ("actor_id", "Actor"),
        ("article_id", "Article"),
        ("evidence_id", "Evidence"),
        ("curation_id", "Curation"),
    ]
    statements = [
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for name, label in unique
    ]
    statements += [
        "CREATE CONSTRAINT redirect_from IF NOT EXISTS"
        " FOR (n:Redirect) REQUIRE n.from_id IS UNIQUE",
        "CREATE CONSTRAINT counter_name IF NOT EXISTS FOR (n:Counter) REQUIRE n.name IS UNIQUE",
        # a TEXT index serves `search_text CONTAINS $query`, the match actors(search:) means
        "CREATE TEXT INDEX actor_search IF NOT EXISTS FOR (n:Actor) ON (n.search_text)",
        # a Lucene index matches tokens, not substrings, so no search may use it: databases
        # made by earlier versions lose the one they were given
        "DROP INDEX actor_names IF EXISTS",
        "CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)",
        "CREATE INDEX evidence_relation IF NOT EXISTS FOR (n:Evidence) ON (n.relation_id)",
        "CREATE INDEX evidence_source IF NOT EXISTS FOR (n:Evidence) ON (n.source)",
        "CREATE INDEX evidence_target IF NOT EXISTS FOR (n:Evidence) ON (n.target)",
        "CREATE INDEX redirect_to IF NOT EXISTS FOR (n:Redirect) ON (n.to_id)",
        "CREATE INDEX split_from IF NOT EXISTS FOR (n:SplitRule) ON (n.from_id, n.key)",
        "CREATE INDEX split_to IF NOT EXISTS FOR (n:SplitRule) ON (n.to_id)",
        "CREATE INDEX curation_seq IF NOT EXISTS FOR (n:Curation) ON (n.seq)",
    ]
    statements += [
        f"CREATE INDEX {k.value.lower()}_id IF NOT EXISTS FOR ()-[r:{k.value}]-() ON (r.id)"
        for k in RelationKind
    ]
    return tuple(query("schema", text) for text in statements)


#: Constraints and indexes, each idempotent; run one per transaction when the store opens.
SCHEMA: tuple[Query, ...] = _schema()
PING = query("PING", "RETURN 1 AS ok")
#: Does ``shortestPath`` keep to its ``WHERE`` while it searches (Neo4j), or filter the one
#: path it found afterwards? Three throwaway counters, a direct step that may not be walked
#: and a walkable detour: 2 means the former. Run in a transaction that is rolled back.
PROBE_SHORTEST_PATH = query(
    "PROBE_SHORTEST_PATH",
    "CREATE (s:Counter {name: $names[0]})-[:FROM {walk: false}]->(t:Counter {name: $names[1]}),",
    "    (s)-[:FROM {walk: true}]->(:Counter {name: $names[2]})-[:FROM {walk: true}]->(t)",
    "WITH s, t",
    "MATCH p = shortestPath((s)-[:FROM*1..3]->(t))",
    "WHERE all(r IN relationships(p) WHERE r.walk)",
    "RETURN length(p) AS hops",
)
#: Does ``SKIP`` take a number past 32 bits (Neo4j: nothing comes back), or cut it (a row does)?
PROBE_LONG_SKIP = query("PROBE_LONG_SKIP", "UNWIND [1, 2] AS x", "RETURN x", "SKIP $skip")


# -- fragments -----------------------------------------------------------------------------

#: The scalar part of a RelationFilter, on relationship ``r``; an unset parameter allows all.
#: An undated relation fails every date test (nothing says it was known by then).
_FILTER = (
    "($modalities IS NULL OR r.modality IN $modalities)"
    " AND ($since IS NULL OR coalesce(r.last_reported >= $since, false))"
    " AND ($until IS NULL OR coalesce(r.first_reported <= $until, false))"
    " AND ($as_of IS NULL OR coalesce(r.first_reported <= $as_of, false))"
    " AND ($min_confidence IS NULL OR r.confidence >= $min_confidence)"
)
_ENDS = (
    " AND ($source IS NULL OR startNode(r).id = $source)"
    " AND ($target IS NULL OR endNode(r).id = $target)"
)
#: What paths and supporters may walk: the given (factual) modalities, known by ``$as_of``.
_WALKABLE = (
    "r.modality IN $modalities AND ($as_of IS NULL OR coalesce(r.first_reported <= $as_of, false))"
)
_SIMPLE = "all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))"
_EVIDENCE_ORDER = ", ".join(f"e.{f}" for f in EVIDENCE_FIELDS)
_WITH_EVIDENCE = (
    "CALL (r) {\n"
    "  UNWIND r.evidence_ids AS evidence_id\n"
    "  MATCH (e:Evidence {id: evidence_id})\n"
    f"  RETURN collect({projection('e', EVIDENCE_FIELDS)}) AS evidence\n"
    "}"
)
_RELATION = (
    "r {.id, .modality, .confidence, .first_reported, .last_reported, kind: type(r), "
    "source: startNode(r).id, target: endNode(r).id, evidence: evidence} AS relation"
)
_ACTOR = f"{projection('a', ACTOR_FIELDS)} AS actor"
_PATH_ROW = (
    "WITH [n IN nodes(p) | n.id] AS actor_ids, relationships(p) AS rels\n"
    "RETURN actor_ids, [r IN rels | r.id] AS relation_ids,"
    " [r IN rels | startNode(r).id] AS relation_sources\n"
    "ORDER BY size(relation_ids), actor_ids, relation_ids\n"
    "LIMIT $limit"
)


def _ends_pattern(anchor: Anchor) -> tuple[str, str]:
    anchor = Anchor(anchor)
    source = "{id: $source}" if anchor in (Anchor.SOURCE, Anchor.BOTH) else ""
    target = "{id: $target}" if anchor in (Anchor.TARGET, Anchor.BOTH) else ""
    return f"(:Actor {source})".replace(" )", ")"), f"(:Actor {target})".replace(" )", ")")


# -- reads ---------------------------------------------------------------------------------

ACTORS_BY_ID = query(
    "ACTORS_BY_ID",
    "UNWIND $ids AS wanted",
    "OPTIONAL MATCH (rd:Redirect {from_id: wanted})",
    "WITH wanted, coalesce(rd.to_id, wanted) AS actor_id",
    "MATCH (a:Actor {id: actor_id})",
    f"RETURN wanted, {_ACTOR}",
)
ACTORS_EXACT = query(
    "ACTORS_EXACT", "UNWIND $ids AS actor_id", "MATCH (a:Actor {id: actor_id})", f"RETURN {_ACTOR}"
)


def _actor_where(by_text: bool, by_kind: bool) -> str:
    tests = [
        t
        for t, on in (("a.search_text CONTAINS $query", by_text), ("a.kind = $kind", by_kind))
        if on
    ]
    return f"WHERE {' AND '.join(tests)}" if tests else ""


def search_actors(by_text: bool, by_kind: bool) -> Query:
    """Actors whose folded names contain ``$query``: exact names first, then by mentions, id."""
    exact = "$query IN a.search_keys" if by_text else "false"
    return query(
        "search_actors",
        "MATCH (a:Actor)",
        _actor_where(bool(by_text), bool(by_kind)),
        f"WITH a, {exact} AS exact",
        "ORDER BY exact DESC, a.mentions DESC, a.id",
        "SKIP $offset LIMIT $limit",
        f"RETURN {_ACTOR}",
    )


def count_actors(by_text: bool, by_kind: bool) -> Query:
    return query(
        "count_actors",
        "MATCH (a:Actor)",
        _actor_where(bool(by_text), bool(by_kind)),
        "RETURN count(a) AS n",
    )


def relations(kinds: frozenset[RelationKind] | None, anchor: Anchor) -> Query:
    """A page of relations by id, filtered; ``anchor`` seeks the given ends by id."""
    source, target = _ends_pattern(anchor)
    return query(
        "relations",
        f"MATCH {source}-[r{type_filter(kinds)}]->{target}",
        f"WHERE {_FILTER}",
        "WITH r ORDER BY r.id SKIP $offset LIMIT $limit",
        _WITH_EVIDENCE,
        f"RETURN {_RELATION}",
        "ORDER BY relation.id",
    )


def count_relations(kinds: frozenset[RelationKind] | None, anchor: Anchor) -> Query:
    source, target = _ends_pattern(anchor)
    return query(
        "count_relations",
        f"MATCH {source}-[r{type_filter(kinds)}]->{target}",
        f"WHERE {_FILTER}",
        "RETURN count(r) AS n",
    )


def relations_of(kinds: frozenset[RelationKind] | None, direction: Direction) -> Query:
    """Every listed actor's relations in one statement; a self-loop is listed once."""
    left, right = arrows(direction)
    return query(
        "relations_of",
        "UNWIND $ids AS actor_id",
        f"MATCH (:Actor {{id: actor_id}}){left}r{type_filter(kinds)}{right}(:Actor)",
        f"WHERE {_FILTER}{_ENDS}",
        "WITH DISTINCT actor_id, r",
        _WITH_EVIDENCE,
        f"RETURN actor_id, {_RELATION}",
        "ORDER BY relation.id",
    )


def relations_among(kinds: frozenset[RelationKind] | None) -> Query:
    """The relations (passing the filter) whose both ends are among ``$ids``."""
    return query(
        "relations_among",
        "UNWIND $ids AS actor_id",
        f"MATCH (:Actor {{id: actor_id}})-[r{type_filter(kinds)}]->(b:Actor)",
        f"WHERE b.id IN $ids AND {_FILTER}{_ENDS}",
        _WITH_EVIDENCE,
        f"RETURN {_RELATION}",
        "ORDER BY relation.id",
    )


RELATIONS_BY_REF = query(
    "RELATIONS_BY_REF",
    "UNWIND $refs AS ref",
    f"MATCH (:Actor {{id: ref.source}})-[r{type_filter()}]->(:Actor)",
    "WHERE r.id = ref.id",
    _WITH_EVIDENCE,
    f"RETURN {_RELATION}",
    "ORDER BY relation.id",
)


def neighbourhood(kinds: frozenset[RelationKind] | None, depth: int, limited: bool) -> Query:
    """The ids of the actors at most ``depth`` filtered relations away, either way, nearest
    first (then by id); ``limited``, the first ``$limit`` of them.

    No limit is no ``LIMIT`` clause, not a huge number: some Bolt servers cut ``LIMIT`` to
    32 bits without a word.
    """
    hops = bounded("depth", depth)
    return query(
        "neighbourhood",
        f"MATCH p = (c:Actor {{id: $actor_id}})-[{type_filter(kinds)}*1..{hops}]-(x:Actor)",
        f"WHERE x <> c AND all(r IN relationships(p) WHERE {_FILTER}{_ENDS})",
        "WITH x.id AS actor_id, min(length(p)) AS hops",
        "RETURN actor_id ORDER BY hops, actor_id",
        "LIMIT $limit" if limited else "",
    )


def paths(
    kinds: frozenset[RelationKind] | None, direction: Direction, shortest: bool, max_length: int
) -> Query:
    """Simple paths from ``$source`` to ``$target`` (all, or the shortest), in path order."""
    left, right = arrows(direction)
    hops = bounded("max_length", max_length)
    walk = f"{left}{type_filter(kinds)}*1..{hops}{right}"
    if shortest:
        match = (
            "MATCH p = allShortestPaths("
            f"(s:Actor {{id: $source}}){walk}(t:Actor {{id: $target}}))\n"
            f"WHERE all(r IN relationships(p) WHERE {_WALKABLE})"
        )
    else:
        match = (
            f"MATCH p = (s:Actor {{id: $source}}){walk}(t:Actor {{id: $target}})\n"
            f"WHERE all(r IN relationships(p) WHERE {_WALKABLE}) AND {_SIMPLE}"
        )
    return query("paths", match, _PATH_ROW)


def supporters(direction: Direction, depth: int) -> Query:
    """Simple chains of 1..``depth`` walkable BACKS starting at ``$actor_id``, in path order.

    ``BOTH`` is the chains walked backwards (the backers) and forwards (the backed), never a
    chain that turns round half-way.
    """
    hops = bounded("depth", depth)
    directions = [Direction(direction)]
    if directions[0] is Direction.BOTH:
        directions = [Direction.IN, Direction.OUT]
    branches = []
    for one in directions:
        left, right = arrows(one)
        branches.append(
            f"  MATCH p = (:Actor {{id: $actor_id}}){left}:BACKS*1..{hops}{right}(:Actor)\n"
            f"  WHERE all(r IN relationships(p) WHERE {_WALKABLE}) AND {_SIMPLE}\n"
            "  RETURN p"
        )
    return query("supporters", "CALL () {", "\n  UNION ALL\n".join(branches), "}", _PATH_ROW)


_ARTICLE = (
    "CALL (ar) {\n"
    "  MATCH (e:Evidence)-[:FROM]->(ar)\n"
    "  RETURN count(DISTINCT e.relation_id) AS relations\n"
    "}\n"
    "RETURN ar {.id, .title, .url, .published, .content_hash, .ingested_at, "
    "relations: relations} AS article"
)
ARTICLES = query(
    "ARTICLES",
    "MATCH (ar:Article)",
    "WITH ar ORDER BY ar.id SKIP $offset LIMIT $limit",
    _ARTICLE,
    "ORDER BY article.id",
)
ARTICLE_BY_ID = query("ARTICLE_BY_ID", "MATCH (ar:Article {id: $id})", _ARTICLE)
COUNT_ARTICLES = query("COUNT_ARTICLES", "MATCH (ar:Article)", "RETURN count(ar) AS n")
COUNTS = query(
    "COUNTS",
    "CALL () { MATCH (n:Article) RETURN count(n) AS articles }",
    "CALL () { MATCH (n:Actor) RETURN count(n) AS actors }",
    f"CALL () {{ MATCH ()-[r{type_filter()}]->() RETURN count(r) AS relations }}",
    "CALL () { MATCH (n:Evidence) RETURN count(n) AS evidence }",
    "RETURN articles, actors, relations, evidence",
)
ACTORS_BY_KIND = query(
    "ACTORS_BY_KIND", "MATCH (a:Actor)", "RETURN a.kind AS kind, count(a) AS n ORDER BY kind"
)
RELATIONS_BY_KIND = query(
    "RELATIONS_BY_KIND",
    f"MATCH ()-[r{type_filter()}]->()",
    "RETURN type(r) AS kind, count(r) AS n ORDER BY kind",
)
ALL_ACTORS = query("ALL_ACTORS", "MATCH (a:Actor)", f"RETURN {_ACTOR}", "ORDER BY actor.id")
ALL_RELATIONS = query(
    "ALL_RELATIONS",
    f"MATCH ()-[r{type_filter()}]->()",
    _WITH_EVIDENCE,
    f"RETURN {_RELATION}",
    "ORDER BY relation.id",
)


# -- ingest and retract --------------------------------------------------------------------

ARTICLE_HASHES = query(
    "ARTICLE_HASHES",
    "UNWIND $ids AS article_id",
    "MATCH (ar:Article {id: article_id})",
    "RETURN ar.id AS id, ar.content_hash AS content_hash",
)
RETRACT_MENTIONS = query(
    "RETRACT_MENTIONS",
    "UNWIND $ids AS article_id",
    "MATCH (:Article {id: article_id})-[m:MENTIONS]->(a:Actor)",
    "WITH m, a.id AS actor_id",
    "DELETE m",
    "RETURN DISTINCT actor_id",
)
RETRACT_EVIDENCE = query(
    "RETRACT_EVIDENCE",
    "UNWIND $ids AS article_id",
    "MATCH (e:Evidence)-[:FROM]->(:Article {id: article_id})",
    "WITH e, e {.relation_id, .source, .target, .kind, .modality} AS fact",
    "DETACH DELETE e",
    "RETURN DISTINCT fact",
)
DELETE_ARTICLES = query(
    "DELETE_ARTICLES",
    "UNWIND $ids AS article_id",
    "MATCH (ar:Article {id: article_id})",
    "DETACH DELETE ar",
)
UPSERT_ARTICLES = query(
    "UPSERT_ARTICLES",
    "UNWIND $rows AS row",
    "MERGE (ar:Article {id: row.id})",
    "SET ar.title = row.title, ar.url = row.url, ar.published = row.published,",
    "    ar.content_hash = row.content_hash, ar.ingested_at = row.ingested_at",
)
REDIRECTS = query(
    "REDIRECTS", "MATCH (rd:Redirect)", "RETURN rd.from_id AS from_id, rd.to_id AS to_id"
)
SPLIT_RULES = query(
    "SPLIT_RULES",
    "MATCH (sr:SplitRule)",
    "RETURN sr.from_id AS from_id, sr.key AS key, sr.to_id AS to_id",
)


def _create_missing(kind: ActorKind, *on_create: str) -> tuple[str, ...]:
    """Lines that create, with both labels, the actors of ``row.id`` that do not exist yet.

    An actor that exists is left alone whatever its labels (an article may name, say, a
    state that a curation merged into a faction), as ``MERGE (a:Actor ...) ON CREATE SET
    a:Kind`` would; but the kind label is part of the merged pattern rather than added after
    the merge, which some Bolt servers refuse on a label with a unique constraint.
    """
    return (
        "OPTIONAL MATCH (known:Actor {id: row.id})",
        "CALL (row, known) {",
        "  WITH * WHERE known IS NULL",
        f"  MERGE (a:Actor:{kind_label(kind)} {{id: row.id}})",
        *(f"  {line}" for line in on_create),
        "}",
        "WITH row",
        "MATCH (a:Actor {id: row.id})",
    )


def ensure_actors(kind: ActorKind) -> Query:
    """Create the actors of one kind that are new; fill in a location an actor lacked."""
    return query(
        "ensure_actors",
        "UNWIND $rows AS row",
        *_create_missing(
            kind,
            "ON CREATE SET a.name = row.name, a.name_key = row.name_key,",
            "    a.kind = row.kind, a.mentions = 0, a.aliases = [], a.curated_aliases = [],",
            "    a.search_keys = [row.name_key], a.search_text = row.name_key",
        ),
        "WITH a, row",
        "WHERE a.geonames_id IS NULL AND row.geonames_id IS NOT NULL",
        "SET a.geonames_id = row.geonames_id, a.latitude = row.latitude,",
        "    a.longitude = row.longitude, a.country_code = row.country_code",
    )


CREATE_MENTIONS = query(
    "CREATE_MENTIONS",
    "UNWIND $rows AS row",
    "MATCH (ar:Article {id: row.article_id})",
    "MATCH (a:Actor {id: row.actor_id})",
    "CREATE (ar)-[:MENTIONS {origin_id: row.origin_id, name: row.name, aliases: row.aliases,",
    "    mentions: row.mentions}]->(a)",
)
CREATE_EVIDENCE = query(
    "CREATE_EVIDENCE",
    "UNWIND $rows AS row",
    "MATCH (ar:Article {id: row.article_id})",
    "CREATE (e:Evidence {id: row.id, relation_id: row.relation_id, article_id: row.article_id,",
    "    origin_source: row.origin_source, origin_target: row.origin_target,",
    "    source: row.source, target: row.target, kind: row.kind, modality: row.modality,",
    "    sentence: row.sentence, start: row.start, end: row.end, trigger: row.trigger,",
    "    source_text: row.source_text, target_text: row.target_text,",
    "    extractor_version: row.extractor_version, confidence: row.confidence,",
    "    published: row.published, event_start: row.event_start, event_end: row.event_end,",
    "    event_precision: row.event_precision, event_text: row.event_text})-[:FROM]->(ar)",
)


def refresh_relations(kind: RelationKind) -> Query:
    """Rebuild relations of one kind from their evidence; one left without evidence goes.

    Confidence is the highest of the evidence, the dates the earliest and latest dated
    evidence; ``evidence_ids`` lists the evidence in the order reads return it.
    """
    rel = f"r:{RelationKind(kind).value}"
    return query(
        "refresh_relations",
        "UNWIND $rows AS row",
        "OPTIONAL MATCH (e:Evidence {relation_id: row.id})",
        f"WITH row, e ORDER BY {_EVIDENCE_ORDER}",
        "WITH row, collect(e.id) AS evidence_ids, max(e.confidence) AS confidence,",
        "    min(e.published) AS first_reported, max(e.published) AS last_reported,",
        "    count(DISTINCT e.article_id) AS article_count",
        "CALL (row, evidence_ids, confidence, first_reported, last_reported, article_count) {",
        "  WITH * WHERE size(evidence_ids) > 0",
        "  MATCH (s:Actor {id: row.source})",
        "  MATCH (t:Actor {id: row.target})",
        f"  MERGE (s)-[{rel} {{id: row.id}}]->(t)",
        "  SET r.modality = row.modality, r.confidence = confidence,",
        "      r.first_reported = first_reported, r.last_reported = last_reported,",
        "      r.article_count = article_count, r.evidence_count = size(evidence_ids),",
        "      r.evidence_ids = evidence_ids",
        "}",
        "CALL (row, evidence_ids) {",
        "  WITH * WHERE size(evidence_ids) = 0",
        f"  MATCH ()-[{rel} {{id: row.id}}]->()",
        "  DELETE r",
        "}",
    )


ACTOR_FACTS = query(
    "ACTOR_FACTS",
    "UNWIND $ids AS actor_id",
    "MATCH (a:Actor {id: actor_id})",
    "CALL (a) { MATCH (:Article)-[m:MENTIONS]->(a) RETURN sum(m.mentions) AS mentions }",
    "CALL (a) {",
    "  MATCH (:Article)-[m:MENTIONS]->(a)",
    "  UNWIND [m.name] + m.aliases AS name",
    "  RETURN collect(DISTINCT name) AS names",
    "}",
    "CALL (a) { MATCH (sr:SplitRule {from_id: a.id}) RETURN collect(sr.key) AS split_keys }",
    "RETURN a.id AS id, a.name_key AS name_key, a.curated_aliases AS curated_aliases,",
    "    mentions, names, split_keys",
)
SET_ACTOR_TOTALS = query(
    "SET_ACTOR_TOTALS",
    "UNWIND $rows AS row",
    "MATCH (a:Actor {id: row.id})",
    "SET a.mentions = row.mentions, a.aliases = row.aliases, a.search_keys = row.search_keys,",
    "    a.search_text = row.search_text",
)
_BARE = f"WHERE NOT EXISTS {{ (a)<-[:MENTIONS]-() }} AND NOT EXISTS {{ (a)-[{type_filter()}]-() }}"
COLLECT_GARBAGE = query(
    "COLLECT_GARBAGE",
    "UNWIND $ids AS actor_id",
    "MATCH (a:Actor {id: actor_id})",
    _BARE,
    "DETACH DELETE a",
    "WITH actor_id",
    "CALL (actor_id) { MATCH (rd:Redirect {to_id: actor_id}) DELETE rd }",
    "CALL (actor_id) {",
    "  MATCH (sr:SplitRule) WHERE sr.from_id = actor_id OR sr.to_id = actor_id",
    "  DELETE sr",
    "}",
    "RETURN actor_id",
)


# -- curation ------------------------------------------------------------------------------

ACTOR_RECORDS = query(
    "ACTOR_RECORDS",
    "UNWIND $ids AS actor_id",
    "MATCH (a:Actor {id: actor_id})",
    f"RETURN {projection('a', RECORD_FIELDS)} AS record",
)
REDIRECTS_TOUCHING = query(
    "REDIRECTS_TOUCHING",
    "MATCH (rd:Redirect) WHERE rd.from_id IN $ids OR rd.to_id IN $ids",
    "RETURN rd.from_id AS from_id, rd.to_id AS to_id",
    "ORDER BY from_id, to_id",
)
SPLITS_TOUCHING = query(
    "SPLITS_TOUCHING",
    "MATCH (sr:SplitRule) WHERE sr.from_id IN $ids OR sr.to_id IN $ids",
    "RETURN sr.from_id AS from_id, sr.key AS key, sr.to_id AS to_id",
    "ORDER BY from_id, key",
)
DELETE_REDIRECTS_TOUCHING = query(
    "DELETE_REDIRECTS_TOUCHING",
    "MATCH (rd:Redirect) WHERE rd.from_id IN $ids OR rd.to_id IN $ids",
    "DELETE rd",
)
DELETE_SPLITS_TOUCHING = query(
    "DELETE_SPLITS_TOUCHING",
    "MATCH (sr:SplitRule) WHERE sr.from_id IN $ids OR sr.to_id IN $ids",
    "DELETE sr",
)
PUT_REDIRECTS = query(
    "PUT_REDIRECTS",
    "UNWIND $rows AS row",
    "MERGE (rd:Redirect {from_id: row.from_id})",
    "SET rd.to_id = row.to_id",
)
PUT_SPLITS = query(
    "PUT_SPLITS",
    "UNWIND $rows AS row",
    "MERGE (sr:SplitRule {from_id: row.from_id, key: row.key})",
    "SET sr.to_id = row.to_id",
)


def restore_actors(kind: ActorKind) -> Query:
    """Write the curated record of actors of one kind, creating those that are missing."""
    return query(
        "restore_actors",
        "UNWIND $rows AS row",
        *_create_missing(
            kind,
            "ON CREATE SET a.mentions = 0, a.aliases = [],",
            "    a.search_keys = [row.name_key], a.search_text = row.name_key",
        ),
        "SET a.name = row.name, a.name_key = row.name_key, a.kind = row.kind,",
        "    a.geonames_id = row.geonames_id, a.latitude = row.latitude,",
        "    a.longitude = row.longitude, a.country_code = row.country_code,",
        "    a.curated_aliases = row.curated_aliases",
    )


DROP_BARE_ACTORS = query(
    "DROP_BARE_ACTORS",
    "UNWIND $ids AS actor_id",
    "MATCH (a:Actor {id: actor_id})",
    _BARE,
    "DETACH DELETE a",
)
MENTIONS_ON = query(
    "MENTIONS_ON",
    "UNWIND $ids AS actor_id",
    "MATCH (ar:Article)-[m:MENTIONS]->(:Actor {id: actor_id})",
    "RETURN ar.id AS article_id, m.origin_id AS origin_id, actor_id, m.name AS name",
)
MOVE_MENTIONS = query(
    "MOVE_MENTIONS",
    "UNWIND $rows AS row",
    "MATCH (ar:Article {id: row.article_id})-[m:MENTIONS {origin_id: row.origin_id}]->(:Actor)",
    "MATCH (a:Actor {id: row.actor_id})",
    "CREATE (ar)-[moved:MENTIONS]->(a)",
    "SET moved = properties(m)",
    "DELETE m",
)
EVIDENCE_ON = query(
    "EVIDENCE_ON",
    "UNWIND $ids AS actor_id",
    "CALL (actor_id) {",
    "  MATCH (e:Evidence {source: actor_id}) RETURN e",
    "  UNION",
    "  MATCH (e:Evidence {target: actor_id}) RETURN e",
    "}",
    f"RETURN DISTINCT {projection('e', FACT_FIELDS)} AS fact",
)
MOVE_EVIDENCE = query(
    "MOVE_EVIDENCE",
    "UNWIND $rows AS row",
    "MATCH (e:Evidence {id: row.id})",
    "SET e.relation_id = row.relation_id, e.source = row.source, e.target = row.target",
)
NEXT_CURATION_SEQ = query(
    "NEXT_CURATION_SEQ",
    "MERGE (c:Counter {name: 'curation'})",
    "ON CREATE SET c.value = 0",
    "SET c.value = c.value + 1",
    "RETURN c.value AS seq",
)
CREATE_CURATION = query(
    "CREATE_CURATION",
    "CREATE (:Curation {seq: $seq, id: $id, action: $action, actor_id: $actor_id,",
    "    other_id: $other_id, detail: $detail, actors: $actors, before: $before,",
    "    created_at: $created_at, undone: false})",
)
_CURATION = (
    "c {.seq, .id, .action, .actor_id, .other_id, .detail, .actors, .before, .created_at, "
    ".undone} AS curation"
)
CURATION_BY_ID = query("CURATION_BY_ID", "MATCH (c:Curation {id: $id})", f"RETURN {_CURATION}")
LATER_CURATIONS = query(
    "LATER_CURATIONS",
    "MATCH (c:Curation)",
    "WHERE c.seq > $seq AND NOT c.undone AND c.action <> 'undo'",
    "RETURN c.id AS id, c.actors AS actors",
    "ORDER BY c.seq",
)
MARK_UNDONE = query("MARK_UNDONE", "MATCH (c:Curation {id: $id})", "SET c.undone = true")
CURATION_LOG = query(
    "CURATION_LOG",
    "MATCH (c:Curation)",
    f"RETURN {_CURATION}",
    "ORDER BY c.seq DESC",
    "LIMIT $limit",
)
