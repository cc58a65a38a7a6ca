"""The /graphql endpoint: strawberry's ASGI view with our context, status codes and JSON errors.

HTTP status, by case (documented in the README's API section too):

* 200: the operation ran; expected failures are typed results, argument errors are in ``errors``
* 400: the request was not run: body not JSON, no query, a syntax or validation error
  (unknown field, wrong variable type, depth/alias/token limit), batching
* 401: a mutation without the configured API key
* 405: a mutation sent with GET, or a method other than GET/POST
* 413: the body is larger than the limit (see ``api.limits``)
* 503: the store cannot be reached (code ``STORE_UNAVAILABLE``)
"""

from __future__ import annotations

import functools
import re
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError

from api.auth import is_authorized
from api.context import Context, make_loaders
from api.schema import CACHED_DOCUMENTS, MAX_TOKENS
from graph.settings import Settings

__all__ = ["GraphQLView", "http_error"]


#: ``extensions.code`` of an error answered before any operation ran, by HTTP status.
HTTP_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    503: "STORE_UNAVAILABLE",
}


#: graphql-core's own words; strawberry would otherwise run the first operation.
SEVERAL_OPERATIONS = "Must provide operation name if query contains multiple operations."
#: What is left of a surrogate pair after JSON decoding when its other half is missing.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class BadRequestInput(HTTPException):
    """A request refused before it ran because a value in it is malformed, not its shape."""

    code = "BAD_USER_INPUT"


def _has_lone_surrogate(value: object) -> bool:
    """True when a string anywhere in ``value`` holds half a surrogate pair: no character,
    so it can be neither stored nor written back as UTF-8."""
    stack = [value]
    while stack:  # a loop, not recursion: decoded JSON may be nested hundreds of levels
        item = stack.pop()
        if isinstance(item, str):
            if LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


@functools.lru_cache(maxsize=CACHED_DOCUMENTS)
def _operation_count(query: str) -> int:
    """Operations in a document; 0 when it does not parse (strawberry reports that)."""
    try:
        document = parse(query, no_location=True, max_tokens=MAX_TOKENS)
    except GraphQLError:
        return 0
    return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)


def http_error(status: int, message: str, code: str | None = None) -> JSONResponse:
    """A GraphQL-shaped JSON error for failures before any operation ran."""
    code = code or HTTP_CODES.get(status, "BAD_REQUEST")
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status)


def _wants_page(scope: Scope) -> bool:
    """A browser opening /graphql itself (no query): send it to GraphiQL."""
    request = Request(scope)
    return (
        request.method == "GET"
        and "query" not in request.query_params
        and "text/html" in request.headers.get("accept", "")
    )


def _is_request_error(data: GraphQLHTTPResponse) -> bool:
    """Errors that stopped the operation before it ran: no data, and no field path."""
    errors = data.get("errors") or []
    return (
        bool(errors)
        and data.get("data") is None
        and all(isinstance(e, dict) and "path" not in e for e in errors)
    )


class GraphQLView(GraphQL[Context, None]):
    """strawberry's ASGI view, without its CDN-based GraphiQL."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(schema, graphql_ide=None, allow_queries_via_get=True)
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no subscriptions: refuse websockets outright
            await WebSocket(scope, receive, send).close(code=1003)
            return
        if _wants_page(scope):
            await RedirectResponse("graphiql", status_code=307)(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as exc:
            status = (
                405 if isinstance(exc.__cause__, InvalidOperationTypeError) else exc.status_code
            )
            response = http_error(status, exc.reason, getattr(exc, "code", None))
            if status == 405:
                response.headers["Allow"] = "POST"
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        """Decode a body (or GET ``variables``), refusing anything but an object or a list."""
        try:
            value = self.decode_json(data)
        except ValueError as exc:  # JSONDecodeError, and UnicodeDecodeError for binary bodies
            raise HTTPException(400, "Unable to parse request body as JSON") from exc
        except RecursionError as exc:  # json's decoder recurses once per level
            raise HTTPException(400, "The request body is nested too deeply.") from exc
        if not isinstance(value, dict | list):
            raise HTTPException(400, "The request must be a JSON object with a 'query' string.")
        escaped = b"\\u" in data if isinstance(data, bytes) else "\\u" in data
        if escaped and _has_lone_surrogate(value):  # only an escape can make a lone surrogate
            raise BadRequestInput(
                400, "The request holds a lone surrogate (such as \\ud800): it is no character."
            )
        return value

    async def parse_http_body(self, request: Any) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request, refused when it holds several operations and names none of them."""
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            if item.operation_name is None and item.query and _operation_count(item.query) > 1:
                raise HTTPException(400, SEVERAL_OPERATIONS)
        return data

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.state
        assert isinstance(request, Request) and isinstance(response, Response)
        if not await state.handle.ensure_open():
            raise HTTPException(503, "The graph store is unreachable; try again later.")
        return Context(
            request=request,
            response=response,
            store=state.store,
            settings=self.settings,
            extractor=state.extractor,
            loaders=make_loaders(state.store),
            authorized=is_authorized(request, self.settings.api_key),
        )

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        single = not isinstance(response_data, list)
        if single and not sub_response.status_code and _is_request_error(response_data):  # type: ignore[arg-type]
            sub_response.status_code = 400
        return super().create_response(response_data, sub_response)
