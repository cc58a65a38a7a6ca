"""The committed schema.graphql must match the schema the code builds."""

from __future__ import annotations

import difflib
import logging
from pathlib import Path

import pytest
from graphql import GraphQLError

from api.errors import BadUserInput, should_mask_error
from api.schema import print_sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    committed = SCHEMA_FILE.read_text("utf-8") if SCHEMA_FILE.exists() else ""
    current = print_sdl()
    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(True), current.splitlines(True), "schema.graphql", "code", n=1
        )
    )
    assert committed == current, (
        "schema.graphql is out of date; regenerate it with\n"
        "    .venv/bin/python scripts/print_schema.py\n" + diff[:4000]
    )


def test_schema_names_the_fixed_entry_points() -> None:
    sdl = print_sdl()
    for entry in [
        "actor(id: ID!): Actor",
        "supporters(of: ID!",
        "whoSupportsWhom(actor: ID!",
        "paths(from: ID!, to: ID!",
        "neighbourhood(id: ID!",
        "union IngestResult = IngestSuccess | TextTooLarge | EmptyText | BadInput",
        "ingestArticle(text: String!",
        "deleteArticle(id: ID!): DeleteResult!",
        "mergeActors(keep: ID!, drop: ID!)",
        "addAlias(actor: ID!, alias: String!)",
        "splitActor(actor: ID!, names: [String!]!",
        "undoCuration(id: ID!)",
    ]:
        assert entry in sdl, entry


def test_internal_errors_are_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    internal = GraphQLError(
        "db at /srv/x.sqlite3 is locked",
        path=["stats"],
        original_error=RuntimeError("db at /srv/x.sqlite3 is locked"),
    )
    with caplog.at_level(logging.ERROR, logger="actorgraph.api"):
        assert should_mask_error(internal) is True
    assert "internal error at stats" in caplog.text and "RuntimeError" in caplog.text


def test_errors_meant_for_clients_are_shown() -> None:
    on_purpose = GraphQLError("too big", path=["actors"], original_error=BadUserInput("too big"))
    validation = GraphQLError("Cannot query field 'x' on type 'Query'.")
    assert should_mask_error(on_purpose) is False
    assert should_mask_error(validation) is False
