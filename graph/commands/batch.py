"""Extract a stream of articles in batches without letting one bad article stop the stream."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Protocol

from graph.errors import ActorGraphError
from graph.ingest.readers import ReadFailure
from graph.model import Article, Extraction

__all__ = ["BatchExtractor", "extract_each", "failure_reason"]


class BatchExtractor(Protocol):
    """What :func:`extract_each` needs of an extractor (``graph.ingest.pipeline.Extractor``)."""

    def extract(self, article: Article) -> Extraction: ...

    def extract_many(
        self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[Extraction]: ...


def failure_reason(exc: Exception) -> str:
    """A one-line reason: our own errors say it themselves, others are named."""
    if isinstance(exc, ActorGraphError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def _extract_one(extractor: BatchExtractor, article: Article) -> Extraction | ReadFailure:
    try:
        return extractor.extract(article)
    except Exception as exc:  # one article's failure is reported, never fatal to the batch
        return ReadFailure(f"article {article.id}", f"extraction failed: {failure_reason(exc)}")


def extract_each(
    extractor: BatchExtractor,
    articles: Iterable[Article],
    *,
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[Extraction | ReadFailure]:
    """Yield one extraction, or one failure, per article, in order.

    Articles go through ``extract_many`` so that batching (and worker processes) pay off. When
    a batch raises, the articles it had taken but not yet returned are extracted one at a time,
    so that only the guilty one fails, and batching resumes with the rest.
    """
    source = iter(articles)
    in_flight: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for article in source:
            in_flight.append(article)  # before the yield, so a failed batch cannot lose it
            yield article

    while True:
        try:
            for extraction in extractor.extract_many(
                feed(), n_process=n_process, batch_size=batch_size
            ):
                in_flight.popleft()  # extract_many keeps the input order
                yield extraction
            return
        except Exception:
            if not in_flight:  # it failed before taking an article: no article is to blame
                raise
            pending = list(in_flight)
            in_flight.clear()
            for article in pending:
                yield _extract_one(extractor, article)
