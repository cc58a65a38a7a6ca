"""Inputs and outputs a hostile user can give the command line: standard input of any size,
deep JSON, closed or full streams, ids the API would refuse. Each case once failed."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.ingest.readers import ReadFailure, read_articles
from graph.model import Article

from .conftest import _ingest_all
from .hand_made import CLI, HAND_MADE, REPO

LINE = b'{"id": "a%d", "text": "Russian jets bombed Idlib again in the night (%d)."}\n'
DEEP = b"[" * 100_000 + b"]" * 100_000 + b"\n"


def _jsonl(count: int, *, width: int) -> bytes:
    """``count`` JSON lines, each padded to about ``width`` bytes with a title."""
    pad = "x" * width
    return b"".join(
        json.dumps({"id": f"a{i}", "text": f"Iran backs Hezbollah ({i}).", "title": pad}).encode()
        + b"\n"
        for i in range(count)
    )


def test_stdin_jsonl_is_read_to_the_end_whatever_its_size() -> None:
    # 12 MB of JSON lines: every article comes through, none is cut off by a read limit
    data = _jsonl(300, width=40_000)
    items = list(read_articles(["-"], stdin=io.BytesIO(data), max_chars=1_000_000))
    assert [i.id for i in items if isinstance(i, Article)] == [f"a{i}" for i in range(300)]


def test_stdin_jsonl_keeps_the_per_article_limit() -> None:
    big = json.dumps({"id": "big", "text": "word " * 2_000}).encode() + b"\n"
    data = LINE % (1, 1) + big + LINE % (2, 2)
    items = list(read_articles(["-"], stdin=io.BytesIO(b"\n  " + data), max_chars=5_000))
    assert [type(i) for i in items] == [Article, ReadFailure, Article]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and failure.source == "-:3"
    assert "over the limit of 5,000" in failure.reason


def test_a_line_far_over_any_article_is_skipped_and_reading_goes_on() -> None:
    huge = b'{"id": "h", "text": "' + b"a" * 200_000 + b'"}\n'
    items = list(read_articles(["-"], stdin=io.BytesIO(huge + LINE % (2, 2)), max_chars=1_000))
    assert isinstance(items[0], ReadFailure) and "split it" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "a2"


def test_huge_text_on_stdin_is_reported_at_its_real_size() -> None:
    (item,) = read_articles(["-"], stdin=io.BytesIO(b"a" * 5_000_000), max_chars=1_000_000)
    assert isinstance(item, ReadFailure)
    assert "5,000,000 characters" in item.reason


def test_text_on_stdin_that_is_not_utf8_names_the_byte() -> None:
    data = b"Russian jets " * 10_000 + "frappé".encode("latin-1")
    (item,) = read_articles(["-"], stdin=io.BytesIO(data))
    assert isinstance(item, ReadFailure) and f"byte {len(data) - 1}" in item.reason


def test_deep_nesting_fails_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_bytes(LINE % (1, 1) + DEEP + LINE % (2, 2))
    second.write_bytes(LINE % (3, 3))
    items = list(read_articles([str(first), str(second)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a1", "a2", "a3"]
    (failure,) = [i for i in items if isinstance(i, ReadFailure)]
    assert failure.source == f"{first}:2" and "nested too deeply" in failure.reason


def test_deep_nesting_on_stdin_is_one_failure() -> None:
    items = list(read_articles(["-"], stdin=io.BytesIO(LINE % (1, 1) + DEEP + LINE % (2, 2))))
    assert [type(i) for i in items] == [Article, ReadFailure, Article]


def test_closed_stdin_is_a_failure_not_a_traceback(
    cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when started with `<&-`
    run = cli("extract", "-")
    assert run.code == 1
    assert "standard input is closed" in run.err and "Traceback" not in run.err


@pytest.mark.parametrize(
    ("record", "why"),
    [
        ({"id": "x" * 1_000_000, "text": "Iran backs Hezbollah."}, "1 to 200"),
        ({"id": "a\x00b", "text": "Iran backs Hezbollah."}, "1 to 200"),
        ({"id": "a b", "text": "Iran backs Hezbollah."}, "1 to 200"),
        ({"id": ["a"], "text": "Iran backs Hezbollah."}, "got a list"),
        ({"id": {"a": 1}, "text": "Iran backs Hezbollah."}, "got a dict"),
        ({"id": True, "text": "Iran backs Hezbollah."}, "got a bool"),
    ],
)
def test_ids_follow_the_api_rule(tmp_path: Path, record: dict[str, object], why: str) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and why in item.reason


def test_numeric_ids_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text('{"id": 17, "text": "Iran backs Hezbollah."}\n', encoding="utf-8")
    (item,) = read_articles([str(path)])
    assert isinstance(item, Article) and item.id == "17"


def test_a_file_name_that_cannot_be_an_id_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "two words.txt"
    path.write_text("Iran backs Hezbollah.", encoding="utf-8")
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and "rename the file" in item.reason


def test_a_lone_surrogate_in_a_jsonl_text_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "Iran backs \\ud800 Hezbollah."}\n', encoding="utf-8")
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and "surrogate" in item.reason


@pytest.mark.parametrize(
    "line",
    [b'{"id": "x"}\n', b"[1]\n", b"not json\n", b"\xff\xfe\n", b'{"id": "b\x00", "text": "t"}\n'],
)
def test_failures_name_the_line_once(cli: CLI, tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "wrong.jsonl"
    path.write_bytes(line)
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and item.source == f"{path}:1"
    assert str(path) not in item.reason


def test_failures_name_a_text_file_once(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01binary")
    (item,) = read_articles([str(path)])
    assert isinstance(item, ReadFailure) and str(path) not in item.reason


def _actorgraph(
    args: list[str], shell_redirect: str, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process with its standard output redirected by sh."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(REPO)}
    env.pop("ACTORGRAPH_STORE", None)
    command = f'"$0" -m graph.cli "$@" {shell_redirect}'
    return subprocess.run(
        ["sh", "-c", command, sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="this system has no /dev/full")
@pytest.mark.parametrize("command", ["stats", "export"])
def test_a_full_disk_on_stdout_is_an_error(
    hand_made_store: str, tmp_path: Path, command: str
) -> None:
    done = _actorgraph([command, "--store", hand_made_store], "> /dev/full", tmp_path)
    assert done.returncode == 1
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["stats", "export"])
def test_a_closed_stdout_is_an_error(hand_made_store: str, tmp_path: Path, command: str) -> None:
    done = _actorgraph([command, "--store", hand_made_store], ">&-", tmp_path)
    assert done.returncode == 1
    assert "standard output is closed" in done.stderr and "Traceback" not in done.stderr


def test_export_to_a_file_needs_no_stdout(hand_made_store: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    done = _actorgraph(["export", "--store", hand_made_store, "-o", str(out)], ">&-", tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["actors"]


@pytest.mark.parametrize("command", [["stats"], ["export"], ["actors", "iran"]])
def test_reads_never_create_a_store(cli: CLI, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo" / "graph.sqlite3"
    run = cli(*command, "--store", str(missing))
    assert run.code == 2
    assert "there is no graph store" in run.err and str(missing) in run.err
    assert not (tmp_path / "typo").exists()


def _seal(store: str, make_read_only: Callable[..., None]) -> Path:
    """The store file and its folder made read-only, as an archive on read-only media is."""
    path = Path(store)
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [
        path.name
    ]  # closed cleanly: no log or shared-memory file beside it
    make_read_only(path, path.parent)
    return path


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["stats"], "articles   3"),
        (["export"], '"actors"'),
        (["actors", "iran"], "Iran"),
        (["supporters", "Hamas"], "Hezbollah"),
        (["paths", "Iran", "Hamas"], "Hezbollah"),
        (["curate", "log"], "no curations yet"),
    ],
)
def test_read_commands_work_on_a_read_only_store_in_a_read_only_folder(
    cli: CLI,
    tmp_path: Path,
    make_read_only: Callable[..., None],
    command: list[str],
    expected: str,
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    store = str(folder / "graph.sqlite3")
    asyncio.run(_ingest_all(store, HAND_MADE))
    _seal(store, make_read_only)
    run = cli(*command, "--store", store)
    assert run.code == 0, run.err
    assert expected in run.out


def test_ingest_into_a_read_only_store_says_so(
    cli: CLI, tmp_path: Path, make_read_only: Callable[..., None], extractor: object
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    store = str(folder / "graph.sqlite3")
    asyncio.run(_ingest_all(store, HAND_MADE))
    _seal(store, make_read_only)
    article = tmp_path / "new.txt"
    article.write_text("Iran backs Hezbollah.", encoding="utf-8")
    run = cli("ingest", str(article), "--store", store)
    assert run.code == 2
    assert "read-only" in run.err and "Traceback" not in run.err
    assert cli("stats", "--store", store).out.startswith("articles   3")
