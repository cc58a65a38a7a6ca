"""Batch extraction: one failing article is reported and the others still come through."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from graph.commands.batch import extract_each
from graph.errors import BadInputError
from graph.ingest.readers import ReadFailure
from graph.model import Article, Extraction


class PickyExtractor:
    """Extracts nothing, and fails on the articles whose id it was told to refuse.

    The real extractor cannot be made to fail on demand, so this stands in for it; what is
    under test is how :func:`extract_each` recovers, not the extraction itself.
    """

    def __init__(self, refuse: set[str]) -> None:
        self.refuse = refuse
        self.batches = 0

    def extract(self, article: Article) -> Extraction:
        if article.id in self.refuse:
            raise BadInputError(f"cannot read {article.id}")
        return Extraction(article, (), ())

    def extract_many(
        self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[Extraction]:
        self.batches += 1
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) == batch_size:
                yield from (self.extract(a) for a in batch)
                batch = []
        yield from (self.extract(a) for a in batch)


ARTICLES = [Article(f"a{i}", f"Text {i}.") for i in range(10)]


@pytest.mark.parametrize("batch_size", [1, 3, 32])
@pytest.mark.parametrize("refuse", [set(), {"a0"}, {"a4"}, {"a9"}, {"a2", "a3", "a7"}])
def test_every_article_yields_once_in_order(batch_size: int, refuse: set[str]) -> None:
    extractor = PickyExtractor(refuse)
    results = list(extract_each(extractor, ARTICLES, batch_size=batch_size))
    assert len(results) == len(ARTICLES)
    for article, result in zip(ARTICLES, results, strict=True):
        if article.id in refuse:
            assert isinstance(result, ReadFailure)
            assert result.source == f"article {article.id}"
            assert f"cannot read {article.id}" in result.reason
        else:
            assert isinstance(result, Extraction) and result.article == article


def test_batching_resumes_after_a_failure() -> None:
    extractor = PickyExtractor({"a1"})
    list(extract_each(extractor, ARTICLES, batch_size=2))
    assert extractor.batches == 2  # one failed batch, then one batch for the rest


def test_an_extractor_that_fails_before_any_article_raises() -> None:
    class Broken(PickyExtractor):
        def extract_many(
            self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 32
        ) -> Iterator[Extraction]:
            raise RuntimeError("model not loaded")

    with pytest.raises(RuntimeError, match="model not loaded"):
        list(extract_each(Broken(set()), ARTICLES))
