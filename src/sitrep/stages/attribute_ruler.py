"""The model's attribute ruler, matched once per kind of token instead of once per token.

spaCy's ``attribute_ruler`` (tag -> POS and morphology, a few word exceptions) runs a
:class:`~spacy.matcher.Matcher` of all its patterns over every token of every document: about
a seventh of the whole parse of a news article, the largest single share after the neural
components. Nearly all of its patterns are one token long, and whether a one-token pattern
matches depends only on the token attributes it names (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE`` in the English models). :func:`speed_up` therefore gives the ruler a ``match``
that asks spaCy's own matcher once per distinct combination of those attributes (on that one
token) and reuses the answer, and runs the few longer patterns over the whole document as
before. The matches, and so every annotation, are the ones spaCy's ruler finds (a test
compares them over many texts). A ruler whose patterns name anything else (an operator, an
extension attribute, a position) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

#: token attributes a one-token pattern may name for its matches to be reused: each is a
#: value of the token alone (``Doc.to_array``), so equal values match equal patterns
KEY_ATTRS = (
    "ORTH",
    "LOWER",
    "NORM",
    "SHAPE",
    "TAG",
    "POS",
    "MORPH",
    "LEMMA",
    "DEP",
    "ENT_TYPE",
    "ENT_IOB",
    "IS_ALPHA",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_UPPER",
    "IS_TITLE",
    "IS_PUNCT",
    "IS_SPACE",
    "LIKE_NUM",
)
_ALIASES = {"TEXT": "ORTH"}
#: distinct token kinds remembered before the memo starts again (bounds its memory)
MEMO_SIZE = 500_000

Match = tuple[int, int, int, int]  # (attribute-set index, match id, start, end)


class _Memo:
    """``match`` for one attribute ruler: see the module doc."""

    def __init__(
        self, vocab: Any, single: Matcher, longer: Matcher | None, key_ids: list[int | str]
    ) -> None:
        self.vocab = vocab
        self.single = single
        self.longer = longer
        self.key_ids = key_ids
        self.known: dict[tuple[Any, ...], list[tuple[int, int]]] = {}

    def _token_matches(self, doc: Doc, i: int) -> list[tuple[int, int]]:
        strings = self.vocab.strings
        found = self.single(doc[i : i + 1], allow_missing=True, as_spans=False)
        return [(int(strings[match_id]), match_id) for match_id, _start, _end in found]

    def match(self, doc: Doc) -> list[Match]:
        known = self.known
        if len(known) > MEMO_SIZE:
            known.clear()
        matches: list[Match] = []
        if len(doc):
            rows = doc.to_array(self.key_ids).reshape(len(doc), -1).tolist()
            for i, row in enumerate(rows):
                key = tuple(row)
                found = known.get(key)
                if found is None:
                    found = known[key] = self._token_matches(doc, i)
                matches.extend((attr, match_id, i, i + 1) for attr, match_id in found)
        if self.longer is not None:
            strings = self.vocab.strings
            found_longer = self.longer(doc, allow_missing=True, as_spans=False)
            matches.extend((int(strings[m]), m, s, e) for m, s, e in found_longer)
        matches.sort()
        return matches


def _attr(key: Any) -> str | None:
    """The attribute a pattern key names (``TEXT`` is ``ORTH``), ``None`` for an int key."""
    return _ALIASES.get(key.upper(), key.upper()) if isinstance(key, str) else None


def _plain(pattern: list[dict[Any, Any]]) -> bool:
    """Whether a one-token pattern names only attributes of the token alone."""
    return all(_attr(k) in KEY_ATTRS for tok in pattern for k in tok)


def speed_up(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give the ``name`` component of ``nlp``, when it is spaCy's attribute ruler with patterns
    this can serve, the reusing ``match`` of the module doc; ``True`` when it did."""
    from spacy.attrs import IDS
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler

    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler or "match" in vars(ruler):
        return False
    single = Matcher(nlp.vocab)
    longer = Matcher(nlp.vocab)
    named: set[str] = set()
    n_longer = 0
    entries: list[dict[str, Any]] = list(ruler.patterns)
    for i, entry in enumerate(entries):
        ones = [p for p in entry["patterns"] if len(p) == 1]
        more = [p for p in entry["patterns"] if len(p) != 1]
        if not all(_plain(p) for p in ones):
            return False
        named.update(str(_attr(k)) for p in ones for k in p[0])
        if ones:
            single.add(str(i), ones)
        if more:
            longer.add(str(i), more)
            n_longer += 1
    key_ids: list[int | str] = [IDS[a] for a in KEY_ATTRS if a in named]
    if not key_ids:
        return False
    memo = _Memo(nlp.vocab, single, longer if n_longer else None, key_ids)
    method: Callable[[Doc], list[Match]] = memo.match
    ruler.match = method  # type: ignore[method-assign,assignment]
    return True
