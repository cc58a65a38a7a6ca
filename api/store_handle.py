"""The store as the app holds it: opened at startup, or later if it was down then.

A Neo4j server that is down when the API starts should not keep the API from starting:
/health then answers 503 "degraded", GraphQL answers 503 STORE_UNAVAILABLE, and each
request tries to open the store again (one attempt at a time) until it succeeds.
"""

from __future__ import annotations

import asyncio
import logging

from graph.errors import StoreUnavailableError
from graph.stores.base import GraphStore

__all__ = ["StoreHandle"]

log = logging.getLogger("actorgraph.api")


class StoreHandle:
    """Wraps a store that may not be open yet; ``ensure_open`` opens it on demand."""

    def __init__(self, store: GraphStore, *, opened: bool) -> None:
        self.store = store
        self.opened = opened
        self._lock = asyncio.Lock()

    async def ensure_open(self) -> bool:
        """True when the store is open, trying once to open it if it is not."""
        if self.opened:
            return True
        async with self._lock:  # concurrent requests share one attempt
            if not self.opened:
                try:
                    await self.store.open()
                    self.opened = True
                    log.info("the graph store is reachable again")
                except StoreUnavailableError as exc:
                    log.warning("the graph store is still unreachable: %s", exc)
        return self.opened

    async def close(self) -> None:
        if self.opened:
            self.opened = False
            await self.store.close()
