"""Partitions read back exactly what the ingest readers read from the whole input."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import graph.backfill.partitions as partitions_module
from graph.backfill.partitions import Files, Items, LineRange, plan_partitions, read_partition
from graph.ingest.readers import read_articles

LINES = [
    '{"id": "a", "text": "Russia struck Kharkiv."}',
    "",
    "not json at all",
    '{"id": "b", "text": "Iran backs Hezbollah."}',
    "   ",
    '{"id": "c", "text": ""}',
    '{"id": "d", "text": "Hamas fired rockets at Tel Aviv."}',
    "[1, 2]",
    '{"id": "e", "text": "The RSF captured El Fasher."}',
]


def _feed(folder: Path, lines: list[str], *, final_newline: bool = True) -> Path:
    path = folder / "feed.jsonl"
    path.write_text("\n".join(lines) + ("\n" if final_newline else ""), encoding="utf-8")
    return path


def _read_all(sources: list[str], size: int) -> list[object]:
    return [item for p in plan_partitions(sources, size=size) for item in read_partition(p, 50)]


@pytest.mark.parametrize("size", [1, 2, 3, 100])
@pytest.mark.parametrize("final_newline", [True, False])
def test_line_ranges_read_what_the_reader_reads_with_the_same_line_numbers(
    tmp_path: Path, size: int, final_newline: bool
) -> None:
    path = str(_feed(tmp_path, LINES, final_newline=final_newline))
    expected = list(read_articles([path], max_chars=50))
    assert _read_all([path], size) == expected
    plan = list(plan_partitions([path], size=size))
    assert [type(p) for p in plan] == [LineRange] * -(-7 // size)  # 7 non-blank lines


def test_each_partition_holds_at_most_size_articles_or_failures(tmp_path: Path) -> None:
    path = str(_feed(tmp_path, LINES))
    counts = [len(list(read_partition(p, 50))) for p in plan_partitions([path], size=4)]
    assert counts == [4, 3]  # 7 non-blank lines; blank ones belong to no article


def test_text_files_are_grouped_in_input_order_around_a_jsonl_file(tmp_path: Path) -> None:
    texts = []
    for name in ("one", "two", "three"):
        texts.append(tmp_path / f"{name}.txt")
        texts[-1].write_text(f"Article {name}: Iran backs Hezbollah.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    jsonl = _feed(tmp_path, LINES[:4])
    sources = [str(texts[0]), str(jsonl), str(texts[1]), str(tmp_path / "empty.txt")]
    sources += [str(texts[2]), str(tmp_path / "missing.txt")]
    plan = list(plan_partitions(sources, size=2))
    assert [type(p) for p in plan] == [Files, LineRange, LineRange, Files, Files]
    assert _read_all(sources, 2) == list(read_articles(sources, max_chars=50))


def test_an_unreadable_jsonl_file_stays_whole_so_the_reader_reports_it(tmp_path: Path) -> None:
    sources = [str(tmp_path / "missing.jsonl"), str(tmp_path)]
    assert list(plan_partitions(sources, size=5)) == [Files(tuple(sources))]
    assert _read_all(sources, 5) == list(read_articles(sources, max_chars=50))


def test_standard_input_travels_inside_its_partitions(tmp_path: Path) -> None:
    raw = ("\n".join(LINES) + "\n").encode()
    plan = list(plan_partitions(["-"], size=3, max_chars=50, stdin=_stream(raw)))
    assert all(isinstance(p, Items) for p in plan)
    got = [item for p in plan for item in read_partition(p, 50)]
    assert got == list(read_articles(["-"], max_chars=50, stdin=_stream(raw)))


def _stream(raw: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(raw)


def test_docstring_examples() -> None:
    result = doctest.testmod(partitions_module, verbose=False)
    assert result.attempted > 0 and result.failed == 0
