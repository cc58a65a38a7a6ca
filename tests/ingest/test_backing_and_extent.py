"""Support told by its purpose ('sent warplanes to prop up X', 'scrambled to protect X') and
captures told by their extent ('1,200 square kilometres of X', 'a large piece of X')."""

from __future__ import annotations

import pytest

from tests.ingest.edge_sets import edges


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Russia sent warplanes to prop up the Assad government.",
            ("Russia", "BACKS", "Syria"),
        ),
        (
            "Iran dispatched advisers to bolster the Houthis in their fight with the coalition.",
            ("Iran", "BACKS", "Houthis"),
        ),
        (
            "US-led coalition jets scrambled to protect Kurdish forces working with American "
            "advisers.",
            ("Global Coalition to Defeat ISIS", "BACKS", "Kurdish forces"),
        ),
        (
            "Wagner mercenaries defended the Malian junta against the rebels.",
            ("Wagner Group", "BACKS", "Mali"),
        ),
    ],
)
def test_support_told_by_its_purpose(extract, text, edge):
    assert edge in edges(extract(text))


def test_defending_them_names_no_one(extract):
    text = (
        "Houthi forces recaptured three districts after the coalition pulled its air cover "
        "from the government troops defending them."
    )
    assert not any(k == "BACKS" for _, k, _ in edges(extract(text)))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Israel seized 1,200 square kilometres of the Golan Heights from Syria in 1967.",
            ("Israel", "CAPTURES", "Golan Heights"),
        ),
        (
            "Russian forces captured 300 square miles of Kharkiv region in May.",
            ("Russia", "CAPTURES", "Kharkiv region"),
        ),
        (
            "The RSF took control of a large stretch of North Kordofan last month.",
            ("Rapid Support Forces", "CAPTURES", "North Kordofan"),
        ),
    ],
)
def test_a_capture_told_by_its_extent_takes_the_named_place(extract, text, edge):
    assert edge in edges(extract(text))
