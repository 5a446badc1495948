"""sitrep: raw news in, an evidence-linked record of what happened and who says so out."""

from sitrep.errors import SitrepError
from sitrep.model import Article, Event, Place, Quote, Span, Story, TimeExpression
from sitrep.service import analyze

__version__ = "0.1.0"

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
