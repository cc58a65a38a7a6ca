"""The one rule for article ids, shared by the command line and the API.

An id is data the stores pass as a parameter, but it is also shown in pages, file names and
URLs: letters, digits and ``. : / @ + - _``, at most 200 of them, cover file stems, URLs and
content hashes, and nothing else (no NUL, no spaces, no markup) ever becomes one.
"""

from __future__ import annotations

import re

__all__ = ["ARTICLE_ID", "ARTICLE_ID_RULE", "article_id_problem"]

ARTICLE_ID = re.compile(r"[\w.:/@+\-]{1,200}")
ARTICLE_ID_RULE = "1 to 200 letters, digits or . : / @ + - _"


def article_id_problem(value: object) -> str | None:
    """Why ``value`` cannot be an article id, or None when it can.

    >>> article_id_problem("reuters-2024-01-10") is None
    True
    >>> article_id_problem("a b")
    "an article id must be 1 to 200 letters, digits or . : / @ + - _ (got 'a b')"
    >>> article_id_problem(["a"])
    'an article id must be a string or a number (got a list)'
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        return f"an article id must be a string or a number (got a {type(value).__name__})"
    text = str(value)
    if ARTICLE_ID.fullmatch(text):
        return None
    return f"an article id must be {ARTICLE_ID_RULE} (got {text[:40]!r})"
