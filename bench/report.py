"""What every benchmark prints: the machine it ran on, memory high-water marks, percentiles
and aligned tables.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

__all__ = ["machine", "peak_rss_mb", "percentiles", "print_table"]


def machine() -> dict[str, object]:
    """CPUs, memory, Python and the load average now: a figure means little without them."""
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "memory_gb": round(pages / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """The high-water mark of resident memory, in MB (``ru_maxrss`` is KiB on Linux).

    For ``RUSAGE_CHILDREN`` it is that of the largest child waited for, not a sum.
    """
    kib = resource.getrusage(who).ru_maxrss
    if sys.platform == "darwin":  # bytes there
        kib //= 1024
    return round(kib / 1024, 1)


def percentiles(samples: Sequence[float], points: Sequence[int] = (50, 95, 99)) -> dict[str, float]:
    """Nearest-rank percentiles of ``samples`` (seconds in, milliseconds out)."""
    if not samples:
        return {f"p{p}": float("nan") for p in points}
    ordered = sorted(samples)
    out = {}
    for p in points:
        rank = max(1, -(-p * len(ordered) // 100))  # ceil(p/100 * n), 1-based
        out[f"p{p}"] = round(ordered[rank - 1] * 1000, 2)
    return out


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Columns right-aligned except the first; floats with sensible precision."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "  ".join(
        h.ljust(w) if i == 0 else h.rjust(w)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for row in cells:
        print(
            "  ".join(
                v.ljust(w) if i == 0 else v.rjust(w)
                for i, (v, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
