"""Places: find toponyms in the parse and resolve them against the local GeoNames index.

Recognition starts from spaCy's GPE/LOC/FAC entities (trimmed of "the" and "'s"), adds
"X region/oblast/province/county" phrases, place names nested inside ORG entities
("University of Pennsylvania", "Belgorod region administration") and country names that
spaCy left untagged. Demonyms ("Russian") are kept as country hints for the document and
are not places unless ``demonyms=True``.

Resolution scores each gazetteer candidate by how the name matched, population, feature
class and the document's own geography: the countries and first-level regions of the other
places (two passes), demonyms, and "Springfield, Illinois" qualifiers. An ambiguous name
with no supporting context and only small candidates stays unresolved.

Metonymy: a capital or country that is the subject of a speech or decision verb ("Kyiv
denies", "Moscow said") is marked ``literal=False``; :func:`event_location` never picks
such a place for an event.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import IDX, IS_PUNCT, IS_STOP, IS_TITLE, IS_UPPER, LENGTH, LOWER, POS, SPACY
from spacy.strings import get_string_id
from spacy.symbols import PROPN as _PROPN

from sitrep.countries import demonyms
from sitrep.gazetteer import (
    ALTERNATE,
    CODE,
    PRIMARY,
    STEM,
    Candidate,
    Gazetteer,
    code_keys,
    norm,
    open_gazetteer,
)
from sitrep.gazetteer_names import COMPASS_WORDS, GENERIC_PLACE_WORDS
from sitrep.model import Article, Place, Span
from sitrep.stages.base import Analysis

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["PlacesStage", "event_location"]

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ADM_WORDS = {
    "region": "ADM",
    "oblast": "ADM1",
    "province": "ADM1",
    "governorate": "ADM1",
    "prefecture": "ADM1",
    "state": "ADM1",
    "krai": "ADM1",
    "kray": "ADM1",
    "county": "ADM2",
    "district": "ADM2",
    "raion": "ADM2",
    "rayon": "ADM2",
    "parish": "ADM2",
}
# speech and decision verbs whose subject, when a place, is a government (metonymy)
_METONYMY_VERBS = frozenset(
    """say tell deny claim warn announce accuse state insist reject condemn urge demand decide
    agree refuse threaten respond confirm report vow pledge order approve sanction impose protest
    dismiss blame argue want hope plan sign ratify recognize recognise expel recall summon offer
    propose seek ask allege suggest promise admit acknowledge declare criticize criticise welcome
    oppose retaliate negotiate call announce insist denounce veto boycott warn request respond
    retort counter charge praise thank vote""".split()
)
_TRIM_START = {"the", "The"}
# entity labels whose names may contain or be a place spaCy mislabelled
_NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
# one-word names that are ordinary words far more often than places
_GENERIC = GENERIC_PLACE_WORDS
_TRIM_END = {"'s", "\u2019s", "'", "\u2019"}
_COMPASS = COMPASS_WORDS
#: head words of street names ("Utica Ave.", "Oxford Road"): the name before one is the street's,
#: not a place of its own; "Highway" is not among them ("Florida Highway" runs in Florida)
_STREET_WORDS = frozenset(
    "street st avenue ave av road rd boulevard blvd drive dr lane ln parkway pkwy terrace".split()
)
#: ... of them, those that are also titles before a name ("St. Louis", "Dr. Smith")
_STREET_TITLES = frozenset({"st", "dr"})
#: adjectives of continents and the union the press names with them -> continent name
_CONTINENT_ADJECTIVES = {
    "european": "europe",
    "eu": "europe",
    "european union": "europe",
    "african": "africa",
    "asian": "asia",
    "north american": "north america",
    "south american": "south america",
    "antarctic": "antarctica",
}


def _street_after(t: _Tokens, end: int) -> bool:
    """Whether token ``end`` is the capitalised head word of a street name that the tokens
    before it name ("Albany Ave.", "Utica Avenue", "Chesterton Road", "Main St."), not
    followed by another capitalised word (a title, a headline in title case)."""
    if end >= len(t) or not (t.title[end] or t.upper[end]):
        return False
    word = t.lower(end).removesuffix(".")
    if word not in _STREET_WORDS:
        return False
    dot = end + 1 < len(t) and t.word(end + 1) == "."
    if word in _STREET_TITLES:  # "St. Petersburg", "Dr. Smith": a title before a name
        nxt = end + 1 + dot
        return not (nxt < len(t) and t.title[nxt])
    if dot or t.word(end).endswith("."):
        return True  # "on Oakland Street. Firefighters said": the sentence ends on the street
    # "Kabul Road Blast Kills Five": a headline in title case, "Road" a common noun in it
    return not (end + 1 < len(t) and t.title[end + 1])


@dataclass(slots=True)
class _Mention:
    start: int  # character offsets into the text
    end: int
    text: str
    key: str
    codes: tuple[str, ...]
    hint: str | None = None  # "ADM", "ADM1" or "ADM2" when an admin word names the type
    source: str = "ner"  # ner, org, norp, bare
    literal: bool = True
    judge: tuple[int, int] | None = None  # tokens whose role decides ``literal`` (on output)
    qualifier: list[Candidate] = field(default_factory=list)  # "X, <this>"
    cands: list[Candidate] = field(default_factory=list)
    token_start: int = 0
    token_end: int = 0
    state_word: bool = False  # "Washington state", "the state of Washington"
    natural: bool = False  # a sea, river, range or region by its words
    has_primary: bool = False  # some candidate bears the name as its primary name
    best: Candidate | None = None
    score: float = 0.0
    margin: float = 0.0


def _doc_text(doc: Doc, text: str) -> str:
    """The text of ``doc``: the article's text when the doc was parsed from it (as the
    pipeline does), without rebuilding it token by token as ``Doc.text`` does."""
    if len(doc):
        last = doc[-1]
        end = last.idx + len(last.text_with_ws)
        if end == len(text) and text.endswith(last.text_with_ws):
            return text
    return doc.text


#: lookup keys of names: each distinct string of a document is keyed once
_norm = lru_cache(maxsize=1 << 16)(norm)


@lru_cache(maxsize=1 << 16)
def _codes(text: str) -> tuple[str, ...]:
    return tuple(code_keys(text))


class _Tokens:
    """A doc's token attributes as plain lists, read from one array: building ``Token``
    objects one at a time is most of what recognition would cost."""

    __slots__ = (
        "doc",
        "text",
        "idx",
        "length",
        "ws",
        "punct",
        "title",
        "upper",
        "stop",
        "pos",
        "lex",
    )

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text  # the doc's text (offsets index into it)
        arr = doc.to_array([IDX, LENGTH, SPACY, IS_PUNCT, IS_TITLE, IS_UPPER, IS_STOP, POS, LOWER])
        cols = arr.T.tolist()
        self.idx: list[int] = cols[0]
        self.length: list[int] = cols[1]
        self.ws: list[int] = cols[2]
        self.punct: list[int] = cols[3]
        self.title: list[int] = cols[4]
        self.upper: list[int] = cols[5]
        self.stop: list[int] = cols[6]
        self.pos: list[int] = cols[7]
        self.lex: list[int] = cols[8]  # hashes of the lower-case forms

    def __len__(self) -> int:
        return len(self.idx)

    def word(self, i: int) -> str:
        """The text of token ``i``."""
        start = self.idx[i]
        return self.text[start : start + self.length[i]]

    def lower(self, i: int) -> str:
        return self.word(i).lower()

    def end_char(self, i: int) -> int:
        return self.idx[i] + self.length[i]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as ``doc[start:end].text``."""
        return self.text[self.idx[start] : self.end_char(end - 1)]


class PlacesStage:
    """Fill ``article.places`` from the spaCy parse and the gazetteer.

    ``gazetteer`` is an open :class:`Gazetteer`, or ``gazetteer_path`` names the index file
    (default: ``$SITREP_GAZETTEER`` or the cache; built on first use).
    """

    name = "places"

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        gazetteer_path: str | os.PathLike[str] | None = None,
        demonyms: bool = True,
    ) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else open_gazetteer(gazetteer_path)
        self.demonyms_as_places = demonyms
        self._demonyms = _demonym_table()
        words = [k.split(" ")[0] for k in (*self._demonyms, *_CONTINENT_ADJECTIVES)]
        self._adjective_first_words = frozenset(words) | frozenset(w + "s" for w in words)
        self._adjective_first_hashes = frozenset(
            get_string_id(w) for w in self._adjective_first_words
        )
        self._country_ids: dict[str, Candidate | None] = {}
        self._cands: dict[tuple[str, tuple[str, ...], bool], list[Candidate]] = {}

    # ------------------------------------------------------------------------- lookups
    def _candidates(self, key: str, codes: tuple[str, ...], stems: bool) -> list[Candidate]:
        ck = (key, codes, stems)
        hit = self._cands.get(ck)
        if hit is not None:
            return hit
        kinds = (PRIMARY, ALTERNATE, STEM) if stems else (PRIMARY, ALTERNATE)
        found: dict[int, Candidate] = {}
        for c in self.gazetteer.lookup_key(key, kinds):
            found[c.geonames_id] = c
        for code in codes:
            for c in self.gazetteer.lookup_key(code, (CODE,)):
                if c.geonames_id not in found or found[c.geonames_id].name_kind > CODE:
                    found[c.geonames_id] = c
        out = list(found.values())
        if len(self._cands) > 100_000:
            self._cands.clear()
        self._cands[ck] = out
        return out

    def _lookup(self, m: _Mention) -> list[Candidate]:
        """Candidates of a mention; with an admin word also those of the bare stem."""
        cands = self._candidates(m.key, m.codes, m.hint is not None)
        if m.hint is not None and " " in m.key:
            seen = {c.geonames_id for c in cands}
            stem = self._candidates(m.key.rsplit(" ", 1)[0], (), True)
            cands = cands + [c for c in stem if c.geonames_id not in seen]
        return cands

    def _country(self, iso: str) -> Candidate | None:
        if iso not in self._country_ids:
            self._country_ids[iso] = self.gazetteer.country(iso)
        return self._country_ids[iso]

    # ------------------------------------------------------------------------- stage
    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        article = analysis.article
        if doc is None or not article.text:
            return analysis
        text = _doc_text(doc, article.text)
        strong, weak, hints = self._recognise(_Tokens(doc, text))
        mentions = self._resolve(strong, weak, hints, text)
        places: list[Place] = []
        for m in mentions:
            b = m.best
            if b is None and m.source != "ner":
                continue
            if m.judge is not None:  # judged only for what is output: the parse is costly
                m.literal = _literal(doc[m.judge[0] : m.judge[1]])
            places.append(
                Place(
                    span=Span(start=m.start, end=m.end),
                    text=m.text,
                    name=b.name if b else None,
                    geonames_id=b.geonames_id if b and b.geonames_id > 0 else None,
                    lat=b.lat if b else None,
                    lon=b.lon if b else None,
                    feature_code=b.feature_code if b else None,
                    admin1=b.admin1_name if b else None,
                    country=b.country if b else None,
                    literal=m.literal,
                    demonym=m.source == "norp",
                    confidence=round(_sigmoid(m.margin) if b else 0.0, 3),
                )
            )
        article.places = places
        return analysis

    # ------------------------------------------------------------------------- recognition
    def _mention(self, t: _Tokens, start: int, end: int, source: str) -> _Mention | None:
        """A mention for tokens [start, end), trimmed of "the" and "'s"."""
        word = t.word
        while start < end and word(start) in _TRIM_START:
            start += 1
        while end > start and (word(end - 1) in _TRIM_END or t.punct[end - 1]):
            if word(end - 1) == "." and end - 1 > start and not t.ws[end - 2]:
                break  # the period of an abbreviation: "W.Va."
            end -= 1
        if start >= end:
            return None
        hint = None
        last = t.lower(end - 1)
        after = t.lower(end) if end < len(t) else ""
        if end - start > 1 and last in _ADM_WORDS:
            hint = _ADM_WORDS[last]
        elif (
            after in _ADM_WORDS
            and after != "state"
            and not _codes(t.span_text(start, end))  # "U.S. county", "U.S. District Court"
        ):
            hint = _ADM_WORDS[after]
            end += 1
        text = t.span_text(start, end)
        if not text[:1].isupper() or (end - start == 1 and t.lower(start) in _GENERIC):
            return None
        if hint is None and _street_after(t, end):
            return None  # "Utica Ave.", "Albany Avenue": a street, not the city of its name
        key = _norm(text)
        return _Mention(
            start=t.idx[start],
            end=t.end_char(end - 1),
            text=text,
            key=key,
            codes=_codes(text),
            hint=hint,
            source=source,
            natural=bool(_NATURAL.search(key)),
        )

    def _recognise(self, t: _Tokens) -> tuple[list[_Mention], list[_Mention], Counter[str]]:
        """Sure mentions (place entities), possible ones (names elsewhere) and demonym hints."""
        doc = t.doc
        strong: list[_Mention] = []
        weak: list[_Mention] = []
        hints: Counter[str] = Counter()
        taken = bytearray(len(doc))
        for ent in doc.ents:
            label = ent.label_
            key = _norm(t.span_text(ent.start, ent.end))
            iso = self._demonyms.get(key) or self._demonyms.get(key.removesuffix("s"))
            if label in _PLACE_LABELS and not iso and key in _CONTINENT_ADJECTIVES:
                strong.extend(self._adjectives(t, ent.start, ent.end, hints))
            elif label in _PLACE_LABELS and not iso:
                m = self._mention(t, ent.start, ent.end, "ner")
                first = ent.start + (t.lower(ent.start) == "the")
                if (
                    m is not None
                    and first + 1 < ent.end
                    and t.lower(first) in _COMPASS
                    and not self._lookup(m)
                ):
                    # "Northeast Georgia", "East Texas": the region of a known place
                    m = self._mention(t, first + 1, ent.end, "ner") or m
                if m is not None and label == "FAC" and not self._lookup(m):
                    # a facility named after a place: "the Cook County Sheriff's Office"
                    weak.extend(self._runs(t, ent.start, ent.end, "org"))
                elif m is not None:
                    m.judge = (ent.start, ent.end)
                    strong.append(m)
            elif label == "NORP" or (label in _PLACE_LABELS and iso):
                if iso and not _street_after(t, ent.end):  # "American Boulevard"
                    hints[iso] += 1
                    if self.demonyms_as_places:
                        c = self._country(iso)
                        if c is not None:
                            m = _Mention(ent.start_char, ent.end_char, ent.text, key, ())
                            m.source, m.best, m.margin, m.literal = "norp", c, 2.0, False
                            strong.append(m)
                else:
                    strong.extend(self._adjectives(t, ent.start, ent.end, hints))
                    weak.extend(self._runs(t, ent.start, ent.end, "org"))
            elif label in _NAME_LABELS:
                strong.extend(self._adjectives(t, ent.start, ent.end, hints))
                weak.extend(self._runs(t, ent.start, ent.end, label.lower()))
            else:
                continue
            taken[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        # token attributes as arrays: reading Token objects one by one is the stage's cost
        pos, lower = t.pos, t.lex
        # adjectives of countries and continents outside entities ("European airlines")
        first_words = self._adjective_first_hashes
        for i in [k for k, h in enumerate(lower) if h in first_words and not taken[k]]:
            if taken[i]:
                continue
            for m in self._adjectives(t, i, min(i + 2, len(doc)), hints, taken):
                strong.append(m)
                taken[m.token_start : m.token_end] = b"\x01" * (m.token_end - m.token_start)
        # untagged proper nouns
        i, n = 0, len(doc)
        propn, period = _PROPN, doc.vocab.strings["."]
        while i < n:
            if taken[i] or pos[i] != propn:
                i += 1
                continue
            j = i
            while j < n and not taken[j] and (pos[j] == propn or lower[j] == period):
                j += 1
            source = "dateline" if _dateline(t, i, j) else "bare"
            weak.extend(self._runs(t, i, j, source))
            i = j
        # a name inside an organisation that is already an adjective mention ("EU")
        adjectives = [(m.start, m.end) for m in strong if m.source == "norp"]
        weak = [w for w in weak if not any(a < w.end and w.start < b for a, b in adjectives)]
        return strong, weak, hints

    def _adjectives(
        self,
        t: _Tokens,
        start: int,
        end: int,
        hints: Counter[str],
        taken: bytearray | None = None,
    ) -> list[_Mention]:
        """Country and continent adjectives among ``doc[start:end]`` ("the Russian Ministry
        of Defence", "European airlines", "EU"): references to a country or its government,
        so never literal places."""
        out: list[_Mention] = []
        first = self._adjective_first_words
        i = start
        while i < end:
            word = t.word(i)
            if (
                (taken is not None and taken[i])
                or word.lower() not in first
                or not word[:1].isupper()
            ):
                i += 1
                continue
            hit: tuple[int, Candidate] | None = None
            for j in (i + 2, i + 1):
                if j > end or (taken is not None and any(taken[i:j])):
                    continue
                key = _norm(t.span_text(i, j))
                c = self._adjective(key)
                if c is not None:
                    hit = (j, c)
                    break
            if hit is None or _street_after(t, hit[0]):  # "American Boulevard": a street
                i += 1
                continue
            j, c = hit
            text = t.span_text(i, j)
            start_char = t.idx[i]
            m = _Mention(start_char, start_char + len(text), text, _norm(text), ())
            m.source, m.best, m.margin, m.literal = "norp", c, 2.0, False
            m.token_start, m.token_end = i, j
            if c.country and c.feature_code == "PCLI":
                hints[c.country] += 1
            out.append(m)
            i = j
        return out

    def _adjective(self, key: str) -> Candidate | None:
        """The country or continent an adjective, demonym or union names, if any."""
        iso = self._demonyms.get(key) or self._demonyms.get(key.removesuffix("s"))
        if iso:
            return self._country(iso)
        cont = _CONTINENT_ADJECTIVES.get(key) or _CONTINENT_ADJECTIVES.get(key.removesuffix("s"))
        if cont:
            for c in self.gazetteer.lookup_key(cont, (PRIMARY,)):
                if c.feature_code == "CONT":
                    return c
        return None

    def _runs(self, t: _Tokens, start: int, end: int, source: str) -> list[_Mention]:
        """Known place names among the capitalised tokens of ``doc[start:end]``, longest first."""
        out: list[_Mention] = []
        whole = source == "person"
        i = start
        title, upper, stop = t.title, t.upper, t.stop
        while i < end:
            if not (title[i] or upper[i]) or (stop[i] and not upper[i]):
                i += 1
                continue
            found: tuple[_Mention, int] | None = None
            for j in range(min(end, i + 4), i, -1):
                if whole and (i != start or j != end) and t.lower(j - 1) not in _ADM_WORDS:
                    continue  # in a person's name only a region with its type word counts
                m = self._mention(t, i, j, source)
                if m is None or self._inside_name(t, i, j, start, m):
                    continue
                cands = self._lookup(m)
                if any(c.name_kind != ALTERNATE for c in cands):
                    m.cands = cands
                    m.judge = (i, j)
                    found = (m, j)
                    break
            if found is not None:
                out.append(found[0])
                i = found[1]
            else:
                i += 1
        return out

    @staticmethod
    def _inside_name(t: _Tokens, i: int, j: int, start: int, m: _Mention) -> bool:
        """Is tokens [i, j) a word of a longer name rather than a place name of its own?

        A word-like abbreviation ("Wash.", "Calif.") right after another capitalised word of
        the same name, with no comma between ("Operation Hand Wash."), ends that name; an
        upper-case word of four or more letters in parentheses that is no code ("(TULA)")
        is the acronym of the name before it, not a town.
        """
        text = m.text
        if (
            m.codes
            and text.endswith(".")
            and text[:1].isupper()
            and text[1:-1].isalpha()
            and text[1:-1].islower()
            and i > start
            and t.title[i - 1]
            and not t.stop[i - 1]
        ):
            return True
        return (
            j - i == 1
            and i > 0
            and j < len(t)
            and bool(t.upper[i])
            and t.length[i] >= 4
            and not m.codes
            and t.word(i).isalpha()
            and t.word(i - 1) == "("
            and t.word(j) == ")"
        )

    # ------------------------------------------------------------------------- resolution
    def _resolve(
        self, strong: list[_Mention], weak: list[_Mention], hints: Counter[str], text: str
    ) -> list[_Mention]:
        for m in strong:
            if m.source == "norp":
                continue
            m.cands = self._lookup(m)
        # names that are surely places wherever they occur: countries, regions, big cities
        sure = [m for m in weak if any(_strong(c, m) for c in m.cands)]
        mentions = sorted(strong + sure, key=lambda m: m.start)
        _qualify(mentions, text, self)
        political = bool(_POLITICAL.search(text))
        for m in mentions:
            m.state_word = bool(_STATE_WORD.match(text, m.end)) or text[
                max(0, m.start - 9) : m.start
            ].lower().endswith("state of ")
        ctx = _Context.soft(mentions, hints)
        ctx.political = political
        for _ in range(2):
            for m in mentions:
                if m.source != "norp":
                    _choose(m, ctx)
            ctx = _Context.of(mentions, hints)
            ctx.political = political
        for m in mentions:
            if m.best is not None and not _confident(m, ctx.without(m.key)):
                m.best = None
        # one sense per discourse: a name resolved once is the same place elsewhere; other
        # names in organisations or untagged text count when the document's region has them
        known = {m.key: m for m in mentions if m.best is not None}
        extra: list[_Mention] = []
        sure_ids = {id(m) for m in sure}
        for m in weak:
            if id(m) in sure_ids:
                continue
            ref = known.get(m.key)
            if ref is not None:
                m.best, m.margin = ref.best, ref.margin
                extra.append(m)
            elif m.source != "person":
                _choose(m, ctx)
                b = m.best
                if (
                    b is not None
                    and b.name_kind == PRIMARY
                    and b.admin1
                    and ctx.admin1.get(b.admin1, 0) >= 1.0
                    and b.population >= 2000
                ):
                    extra.append(m)
        return sorted(mentions + extra, key=lambda m: m.start)


def _qualify(mentions: list[_Mention], text: str, stage: PlacesStage) -> None:
    """'Springfield, Illinois': remember the candidates of the qualifying region or country."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if gap.strip() == "," and len(gap) <= 3:
            a.qualifier = [
                c
                for c in stage._candidates(b.key, b.codes, False)
                if c.feature_code in ("PCLI", "ADM1")
            ]


@dataclass
class _Context:
    """The document's geography: weights of countries and admin1 regions, and points.

    ``own`` keeps what each name contributed, so that a name is judged by the other names
    of the document (:meth:`without`): a "Paris" read as France must not vote for France
    when "Paris" is weighed again.
    """

    countries: dict[str, float]
    admin1: dict[str, float]
    total: float
    points: list[tuple[float, float]]
    own: dict[str, tuple[dict[str, float], dict[str, float]]] = field(default_factory=dict)
    political: bool = False  # the text names national institutions (Congress, White House)
    # what :meth:`without` made for each name (a context is read-only once votes are in)
    _less: dict[str, _Context] = field(default_factory=dict, repr=False, compare=False)

    def _add(self, key: str, country: str | None, cw: float, a1: str | None, aw: float) -> None:
        oc, oa = self.own.setdefault(key, ({}, {}))
        if country and cw:
            self.countries[country] = self.countries.get(country, 0.0) + cw
            oc[country] = oc.get(country, 0.0) + cw
            self.total += cw
        if a1 and aw:
            self.admin1[a1] = self.admin1.get(a1, 0.0) + aw
            oa[a1] = oa.get(a1, 0.0) + aw

    def without(self, key: str) -> _Context:
        """The context less the votes of the name ``key``."""
        mine = self.own.get(key)
        if mine is None:
            return self
        done = self._less.get(key)
        if done is not None:
            return done
        oc, oa = mine
        countries = {k: v - oc.get(k, 0.0) for k, v in self.countries.items()}
        admin1 = {k: v - oa.get(k, 0.0) for k, v in self.admin1.items()}
        countries = {k: v for k, v in countries.items() if v > 1e-9}
        admin1 = {k: v for k, v in admin1.items() if v > 1e-9}
        less = _Context(
            countries, admin1, sum(countries.values()), self.points, political=self.political
        )
        self._less[key] = less
        return less

    @classmethod
    def soft(cls, mentions: Iterable[_Mention], hints: Counter[str]) -> _Context:
        """A first guess before anything is resolved: each distinct name votes for the
        countries and regions of its plausible candidates, spread evenly among them."""
        ctx = cls({k: 0.5 * v for k, v in hints.items()}, {}, 0.0, [])
        ctx.total = sum(ctx.countries.values())
        seen: set[str] = set()
        for m in mentions:
            if m.key in seen or not m.cands:
                continue
            seen.add(m.key)
            plausible = [
                c for c in m.cands if c.population >= 1000 or c.feature_class == "A"
            ] or m.cands
            cs = {c.country for c in plausible if c.country}
            a1 = {c.admin1 for c in plausible if c.admin1}
            for k in cs:
                ctx._add(m.key, k, 1.0 / len(cs), None, 0.0)
            for k in a1:
                ctx._add(m.key, None, 0.0, k, 0.5 / len(a1))
        return ctx

    @classmethod
    def of(cls, mentions: Iterable[_Mention], hints: Counter[str]) -> _Context:
        ctx = cls({k: 0.5 * v for k, v in hints.items()}, {}, 0.0, [])
        ctx.total = sum(ctx.countries.values())
        for m in mentions:
            b = m.best
            if b is None or m.margin < 0.5:
                continue
            w = 1.0 if b.feature_code in ("PCLI", "ADM1") else 0.7
            aw = 1.0 if b.feature_code == "ADM1" else 0.5
            a1 = b.admin1 if b.feature_code != "PCLI" else None
            key = m.key if m.source != "norp" else "\x00norp"
            ctx._add(key, b.country, w, a1, aw)
            if b.lat is not None and b.lon is not None and b.feature_code not in _WIDE:
                ctx.points.append((b.lat, b.lon))
        return ctx


_FCODE_PRIOR = {
    "PCLI": 3.0,
    "CONT": 2.5,
    "RGN": 2.5,
    "SEA": 7.0,  # no population: the prior alone outranks a same-named village
    "ADM1": 2.0,
    "PPLC": 1.5,
    "PPL": 0.0,
    "ADM2": -0.6,
}


_WIDE = ("PCLI", "CONT", "RGN", "SEA")
#: words that make a name a sea, a river, a range or a region: never a populated place
_NATURAL = re.compile(
    r"(?:^|\s)(?:ocean|sea|gulf|bay|strait|straits|channel|river|lake|mountains|peninsula"
    r"|desert|basin|valley|coast|islands)$|^(?:gulf|sea|bay|strait|straits|isle|lake)\s+of\s",
)


def _score(c: Candidate, m: _Mention, ctx: _Context) -> float:
    s = math.log10(c.population + 10)
    if m.natural and c.feature_class == "P":
        s -= 6.0  # "Gulf of Aden", "Indian Ocean": not a same-named village
    s += _FCODE_PRIOR.get(c.feature_code, -0.5)
    if c.name_kind == ALTERNATE:
        # a place that bears the name as its own outranks one known by it as an alias
        s -= 2.5 if m.has_primary and c.feature_class == "P" else 1.0
    elif c.name_kind == STEM:
        s -= 0.5 if m.hint else 3.0
    elif c.name_kind == CODE:
        s += 0.5
    if m.hint is not None:
        if c.feature_class == "A" and c.feature_code.startswith("ADM"):
            s += 2.5 if m.hint in ("ADM", c.feature_code) else 1.5
        else:
            s -= 2.0
    if ctx.total > 0 and c.country:
        share = ctx.countries.get(c.country, 0.0) / ctx.total
        s += 4.0 * share
        if share == 0 and c.feature_code != "PCLI":
            s -= 1.0
    if c.admin1 and c.feature_code != "ADM1" and ctx.admin1:
        a = ctx.admin1.get(c.admin1, 0.0)
        s += min(3.0, 1.5 * a)
    if m.qualifier:
        ok = any(
            (q.feature_code == "PCLI" and q.country == c.country)
            or (q.feature_code == "ADM1" and q.admin1 == c.admin1)
            for q in m.qualifier
        )
        s += 5.0 if ok else -3.0
    return s


def _choose(m: _Mention, ctx: _Context) -> None:
    if not m.cands:
        m.best, m.score, m.margin = None, 0.0, 0.0
        return
    m.has_primary = any(c.name_kind == PRIMARY and c.feature_class == "P" for c in m.cands)
    ctx = ctx.without(m.key)
    scored = sorted(((_score(c, m, ctx), c) for c in m.cands), key=lambda t: -t[0])
    best_s, best = scored[0]
    # an admin region and its seat of the same name are the same answer: pick the town
    margin = best_s - scored[1][0] if len(scored) > 1 else 3.0
    for s2, c2 in scored[1:4]:
        if (
            best.feature_code == "ADM2"
            and c2.feature_class == "P"
            and best_s - s2 < 3.0
            and c2.lat is not None
            and best.lat is not None
            and abs(c2.lat - best.lat) < 1
            and abs((c2.lon or 0) - (best.lon or 0)) < 1
        ):
            best = c2
            break
    if len(scored) > 1 and _near(scored[0][1], scored[1][1]):
        margin = max(margin, 1.5)
    if best.feature_code == "ADM1" and m.hint is None and not m.state_word:
        # a region named after the city that holds most of its people ("Aleppo", "Dubai",
        # "Istanbul"): the name means the city
        city = next(
            (
                c
                for _s, c in scored[1:6]
                if c.feature_class == "P"
                and c.admin1 == best.admin1
                and c.name_kind in (PRIMARY, ALTERNATE)
                and c.population >= 0.6 * best.population
            ),
            None,
        )
        if city is not None:
            best, margin = city, max(margin, 1.5)
    if best.feature_code == "ADM1" and m.hint is None and not m.state_word:
        # a national capital outranks the same-named region ("Washington" is the capital),
        # unless the document's other places lie in that region and nothing political
        # (Congress, the White House) points at the capital
        capital = next(
            (c for _s, c in scored if c.feature_code == "PPLC" and c.country == best.country),
            None,
        )
        regional = bool(best.admin1 and ctx.admin1.get(best.admin1, 0.0) >= 1.0)
        if capital is not None and (ctx.political or not regional):
            best, margin = capital, max(margin, 1.0)
    m.best, m.score, m.margin = best, best_s, margin


def _near(a: Candidate, b: Candidate) -> bool:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    return abs(a.lat - b.lat) < 1.0 and abs(a.lon - b.lon) < 1.0


def _confident(m: _Mention, ctx: _Context) -> bool:
    """False when the best guess is weak: small, unsupported by context and contested."""
    b = m.best
    if b is None:
        return False
    if b.feature_code in ("PCLI", "CONT", "RGN", "SEA", "ADM1"):
        return True
    supported = bool(b.country and ctx.countries.get(b.country)) or bool(
        b.admin1 and ctx.admin1.get(b.admin1)
    )
    if m.source in ("org", "bare") and not supported and b.population < 100_000:
        return False
    if b.population < 1000 and not supported and m.margin < 1.0:
        return False
    return not (b.name_kind == ALTERNATE and not supported and b.population < 20_000)


def _dateline(t: _Tokens, start: int, end: int) -> bool:
    """An upper-case name opening a line and followed by the wire's mark: "BEIRUT (AP) --",
    "TORONTO —", "BEIRUT:"."""
    if not all(t.upper[i] or t.word(i) == "." for i in range(start, end)):
        return False
    if start > 0 and "\n" not in t.word(start - 1):  # (a token's own whitespace is " " at most)
        return False
    return end < len(t) and t.word(end) in _DATELINE_MARKS and t.length[start] > 2


#: national institutions that make a capital's name mean the capital ("Washington")
_POLITICAL = re.compile(
    r"\b(?:Congress(?:ional)?|White House|Capitol Hill|Senate|Pentagon|State Department"
    r"|Supreme Court|federal government|Oval Office|lawmakers|Parliament|Kremlin)\b"
)
_STATE_WORD = re.compile(r"\s+[Ss]tate\b")

_DATELINE_MARKS = frozenset({"(", ",", "\u2014", "\u2013", "-", "--", ":", "_"})


def _strong(c: Candidate, m: _Mention) -> bool:
    """Is this candidate a safe reading of a name found outside a place entity?"""
    if (
        m.hint is not None
        and m.source != "person"
        and c.feature_class == "A"
        and c.feature_code.startswith("ADM")
        and c.name_kind in (PRIMARY, STEM)
    ):
        return True  # "Anderson County Sheriff": the type word says it is a region
    if c.name_kind not in (PRIMARY, CODE) and not (m.hint and c.name_kind == STEM):
        return False
    if m.source == "dateline":
        return c.feature_class in ("P", "A") and c.population >= 10_000
    if m.source in ("person", "bare"):
        return c.feature_code in ("PCLI", "ADM1", "CONT", "RGN") and c.population > 100_000
    if c.feature_code in ("PCLI", "ADM1", "CONT", "RGN"):
        return True
    return c.feature_class == "P" and c.population >= 100_000


def _literal(span: SpacySpan) -> bool:
    """False for a place used for the people who govern it (metonymy).

    "Kyiv denies" (subject of a speech or decision verb), "Moscow's decision" (possessor of an
    agentive noun), "without the knowledge of Kyiv" / "backed by Moscow" (the party whose
    knowledge, support or action is meant), "the authorities in Ankara" (the seat of power).
    """
    root = span.root
    doc, first = span.doc, span.start
    if (
        first >= 2
        and doc[first - 1].lower_ == "in"
        and doc[first - 2].lemma_.lower() in _SEAT_NOUNS
    ):
        return False  # "the authorities in Ankara", however the parser attached "in"
    if first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].ent_type_ == "ORG":
        return False  # the tail of an organisation's name: "Freedom Legion of Russia"
    if root.dep_ == "conj":  # "Moscow and Kyiv deny": judge the first conjunct's role
        root = root.head
    dep, head = root.dep_, root.head
    if dep in ("compound", "amod", "nmod") and head.lemma_.lower() in _MODIFIED_NOUNS:
        return False  # "the Beijing government", "US service members", "Moscow's troops"
    if dep in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() not in _METONYMY_VERBS
    if dep == "poss":
        return head.lemma_.lower() not in _AGENT_NOUNS
    if dep == "pobj":
        prep, governor = head.lower_, head.head
        if prep in ("of", "from") and governor.lemma_.lower() in _AGENT_NOUNS:
            return False
        if prep == "by" and (head.dep_ == "agent" or governor.lemma_.lower() in _AGENT_NOUNS):
            return False
        if prep == "in" and governor.lemma_.lower() in _SEAT_NOUNS:
            return False
    return True


#: nouns whose possessor or "of" complement is a party acting: "Moscow's decision"
_AGENT_NOUNS = frozenset(
    """knowledge consent support approval backing permission blessing decision position response
    involvement role responsibility policy denial claim statement demand request order refusal
    rejection proposal offer warning threat accusation plan strategy stance intention demands
    acquiescence complicity participation sanction sanctions recognition""".split()
)
#: "the authorities in Ankara": the place stands for its government
_SEAT_NOUNS = frozenset(
    "authority authorities official officials government leadership regime administration "
    "establishment".split()
)


#: nouns that a place name modifies as the state it stands for: "the Beijing government",
#: "US service members", "Russian-backed forces"
_MODIFIED_NOUNS = _SEAT_NOUNS | frozenset(
    "government governments troops forces force military army navy soldiers member members "
    "service servicemen diplomat diplomats embassy ambassador envoy minister ministry "
    "president premier delegation negotiators spokesman spokeswoman intelligence "
    "lawmakers regime sanctions".split()
)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


_DEMONYMS: dict[str, str] | None = None


def _demonym_table() -> dict[str, str]:
    global _DEMONYMS
    if _DEMONYMS is None:
        table: dict[str, str] = {}
        # common adjectives that differ from countryinfo's demonym nouns
        extra = {
            "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB", "turkish": "TR",
            "polish": "PL", "swedish": "SE", "danish": "DK", "finnish": "FI", "spanish": "ES",
            "irish": "IE", "dutch": "NL", "french": "FR", "chinese": "CN", "japanese": "JP",
            "vietnamese": "VN", "lebanese": "LB", "sudanese": "SD", "congolese": "CD",
            "taiwanese": "TW", "portuguese": "PT", "swiss": "CH", "american": "US",
            "israeli": "IL", "saudi": "SA", "emirati": "AE", "filipino": "PH", "afghan": "AF",
            "kiwi": "NZ", "aussie": "AU", "briton": "GB", "brit": "GB", "russian": "RU",
            "ukrainian": "UA", "syrian": "SY", "iraqi": "IQ", "iranian": "IR",
        }  # fmt: skip
        table.update(extra)
        for k, v in demonyms().items():
            table.setdefault(k, v)
        _DEMONYMS = table
    return _DEMONYMS


# ----------------------------------------------------------------------------- events

_SPECIFICITY = {"P": 3, "S": 4, "L": 1, "H": 2, "T": 2, "V": 2, "R": 3, "U": 1}


def _specificity(p: Place) -> int:
    code = p.feature_code or ""
    if code == "PCLI":
        return 0
    if code in ("CONT", "RGN", "SEA"):
        return -1
    if code == "ADM1":
        return 1
    if code.startswith("ADM"):
        return 2
    if code.startswith("PPL"):
        return 3
    return 2


def event_location(article: Article, evidence: Span) -> Place | None:
    """Where an event stated in ``evidence`` happened.

    Literal, resolved places inside the evidence (or within 200 characters after it, in the
    same paragraph) are preferred, the most specific first; otherwise the document's main
    literal place (the most mentioned most specific one). Metonymic places ("Kyiv denies")
    are never chosen.
    """
    usable = [p for p in article.places if p.literal and p.geonames_id is not None]
    if not usable:
        return None
    inside = [p for p in usable if evidence.contains(p.span) or evidence.overlaps(p.span)]
    if not inside:
        text = article.text
        stop = text.find("\n", evidence.end)
        stop = min(evidence.end + 200, stop if stop >= 0 else len(text))
        inside = [p for p in usable if evidence.end <= p.span.start < stop]
    counts = Counter(p.geonames_id for p in usable)
    main = max(
        usable, key=lambda p: (counts[p.geonames_id] >= 2, _specificity(p), counts[p.geonames_id])
    )
    if inside:
        best = max(inside, key=lambda p: (_specificity(p), p.confidence, -p.span.start))
        # "crossed the Chilean border": a bare country defers to the document's own focus
        # inside that country ("the Belgorod region")
        if (
            _specificity(best) == 0
            and main.country == best.country
            and _specificity(main) > 0
            and counts[main.geonames_id] >= 2
        ):
            return main
        return best
    return main
