"""The control timeline as a pure function over hand-made CAPTURES reports."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import DatePrecision, EventDate, Evidence, Modality, Relation, RelationKind
from graph.queries.control import DISPUTE_DAYS, control_of, held_by

PLACE = "city:hama"
A, B, C = "faction:a", "faction:b", "state:c"
START = date(2024, 11, 1)


def took(actor: str, day: date | None, article: str = "a1", modality=Modality.ASSERTED,
         place: str = PLACE) -> Relation:  # fmt: skip
    when = None if day is None else EventDate(day, day, DatePrecision.DAY, "that day")
    ev = Evidence(article, f"{actor} took {place}.", 0, 20, "took", event_date=when)
    return Relation(actor, place, RelationKind.CAPTURES, modality, 0.9, (ev,))


def test_the_latest_factual_capture_on_or_before_the_day_holds() -> None:
    rels = [took(A, date(2024, 11, 3)), took(B, date(2024, 11, 9)), took(A, date(2024, 11, 19))]
    assert control_of(PLACE, rels, date(2024, 11, 2)).holder is None
    assert control_of(PLACE, rels, date(2024, 11, 3)).holder == A
    assert control_of(PLACE, rels, date(2024, 11, 9)).holder == B
    back = control_of(PLACE, rels, date(2024, 11, 20))
    assert back.holder == A and [c.actor for c in back.previous] == [B, A]


def test_claims_and_denials_do_not_move_a_place_but_are_kept() -> None:
    rels = [
        took(A, date(2024, 11, 3)),
        took(B, date(2024, 11, 4), "a2", Modality.CLAIMED),
        took(A, date(2024, 11, 5), "a3", Modality.DENIED),
    ]
    answer = control_of(PLACE, rels, date(2024, 11, 6))
    assert answer.holder == A
    assert [(c.actor, c.modality) for c in answer.disputes] == [
        (B, Modality.CLAIMED), (A, Modality.DENIED)
    ]  # fmt: skip


def test_a_rival_capture_is_a_dispute_only_close_by_and_from_another_article() -> None:
    near = [took(A, date(2024, 11, 3), "a1"), took(B, date(2024, 11, 5), "a2")]
    assert control_of(PLACE, near, None).disputed
    same_article = [took(A, date(2024, 11, 3), "a1"), took(B, date(2024, 11, 5), "a1")]
    assert not control_of(PLACE, same_article, None).disputed
    far = [took(A, date(2024, 11, 3), "a1"), took(B, date(2024, 11, 3 + DISPUTE_DAYS + 1), "a2")]
    assert not control_of(PLACE, far, None).disputed


def test_reports_of_one_capture_support_it_together() -> None:
    rels = [took(A, date(2024, 11, 3), "a1"), took(A, date(2024, 11, 4), "a2", Modality.REPORTED)]
    answer = control_of(PLACE, rels, None)
    assert len(answer.supporting) == 2
    assert answer.rests_on == (Modality.ASSERTED, Modality.REPORTED)


def test_an_undated_report_counts_only_as_of_the_latest_report() -> None:
    rels = [took(A, None)]
    assert control_of(PLACE, rels, None).holder == A
    assert control_of(PLACE, rels, date(2030, 1, 1)).holder is None
    assert control_of(PLACE, [*rels, took(B, date(2024, 11, 3))], None).holder == B


def test_held_by_sees_a_place_lost_to_another() -> None:
    rels = [took(A, date(2024, 11, 3)), took(B, date(2024, 11, 9)),
            took(A, date(2024, 11, 4), place="city:homs")]  # fmt: skip
    assert [c.place for c in held_by(A, rels, date(2024, 11, 5))] == ["city:hama", "city:homs"]
    assert [c.place for c in held_by(A, rels, date(2024, 11, 10))] == ["city:homs"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([A, B, C]), st.integers(0, 40)), min_size=1, max_size=8),
       st.integers(0, 45))  # fmt: skip
def test_the_holder_is_whoever_took_it_last(captures: list[tuple[str, int]], as_of: int) -> None:
    rels = [
        took(actor, START + timedelta(days=d), f"a{i}") for i, (actor, d) in enumerate(captures)
    ]
    day = START + timedelta(days=as_of)
    known = sorted(((d, i), actor) for i, (actor, d) in enumerate(captures) if d <= as_of)
    expected = known[-1][1] if known else None
    assert control_of(PLACE, rels, day).holder == expected
