"""Read articles from ``.txt`` files, ``.jsonl`` files and standard input.

A reader never raises for one bad input: it yields a :class:`ReadFailure` in that input's
place so that a batch goes on and reports every failure at the end.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from graph.errors import BadInputError
from graph.model import Article

__all__ = ["MAX_TEXT_CHARS", "ReadFailure", "check_text", "read_articles"]

MAX_TEXT_CHARS = 1_000_000  # spaCy's own default nlp.max_length


@dataclass(frozen=True, slots=True)
class ReadFailure:
    source: str  # a path, "path:line" or "-"
    reason: str


def check_text(text: str, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return the text stripped, or raise :class:`BadInputError` saying what is wrong with it."""
    if "\x00" in text:
        raise BadInputError("the input looks binary (it contains NUL bytes); give plain text")
    stripped = text.strip()
    if not stripped:
        raise BadInputError("the article is empty")
    if len(stripped) > max_chars:
        raise BadInputError(
            f"the article has {len(stripped):,} characters, over the limit of {max_chars:,}; "
            "split it or raise ACTORGRAPH_MAX_TEXT_CHARS"
        )
    return stripped


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw[:8192]:
        raise BadInputError(f"{source} looks binary (it contains NUL bytes); give UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInputError(
            f"{source} is not UTF-8 (byte {exc.start}); convert it, e.g. iconv -t UTF-8"
        ) from exc


def _parse_date(value: object) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _article_from_record(record: object, source: str, max_chars: int) -> Article:
    if not isinstance(record, dict):
        raise BadInputError(f"{source}: each JSONL line must be an object with 'id' and 'text'")
    text, art_id = record.get("text"), record.get("id")
    if not isinstance(text, str) or art_id is None or not str(art_id).strip():
        raise BadInputError(f"{source}: each JSONL line needs a string 'text' and an 'id'")
    title, url = record.get("title"), record.get("url")
    return Article(
        id=str(art_id).strip(),
        text=check_text(text, max_chars=max_chars),
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        published=_parse_date(record.get("published") or record.get("date")),
    )


def _read_jsonl(stream: IO[bytes], source: str, max_chars: int) -> Iterator[Article | ReadFailure]:
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(_decode(raw, where))
            yield _article_from_record(record, where, max_chars)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except BadInputError as exc:
            yield ReadFailure(where, str(exc))


def _read_text(raw: bytes, art_id: str, source: str, max_chars: int) -> Article:
    text = check_text(_decode(raw, source), max_chars=max_chars)
    return Article(id=art_id, text=text)


def _read_path(path: Path, max_chars: int) -> Iterator[Article | ReadFailure]:
    source = str(path)
    try:
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, source, max_chars)
            return
        if path.stat().st_size > 4 * max_chars + 4:
            raise BadInputError(f"{source} is over {max_chars:,} characters; split it")
        yield _read_text(path.read_bytes(), path.stem, source, max_chars)
    except FileNotFoundError:
        yield ReadFailure(source, "no such file")
    except IsADirectoryError:
        yield ReadFailure(source, "is a directory; pass the files inside it (e.g. dir/*.txt)")
    except PermissionError:
        yield ReadFailure(source, "permission denied")
    except BadInputError as exc:
        yield ReadFailure(source, str(exc).removeprefix(f"{source}: "))


def _read_stdin(max_chars: int, stdin: IO[bytes] | None) -> Iterator[Article | ReadFailure]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    raw = stream.read(4 * max_chars + 5)
    first = raw.lstrip()[:1]
    if first == b"{":  # JSON lines on stdin
        yield from _read_jsonl(io.BytesIO(raw), "-", max_chars)
        return
    try:
        yield _read_text(raw, "stdin", "standard input", max_chars)
    except BadInputError as exc:
        yield ReadFailure("-", str(exc))


def read_articles(
    sources: Iterable[str], *, max_chars: int = MAX_TEXT_CHARS, stdin: IO[bytes] | None = None
) -> Iterator[Article | ReadFailure]:
    """Yield an :class:`Article` or a :class:`ReadFailure` for each input.

    ``sources`` are paths to ``.txt`` files (the id is the file stem), ``.jsonl`` files (one
    ``{"id", "text", "title"?, "url"?, "published"?}`` object a line) or ``-`` for standard input.
    """
    for source in sources:
        if source == "-":
            yield from _read_stdin(max_chars, stdin)
        else:
            yield from _read_path(Path(source), max_chars)
