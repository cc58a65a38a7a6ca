"""Read articles from ``.txt`` files, ``.jsonl`` files and standard input.

A reader never raises for one bad input: it yields a :class:`ReadFailure` in that input's
place so that a batch goes on and reports every failure at the end.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from graph.article_ids import article_id_problem
from graph.errors import BadInputError
from graph.model import Article

__all__ = ["MAX_TEXT_CHARS", "ReadFailure", "check_text", "read_articles"]

MAX_TEXT_CHARS = 1_000_000  # spaCy's own default nlp.max_length
CHUNK_BYTES = 1 << 16
#: A surrogate left alone after JSON decoding ("\\ud800") is no character: it cannot be stored.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    source: str  # a path, "path:line" or "-"
    reason: str


def check_text(text: str, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return the text stripped, or raise :class:`BadInputError` saying what is wrong with it."""
    if "\x00" in text:
        raise BadInputError("the input looks binary (it contains NUL bytes); give plain text")
    if LONE_SURROGATE.search(text):
        raise BadInputError("the text is not valid Unicode (it holds a lone surrogate)")
    stripped = text.strip()
    if not stripped:
        raise BadInputError("the article is empty")
    if len(stripped) > max_chars:
        raise BadInputError(
            f"the article has {len(stripped):,} characters, over the limit of {max_chars:,}; "
            "split it or raise ACTORGRAPH_MAX_TEXT_CHARS"
        )
    return stripped


def _binary() -> BadInputError:
    return BadInputError("looks binary (it contains NUL bytes); give UTF-8 text")


def _not_utf8(at_byte: int) -> BadInputError:
    return BadInputError(f"is not UTF-8 (byte {at_byte}); convert it, e.g. iconv -t UTF-8")


def _decode(raw: bytes) -> str:
    """The bytes as text; errors do not name the input, the caller's failure does."""
    if b"\x00" in raw[:8192]:
        raise _binary()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(exc.start) from exc


def _parse_date(value: object) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _article_from_record(record: object, max_chars: int) -> Article:
    """The article a JSONL record describes; errors do not name the line, the caller does."""
    if not isinstance(record, dict):
        raise BadInputError("each JSONL line must be an object with 'id' and 'text'")
    text, art_id = record.get("text"), record.get("id")
    if not isinstance(text, str) or art_id is None:
        raise BadInputError("each JSONL line needs a string 'text' and an 'id'")
    if problem := article_id_problem(art_id):
        raise BadInputError(problem)
    title, url = record.get("title"), record.get("url")
    return Article(
        id=str(art_id),
        text=check_text(text, max_chars=max_chars),
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        published=_parse_date(record.get("published") or record.get("date")),
    )


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """The stream's lines, one at a time; None in place of a line longer than ``max_bytes``,
    which is skipped without being held in memory."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(CHUNK_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _line_bytes(max_chars: int) -> int:
    """The longest JSONL line worth parsing: the text at the limit with every character
    escaped (``\\uXXXX`` twice for a surrogate pair), and room for the other fields."""
    return 12 * max_chars + CHUNK_BYTES


def _record_from_line(raw: bytes | None, where: str, max_chars: int) -> Article:
    if raw is None:
        raise BadInputError(
            f"the line is over {_line_bytes(max_chars):,} bytes: no article within the limit "
            f"of {max_chars:,} characters is that long; split it"
        )
    try:
        record = json.loads(_decode(raw))
    except json.JSONDecodeError as exc:
        raise BadInputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:  # json's scanner recurses once per level of nesting
        raise BadInputError("the JSON is nested too deeply to be an article") from exc
    return _article_from_record(record, max_chars)


def _read_jsonl(stream: IO[bytes], source: str, max_chars: int) -> Iterator[Article | ReadFailure]:
    for number, raw in enumerate(_lines(stream, _line_bytes(max_chars)), start=1):
        if raw is not None and not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            item: Article | ReadFailure = _record_from_line(raw, where, max_chars)
        except BadInputError as exc:
            item = ReadFailure(where, str(exc))
        yield item


def _stem_id(path: Path) -> str:
    if problem := article_id_problem(path.stem):
        raise BadInputError(f"its name cannot be the article's id: {problem}; rename the file")
    return path.stem


def _read_path(path: Path, max_chars: int) -> Iterator[Article | ReadFailure]:
    source = str(path)
    try:
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, source, max_chars)
            return
        art_id = _stem_id(path)
        if path.stat().st_size > 4 * max_chars + 4:
            raise BadInputError(f"is over {max_chars:,} characters; split it")
        yield Article(id=art_id, text=check_text(_decode(path.read_bytes()), max_chars=max_chars))
    except FileNotFoundError:
        yield ReadFailure(source, "no such file")
    except IsADirectoryError:
        yield ReadFailure(source, "is a directory; pass the files inside it (e.g. dir/*.txt)")
    except PermissionError:
        yield ReadFailure(source, "permission denied")
    except BadInputError as exc:
        yield ReadFailure(source, str(exc))


class _Replayed(io.RawIOBase):
    """A stream giving ``head`` (bytes already read from ``tail``), then the rest of ``tail``."""

    def __init__(self, head: bytes, tail: IO[bytes]) -> None:
        self._head = head
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            data, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            read1 = getattr(self._tail, "read1", self._tail.read)
            data = read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _leading_blanks(stream: IO[bytes]) -> bytes:
    """Read up to the first byte that is not whitespace (or the end) and return all of it."""
    read1 = getattr(stream, "read1", stream.read)  # what has arrived, not a full chunk
    head = b""
    while not head.strip() and (chunk := read1(CHUNK_BYTES)):
        head += chunk
    return head


def _stdin_text(stream: IO[bytes], max_chars: int) -> Article:
    """Standard input as one article, read in chunks; over the limit, the size is counted and
    the text dropped as it streams past, so a huge input is reported at its real size."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    kept: list[str] = []
    chars = offset = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if b"\x00" in chunk:
            raise _binary()
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:  # exc.start counts from bytes the decoder still held
            raise _not_utf8(offset - len(decoder.getstate()[0]) + exc.start) from exc
        if not chunk:
            break
        offset += len(chunk)
        chars += len(text)
        if chars <= 2 * max_chars:  # beyond that, no stripping brings it under the limit
            kept.append(text)
    if chars > 2 * max_chars:
        raise BadInputError(
            f"the article has {chars:,} characters, over the limit of {max_chars:,}; split it"
        )
    return Article(id="stdin", text=check_text("".join(kept), max_chars=max_chars))


def _read_stdin(max_chars: int, stdin: IO[bytes] | None) -> Iterator[Article | ReadFailure]:
    """Standard input: JSON lines when it starts with ``{``, else one article; read as a
    stream, so no input is cut short whatever its size."""
    if stdin is None and sys.stdin is None:  # the process was started with it closed
        yield ReadFailure("-", "standard input is closed")
        return
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        head = _leading_blanks(stream)
        replayed = io.BufferedReader(_Replayed(head, stream), CHUNK_BYTES)
        if head.lstrip()[:1] == b"{":
            yield from _read_jsonl(replayed, "-", max_chars)
        else:
            yield _stdin_text(replayed, max_chars)
    except BadInputError as exc:
        yield ReadFailure("-", str(exc))
    except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
        yield ReadFailure("-", f"cannot read standard input: {exc}")


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
