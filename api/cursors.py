"""Opaque cursors for every connection field.

A cursor is the base64 of ``"offset:<n>"``: clients must treat it as opaque, which lets the
encoding change later without breaking them.
"""

from __future__ import annotations

import base64
import binascii

from api.errors import BadUserInput

__all__ = ["PREFIX", "decode_cursor", "encode_cursor", "start_offset"]

PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    """The cursor of the item at ``offset`` (0-based) in a result list."""
    return base64.urlsafe_b64encode(f"{PREFIX}{offset}".encode()).decode("ascii")


def decode_cursor(cursor: str) -> int:
    """The offset a cursor stands for; ``BadUserInput`` unless ``encode_cursor`` made it."""
    try:
        text = base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True).decode(
            "ascii"
        )
    except (UnicodeError, binascii.Error, ValueError):
        text = ""
    number = text.removeprefix(PREFIX)
    # only the canonical spelling counts, so each offset has exactly one cursor
    if not (number.isdigit() and len(number) <= 12 and encode_cursor(int(number)) == cursor):
        raise BadUserInput(
            f"Malformed cursor {cursor[:40]!r}: pass an endCursor or cursor from a previous page."
        )
    return int(number)


def start_offset(after: str | None) -> int:
    """Where a page that starts after ``after`` begins."""
    return 0 if after is None else decode_cursor(after) + 1
