"""A place told by its bearing from another: '40 km east of X' lies outside X, 'the east of X'
is a part of X, and 'the area of Y east of X' is Y."""

from __future__ import annotations

import pytest

from tests.ingest.edge_sets import edges


@pytest.mark.parametrize(
    ("text", "taken", "not_taken"),
    [
        (
            "Houthi fighters gained a foothold on the coast by seizing Bir Ali, 40 km east of "
            "Mukalla, on Friday.",
            "Bir Ali",
            "Mukalla",
        ),
        (
            "Russian troops captured Pisky, a village just west of Donetsk, after weeks of "
            "fighting.",
            "Pisky",
            "Donetsk",
        ),
        (
            "Ukrainian forces retook the area of Robotyne south of Orikhiv last week.",
            "Robotyne",
            "Orikhiv",
        ),
    ],
)
def test_a_place_east_of_x_is_not_x(extract, text, taken, not_taken):
    found = edges(extract(text))
    assert any(k == "CAPTURES" and t == taken for _, k, t in found), found
    assert not any(k == "CAPTURES" and t == not_taken for _, k, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "RSF fighters gained ground 20 km north of El Obeid on Monday.",
        "The Arakan Army gained a foothold south of Sittwe, residents said.",
        "M23 rebels gained positions west of Goma overnight.",
    ],
)
def test_gaining_ground_near_a_town_is_no_capture_of_it(extract, text):
    assert not any(k == "CAPTURES" for _, k, _ in edges(extract(text)))


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Al-Shabaab militants fired mortar shells in the east of Baidoa district on Monday.",
            ("Al-Shabaab", "STRIKES", "Baidoa"),
        ),
        (
            "Russian artillery shelled the north of Kupiansk district overnight.",
            ("Russia", "STRIKES", "Kupiansk"),
        ),
        (
            "Boko Haram fighters fired rockets into the south of Gwoza district.",
            ("Boko Haram", "STRIKES", "Gwoza"),
        ),
    ],
)
def test_the_east_of_x_is_inside_x(extract, text, edge):
    assert edge in edges(extract(text))
