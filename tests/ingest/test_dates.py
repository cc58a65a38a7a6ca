"""Event dates: the words are resolved against the publication date, and the date phrase that
belongs to the event is the one attached to its trigger."""

from __future__ import annotations

from datetime import date

import pytest

from graph.ingest.dates import resolve
from graph.model import PUBLICATION_DATE, Article, DatePrecision

PUBLISHED = date(2024, 6, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("words", "start", "end", "precision"),
    [
        ("on Sunday", date(2024, 6, 9), date(2024, 6, 9), "day"),
        ("on Wednesday", date(2024, 6, 12), date(2024, 6, 12), "day"),
        ("last Wednesday", date(2024, 6, 5), date(2024, 6, 5), "day"),
        ("on 2 June", date(2024, 6, 2), date(2024, 6, 2), "day"),
        ("December 8", date(2023, 12, 8), date(2023, 12, 8), "day"),
        ("last month", date(2024, 5, 1), date(2024, 5, 31), "month"),
        ("in March 2015", date(2015, 3, 1), date(2015, 3, 31), "month"),
        ("in 2016", date(2016, 1, 1), date(2016, 12, 31), "year"),
        ("overnight", date(2024, 6, 11), date(2024, 6, 12), "day"),
        ("earlier this month", date(2024, 6, 1), date(2024, 6, 12), "month"),
        ("yesterday", date(2024, 6, 11), date(2024, 6, 11), "day"),
    ],
)
def test_words_resolve_against_the_publication_date(words, start, end, precision):
    found = resolve(words, PUBLISHED)
    assert found is not None
    assert (found.start, found.end, found.precision.value) == (start, end, precision)
    assert found.text == words


def test_since_opens_a_span():
    found = resolve("since April 2023", PUBLISHED)
    assert found is not None
    assert (found.start, found.end, found.precision) == (
        date(2023, 4, 1),
        None,
        DatePrecision.MONTH,
    )


def test_days_later_count_from_the_anchor():
    found = resolve("two days later", PUBLISHED, anchor=date(2024, 6, 3))
    assert found is not None and found.start == date(2024, 6, 5)


@pytest.mark.parametrize(
    "words", ["for three years", "the past week", "recent days", "next month", "two days", "third"]
)
def test_durations_future_and_non_dates_date_nothing(words):
    assert resolve(words, PUBLISHED) is None


def test_without_a_publication_date_only_a_named_year_resolves():
    assert resolve("in October", None) is None
    assert resolve("on Sunday", None) is None
    found = resolve("in October 2016", None)
    assert found is not None and found.start == date(2016, 10, 1)


def _dates(extractor, text: str, published: date | None = PUBLISHED):
    ex = extractor.extract(Article("d", text, published=published))
    names = {a.id: a.name for a in ex.actors}
    return {
        (names[r.source], r.kind.value, names[r.target]): e.event_date
        for r in ex.relations
        for e in r.evidence
    }


def test_the_trigger_takes_its_own_date_not_a_relative_clause(extractor):
    found = _dates(
        extractor, "Hayat Tahrir al-Sham, which took Idlib in 2015, seized Homs on Sunday."
    )
    homs = found[("Hayat Tahrir al-Sham", "CAPTURES", "Homs")]
    assert homs.text == "on Sunday" and homs.start == date(2024, 6, 9)


def test_a_date_on_the_reporting_verb_dates_the_event(extractor):
    found = _dates(extractor, "On Monday, officials said Hayat Tahrir al-Sham had captured Hama.")
    assert found[("Hayat Tahrir al-Sham", "CAPTURES", "Hama")].start == date(2024, 6, 10)


def test_two_days_later_counts_from_the_last_named_day(extractor):
    text = (
        "Hayat Tahrir al-Sham captured Hama on Thursday. "
        "Two days later, Syrian government forces recaptured Hama."
    )
    found = _dates(extractor, text, date(2024, 12, 9))
    assert found[("Hayat Tahrir al-Sham", "CAPTURES", "Hama")].start == date(2024, 12, 5)
    assert found[("Syria", "CAPTURES", "Hama")].start == date(2024, 12, 7)


def test_a_noun_dated_by_a_year_does_not_date_the_event(extractor):
    found = _dates(extractor, "Islamic State fighters captured Palmyra after the 2014 ceasefire.")
    palmyra = found[("Islamic State", "CAPTURES", "Palmyra")]
    assert palmyra.text == PUBLICATION_DATE and palmyra.start == PUBLISHED


def test_no_date_and_no_publication_date_gives_none(extractor):
    found = _dates(extractor, "Islamic State fighters captured Palmyra.", published=None)
    assert found[("Islamic State", "CAPTURES", "Palmyra")] is None


@pytest.mark.parametrize(
    ("text", "relation", "words"),
    [
        (  # the year of a relative clause on the subject dates that clause's event
            "Islamic State, which was driven out of Mosul in 2017, attacked Kirkuk.",
            ("Islamic State", "STRIKES", "Kirkuk"),
            PUBLICATION_DATE,
        ),
        (  # so does the year of a 'despite' clause
            "Al-Shabaab kept attacking Mogadishu despite losing Kismayo in 2012.",
            ("Al-Shabaab", "STRIKES", "Mogadishu"),
            PUBLICATION_DATE,
        ),
        (  # the main clause's date is not the date of a relative clause's event
            "Syrian troops retook Palmyra in March 2016, but the desert is full of Islamic "
            "State fighters who still attack Homs.",
            ("Islamic State", "STRIKES", "Homs"),
            PUBLICATION_DATE,
        ),
        (
            "Syrian troops retook Palmyra in March 2016, but the desert is full of Islamic "
            "State fighters who still attack Homs.",
            ("Syria", "CAPTURES", "Palmyra"),
            "in March 2016",
        ),
        (  # a title is no event: the day he spoke does not date his presidency
            "Turkish President Recep Tayyip Erdogan vowed Sunday to fight the Kurdish militias.",
            ("Recep Tayyip Erdoğan", "LEADS", "Turkey"),
            PUBLICATION_DATE,
        ),
        (  # the backing named in 'US-backed' holds when the backed force acts
            "US-backed Syrian Democratic Forces captured Raqqa in October 2017.",
            ("United States", "BACKS", "Syrian Democratic Forces"),
            "in October 2017",
        ),
        (  # 'by seizing' tells how the main clause's event happened: its date
            "On Friday, the Houthis opened a new front by seizing Shaqra.",
            ("Houthis", "CAPTURES", "Shaqra"),
            "On Friday",
        ),
    ],
)
def test_dates_of_other_events_in_the_sentence_are_left_to_them(extractor, text, relation, words):
    assert _dates(extractor, text)[relation].text == words


def test_days_after_an_event_count_from_the_day_last_named(extractor):
    text = (
        "Hayat Tahrir al-Sham captured Hama on Thursday. "
        "Two days after the fall of Hama, the group seized Homs."
    )
    homs = _dates(extractor, text, date(2024, 12, 9))[("Hayat Tahrir al-Sham", "CAPTURES", "Homs")]
    assert (homs.start, homs.text) == (date(2024, 12, 7), "Two days after")
