"""The calling convention shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from sitrep.model import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.sources.files import RawDocument


@dataclass
class ExtractTrace:
    """What the extract stage did to a document (for tests and debugging; never stored)."""

    format: Literal["html", "text"]
    #: html: the page was cut at ``max_html_chars``; fell back from trafilatura's extraction
    truncated: bool = False
    fallback: bool = False
    #: text: boilerplate lines were stripped
    stripped: bool = False
    #: site furniture removed: its kind (the reason) and text
    furniture: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Analysis:
    """The working record a stage sees: the article, its spaCy parse once there is one, and
    what stages hand to later stages of the same document (typed; never stored)."""

    article: Article
    doc: Doc | None = None
    #: the input, for the extract and language stages (``None``: the article has its text)
    raw: RawDocument | None = None
    #: seconds spent in this document's own stages (its ``max_seconds`` budget)
    spent: float = 0.0
    #: entities -> quotes: spaCy token index -> id of the actor the token names
    token_actor: dict[int, str] = field(default_factory=dict)
    #: entities -> quotes: person actor id -> "m"/"f", read from the article itself
    genders: dict[str, str] = field(default_factory=dict)
    extract_trace: ExtractTrace | None = None


class Stage(Protocol):
    """A stage is a callable ``Analysis -> Analysis``; it never reads files, opens databases
    or prints."""

    name: str

    def __call__(self, analysis: Analysis) -> Analysis: ...
