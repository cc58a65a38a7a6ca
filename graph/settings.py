"""Settings, read once from ``ACTORGRAPH_*`` environment variables into a typed object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

__all__ = ["NEO4J_SCHEMES", "Settings", "default_store_path"]

NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def default_store_path() -> Path:
    return Path(user_data_dir("actorgraph", appauthor=False)) / "graph.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    store: str  # a file path (embedded store) or a neo4j:// / bolt:// URL
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    api_key: str | None = None
    max_text_chars: int = 1_000_000
    max_page_size: int = 500
    max_query_depth: int = 12
    max_query_cost: int = 100_000  # fields an answer may hold, by api.cost's estimate
    max_path_length: int = 6
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def is_neo4j(self) -> bool:
        return self.store.startswith(NEO4J_SCHEMES)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, store: str | None = None
    ) -> Settings:
        """Read the environment; an explicit ``store`` (from ``--store``) wins over it."""
        env = os.environ if env is None else env
        return cls(
            store=store or env.get("ACTORGRAPH_STORE") or str(default_store_path()),
            neo4j_user=env.get("ACTORGRAPH_NEO4J_USER", "neo4j"),
            neo4j_password=env.get("ACTORGRAPH_NEO4J_PASSWORD"),
            neo4j_database=env.get("ACTORGRAPH_NEO4J_DATABASE") or None,
            api_key=env.get("ACTORGRAPH_API_KEY") or None,
            max_text_chars=int(env.get("ACTORGRAPH_MAX_TEXT_CHARS", "1000000")),
            max_query_cost=int(env.get("ACTORGRAPH_MAX_QUERY_COST", "100000")),
        )
