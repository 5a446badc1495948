"""The model's rule lemmatizer, asked once per kind of token instead of once per token.

spaCy's rule lemmatizer walks every token of every document in Python: it builds a ``Token``,
reads its ``orth``, ``pos`` and ``morph`` to form the key of its cache, and writes the lemma
back through ``Token.lemma_``. That walk, cache hits included, costs about a tenth of the
parse of a news article. The lemma it gives is a function of that key alone (the rules read
the token's text, its part of speech and, to tell a base form, its morphology; spaCy's own
cache is keyed by the same three), so :func:`speed_up` reads the three columns of a document
at once (``Doc.to_array``), asks spaCy's own ``lemmatize`` once per key it has not met in this
process (on that token), and writes the lemmas back at once (``Doc.from_array``). The lemmas
are spaCy's (a test compares them over many texts); a lemmatizer in another mode, or one whose
rules read anything else, is left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# imported by ``load_nlp`` only, with spaCy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: keys remembered before the memo starts again (bounds its memory)
MEMO_SIZE = 500_000


def _lemmatize(lemmatizer: Any, doc: Doc, memo: dict[tuple[int, int, int], int]) -> None:
    """Set the lemma of every token of ``doc`` that has none (every token with
    ``overwrite``), as spaCy's ``Lemmatizer.__call__`` does."""
    if not len(doc):
        return
    rows = doc.to_array([LEMMA, ORTH, POS, MORPH])
    lemmas: Any = rows[:, 0].copy()
    overwrite = lemmatizer.overwrite
    add = doc.vocab.strings.add
    lemmatize = lemmatizer.lemmatize
    for i, (lemma, orth, pos, morph) in enumerate(rows.tolist()):
        if lemma and not overwrite:
            continue
        key = (orth, pos, morph)
        value = memo.get(key)
        if value is None:
            value = add(lemmatize(doc[i])[0])
            if pos:  # no part of speech: spaCy warns on each such token and keeps no answer
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[key] = value
        lemmas[i] = value
    doc.from_array([LEMMA], lemmas)


class _Index(list[Any]):
    """A list of the lemmatizer's index (the known lemmas of one part of speech) that answers
    ``in`` from a set: spaCy's rules ask ``form in index`` of lists of up to 57k words, one
    linear scan per rule that applies."""

    def __init__(self, words: list[Any]) -> None:
        super().__init__(words)
        self.members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.members


def _indexed(lookups: Lookups) -> Lookups:
    """``lookups`` with the lists of its ``lemma_index`` table as :class:`_Index` (the same
    words in the same order); the other tables are the same objects."""
    out = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            indexed = Table(name=name)
            for key, value in table.items():
                indexed[key] = _Index(value) if isinstance(value, list) else value
            table = indexed
        out.set_table(name, table)
    return out


class _Walk:
    """The ``__call__`` of a sped-up lemmatizer (mixed into spaCy's class, see
    :func:`speed_up`): spaCy's, with the per-key walk."""

    _validated: bool
    name: str
    get_error_handler: Any
    _validate_tables: Any
    #: lemma hash by (orth, pos, morph), for this process
    sitrep_memo: dict[tuple[int, int, int], int]

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            _lemmatize(self, doc, self.sitrep_memo)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)  # spaCy's raises (a custom one may not)
        return doc


class WalkingLemmatizer(_Walk, Lemmatizer):
    """spaCy's rule lemmatizer with the per-key walk."""


class WalkingEnglishLemmatizer(_Walk, EnglishLemmatizer):
    """spaCy's English lemmatizer with the per-key walk."""


#: the classes served, each with its walking subclass
_FAST: dict[type, type] = {
    Lemmatizer: WalkingLemmatizer,
    EnglishLemmatizer: WalkingEnglishLemmatizer,
}


def speed_up(nlp: Language, name: str = "lemmatizer") -> bool:
    """Give the ``name`` component of ``nlp``, when it is spaCy's rule lemmatizer (or the
    English one, which only tells base forms by the morphology), the per-key walk of the
    module doc; ``True`` when it did."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe(name)
    fast = _FAST.get(type(lemmatizer))
    if (
        fast is None
        or lemmatizer.mode != "rule"
        or getattr(lemmatizer.lemmatize, "__func__", None) is not Lemmatizer.rule_lemmatize
    ):
        return False
    # the instance's class becomes the subclass, so that both ``nlp(text)`` and ``nlp.pipe``
    # (spaCy's ``Pipe.pipe`` calls ``self(doc)``) take the walk
    lemmatizer.lookups = _indexed(lemmatizer.lookups)
    lemmatizer.sitrep_memo = {}
    lemmatizer.__class__ = fast
    return True
