"""The ASGI application: ``create_app(settings)`` for uvicorn and the tests.

The store is opened in the lifespan and handed to requests through the lifespan state;
the extractor is loaded on the first ``ingestArticle`` only, in its worker thread.
"""

from __future__ import annotations

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
from api.limits import MAX_BODY_BYTES, BodySizeLimit
from api.pages import STATIC_DIR, graphiql, health, index
from api.schema import build_schema
from api.store_handle import StoreHandle
from api.view import GraphQLView
from graph.errors import StoreUnavailableError
from graph.settings import Settings
from graph.stores.base import GraphStore

__all__ = ["AppState", "StoreMaker", "app_from_env", "create_app", "settings_store"]

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
    ]


def create_app(
    settings: Settings,
    *,
    make_store: StoreMaker = settings_store,
    extractor: LazyExtractor | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> Starlette:
    """The API for ``settings``; ``make_store`` and ``extractor`` are there for tests."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        store = make_store(settings)
        handle = await _open(store, settings)
        lazy = extractor or LazyExtractor()
        try:
            yield AppState(store=store, handle=handle, extractor=lazy)
        finally:
            lazy.close()
            await handle.close()

    graph_routes = _graph_page_routes()
    app = Starlette(
        routes=_routes(settings, graph_routes),
        middleware=[Middleware(BodySizeLimit, max_bytes=max_body_bytes)],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.has_graph_page = bool(graph_routes)
    return app


def app_from_env() -> Starlette:
    """The app for the ``ACTORGRAPH_*`` environment: the factory each uvicorn worker calls."""
    return create_app(Settings.from_env())
