"""REST API (FastAPI) and the web dashboard it serves.

Lazy: ``sitrep.api.cli`` (imported by every ``sitrep`` command to register ``serve``) loads
no FastAPI; :func:`create_app` is resolved on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from sitrep.api.app import create_app

        return create_app
    raise AttributeError(f"module 'sitrep.api' has no attribute {name!r}")
