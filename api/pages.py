"""The small non-GraphQL routes: the index, GraphiQL (served offline) and /health."""

from __future__ import annotations

import asyncio
import html
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

__all__ = ["HEALTH_TIMEOUT_S", "STATIC_DIR", "graphiql", "health", "index"]

STATIC_DIR = Path(__file__).parent / "static"
HEALTH_TIMEOUT_S = 3.0

#: Everything the GraphiQL page loads comes from this server; inline styles are React's.
GRAPHIQL_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'"
)


def _version() -> str:
    try:
        return version("actorgraph")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


async def graphiql(request: Request) -> Response:
    """GraphiQL 3, with React and its assets from ``static/vendor`` (no CDN)."""
    page = (STATIC_DIR / "graphiql" / "graphiql.html").read_text("utf-8")
    return HTMLResponse(page, headers={"Content-Security-Policy": GRAPHIQL_CSP})


async def index(request: Request) -> Response:
    """A tiny page pointing at what this server offers."""
    links = [("graphiql", "GraphiQL: explore and run queries")]
    if request.app.state.has_graph_page:
        links.append(("graph", "The graph page"))
    links.append(("map", "The map: who holds which town on a given day"))
    links += [
        ("graphql", "The GraphQL endpoint (POST, or GET for queries)"),
        ("health", "Health check (JSON)"),
    ]
    items = "".join(f'<li><a href="{h}">{html.escape(t)}</a></li>' for h, t in links)
    body = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>ActorGraph</title>"
        f"<h1>ActorGraph</h1><ul>{items}</ul></html>"
    )
    return HTMLResponse(body)


async def health(request: Request) -> Response:
    """200 with status "ok" when the store answers a ping, else 503 with "degraded"; a store
    that answers but cannot be written gives 200 with status "read-only" (queries work)."""
    handle = request.state.handle
    try:
        opened = await asyncio.wait_for(handle.ensure_open(), HEALTH_TIMEOUT_S)
        reachable = opened and bool(await asyncio.wait_for(handle.store.ping(), HEALTH_TIMEOUT_S))
    except Exception:  # any failure to ping is the answer itself, not a server error
        reachable = False
    read_only = reachable and handle.store.read_only
    body = {
        "status": "read-only" if read_only else "ok" if reachable else "degraded",
        "store": "read-only" if read_only else "reachable" if reachable else "unreachable",
        "writable": reachable and not read_only,
        "backend": "neo4j" if request.app.state.settings.is_neo4j else "embedded",
        "extractor": "loaded" if request.state.extractor.loaded else "not loaded",
        "version": _version(),
    }
    return JSONResponse(body, status_code=200 if reachable else 503)
