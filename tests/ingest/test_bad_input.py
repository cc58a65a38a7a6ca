"""Bad input gives a clear message or an empty result, never a traceback."""

from __future__ import annotations

import io

import pytest

from graph.errors import BadInputError
from graph.ingest.readers import ReadFailure, check_text, read_articles
from graph.model import Article


def test_empty_and_whitespace_are_refused():
    for text in ("", "   \n\t "):
        with pytest.raises(BadInputError, match="empty"):
            check_text(text)


def test_binary_file_is_reported(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and "binary" in item.reason


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Les forces françaises ont frappé".encode("latin-1"))
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and "UTF-8" in item.reason


def test_huge_text_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1_100_000)
    (item,) = read_articles([str(path)])
    assert (isinstance(item, ReadFailure) and "limit" in item.reason) or "split" in item.reason


def test_batch_goes_on_past_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "Houthi drones hit Jizan."}\nnot json\n{"id": "c"}\n')
    items = list(read_articles([str(path)]))
    assert isinstance(items[0], Article)
    assert [type(i) for i in items[1:]] == [ReadFailure, ReadFailure]


def test_stdin_text():
    (item,) = read_articles(["-"], stdin=io.BytesIO(b"Russian jets bombed Idlib."))
    assert isinstance(item, Article) and item.id == "stdin"


def test_non_english_text_gives_an_empty_result_with_a_warning(extractor):
    text = (
        "Las fuerzas del gobierno tomaron el control de la ciudad después de varios días de "
        "combates intensos con los grupos armados que operan en la región del norte del país."
    )
    ex = extractor.extract(Article("es", text))
    assert ex.relations == () and ex.warnings
