"""Every Cypher statement the Neo4j store runs, as named constants and builders.

Labels, relationship types and variable-length bounds cannot be Cypher parameters, so builders
take them only as members of the closed enums (:class:`ActorKind`, :class:`RelationKind`,
:class:`Direction`, :class:`Anchor`) or as validated small integers; everything a user typed
travels as a ``$parameter``. Each :class:`Query` lists the parameters its text uses, so the
store can check it was handed exactly those. The graph these statements read and write is
described in :mod:`graph.stores.neo4j`.

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
    "ACTOR_FIELDS",
    "KIND_LABELS",
    "LABELS",
    "MAX_DEPTH",
    "PROPERTY_KEYS",
    "RELATIONSHIP_TYPES",
    "Anchor",
    "Query",
    "arrows",
    "bounded",
    "kind_label",
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
LABELS: tuple[str, ...] = (
    "Actor", *KIND_LABELS.values(), "Article", "Evidence", "Curation", "Redirect", "SplitRule",
    "Counter",
)
RELATIONSHIP_TYPES: tuple[str, ...] = (*(k.value for k in RelationKind), "FROM", "MENTIONS")
ACTOR_FIELDS: tuple[str, ...] = (
    "id", "name", "kind", "aliases", "mentions", "geonames_id", "latitude", "longitude",
    "country_code",
)
RECORD_FIELDS: tuple[str, ...] = (
    "id", "name", "name_key", "kind", "geonames_id", "latitude", "longitude", "country_code",
    "curated_aliases",
)
EVIDENCE_FIELDS: tuple[str, ...] = (
    "article_id", "sentence", "start", "end", "trigger", "source_text", "target_text",
    "extractor_version", "published",
)
FACT_FIELDS: tuple[str, ...] = (
    "id", "relation_id", "origin_source", "origin_target", "source", "target", "kind",
    "modality", "source_text", "target_text",
)
PROPERTY_KEYS: tuple[str, ...] = tuple(sorted({
    *ACTOR_FIELDS, *RECORD_FIELDS, *EVIDENCE_FIELDS, *FACT_FIELDS,
    "search_keys", "search_text",  # Actor
    "title", "url", "content_hash", "ingested_at",  # Article
    "confidence", "origin_id",  # Evidence, MENTIONS
    "first_reported", "last_reported", "article_count", "evidence_count", "evidence_ids",
    "from_id", "to_id", "key",  # Redirect, SplitRule
    "seq", "action", "actor_id", "other_id", "detail", "actors", "before", "created_at",
    "undone", "value",  # Curation, Counter
}))

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
    unique = [("actor_id", "Actor"), ("article_id", "Article"), ("evidence_id", "Evidence"),
              ("curation_id", "Curation")]
    statements = [
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for name, label in unique
    ]
    statements += [
        "CREATE CONSTRAINT redirect_from IF NOT EXISTS FOR (n:Redirect) REQUIRE n.from_id IS UNIQUE",
        "CREATE CONSTRAINT counter_name IF NOT EXISTS FOR (n:Counter) REQUIRE n.name IS UNIQUE",
        "CREATE TEXT INDEX actor_search IF NOT EXISTS FOR (n:Actor) ON (n.search_text)",
        "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.search_text]",
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
PING = query("ping", "RETURN 1 AS ok")


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
    tests = [t for t, on in (("a.search_text CONTAINS $query", by_text),
                             ("a.kind = $kind", by_kind)) if on]
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
        "count_actors", "MATCH (a:Actor)", _actor_where(bool(by_text), bool(by_kind)),
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


def neighbourhood(kinds: frozenset[RelationKind] | None, depth: int) -> Query:
    """The ids of the actors at most ``depth`` filtered relations away, either way."""
    hops = bounded("depth", depth)
    return query(
        "neighbourhood",
        f"MATCH (c:Actor {{id: $actor_id}})-[rels{type_filter(kinds)}*1..{hops}]-(x:Actor)",
        f"WHERE all(r IN rels WHERE {_FILTER}{_ENDS})",
        "RETURN DISTINCT x.id AS actor_id",
    )


def paths(
    kinds: frozenset[RelationKind] | None, direction: Direction, shortest: bool, max_length: int
) -> Query:
    """Simple paths from ``$source`` to ``$target`` (all, or the shortest), in path order."""
    left, right = arrows(direction)
    hops = bounded("max_length", max_length)
    walk = f"{left}rels{type_filter(kinds)}*1..{hops}{right}"
    if shortest:
        match = (
            "MATCH p = allShortestPaths("
            f"(s:Actor {{id: $source}}){walk}(t:Actor {{id: $target}}))\n"
            f"WHERE all(r IN rels WHERE {_WALKABLE})"
        )
    else:
        match = (
            f"MATCH p = (s:Actor {{id: $source}}){walk}(t:Actor {{id: $target}})\n"
            f"WHERE all(r IN rels WHERE {_WALKABLE}) AND {_SIMPLE}"
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
            f"  MATCH p = (:Actor {{id: $actor_id}}){left}rels:BACKS*1..{hops}{right}(:Actor)\n"
            f"  WHERE all(r IN rels WHERE {_WALKABLE}) AND {_SIMPLE}\n"
            "  RETURN p"
        )
    return query(
        "supporters", "CALL () {", "\n  UNION ALL\n".join(branches), "}", _PATH_ROW
    )


_ARTICLE = (
    "CALL (ar) {\n"
    "  MATCH (e:Evidence)-[:FROM]->(ar)\n"
    "  RETURN count(DISTINCT e.relation_id) AS relations\n"
    "}\n"
    "RETURN ar {.id, .title, .url, .published, .content_hash, .ingested_at, "
    "relations: relations} AS article"
)
ARTICLES = query(
    "ARTICLES", "MATCH (ar:Article)", "WITH ar ORDER BY ar.id SKIP $offset LIMIT $limit",
    _ARTICLE, "ORDER BY article.id",
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
