"""Every Cypher statement the Neo4j store can send passes the Neo4j 5 linter without a warning.

No Neo4j server runs here, so the statements are checked offline by ``tools/cypher_lint.mjs``
(the Neo4j Cypher language service): syntax, the Neo4j 5 function and procedure catalogue,
the labels, relationship types and property keys the store declares, and the parameters each
statement names. One node process serves the whole session. The tests also prove the linter
does catch each kind of mistake, and that statements never carry user text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.errors import BadInputError
from graph.model import RelationKind
from graph.stores.neo4j import cypher

from .cypher_catalog import (
    ALL_KIND_SETS,
    builders,
    calls,
    every_query,
    every_text,
    parameter_domains,
    shape,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "cypher_lint.mjs"
PACKAGE = ROOT / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
HOSTILE = "x'}) DETACH DELETE n //"


class Linter:
    """Talks to one ``cypher_lint.mjs`` process: one JSON line out, one JSON line back."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        self._next = 0

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._next += 1
        self._process.stdin.write(json.dumps({"id": self._next, **request}) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the linter stopped: {self._process.stderr.read()}")  # type: ignore[union-attr]
        answer: dict[str, Any] = json.loads(line)
        if answer.get("id") != self._next or "error" in answer:
            raise RuntimeError(f"the linter could not answer: {answer}")
        return answer

    def declare_schema(self) -> None:
        self._ask({"schema": {
            "labels": list(cypher.LABELS),
            "relationshipTypes": list(cypher.RELATIONSHIP_TYPES),
            "propertyKeys": list(cypher.PROPERTY_KEYS),
        }})  # fmt: skip

    def analyse(
        self, text: str, params: frozenset[str] | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """Diagnostics (errors and warnings alike), and how many variables the semantic
        analysis found; ``params`` are the parameters defined."""
        answer = self._ask({"query": text, "parameters": {p: None for p in params or ()}})
        return answer["diagnostics"], int(answer["symbols"])

    def lint(self, text: str, params: frozenset[str] | None = None) -> list[dict[str, Any]]:
        return self.analyse(text, params)[0]


@pytest.fixture(scope="session")
def linter() -> Iterator[Linter]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: install Node.js 20 or later, then run `npm ci`")
    if not PACKAGE.exists():
        pytest.skip("node_modules lacks @neo4j-cypher/language-support: run `npm ci`")
    process = subprocess.Popen(
        [node, str(SCRIPT)], cwd=ROOT, text=True, encoding="utf-8",
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        found = Linter(process)
        found.declare_schema()
        yield found
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _shown(query: cypher.Query, diagnostics: list[dict[str, Any]]) -> str:
    notes = "\n".join(f"  {d['severity']}: {d['message']}" for d in diagnostics)
    return f"{query.name}:\n{query.text}\n{notes}"


def test_every_statement_is_clean(linter: Linter) -> None:
    statements = every_query()
    failures = []
    for query in statements:
        found, symbols = linter.analyse(query.text, query.params)
        if found:
            failures.append(_shown(query, found))
        elif symbols == 0 and query.name != "schema":
            # the language service swallows a failed semantic analysis: insist that it ran
            failures.append(_shown(query, [{"severity": "note", "message": "not analysed"}]))
    assert not failures, "\n\n".join(failures)
    names = {q.name for q in statements}
    assert set(builders()) <= names  # every builder made at least one linted statement
    assert len(statements) > len(builders()) + len(cypher.SCHEMA)


def test_every_set_of_relation_kinds_is_clean(linter: Linter) -> None:
    """Each non-empty set of kinds, as a type filter in one statement (the others share it)."""
    kind_sets = [k for k in ALL_KIND_SETS if k is not None]
    assert len(kind_sets) == 2 ** len(RelationKind) - 1
    for kinds in kind_sets:
        query = cypher.count_relations(kinds, cypher.Anchor.NONE)
        assert linter.lint(query.text, query.params) == [], query.text


def test_the_linted_statements_have_every_shape_the_store_can_send() -> None:
    """Past the linted ones, statements differ only in a relationship-type list or a bound."""
    linted = {shape(q.text) for q in every_query()}
    assert {shape(text) for text in every_text()} == linted
    assert len(every_text()) > len(linted)
    assert shape("MATCH (a)-[r:BACKS|FIGHTS*1..7]->(b)") == "MATCH (a)-[r:<types>*1..<n>]->(b)"


@pytest.mark.parametrize(
    ("text", "params", "expected"),
    [
        ("MATCH (a:Actor RETURN a", None, "Invalid input"),  # a missing parenthesis
        ("CREATE INDEX x IF NOT EXISTS FOR (n:Actor) ON (m.kind)", None, "Variable `m`"),
        ("MATCH (a:Actor) RETURN apoc.coll.toSet(a.aliases)", None, "Function apoc.coll.toSet"),
        ("MATCH (a:Actor) RETURN toLowr(a.name)", None, "Function toLowr"),
        ("CALL db.nothing()", None, "Procedure db.nothing"),
        ("MATCH (a:Actr) RETURN a", None, "Label Actr"),
        ("MATCH ()-[r:BACKED]->() RETURN r", None, "BACKED"),
        ("MATCH (a:Actor) RETURN a.nmae", None, "nmae"),
        ("MATCH (a:Actor {id: $id}) RETURN a", None, "Parameter $id"),
        ("MATCH (a:Actor) RETURN b", None, "Variable `b` not defined"),
        ("MATCH (a:Actor) RETURN id(a)", None, "deprecated"),  # a warning is a failure too
        ("UNWIND $rows AS row CALL { WITH row CREATE (:Actor {id: row.id}) }", frozenset({"rows"}),
         "deprecated"),
    ],
)  # fmt: skip
def test_the_linter_catches_mistakes(
    linter: Linter, text: str, params: frozenset[str] | None, expected: str
) -> None:
    found = linter.lint(text, params)
    assert any(expected in d["message"] for d in found), found


def test_a_good_statement_passes(linter: Linter) -> None:
    text = "MATCH (a:Actor {id: $id})-[r:BACKS]->(b:Actor) RETURN b.name AS name, r.confidence"
    assert linter.lint(text, frozenset({"id"})) == []


def _hostile_arguments(fn: Callable[..., cypher.Query]) -> Iterator[dict[str, Any]]:
    """A valid call with one argument replaced by hostile text (or a set holding it)."""
    valid = next(calls(fn))
    for name, (_, values) in parameter_domains(fn).items():
        yield {**valid, name: HOSTILE}
        if any(isinstance(v, frozenset) for v in values):
            yield {**valid, name: frozenset({HOSTILE})}


@pytest.mark.parametrize("name", sorted(builders()))
def test_builders_never_put_user_text_in_a_statement(name: str) -> None:
    fn = builders()[name]
    tried = 0
    for kwargs in _hostile_arguments(fn):
        tried += 1
        try:
            built = fn(**kwargs)
        except (ValueError, KeyError, BadInputError):
            continue  # refused: kinds, directions and bounds come from closed sets only
        assert HOSTILE not in built.text  # a flag only picks a branch
        assert "DETACH DELETE n" not in built.text
    assert tried >= 1


def test_statement_parameters_are_read_from_the_text() -> None:
    query = cypher.relations(None, cypher.Anchor.BOTH)
    assert {"source", "target", "limit", "offset", "as_of"} <= query.params
    assert all(f"${p}" in query.text for p in query.params)
