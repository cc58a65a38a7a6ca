"""Argument checks: out-of-range values are refused with a clear message, never clamped.

A silent clamp would hand a client a shorter page or a shallower walk than it asked for
without saying so; an error tells it what the limit is.
"""

from __future__ import annotations

from datetime import date

from api.errors import BadUserInput

__all__ = [
    "MAX_SEARCH_CHARS",
    "check_confidence",
    "check_first",
    "check_range",
    "check_search",
    "check_window",
]

#: Longer search strings cannot match a name; refusing them keeps LIKE scans cheap.
MAX_SEARCH_CHARS = 200


def check_first(first: int, max_page_size: int, argument: str = "first") -> int:
    """``first`` itself when it is within 0..max_page_size."""
    if first < 0:
        raise BadUserInput(f"'{argument}' must not be negative (got {first}).")
    if first > max_page_size:
        raise BadUserInput(
            f"'{argument}' is {first}, above the maximum page size of {max_page_size}: "
            "ask for fewer and follow pageInfo.endCursor."
        )
    return first


def check_range(value: int, low: int, high: int, argument: str) -> int:
    """``value`` itself when ``low <= value <= high``."""
    if not low <= value <= high:
        raise BadUserInput(f"'{argument}' must be between {low} and {high} (got {value}).")
    return value


def check_confidence(value: float | None) -> float | None:
    """A confidence threshold must lie in 0..1."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise BadUserInput(f"'minConfidence' must be between 0 and 1 (got {value}).")
    return value


def check_window(since: date | None, until: date | None) -> None:
    """``since`` must not come after ``until``."""
    if since is not None and until is not None and since > until:
        raise BadUserInput(f"'since' ({since}) is after 'until' ({until}).")


def check_search(text: str | None) -> str | None:
    """A search string is trimmed; an over-long one is refused."""
    if text is None:
        return None
    if len(text) > MAX_SEARCH_CHARS:
        raise BadUserInput(f"'search' is longer than {MAX_SEARCH_CHARS} characters.")
    return text.strip() or None
