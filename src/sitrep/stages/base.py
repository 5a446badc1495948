"""The calling convention shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sitrep.model import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Analysis:
    """The working record a stage sees: the article, and its spaCy parse once there is one.

    ``scratch`` carries intermediate results between stages of one document (never stored).
    """

    article: Article
    doc: Doc | None = None
    scratch: dict[str, Any] = field(default_factory=dict)


class Stage(Protocol):
    """A stage is a callable ``Analysis -> Analysis``; it never reads files, opens databases
    or prints."""

    name: str

    def __call__(self, analysis: Analysis) -> Analysis: ...
