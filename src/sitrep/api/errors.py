"""The API's error type and token check, below both the app and its routes."""

from __future__ import annotations

import hmac
from typing import Any

__all__ = ["ApiError", "check_token"]


class ApiError(Exception):
    """An error with an HTTP status, raised by routes; rendered in the one error shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def check_token(app_state: Any, authorization: str | None) -> None:
    """Raise unless ``authorization`` carries the configured bearer token."""
    token: str | None = app_state.token
    if not token:
        raise ApiError(403, "read_only", "write endpoints are disabled: no API token configured")
    if not authorization:
        raise ApiError(401, "unauthorized", "missing Authorization: Bearer <token>")
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise ApiError(401, "unauthorized", "invalid token")
