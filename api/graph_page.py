"""The interactive graph page: ``GET /graph`` and its static assets under ``/graph/static/``.

The page is plain HTML, CSS and JavaScript that draws the graph with a vendored copy of
cytoscape.js and talks to ``/graphql`` only, so it works without network access. The
Content-Security-Policy below makes the browser enforce that: scripts, styles and requests
may come from this origin and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

__all__ = ["CONTENT_SECURITY_POLICY", "PAGE", "routes"]

STATIC = Path(__file__).resolve().parent / "static"
PAGE = STATIC / "graph" / "graph.html"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # the page is small and changes with the code; always revalidate it
    "Cache-Control": "no-cache",
}


async def graph_page(request: Request) -> Response:
    """The graph page itself."""
    return FileResponse(PAGE, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


def routes() -> list[BaseRoute]:
    """The page and its assets, for ``create_app`` to mount."""
    return [
        Route("/graph", graph_page, methods=["GET"], name="graph_page"),
        # the more specific mount first: Starlette tries routes in order
        Mount(
            "/graph/static/vendor/cytoscape",
            app=StaticFiles(directory=STATIC / "vendor" / "cytoscape"),
            name="graph_vendor",
        ),
        Mount("/graph/static", app=StaticFiles(directory=STATIC / "graph"), name="graph_static"),
    ]
