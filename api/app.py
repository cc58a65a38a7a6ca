"""The ASGI application: ``create_app(settings)`` for uvicorn and the tests.

The store is opened in the lifespan and handed to requests through the lifespan state;
the extractor is loaded on the first ``ingestArticle`` only, in its worker thread.
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from api.extraction import LazyExtractor
from api.headers import SecurityHeaders
from api.limits import MAX_BODY_BYTES, BodySizeLimit
from api.map_page import routes as map_routes
from api.pages import STATIC_DIR, graphiql, health, index
from api.schema import build_schema
from api.store_handle import StoreHandle
from api.view import GraphQLView
from graph.errors import StoreUnavailableError
from graph.settings import Settings
from graph.stores.base import GraphStore

__all__ = [
    "AppState",
    "StoreMaker",
    "app_from_env",
    "create_app",
    "freeze_heap",
    "settings_store",
]

log = logging.getLogger("actorgraph.api")

StoreMaker = Callable[[Settings], GraphStore]


class AppState(TypedDict):
    """What the lifespan hands every request as ``request.state``."""

    store: GraphStore
    handle: StoreHandle
    extractor: LazyExtractor


def settings_store(settings: Settings) -> GraphStore:
    """The store ``settings`` name (embedded file or Neo4j URL), not yet opened."""
    from graph.stores import open_store

    return open_store(settings)


def freeze_heap(what: str) -> None:
    """Move every object alive now out of the garbage collector's generations.

    What a server loads once (the embedded store's traversal graph, the spaCy pipeline) lives
    as long as the process, yet each full collection would walk all of it: with a 100k-edge
    graph, collections took a third of the CPU under load and made the slowest requests
    three times slower. Frozen objects are still freed when nothing refers to them.
    """
    gc.collect()
    gc.freeze()
    log.debug("%s: %d objects frozen", what, gc.get_freeze_count())


async def _open(store: GraphStore, settings: Settings) -> StoreHandle:
    """Open the store; a Neo4j server that is down leaves the API up but degraded."""
    try:
        await store.open()
    except StoreUnavailableError as exc:
        log.error("starting without the graph store (requests will retry): %s", exc)
        return StoreHandle(store, opened=False)
    where = "Neo4j" if settings.is_neo4j else settings.store
    log.info("serving the graph store at %s", where)
    return StoreHandle(store, opened=True)


def _graph_page_routes() -> list[BaseRoute]:
    """Routes for /graph when its module is installed; none otherwise."""
    try:
        module = importlib.import_module("api.graph_page")
    except ModuleNotFoundError as exc:
        if exc.name != "api.graph_page":
            raise  # the module exists but is broken: say so rather than hide the page
        return []
    routes: list[BaseRoute] = module.routes()
    return routes


def _routes(settings: Settings, graph_routes: list[BaseRoute]) -> list[BaseRoute]:
    schema = build_schema(settings.max_query_depth, settings.max_query_cost, settings.max_page_size)
    view = GraphQLView(schema, settings)
    return [
        Route("/", index, methods=["GET"]),
        Route("/graphql", view, methods=["GET", "POST"]),
        Route("/graphiql", graphiql, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Mount("/static/vendor", StaticFiles(directory=STATIC_DIR / "vendor", check_dir=False)),
        Mount("/static/graphiql", StaticFiles(directory=STATIC_DIR / "graphiql")),
        *graph_routes,
        *map_routes(),
    ]


def create_app(
    settings: Settings,
    *,
    make_store: StoreMaker = settings_store,
    extractor: LazyExtractor | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    freeze: bool = False,
) -> Starlette:
    """The API for ``settings``; ``make_store`` and ``extractor`` are there for tests.

    ``freeze``: a server process that runs this app alone freezes what it loads for good
    (see :func:`freeze_heap`); ``actorgraph serve`` does.
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        store = make_store(settings)
        handle = await _open(store, settings)
        if freeze:
            freeze_heap("store opened")
        lazy = extractor or LazyExtractor(
            on_loaded=(lambda: freeze_heap("extractor loaded")) if freeze else None
        )
        try:
            yield AppState(store=store, handle=handle, extractor=lazy)
        finally:
            lazy.close()
            await handle.close()

    graph_routes = _graph_page_routes()
    app = Starlette(
        routes=_routes(settings, graph_routes),
        # outermost first: the 413 of the size limit gets the headers too
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodySizeLimit, max_bytes=max_body_bytes),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.has_graph_page = bool(graph_routes)
    return app


def app_from_env() -> Starlette:
    """The app for the ``ACTORGRAPH_*`` environment: the factory each uvicorn worker calls."""
    return create_app(Settings.from_env(), freeze=True)
