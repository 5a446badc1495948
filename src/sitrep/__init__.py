"""sitrep: raw news in, an evidence-linked record of what happened and who says so out.

The root package is lazy: ``import sitrep.model`` (or ``sitrep.errors``) loads neither the
pipeline (spaCy) nor the store (SQLAlchemy) nor the API (FastAPI); ``sitrep.analyze`` and the
record types are resolved on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.errors import SitrepError
    from sitrep.model import Article, Event, Place, Quote, Span, Story, TimeExpression
    from sitrep.service import analyze

__version__ = "0.1.0"

_LAZY = {
    "SitrepError": "sitrep.errors",
    "Article": "sitrep.model",
    "Event": "sitrep.model",
    "Place": "sitrep.model",
    "Quote": "sitrep.model",
    "Span": "sitrep.model",
    "Story": "sitrep.model",
    "TimeExpression": "sitrep.model",
    "analyze": "sitrep.service",
}

__all__ = [
    "Article",
    "Event",
    "Place",
    "Quote",
    "SitrepError",
    "Span",
    "Story",
    "TimeExpression",
    "__version__",
    "analyze",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
