"""The docstring examples of the query modules run, and pass."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graph.queries.edges",
    "graph.queries.paths",
    "graph.queries.supporters",
    "graph.queries.neighbourhoods",
    "graph.queries.control",
    "graph.ingest.dates",
    "graph.stores.sqlite.schema",
    "graph.stores.neo4j.values",
    "graph.stores",
    "graph.article_ids",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
