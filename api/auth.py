"""The API key: mutations need it when one is configured, queries never do."""

from __future__ import annotations

import hmac
from typing import Any

from starlette.requests import Request
from strawberry.permission import BasePermission

from api.errors import Unauthenticated

__all__ = ["RequireApiKey", "is_authorized"]


def is_authorized(request: Request, api_key: str | None) -> bool:
    """True when no key is configured or the request carries ``Authorization: Bearer <key>``."""
    if api_key is None:
        return True
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    # compare_digest takes as long for a near miss as for a wild guess
    return hmac.compare_digest(presented.strip().encode(), api_key.encode())


class RequireApiKey(BasePermission):
    """Refuses a mutation (HTTP 401) when the request was not authorized."""

    message = "This mutation needs the API key: send the header 'Authorization: Bearer <key>'."

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        ctx = info.context
        if ctx.authorized:
            return True
        ctx.response.status_code = 401
        ctx.response.headers["WWW-Authenticate"] = 'Bearer realm="actorgraph"'
        return False

    def on_unauthorized(self) -> None:
        raise Unauthenticated(self.message or "")
