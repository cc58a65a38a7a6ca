"""Checks on mutation arguments that return a problem message (or None) for a typed error.

Names and article ids are data, never code: the stores pass them as query parameters. These
rules refuse values that cannot be real names or ids (markup, statement separators, control
characters), so junk never reaches the graph where a page would have to display it.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from graph.article_ids import ARTICLE_ID, ARTICLE_ID_RULE

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_SPLIT_NAMES",
    "MAX_TITLE_CHARS",
    "article_id_problem",
    "name_problem",
    "title_problem",
    "url_problem",
]

MAX_NAME_CHARS = 200
MAX_TITLE_CHARS = 1_000
MAX_URL_CHARS = 2_000
MAX_SPLIT_NAMES = 20

#: Characters that never occur in the name of a faction, place or person.
NOT_IN_NAMES = frozenset("<>{}[];=\\|`$")


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) in {"Cc", "Cf", "Cs"} for c in text)


def name_problem(value: str, argument: str) -> str | None:
    """Why ``value`` cannot be an actor name or alias, or None when it can."""
    text = value.strip()
    if not text:
        return f"'{argument}' is empty."
    if len(text) > MAX_NAME_CHARS:
        return f"'{argument}' is longer than {MAX_NAME_CHARS} characters."
    if _has_control(text) or NOT_IN_NAMES.intersection(text):
        return f"'{argument}' contains characters that do not occur in names ({text[:40]!r})."
    if not any(c.isalpha() for c in text):
        return f"'{argument}' has no letters."
    return None


def article_id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an article id, by the rule the command line applies too."""
    if ARTICLE_ID.fullmatch(value):
        return None
    return (
        f"'id' must be {ARTICLE_ID_RULE} (got {value[:40]!r}); leave it out to use the text's hash."
    )


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an http(s) URL."""
    parts = urlsplit(value) if len(value) <= MAX_URL_CHARS else None
    bad = parts is None or parts.scheme not in {"http", "https"} or not parts.netloc
    if bad or _has_control(value) or any(c in value for c in " <>\"'`{}"):
        return f"'url' must be an http or https URL (got {value[:40]!r})."
    return None


def title_problem(value: str) -> str | None:
    """Why ``value`` cannot be a title; titles are free text, only length and controls count."""
    if len(value) > MAX_TITLE_CHARS:
        return f"'title' is longer than {MAX_TITLE_CHARS} characters."
    if _has_control(value.replace("\t", " ")):
        return "'title' contains control characters."
    return None
