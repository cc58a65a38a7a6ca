"""Closed word lists for the extraction rules, read from ``data/words.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from graph.ingest.lexicon import DATA_DIR

__all__ = ["word_map", "word_set"]


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    with (DATA_DIR / "words.yaml").open(encoding="utf-8") as stream:
        loaded: dict[str, Any] = yaml.safe_load(stream)
    return loaded


def word_set(key: str) -> frozenset[str]:
    """The list ``key`` of ``words.yaml`` as a set of strings."""
    return frozenset(str(word) for word in _words()[key])


def word_map(key: str) -> dict[str, str]:
    """The mapping ``key`` of ``words.yaml``."""
    table: dict[Any, Any] = _words()[key]
    return {str(k): str(v) for k, v in table.items()}
