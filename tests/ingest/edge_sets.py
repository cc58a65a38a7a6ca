"""What the ingest tests compare: an extraction's relations without their modality."""

from __future__ import annotations


def edges(found: set[tuple[str, str, str, str]]) -> set[tuple[str, str, str]]:
    """{(source, KIND, target, modality)} -> {(source, KIND, target)}."""
    return {(s, k, t) for s, k, t, _ in found}
