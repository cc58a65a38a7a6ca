"""A cap on request bodies, enforced before any of it is parsed.

Checked twice: a declared Content-Length over the cap is refused at once, and a body sent
without one (chunked) is counted as it streams in and refused when it passes the cap.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.view import http_error

__all__ = ["MAX_BODY_BYTES", "BodySizeLimit"]

#: 25 MB: room for the largest accepted article with JSON escaping to spare.
MAX_BODY_BYTES = 25 * 1024 * 1024


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """ASGI middleware answering 413 with a JSON error for bodies over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:  # too late for a status: the app answered before reading it all
                raise
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_mb = self.max_bytes / (1024 * 1024)
        response = http_error(
            413, f"The request body exceeds {limit_mb:g} MB.", "PAYLOAD_TOO_LARGE"
        )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)
