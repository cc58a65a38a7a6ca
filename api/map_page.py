"""The map page: ``GET /map`` and its assets under ``/map/static/``.

Towns are placed by their GeoNames coordinates on Natural Earth's country outlines (a vendored
copy of npm ``world-atlas``) and coloured by who holds them as of a day on a slider; strikes
are marks on their targets. The page talks to ``/graphql`` only and loads nothing from
elsewhere, under the graph page's Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from api.graph_page import PAGE_HEADERS

__all__ = ["PAGE", "routes"]

STATIC = Path(__file__).resolve().parent / "static"
PAGE = STATIC / "map" / "map.html"


async def map_page(request: Request) -> Response:
    """The map page itself."""
    return FileResponse(PAGE, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


def routes() -> list[BaseRoute]:
    """The page and its assets, for ``create_app`` to mount."""
    return [
        Route("/map", map_page, methods=["GET"], name="map_page"),
        Mount(
            "/map/static/vendor/world-atlas",
            app=StaticFiles(directory=STATIC / "vendor" / "world-atlas"),
            name="map_vendor",
        ),
        Mount("/map/static", app=StaticFiles(directory=STATIC / "map"), name="map_static"),
    ]
