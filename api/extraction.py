"""The extractor behind ``ingestArticle``: loaded on first use, run off the event loop.

Loading spaCy takes seconds and extraction is CPU-bound, so both run in one dedicated worker
thread. One thread also means one extraction at a time, which keeps the spaCy pipeline (not
documented as thread-safe) out of concurrent use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from graph.model import Article, Extraction

__all__ = ["ExtractorLike", "LazyExtractor", "load_pipeline_extractor"]


class ExtractorLike(Protocol):
    def extract(self, article: Article) -> Extraction: ...


def load_pipeline_extractor() -> ExtractorLike:
    """The real extractor (imported here so the API starts without loading spaCy)."""
    from graph.ingest.pipeline import Extractor

    extractor: ExtractorLike = Extractor.load()
    return extractor


class LazyExtractor:
    """Loads the extractor on the first ``extract`` call, in the worker thread."""

    def __init__(
        self,
        load: Callable[[], ExtractorLike] = load_pipeline_extractor,
        on_loaded: Callable[[], None] | None = None,
    ) -> None:
        self._on_loaded = on_loaded  # e.g. freeze the pipeline out of the collector
        self._load = load
        self._extractor: ExtractorLike | None = None
        self._lock = asyncio.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="actorgraph-extract")

    @property
    def loaded(self) -> bool:
        return self._extractor is not None

    async def _get(self) -> ExtractorLike:
        async with self._lock:  # two first requests must not load spaCy twice
            if self._extractor is None:
                loop = asyncio.get_running_loop()
                self._extractor = await loop.run_in_executor(self._executor, self._load)
                if self._on_loaded is not None:
                    self._on_loaded()
            return self._extractor

    async def extract(self, article: Article) -> Extraction:
        """Extract one article in the worker thread."""
        extractor = await self._get()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, extractor.extract, article)

    def close(self) -> None:
        """Stop the worker thread; a running extraction finishes on its own."""
        self._executor.shutdown(wait=False, cancel_futures=True)
