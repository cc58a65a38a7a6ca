"""Inputs cut into partitions that a worker reads by itself: groups of files, or line ranges.

A partition names what to read (paths, or a byte range of a ``.jsonl`` file and the number of
its first line), so the text never passes through the client; only standard input, which the
workers cannot see, travels inside its partitions. Reading goes through
:mod:`graph.ingest.readers`, so the limits and the failure messages are those of ``ingest``.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> lines = ['{"id": "a", "text": "x"}', '', '{"id": "b", "text": "y"}', '']
>>> _ = (folder / "feed.jsonl").write_text(chr(10).join(lines))
>>> [p.label for p in plan_partitions([str(folder / "feed.jsonl")], size=1)][0].endswith(":1-1")
True
>>> [a.id for a in read_partition(LineRange(str(folder / "feed.jsonl"), 3, 26, 51), 100)]
['b']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, cast

from graph.ingest import readers
from graph.ingest.readers import ReadFailure, read_articles
from graph.model import Article

__all__ = ["Files", "Items", "LineRange", "Partition", "plan_partitions", "read_partition"]

Item = Article | ReadFailure
CHUNK_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Files:
    """Whole files, each read as ``ingest`` reads it (a ``.txt`` file is one article)."""

    paths: tuple[str, ...]

    @property
    def label(self) -> str:
        more = len(self.paths) - 1
        return f"{self.paths[0]} (+{more})" if more else self.paths[0]


@dataclass(frozen=True, slots=True)
class LineRange:
    """Lines ``first_line``.. of a ``.jsonl`` file, found at bytes ``[start, end)``."""

    path: str
    first_line: int
    start: int
    end: int
    last_line: int = 0  # for the label only

    @property
    def label(self) -> str:
        return f"{self.path}:{self.first_line}-{self.last_line or '?'}"


@dataclass(frozen=True, slots=True)
class Items:
    """Articles already read by the client (standard input), and its read failures."""

    items: tuple[Item, ...]

    @property
    def label(self) -> str:
        return "-"


Partition = Files | LineRange | Items


def _line_ranges(path: str, stream: IO[bytes], size: int) -> Iterator[LineRange]:
    """Cut a JSONL file after every ``size`` non-blank lines, at line boundaries.

    The file is read in pieces of at most ``CHUNK_BYTES``, so one huge line is never held.
    """
    start = end = count = line = 0
    first, filled = 1, False
    with stream:
        while piece := stream.readline(CHUNK_BYTES):
            end += len(piece)
            filled = filled or bool(piece.strip())
            if not piece.endswith(b"\n"):
                continue  # the line goes on in the next piece
            line += 1
            count, filled = count + filled, False
            if count == size:
                yield LineRange(path, first, start, end, line)
                start, first, count = end, line + 1, 0
    if count or filled:
        yield LineRange(path, first, start, end, line + filled)


def _stdin_items(size: int, max_chars: int, stdin: IO[bytes] | None) -> Iterator[Items]:
    items = read_articles(["-"], max_chars=max_chars, stdin=stdin)
    while chunk := tuple(islice(items, size)):
        yield Items(chunk)


def plan_partitions(
    sources: Iterable[str],
    *,
    size: int,
    max_chars: int = readers.MAX_TEXT_CHARS,
    stdin: IO[bytes] | None = None,
) -> Iterator[Partition]:
    """Partitions of at most ``size`` articles, in input order, made as they are asked for.

    Consecutive ``.txt`` (or other non-JSONL) paths are grouped ``size`` at a time; a ``.jsonl``
    file the client can open is cut into line ranges; one it cannot open stays whole, so the
    worker's reader reports it exactly as ``ingest`` would.
    """
    group: list[str] = []
    for source in sources:
        path = Path(source)
        splittable = source != "-" and path.suffix.lower() == ".jsonl" and path.is_file()
        if group and (splittable or source == "-" or len(group) == size):
            yield Files(tuple(group))
            group = []
        if source == "-":
            yield from _stdin_items(size, max_chars, stdin)
        elif splittable:
            try:
                stream = path.open("rb")
            except OSError:  # unreadable here: the worker's reader says why
                yield Files((source,))
                continue
            yield from _line_ranges(source, stream, size)
        else:
            group.append(source)
    if group:
        yield Files(tuple(group))


class _LineWindow:
    """Bytes ``[start, end)`` of an open file, read by lines, behind ``padding`` blank lines.

    The blank lines stand in for the lines before the range: the JSONL reader skips them but
    counts them, so each failure names its real line number, as it does in ``ingest``.
    """

    def __init__(self, stream: IO[bytes], padding: int, end: int) -> None:
        self._stream, self._padding, self._end = stream, padding, end

    def readline(self, size: int = -1) -> bytes:
        if self._padding:
            self._padding -= 1
            return b"\n"
        left = self._end - self._stream.tell()
        if left <= 0:
            return b""
        return self._stream.readline(left if size < 0 else min(size, left))

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")


def _read_lines(part: LineRange, max_chars: int) -> Iterator[Item]:
    try:
        stream = open(part.path, "rb")  # noqa: SIM115 - closed below, after the reader is done
        stream.seek(part.start)
    except OSError as exc:
        yield ReadFailure(part.label, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        window = _LineWindow(stream, part.first_line - 1, part.end)
        yield from readers._read_jsonl(cast(IO[bytes], window), part.path, max_chars)


def read_partition(partition: Partition, max_chars: int) -> Iterator[Item]:
    """The articles (and read failures) of one partition, in order."""
    if isinstance(partition, Items):
        yield from partition.items
    elif isinstance(partition, LineRange):
        yield from _read_lines(partition, max_chars)
    else:
        yield from read_articles(partition.paths, max_chars=max_chars)
