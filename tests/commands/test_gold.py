"""The whole stored graph built from the shared seed articles, scored against the gold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .hand_made import CLI, SHARED

pytestmark = [
    pytest.mark.skipif(
        not (SHARED / "gold" / "score.py").is_file(),
        reason=f"no shared gold beside the checkout ({SHARED} is absent)",
    ),
    pytest.mark.usefixtures("extractor"),
]


def test_graph_from_the_seeds_meets_the_gold(
    cli: CLI, store_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    assert seeds, "the shared folder has no seeds"
    assert cli("ingest", *seeds, "--store", store_path).code == 0
    export = tmp_path / "g.json"
    assert cli("export", "--output", str(export), "--store", store_path).code == 0
    scored = subprocess.run(
        [sys.executable, str(SHARED / "gold" / "score.py"), "--graph",
         str(SHARED / "gold" / "seeds.jsonl"), str(export)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"precision ([\d.]+) recall ([\d.]+) f1 ([\d.]+)", scored.stdout)
    assert found, scored.stdout
    precision, recall, f1 = map(float, found.groups())
    with capsys.disabled():
        print(f"\n[graph vs gold] precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f}")
    merge_errors = [line for line in scored.stdout.splitlines() if line.startswith("merged")]
    assert merge_errors == []
    assert recall >= 0.9, scored.stdout
    assert precision >= 0.9, scored.stdout
