"""Write the API's GraphQL schema (SDL) to schema.graphql at the repository root.

.venv/bin/python scripts/print_schema.py           # rewrite schema.graphql
.venv/bin/python scripts/print_schema.py --check   # exit 1 if it differs from the code
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source tree without installing it

from api.schema import print_sdl  # noqa: E402

__all__ = ["SCHEMA_FILE", "main"]

SCHEMA_FILE = ROOT / "schema.graphql"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) schema.graphql."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    args = parser.parse_args(argv)
    sdl = print_sdl()
    if args.check:
        current = SCHEMA_FILE.read_text("utf-8") if SCHEMA_FILE.exists() else ""
        if current != sdl:
            print("schema.graphql is stale: run scripts/print_schema.py", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(sdl, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
