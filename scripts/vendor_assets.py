"""Copy the browser libraries the API serves from node_modules/ into api/static/vendor/.

The API serves every script itself (no CDN), so the pages work without network access. Each
package has its own function that copies its files and its licence; ``VENDORS`` lists them.
Run after ``npm ci``:

    .venv/bin/python scripts/vendor_assets.py            # copy
    .venv/bin/python scripts/vendor_assets.py --check    # exit 1 if a vendored file is stale
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "VENDORS",
    "main",
    "vendor_cytoscape",
    "vendor_graphiql",
    "vendor_react",
    "vendor_react_dom",
    "vendor_world_atlas",
]

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "api" / "static" / "vendor"

#: (source under node_modules/, destination under api/static/vendor/)
Copy = tuple[str, str]


def package_version(package: str) -> str:
    """The version npm installed, so the vendored copy records what it came from."""
    manifest = json.loads((NODE_MODULES / package / "package.json").read_text("utf-8"))
    return str(manifest["version"])


def vendor_cytoscape() -> list[Copy]:
    """cytoscape.js, the graph renderer of /graph (MIT)."""
    return [
        ("cytoscape/dist/cytoscape.min.js", "cytoscape/cytoscape.min.js"),
        ("cytoscape/LICENSE", "cytoscape/LICENSE"),
    ]


def vendor_graphiql() -> list[Copy]:
    """GraphiQL's UMD bundle and stylesheet (fonts inlined), served at /graphiql (MIT)."""
    return [
        ("graphiql/graphiql.min.js", "graphiql/graphiql.min.js"),
        ("graphiql/graphiql.min.css", "graphiql/graphiql.min.css"),
        ("graphiql/LICENSE", "graphiql/LICENSE"),
    ]


def vendor_react() -> list[Copy]:
    """React 18's UMD build, which GraphiQL's bundle expects as ``window.React`` (MIT)."""
    return [
        ("react/umd/react.production.min.js", "react/react.production.min.js"),
        ("react/LICENSE", "react/LICENSE"),
    ]


def vendor_react_dom() -> list[Copy]:
    """React DOM 18's UMD build (``window.ReactDOM``) for GraphiQL (MIT)."""
    return [
        ("react-dom/umd/react-dom.production.min.js", "react-dom/react-dom.production.min.js"),
        ("react-dom/LICENSE", "react-dom/LICENSE"),
    ]


def vendor_world_atlas() -> list[Copy]:
    """Natural Earth's 1:50m country outlines as TopoJSON, the map page's base (ISC; the
    Natural Earth data is in the public domain, as its README says)."""
    return [
        ("world-atlas/countries-50m.json", "world-atlas/countries-50m.json"),
        ("world-atlas/LICENSE", "world-atlas/LICENSE"),
        ("world-atlas/README.md", "world-atlas/README.md"),
    ]


#: One entry per vendored package; add a function above and list it here.
VENDORS: dict[str, Callable[[], list[Copy]]] = {
    "cytoscape": vendor_cytoscape,
    "graphiql": vendor_graphiql,
    "react": vendor_react,
    "react-dom": vendor_react_dom,
    "world-atlas": vendor_world_atlas,
}


def stale(copies: list[Copy]) -> list[str]:
    """Destinations that are missing or differ from their node_modules source."""
    return [
        dst
        for src, dst in copies
        if not (VENDOR / dst).is_file()
        or (VENDOR / dst).read_bytes() != (NODE_MODULES / src).read_bytes()
    ]


def copy(package: str, copies: list[Copy]) -> None:
    """Copy one package's files and note the version they came from."""
    for src, dst in copies:
        target = VENDOR / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / src, target)
    # The first destination's top folder is the package's folder under vendor/.
    version_file = VENDOR / Path(copies[0][1]).parts[0] / "VERSION"
    version_file.write_text(f"{package} {package_version(package)}\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Copy (or with ``--check``, verify) every vendored package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    if not NODE_MODULES.is_dir():
        print(f"{NODE_MODULES} is missing: run `npm ci` first", file=sys.stderr)
        return 1
    problems: list[str] = []
    for package, files in VENDORS.items():
        copies = files()
        if args.check:
            problems += stale(copies)
        else:
            copy(package, copies)
    for dst in problems:
        print(f"stale: api/static/vendor/{dst}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
