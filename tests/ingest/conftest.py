from __future__ import annotations

import pytest

from graph.ingest.pipeline import Extractor
from graph.model import Article, Extraction


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """Extract one text and return {(source name, KIND, target name, modality)}."""

    def run(text: str, *, all_modalities: bool = False) -> set[tuple[str, str, str, str]]:
        ex: Extraction = extractor.extract(Article("t", text))
        names = {a.id: a.name for a in ex.actors}
        return {
            (names[r.source], r.kind.value, names[r.target], r.modality.value)
            for r in ex.relations
            if all_modalities or r.is_factual
        }

    return run
