"""When a reported event happened: which date in a sentence belongs to the event, and what it
means against the article's publication date.

The grammar of attachment is ours: the date phrases of a sentence are spaCy's DATE and TIME
entities (and "overnight", which the tagger leaves out); the one governed by the trigger's own
verb wins, then one inside the trigger's subtree, then one on a verb above it ("said on
Monday that..."), then any other in the sentence. Dates that modify a noun ("the 2020
ceasefire") or measure a duration ("for three years", "the past week") date nothing. With no
date in the sentence, the publication date stands in. Resolving the words themselves ("last
month", "2 June", "in March 2015") is dateparser's job, with the publication date as its base;
weekdays, "overnight", "the weekend", "N days later" and the like are resolved here because
news prose means something precise by them (a weekday is the latest such day on or before the
article's date, the day itself included).

>>> last_month = resolve("last month", date(2024, 6, 12))
>>> last_month.start, last_month.end, last_month.precision.value
(datetime.date(2024, 5, 1), datetime.date(2024, 5, 31), 'month')
>>> resolve("on Wednesday", date(2024, 6, 12)).start
datetime.date(2024, 6, 12)
>>> resolve("since April 2023", date(2024, 6, 12)).end is None
True
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from graph.model import PUBLICATION_DATE, DatePrecision, EventDate

__all__ = ["event_date", "resolve"]

DAY, WEEK, MONTH, YEAR = DatePrecision
_PREPOSITIONS = {"on", "in", "since", "during", "at", "by", "from", "until", "as", "of"}
_DURATION_PREPOSITIONS = {"for", "over", "within", "throughout", "across", "past"}
_QUALIFIERS = r"(?:early|late|mid|earlier|later|the|on|in|at|during|from|by|of)"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_DATE_WORD = re.compile(
    r"\b(?:\d{4}|ago|yesterday|today|tonight|overnight|last|this|week|month|year|weekend|"
    + "|".join(calendar.month_name[1:])
    + "|"
    + "|".join(m for m in calendar.month_abbr[1:])
    + "|"
    + "|".join(calendar.day_name)
    + r")\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"^(?:(?:in|over|during|for)\s+)?(?:the\s+(?:past|last|next|coming)|past|next|coming|recent)"
    r"\s+(?:\w+\s+)?"
    r"(?:days|weeks|months|years|decades|hours|day|week|month|year)$"
    r"|\b(?:days|weeks|months|years|decades|hours)\b(?!.*\b(?:ago|later|after|before|earlier)\b)",
    re.IGNORECASE,
)
_SHIFT = re.compile(
    r"^(?:(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week)s?"
    r"|(?:the\s+)?(?P<which>next|following|previous)\s+(?:day|week))"
    r"(?:\s+(?P<dir>later|after|afterwards|earlier|before))?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)  # a feed repeats its few date phrases over and over
def resolve(text: str, published: date | None, anchor: date | None = None) -> EventDate | None:
    """The days a date phrase names, read against the publication date (and ``anchor``, the
    last date the article named, for "two days later"); ``None`` when it names no day or falls
    after the article."""
    words = " ".join(text.split())
    core = re.sub(rf"^(?:{_QUALIFIERS}(?:\s+|-))+", "", words, flags=re.IGNORECASE)
    core = re.sub(r"^since\s+", "", core, flags=re.IGNORECASE)
    shifted = _shifted(core, anchor)
    if not shifted and (not core or _DURATION.search(words)):
        return None
    span = shifted or _newsroom(core.lower(), published) or _parsed(core, published)
    if span is None:
        return None
    start, end, precision = span
    if published is not None:
        if start > published:
            return None  # a date still to come reports no event that happened
        end = min(end, published)
    if re.match(r"^since\b", words, re.IGNORECASE):
        return EventDate(start, None, precision, words)
    return EventDate(start, end, precision, words)


Days = tuple[date, date, DatePrecision]


def _shifted(core: str, anchor: date | None) -> Days | None:
    """ "two days later", "the following day", "a week earlier": counted from ``anchor``."""
    found = _SHIFT.match(core)
    if found is None or anchor is None:
        return None
    if found["which"]:
        sign = -1 if found["which"].lower() == "previous" else 1
        step = 1
    else:
        if not found["dir"]:
            return None  # "two days" alone is a duration
        sign = -1 if found["dir"].lower() in ("earlier", "before") else 1
        step = _NUMBERS.get(found["n"].lower()) or int(found["n"])
    days = step * (7 if "week" in core.lower() else 1)
    day = anchor + timedelta(days=sign * days)
    return day, day, DAY if "week" not in core.lower() else WEEK


def _newsroom(core: str, published: date | None) -> Days | None:
    """Phrases whose news meaning a general parser gets wrong or does not know."""
    if published is None:
        return None
    p = published
    if core in ("overnight", "last night", "late last night"):
        return p - timedelta(days=1), p, DAY
    if re.fullmatch(r"(?:today|tonight|this (?:morning|afternoon|evening))", core):
        return p, p, DAY
    if re.fullmatch(r"(?:this|last|the|over the) weekend", core) or core == "weekend":
        saturday = p - timedelta(days=(p.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1), DAY
    if re.fullmatch(r"(?:this|earlier this) week", core):
        return p - timedelta(days=p.weekday()), p, WEEK
    if re.fullmatch(r"(?:this|earlier this) month", core):
        return p.replace(day=1), p, MONTH
    if re.fullmatch(r"(?:this|earlier this) year", core):
        return p.replace(month=1, day=1), p, YEAR
    if re.fullmatch(r"last year", core):
        return date(p.year - 1, 1, 1), date(p.year - 1, 12, 31), YEAR
    weekday = re.fullmatch(rf"(last |this |early |late )?(\w+){_DAY_PARTS}", core)
    if weekday and weekday[2] in _WEEKDAYS:
        back = (p.weekday() - _WEEKDAYS[weekday[2]]) % 7
        if back == 0 and weekday[1] == "last ":
            back = 7
        day = p - timedelta(days=back)
        return day, day, DAY
    return None


def _parsed(core: str, published: date | None) -> Days | None:
    if not _DATE_WORD.search(core):
        return None  # "two", "third": a parser would still make a date of them
    if published is None and not re.search(r"\b\d{4}\b", core):
        return None  # "in March" of which year? Without the article's date, no telling
    calendar_day = _calendar_day(core)
    if calendar_day is not None:
        return calendar_day, calendar_day, DAY
    found = _parser(published).get_date_data(core)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if found.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), YEAR
    if found.period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last), MONTH
    if found.period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), WEEK
    return day, day, DAY


# "28 April 2020", "April 28, 2020": a full calendar date, the commonest phrase in event notes,
# read by the standard library's strptime without the cost of dateparser's language search
_CALENDAR_DAY = re.compile(
    r"^(?:on\s+)?(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]+)\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))$",
    re.IGNORECASE,
)


def _calendar_day(core: str) -> date | None:
    found = _CALENDAR_DAY.match(core)
    if found is None:
        return None
    day, month, year = (
        (found["d1"], found["m1"], found["y1"])
        if found["d1"]
        else (found["d2"], found["m2"], found["y2"])
    )
    # a full month name, or an abbreviation ("Sep", "Sept.") of at most four letters
    month = month if len(month) > 4 else month[:3]
    try:
        return datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
    except ValueError:
        pass
    try:
        return datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()
    except ValueError:
        return None


def warm_up() -> None:
    """Load dateparser's language data now (a tenth of a second) rather than on the first
    date an article happens to need it."""
    _parser(None).get_date_data("1 May 2020")


@lru_cache(maxsize=64)
def _parser(published: date | None) -> Any:
    from dateparser.date import DateDataParser  # slow to import; loaded on first use

    base = datetime.combine(published or date.today(), datetime.min.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=["en"], settings=settings)


# --- which date belongs to the event --------------------------------------------------------


def event_date(trigger: Token, published: date | None) -> EventDate | None:
    """The date of the event ``trigger`` reports: the sentence's date phrase that attaches to
    it best, else the publication date (``None`` when the article has none either)."""
    for span in _ranked_phrases(trigger):
        found = resolve(_with_preposition(span), published, _anchor(span, published))
        if found is not None:
            return found
    if published is None:
        return None
    return EventDate(published, published, DAY, PUBLICATION_DATE)


def _ranked_phrases(trigger: Token) -> list[Span]:
    """The sentence's date phrases that may date the trigger's event, the likeliest first."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("compound", "appos"):
        return []  # a title ("President X") labels someone; it tells no dated event
    ranked = sorted(
        (rank, abs(span.root.i - trigger.i), span.start, span)
        for span in _date_phrases(trigger.sent)
        if (rank := _attachment(span, trigger)) is not None
    )
    return [span for *_, span in ranked]


def _date_phrases(sent: Span) -> list[Span]:
    spans = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    taken = {t.i for e in spans for t in e}
    if "vernight" in sent.text:  # a look at the text first spares a walk over the words
        spans += [
            sent.doc[t.i : t.i + 1] for t in sent if t.lower_ == "overnight" and t.i not in taken
        ]
    return spans


_SHIFT_WORDS = {"later", "after", "afterwards", "earlier", "before"}


def _with_preposition(span: Span) -> str:
    """The phrase with the preposition before it ("since April") and the word that makes a
    count of days a shift ("two days after")."""
    text = span.text
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    if before is not None and before.lower_ in _PREPOSITIONS | {"since"}:
        text = f"{before.text} {text}"
    after = span.doc[span.end] if span.end < span.sent.end else None
    if after is not None and after.lower_ in _SHIFT_WORDS and span[-1].lower_ != after.lower_:
        text = f"{text} {after.text}"
    return text


def _attachment(span: Span, trigger: Token) -> int | None:
    """0: on the trigger's own clause; 1: on a clause inside its subtree that tells the same
    event ("entering the town on Sunday"); 2: on a verb above it through complement clauses
    ("said on Monday that..."); 3: on the sentence's main verb, the trigger being in no
    modifying clause; ``None``: the phrase dates another event, a noun or a duration."""
    root = span.root
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _DURATION_PREPOSITIONS:
        return None
    if root.dep_ in ("compound", "amod", "nummod", "poss", "nmod") and root.head != trigger:
        return None
    clause = _clause(trigger)
    governor = _clause(root.head) if root.head != root else root
    if governor == clause or root.head == trigger:
        return 0
    if governor in clause.subtree:
        return 1 if _plain_path(governor, clause, trigger) else None
    if any(governor == above for above in clause.ancestors):
        return 2 if _plain_path(clause, governor, trigger, verbs_only=True) else None
    if governor.dep_ == "ROOT" and _plain_path(clause, governor.sent.root, trigger, True):
        return 3
    return None


#: Verbs that report an event rather than tell another one.
_REPORTING = {"say", "report", "tell", "announce", "claim", "confirm", "state", "add"}
#: Words that open a clause about another event than the one it hangs on.
_OTHER_EVENT = {"after", "before", "despite", "since", "until", "although", "though", "while"}


def _plain_path(low: Token, high: Token, trigger: Token, verbs_only: bool = False) -> bool:
    """Whether ``low`` hangs on ``high`` without a relative clause, a participle on a noun
    ("forces backed by"), an appositive or an "after"/"despite" clause in between (those tell
    other events); with ``verbs_only``, without passing through a noun either."""
    token = low
    while token != high and token.head != token:
        # the trigger as a participle on a noun ("forces backed by") shares its sentence's
        # event, and a reporting verb misread as a relative clause reports this event
        own = verbs_only and token == low and token.dep_ in ("acl", "amod")
        reporting = token.lemma_ in _REPORTING
        modifier = token.dep_ in ("relcl", "acl", "appos") and token.head != trigger
        if modifier and not own and not reporting:
            return False
        if own:  # on to the verb that has the modified noun as an argument
            token = _clause(token.head)
            continue
        if token.lower_ in _OTHER_EVENT or any(
            c.dep_ == "mark" and c.lower_ in _OTHER_EVENT for c in token.children
        ):
            return False
        if verbs_only and token != low and token.pos_ in ("NOUN", "PROPN", "PRON"):
            return False
        token = token.head
    return token == high


def _clause(token: Token) -> Token:
    """The verb whose clause holds ``token`` (the token itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _anchor(phrase: Span, published: date | None) -> date | None:
    """The last day the article named before ``phrase``, for "two days later"."""
    words = set(_with_preposition(phrase).lower().split())
    if not words & (_SHIFT_WORDS | {"next", "following", "previous"}):
        return None
    sents = {t.sent.start: t.sent for t in phrase.doc[: phrase.start]}
    for sent in reversed(sents.values()):
        for span in reversed(_date_phrases(sent)):
            if span.end > phrase.start:
                continue
            found = resolve(_with_preposition(span), published)
            if found is not None:
                return found.start
    return published
