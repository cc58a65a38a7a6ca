"""Fixtures every test folder may use."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

MakeReadOnly = Callable[..., None]


def _chattr(flag: str, path: Path) -> bool:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def make_read_only() -> Iterator[MakeReadOnly]:
    """Make files and folders read-only for this process, and writable again afterwards.

    Permission bits do not stop root, so a test running as root also sets the immutable
    attribute (``chattr +i``), which stops every writer; where that is not possible the test
    is skipped, since it would test nothing.
    """
    changed: list[tuple[Path, int]] = []
    immutable: list[Path] = []

    def make(*paths: Path) -> None:
        for path in paths:
            changed.append((path, path.stat().st_mode))
            path.chmod(path.stat().st_mode & ~0o222)
            if os.geteuid() != 0:
                continue
            if shutil.which("chattr") is None or not _chattr("+i", path):
                pytest.skip("running as root, and this file system cannot make a file immutable")
            immutable.append(path)

    yield make
    for path in reversed(immutable):
        _chattr("-i", path)
    for path, mode in reversed(changed):
        path.chmod(mode)
