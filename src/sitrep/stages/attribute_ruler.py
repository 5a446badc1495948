"""The model's attribute ruler, matched once per kind of token instead of once per token.

spaCy's ``attribute_ruler`` (tag -> POS and morphology, a few word exceptions) runs a
:class:`~spacy.matcher.Matcher` of all its patterns over every token of every document: about
a seventh of the whole parse of a news article, the largest single share after the neural
components. Nearly all of its patterns are one token long, and whether a one-token pattern
matches depends only on the token attributes it names (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE`` in the English models). :func:`speed_up` therefore gives the ruler a ``match``
that asks spaCy's own matcher once per distinct combination of those attributes (on that one
token) and reuses the answer. The matches, and so every annotation, are the ones spaCy's
ruler finds (a test compares them over many texts). A ruler whose patterns name anything else
(an operator, an extension attribute, a position) is left as it is.

Two refinements keep the kinds few and the longer patterns cheap:

- a word attribute (``LOWER``, ``ORTH``, ...) counts in the kind only as far as a pattern
  can tell its values apart: a value no pattern names (by equality, ``IN`` or ``NOT_IN``) is
  one class with every other such value that the patterns' ``REGEX`` tests answer alike, so
  the English model's few thousand kinds are met within the first documents, not one per
  new word;
- a longer pattern of fixed length (no ``OP``) is matched only where a token can start it
  (its first token, asked like a one-token pattern), over the few tokens it spans; spaCy's
  matcher otherwise walks every token of the document in Python for them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
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
#: word attributes: string-valued (``Doc.to_array`` gives the string's hash, as the matcher
#: reads it), one value per word, so their values are put in classes (see the module doc)
WORD_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "LEMMA"})
_ALIASES = {"TEXT": "ORTH"}
#: distinct token kinds (and word values) remembered before the memo starts again (bounds
#: its memory)
MEMO_SIZE = 500_000
#: at most this many REGEX tests on one word attribute are put in its classes
_MAX_REGEXES = 16

Match = tuple[int, int, int, int]  # (attribute-set index, match id, start, end)


class _Classes:
    """The classes of one word attribute's values (see the module doc): a value a pattern
    names is its own class (its hash); any other value is the bit set of the patterns'
    REGEX tests it passes (spaCy's test: ``re.search`` on the value's string), a number
    below every named hash."""

    def __init__(self, strings: Any, named: set[int], regexes: list[str]) -> None:
        self.strings = strings
        self.named = named
        self.regexes = [re.compile(r) for r in regexes]
        self.known: dict[int, int] = {}

    def _class(self, value: int) -> int:
        if value in self.named:
            return value
        text = self.strings[value]
        return sum(1 << k for k, rx in enumerate(self.regexes) if rx.search(text))

    def codes(self, column: np.ndarray) -> np.ndarray:
        import numpy as np

        known = self.known
        if len(known) > MEMO_SIZE:
            known.clear()
        values, inverse = np.unique(column, return_inverse=True)
        out = np.empty(len(values), dtype=column.dtype)
        for j, value in enumerate(values.tolist()):
            code = known.get(value)
            if code is None:
                code = known[value] = self._class(value)
            out[j] = code
        return out[inverse.reshape(-1)]


class _Memo:
    """``match`` for one attribute ruler: see the module doc. ``starts`` holds the first
    tokens of the longer patterns when ``longer`` can be matched only where they start (it
    is matched over the whole document otherwise); ``span`` is their longest length."""

    def __init__(
        self,
        vocab: Any,
        single: Matcher,
        longer: Matcher | None,
        key_ids: list[int | str],
        *,
        classes: dict[int, _Classes] | None = None,
        starts: Matcher | None = None,
        span: int = 0,
    ) -> None:
        self.vocab = vocab
        self.single = single
        self.longer = longer
        self.key_ids = key_ids
        self.classes = classes or {}
        self.starts = starts
        self.span = span
        #: kind -> (its one-token matches, whether it can start a longer pattern)
        self.known: dict[tuple[Any, ...], tuple[list[tuple[int, int]], bool]] = {}

    def _token_matches(self, doc: Doc, i: int) -> tuple[list[tuple[int, int]], bool]:
        strings = self.vocab.strings
        token = doc[i : i + 1]
        found = self.single(token, allow_missing=True, as_spans=False)
        starts = self.starts is not None and bool(
            self.starts(token, allow_missing=True, as_spans=False)
        )
        return [(int(strings[match_id]), match_id) for match_id, _start, _end in found], starts

    def match(self, doc: Doc) -> list[Match]:
        import numpy as np

        known = self.known
        if len(known) > MEMO_SIZE:
            known.clear()
        matches: list[Match] = []
        n = len(doc)
        strings = self.vocab.strings
        if n:
            rows = doc.to_array(self.key_ids).reshape(n, -1)
            for j, classes in self.classes.items():
                rows[:, j] = classes.codes(rows[:, j])
            kinds, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
            inverse = inverse.reshape(-1)
            entries = []
            for row, i in zip(kinds.tolist(), first.tolist(), strict=True):
                key = tuple(row)
                entry = known.get(key)
                if entry is None:
                    entry = known[key] = self._token_matches(doc, i)
                entries.append(entry)
            matches = _one_token_matches([e[0] for e in entries], inverse)
            if self.starts is not None and self.longer is not None:
                can_start = np.fromiter((e[1] for e in entries), dtype=bool, count=len(entries))
                for i in np.flatnonzero(can_start[inverse]).tolist():
                    found = self.longer(doc[i : i + self.span], allow_missing=True, as_spans=False)
                    matches.extend((int(strings[m]), m, i, i + e) for m, s, e in found if s == 0)
        if self.longer is not None and self.starts is None:
            found_longer = self.longer(doc, allow_missing=True, as_spans=False)
            matches.extend((int(strings[m]), m, s, e) for m, s, e in found_longer)
        matches.sort()
        return matches


def _one_token_matches(per_kind: list[list[tuple[int, int]]], inverse: np.ndarray) -> list[Match]:
    """``(attr, match id, i, i + 1)`` for every token ``i`` and each match of its kind
    (``per_kind[inverse[i]]``), sorted."""
    import numpy as np

    lengths = np.fromiter((len(f) for f in per_kind), dtype=np.intp, count=len(per_kind))
    per_token = lengths[inverse]
    total = int(per_token.sum())
    if not total:
        return []
    attrs = np.fromiter(
        (a for f in per_kind for a, _ in f), dtype=np.int64, count=int(lengths.sum())
    )
    ids = np.fromiter((m for f in per_kind for _, m in f), dtype=np.uint64, count=len(attrs))
    offsets = np.cumsum(lengths) - lengths  # where each kind's matches start in attrs/ids
    token = np.repeat(np.arange(len(inverse)), per_token)
    ends = np.cumsum(per_token)
    within = np.arange(total) - np.repeat(ends - per_token, per_token)
    at = np.repeat(offsets[inverse], per_token) + within
    attr, match_id = attrs[at], ids[at]
    order = np.lexsort((token, match_id, attr))
    token = token[order]
    return list(
        zip(
            attr[order].tolist(),
            match_id[order].tolist(),
            token.tolist(),
            (token + 1).tolist(),
            strict=True,
        )
    )


def _attr(key: Any) -> str | None:
    """The attribute a pattern key names (``TEXT`` is ``ORTH``), ``None`` for an int key."""
    return _ALIASES.get(key.upper(), key.upper()) if isinstance(key, str) else None


def _plain(pattern: list[dict[Any, Any]]) -> bool:
    """Whether a one-token pattern names only attributes of the token alone."""
    return all(_attr(k) in KEY_ATTRS for tok in pattern for k in tok)


def _classes(strings: Any, values: list[Any]) -> _Classes | None:
    """The classes of a word attribute that the patterns test with ``values`` (a value, or
    ``{"IN": [...]}``, ``{"NOT_IN": [...]}``, ``{"REGEX": ...}``), ``None`` when some test
    is of another kind (the attribute's values are then kept as they are)."""
    named: set[int] = set()
    regexes: list[str] = []
    for value in values:
        if isinstance(value, str):
            named.add(strings.add(value))
            continue
        if not isinstance(value, dict) or len(value) != 1:
            return None
        ((op, arg),) = value.items()
        op = str(op).upper()
        if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple):
            if not all(isinstance(v, str) for v in arg):
                return None
            named.update(strings.add(v) for v in arg)
        elif op == "REGEX" and isinstance(arg, str):
            regexes.append(arg)
        else:
            return None
    if len(regexes) > _MAX_REGEXES or any(h < 1 << len(regexes) for h in named):
        return None
    return _Classes(strings, named, regexes)


def _fixed(pattern: list[dict[Any, Any]]) -> bool:
    """Whether a longer pattern can be matched where it starts: a fixed length (no ``OP``)
    and a first token that names only attributes of the token alone."""
    return _plain(pattern[:1]) and not any(_attr(k) == "OP" for tok in pattern for k in tok)


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
    starts = Matcher(nlp.vocab)
    #: the token patterns a kind answers: the one-token patterns, and the first tokens of
    #: the longer patterns when every longer pattern is matched where it starts
    specs: list[dict[Any, Any]] = []
    firsts: list[dict[Any, Any]] = []
    n_longer = span = 0
    windowed = True
    entries: list[dict[str, Any]] = list(ruler.patterns)
    for i, entry in enumerate(entries):
        ones = [p for p in entry["patterns"] if len(p) == 1]
        more = [p for p in entry["patterns"] if len(p) != 1]
        if not all(_plain(p) for p in ones):
            return False
        specs.extend(p[0] for p in ones)
        if ones:
            single.add(str(i), ones)
        if more:
            longer.add(str(i), more)
            n_longer += 1
            windowed = windowed and all(_fixed(p) for p in more)
            if windowed:
                starts.add(str(i), [p[:1] for p in more])
                firsts.extend(p[0] for p in more)
                span = max(span, *(len(p) for p in more))
    if n_longer and windowed:
        specs.extend(firsts)
    named = {str(_attr(k)) for spec in specs for k in spec}
    attrs = [a for a in KEY_ATTRS if a in named]
    if not attrs:
        return False
    classes: dict[int, _Classes] = {}
    for j, attr in enumerate(attrs):
        if attr in WORD_ATTRS:
            values = [v for spec in specs for k, v in spec.items() if _attr(k) == attr]
            found = _classes(nlp.vocab.strings, values)
            if found is not None:
                classes[j] = found
    memo = _Memo(
        nlp.vocab,
        single,
        longer if n_longer else None,
        [IDS[a] for a in attrs],
        classes=classes,
        starts=starts if n_longer and windowed else None,
        span=span,
    )
    method: Callable[[Doc], list[Match]] = memo.match
    ruler.match = method  # type: ignore[method-assign,assignment]
    annotate: Callable[[Doc, list[Match]], None] = functools.partial(_set_annotations, ruler)
    ruler.set_annotations = annotate  # type: ignore[method-assign]
    return True


def _set_annotations(ruler: Any, doc: Doc, matches: list[Match]) -> None:
    """spaCy's ``AttributeRuler.set_annotations`` without a ``Span`` and two ``Token``
    objects per match: the same ``set_token_attrs`` on each match's token, in the same order.
    Where a match's index falls outside it, spaCy's own method runs (and raises its error)
    on the document as it was."""
    from spacy.tokens._retokenize import set_token_attrs

    attrs, indices = ruler.attrs, ruler.indices
    todo = []
    for attr_id, _match_id, start, end in matches:
        index = indices[attr_id]
        i = (start if index >= 0 else end) + index  # Span's reading of a negative index
        if not start <= i < end:
            type(ruler).set_annotations(ruler, doc, matches)
            return
        todo.append((i, attrs[attr_id]))
    for i, values in todo:
        set_token_attrs(doc[i], values)
