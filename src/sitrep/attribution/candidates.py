"""Attribution candidates read off the dependency parse, and their features.

A candidate is one cue (a reporting verb, "according to", a nominal cue such as "report that")
with the content and source that the parse gives it:

- ``ccomp``: the verb's clausal complement ("said that ..."), widened to cover any quotation it
  overlaps (multi-sentence and multi-paragraph quotes);
- ``para``: the cue clause hangs off the quoted clause (``"...," the mayor said``);
- ``xcomp`` / ``dobj`` / ``prep``: infinitive, object or prepositional content ("urged him to
  resign", "denied the allegations", "warned of a crisis");
- ``according``: "according to X": content is the rest of the clause;
- ``noun``: a nominal cue with a that-clause ("the claim that ...");
- ``quote``: a quotation with no other cue, attached to a nearby speech verb.

Whether a candidate is a real attribution is decided by a linear model over the features made
here (see :mod:`sitrep.attribution.cuemodel`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from sitrep.attribution.lexicon import (
    AS_CLAUSE_RATE,
    CHANNEL_NOUNS,
    PASSIVE_REPORT_VERBS,
    PHRASAL_CUES,
    REPORTED_ADVERBS,
    SEED_CUE_VERBS,
)
from sitrep.attribution.quotemarks import QuoteRegion

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
# verbs whose object is the one addressed: a bare passive participle's clause subject is that
# addressee ("Asked about X, the senator said"), not the one who spoke
ADDRESSEE_VERBS = frozenset({"ask", "press", "question"})
_CLIMB = {"conj", "advcl", "xcomp", "acl", "ccomp", "relcl"}
# prepositions whose gerund adjunct the clause's subject performs ("ended by saying")
_SUBJECT_ADJUNCTS = {"by", "after", "before", "in", "without", "upon", "since", "while"}
_SOURCE_DROP = {"appos", "relcl", "acl", "punct", "advcl", "cc", "conj", "parataxis"}
_LEAD_TRIM = set(" \t\n,;:-—–")
_TAIL_TRIM = set(" \t\n,;:-—–.")
_QUOTE_CHARS = set("“”\"'„«»‘’")
_WEAK_TYPES = {"dobj", "prep", "xcomp"}
RATE_EDGES = (0.02, 0.05, 0.1, 0.2, 0.4)
_PRE_VERB = {"aux", "auxpass", "neg", "advmod"}
_PRE_AUX = {"aux", "auxpass", "neg"}
# a transcript turn: a line opened (after an optional quotation mark) by a name in capitals
_LABEL = re.compile(r"(?m)^[\"“]?((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z'’-]+):[ \t\u00a0]")
_WH = {"whether", "if", "how", "why", "what", "when", "where", "who", "which"}


def _alternate(labels: list[str]) -> bool:
    """Whether some label comes again after another one ("A", "B", "A"): two speakers taking
    turns, not one label repeated."""
    first: dict[str, int] = {}
    for i, label in enumerate(labels):
        if label in first and any(other != label for other in labels[first[label] + 1 : i]):
            return True
        first.setdefault(label, i)
    return False


@dataclass
class Candidate:
    """One possible attribution; spans are character offsets into the doc text."""

    cue_tok: int
    cue: tuple[int, int]
    content: list[tuple[int, int]]
    source: tuple[int, int] | None
    source_tok: int | None
    ctype: str
    feats: list[str] = field(default_factory=list)
    score: float = 0.0
    content_tok: int | None = None  # head token of a content read off the parse
    own_segments: int | None = None  # segments before paragraphs that continue a quotation

    @property
    def content_start(self) -> int:
        return self.content[0][0]

    @property
    def content_end(self) -> int:
        return self.content[-1][1]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and dangling punctuation (but never quotation marks) from a span."""
    while start < end and text[start] in _LEAD_TRIM:
        start += 1
    while end > start and text[end - 1] in _TAIL_TRIM:
        end -= 1
    return start, end


def tok_end(tok: Token) -> int:
    """Character offset just past ``tok``."""
    return tok.idx + len(tok.text)


def subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok_end(tok.right_edge)


def source_span(tok: Token) -> tuple[int, int]:
    """The subject noun phrase without appositions, relative clauses and what follows them."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in _SOURCE_DROP:
            break
        right = child.right_edge.i
    doc = tok.doc
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ == "cc"):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    opened = sum(t.text in ('"', "“", "”") for t in doc[left : right + 1]) % 2
    if opened and right + 1 < len(doc) and doc[right + 1].text in ('"', "”"):
        right += 1  # the closing mark of a quoted name: 'The "Free Syrian Army"'
    return doc[left].idx, tok_end(doc[right])


def _addressed_participle(tok: Token) -> bool:
    """A bare passive participle of a verb that takes the addressee as its object ("Asked
    whether ..., X said"): the clause's subject is the one asked, and the asker (the source)
    is the agent if any."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and tok.lemma_.lower() in ADDRESSEE_VERBS
        and not any(c.dep_ in _SUBJ or c.dep_ in ("aux", "auxpass") for c in tok.children)
    )


def _gerund_adjunct(tok: Token) -> bool:
    """A gerund heading a prepositional adjunct of a verb ("ended by saying", "wavered in
    answering"): the verb's subject does the gerund's act."""
    # not "praised her for saying", "met with X after ...": there the object may act
    return (
        tok.dep_ == "pcomp"
        and tok.head.dep_ == "prep"
        and tok.head.lower_ in _SUBJECT_ADJUNCTS
        and tok.head.head.pos_ in ("VERB", "AUX")
    )


def _closing_char(text: str, q: QuoteRegion) -> str:
    """The last character a quotation says, inside its closing mark ("," "." "?" "!")."""
    return text[q.start : q.end].rstrip("".join(_QUOTE_CHARS)).rstrip()[-1:]


def _sentence_between(text: str, verb: Token, q: QuoteRegion) -> bool:
    """Whether a full stop parts a verb from a quotation next to it: the quotation closes on
    one before the verb ('"B." Y rejected'), or one comes between the verb and the quotation
    ('Y rejected the plan. "B."'). A quotation closed by "?" or "!" ends a sentence when a
    capitalised common word follows it ('"Why?" The council rejected'), not a lower-case word
    or a name ('"Why?" he asked', '"Why?" Ortiz asked')."""
    if verb.idx >= q.end:
        mark = _closing_char(text, q)
        if mark == ".":
            return True
        if mark not in ("!", "?"):
            return False
        between = verb.doc.char_span(q.end, tok_end(verb), alignment_mode="expand")
        nxt = next((t for t in between or () if t.idx >= q.end and t.is_alpha), None)
        return nxt is not None and nxt.text[0].isupper() and nxt.pos_ != "PROPN"
    return any(ch in ".!?" for ch in text[tok_end(verb) : q.start])


def subject_of(tok: Token) -> Token | None:
    """The subject of a cue verb, climbing through conjuncts, participles and relatives."""
    cur = tok
    for _ in range(3):
        # a subject is a word: the parser hangs the full stop of "Hartwell Cos." on the verb
        # as a second subject
        subjects = [c for c in cur.children if c.dep_ in _SUBJ and not c.is_punct]
        if subjects:
            # two subjects on one verb (a headline run into the text, a fronted phrase taken
            # for a subject): the one next to the verb is its own
            before = [c for c in subjects if c.i < cur.i]
            return before[-1] if before else subjects[0]
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head
        if cur.dep_ not in _CLIMB or cur.head is cur:
            if not _gerund_adjunct(cur):
                return None
            cur = cur.head  # "X ended by saying": on through the preposition to X's verb
        cur = cur.head
    return None


def _adjective_controller(tok: Token) -> Token | None:
    """The subject of a predicate adjective governing a cue infinitive ("X was quick to deny",
    "X is likely to argue", "X won't be able to claim"): X does the verb's act. Not an
    expletive ("it is worth noting")."""
    # PolNeAR train: the gold source is that subject in 44 of 46 such candidates with a gold cue,
    # 24 of 25 with a speech verb (the only ones the caller asks about)
    head = tok.head
    if tok.dep_ != "xcomp" or head.pos_ != "ADJ" or head.dep_ != "acomp":
        return None
    subj = subject_of(head.head)
    if subj is None or subj.lower_ in ("it", "there"):
        return None
    return subj


_NP_POS = {"PROPN", "NOUN", "PRON"}
_NP_RUN = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PUNCT", "CCONJ", "PART", "ADP"}


def _np_run(doc: Doc, lo: int, hi: int) -> tuple[Token, Token, Token] | None:
    """The noun phrase filling tokens ``lo..hi`` (inclusive) once quotation marks, commas and
    the verb's auxiliaries and adverbs are stripped: (first, last, head) or None."""
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ in _PRE_VERB):
        hi -= 1
    if lo > hi or hi - lo > 8:
        return None
    run = doc[lo : hi + 1]
    if any(t.pos_ not in _NP_RUN for t in run) or not any(t.pos_ in _NP_POS for t in run):
        return None
    head = next((t for t in reversed(run) if t.pos_ in _NP_POS), run[-1])
    return run[0], run[-1], head


def quoted_source(
    tok: Token, subj: Token, quotes: list[QuoteRegion], text: str
) -> tuple[tuple[int, int], Token] | None:
    """A subject the parser found inside a quotation the cue stands outside of (``"..., the
    people," Trump said``; ``"Full panic mode," said Leslie Wimes``) is a word of the quotation,
    never its speaker. The speaker is the subject of the verb a participle cue hangs on (``,"
    Sanders said, adding that ...``), else the noun phrase between the last quotation and the
    reporting verb, else the one right after that verb. Returns (span, head token); None when
    none of them is there."""
    q = next((r for r in quotes if r.start <= subj.idx < r.end), None)
    if q is None or q.start <= tok.idx < q.end:
        return None
    doc = tok.doc

    def quoted(t: Token) -> bool:
        return any(r.start <= t.idx < r.end for r in quotes)

    verb = tok
    for _ in range(3):
        own = next((c for c in verb.children if c.dep_ in _SUBJ and not quoted(c)), None)
        if own is not None:
            return source_span(own), own
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head is verb or quoted(verb.head):
            break
        verb = verb.head
    line = text.rfind("\n", 0, verb.idx) + 1
    closing = max((r.end for r in quotes if line < r.end <= verb.idx), default=None)
    if closing is None:
        return None
    first = next((t.i for t in doc[max(0, verb.i - 12) : verb.i] if t.idx >= closing), None)
    if first is not None:
        found = _np_run(doc, first, verb.i - 1)
        if found is not None:
            a, b, head = found
            return (a.idx, tok_end(b)), head
    if first is None or any(not (t.is_punct or t.is_space) for t in doc[first : verb.i]):
        return None  # "<NP> VERB" only right after the quotation: '"...," said X'
    after = next(
        (
            c
            for c in verb.rights
            if c.dep_ in ("nsubj", "dobj", "attr", "npadvmod")
            and c.pos_ in _NP_POS
            and c.ent_type_ not in ("DATE", "TIME")
            and not quoted(c)
        ),
        None,
    )
    if after is not None and after.left_edge.i == verb.i + 1:
        return source_span(after), after
    return None


def _quoted_name(subj: Token, q: QuoteRegion, text: str) -> bool:
    """Whether quotation ``q`` is a quoted name or scare-quoted word inside the subject itself
    (``The "Free Syrian Army" said ...``): it lies wholly within the subject's subtree (its
    closing mark may hang outside) and closes on no punctuation of a quoted sentence."""
    lo, hi = subtree_span(subj)
    inner = text[q.start : q.end].rstrip("".join(_QUOTE_CHARS))
    return lo <= q.start and q.end <= hi + 1 and inner[-1:] not in ",.!?…"


def _unquoted_source(
    tok: Token, subj: Token, source: tuple[int, int] | None, quotes: list[QuoteRegion], text: str
) -> tuple[tuple[int, int] | None, Token | None]:
    """The cue's source and its head, redrawn by :func:`quoted_source` when the parsed subject
    is a word of a quotation the cue stands outside of; (None, None) when no other is there.
    A quotation that is a name inside the subject is no report: the subject stays."""
    q = next((r for r in quotes if r.start <= subj.idx < r.end), None)
    if q is None:
        return source, subj
    if q.start <= tok.idx < q.end:
        return source, subj  # a cue inside the quotation reports something it says
    if _quoted_name(subj, q, text):
        return source, subj
    fixed = quoted_source(tok, subj, quotes, text)
    return fixed if fixed is not None else (None, None)


def _infinitive_conjuncts(verb: Token, xcomp: Token, end: int) -> int:
    """``wants to triple X, grow Y and create Z``: the parser often hangs the later bare
    infinitives on the cue verb as its conjuncts; they continue the infinitive content."""
    if xcomp.tag_ != "VB":
        return end
    for child in verb.rights:
        if child.i <= xcomp.i or child.dep_ != "conj":
            continue
        if child.tag_ != "VB" or any(
            g.dep_ in _SUBJ or (g.dep_ == "aux" and g.lower_ != "to") for g in child.children
        ):
            break
        end = tok_end(child.right_edge)
    return end


def _line_subject(verb: Token) -> Token | None:
    """The subject of a cue verb whose parsed subject reaches into an earlier paragraph
    (a headline or time stamp run into the sentence by the parser): the noun phrase that
    opens the cue's own line, when the line reads ``<noun phrase> <aux/adverbs> <verb>``."""
    doc = verb.doc
    first = verb.i
    while first > 0 and "\n" not in doc[first - 1].text:
        first -= 1
    while first < verb.i and doc[first].is_space:
        first += 1
    end = verb.i
    skipped = {verb.i}
    while end > first and doc[end - 1].head.i in skipped and doc[end - 1].dep_ in _PRE_VERB:
        end -= 1
        skipped.add(end)
    words = doc[first:end]
    if not len(words) or any(t.pos_ in ("VERB", "AUX") or t.text in ".!?:" for t in words):
        return None
    heads = [t for t in words if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return heads[-1] if heads else None


def _channel_clause(noun: Token) -> Token | None:
    """The that-clause a channel noun took from its verb ("in a statement that ...")."""
    if noun.lemma_.lower() not in CHANNEL_NOUNS:
        return None
    for child in noun.rights:
        if (
            child.dep_ in ("acl", "relcl", "ccomp")
            and child.left_edge.lower_ == "that"
            and any(g.dep_ == "mark" for g in child.children)
        ):
            return child
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _widen_to_quotes(
    span: tuple[int, int], quotes: list[QuoteRegion], cue: tuple[int, int]
) -> tuple[int, int]:
    """Grow a content span to cover the quotations it overlaps (not crossing the cue)."""
    start, end = span
    for q in quotes:
        if q.end <= start or q.start >= end:
            continue
        if q.start <= cue[0] < q.end:
            continue  # the cue sits inside this quotation: do not swallow it
        if q.start < start and not (q.start < cue[1] <= start):
            start = q.start
        if q.end > end and not (end <= cue[0] < q.end):
            end = q.end
    return start, end


def _clip_to_paragraph(
    text: str, span: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """Keep the part of a span that lies in the cue's paragraph (quotes widen it again)."""
    start, end = span
    lo = text.rfind("\n", 0, cue[0]) + 1
    hi = text.find("\n", cue[1])
    hi = len(text) if hi < 0 else hi
    start, end = max(start, lo), min(end, hi)
    if end - start < 2:
        return None
    return trim(text, start, end)


def _segments_without(
    span: tuple[int, int], holes: list[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Cut holes (e.g. the cue clause inside a quote) out of a span; trimmed, non-empty parts."""
    segs = [span]
    for h in holes:
        nxt: list[tuple[int, int]] = []
        for a, b in segs:
            if h[1] <= a or h[0] >= b:
                nxt.append((a, b))
                continue
            if h[0] > a:
                nxt.append((a, h[0]))
            if h[1] < b:
                nxt.append((h[1], b))
        segs = nxt
    out = []
    for a, b in segs:
        a, b = trim(text, a, b)
        if b - a > 1 or (b > a and text[a].isalnum()):
            out.append((a, b))
    return out


def _bucket(n: int) -> str:
    if n <= 1:
        return "1"
    if n <= 3:
        return "2-3"
    if n <= 8:
        return "4-8"
    if n <= 20:
        return "9-20"
    return "21+"


def _rate_bucket(rate: float | None) -> str:
    if rate is None:
        return "unk"
    for edge in RATE_EDGES:
        if rate < edge:
            return f"<{edge}"
    return "hi"


def continuation_quote(
    doc: Doc, text: str, starts: dict[int, QuoteRegion], c: Candidate, quoted: bool = True
) -> QuoteRegion | None:
    """``"A," she said. "B."``: the quotation right after the cue clause of a report whose
    content is a quotation (with ``quoted=False``: any content) before its cue (same
    paragraph), or None."""
    if c.content_end > c.cue[0] or (quoted and text[c.content_end - 1] not in _QUOTE_CHARS):
        return None
    sent = doc[c.cue_tok].sent
    stop = max(c.cue[1], c.source[1] if c.source else 0)
    limit = sent.end_char + 3
    pos = stop
    q = None
    while pos < len(text) and pos < limit and text[pos] != "\n":
        if text[pos].isalnum() and pos >= sent.end_char:
            break
        q = starts.get(pos)
        if (
            q is not None
            and text[stop : q.start].rstrip()[-1:].isalnum()
            and len(text[q.start : q.end].split()) <= 4
        ):
            # a title inside the cue clause ('said on Fox's "Morning Show." "B."')
            pos, q = q.end, None
            continue
        if q is not None:
            break
        pos += 1  # an apostrophe ("the Budget Institute's") opens no quotation
    if q is None or "\n" in text[stop : q.start] or not _ends_sentence(text, q):
        return None
    return q


def _ends_sentence(text: str, q: QuoteRegion) -> bool:
    """Whether quotation ``q`` is a stretch of speech rather than a quoted word: it closes its
    sentence (its last word followed by . ! ? inside or right outside the mark, or by nothing
    but another quotation or the paragraph's end) or is a clause-long quotation the writer's
    sentence ends (``"You went on the radio to insult thousands of hard-working" nurses``).
    A short quotation the sentence goes on after (``"Calm" returned to the town``) is a quoted
    word of that sentence, not what the speaker said next."""
    inner = text[q.start : q.end].rstrip("".join(_QUOTE_CHARS))
    if not q.closed or inner[-1:] in ".!?…" or len(inner.split()) > 4:
        return True
    line_end = text.find("\n", q.end)
    rest = text[q.end : len(text) if line_end < 0 else line_end].lstrip()
    return not rest or rest[0] in ".!?…" or rest[0] in _QUOTE_CHARS


class CandidateFinder:
    """Builds candidates for one doc; ``cue_lemmas`` gates the weaker constructions."""

    def __init__(
        self,
        cue_lemmas: frozenset[str],
        noun_cues: frozenset[str],
        cue_rates: Mapping[str, float] | None = None,
    ) -> None:
        self.cue_lemmas = cue_lemmas | SEED_CUE_VERBS
        self.noun_cues = noun_cues
        # how often each lemma is a cue where it occurs in the training split: a prior that
        # carries over to lemmas too rare for a weight of their own
        self.cue_rates = dict(cue_rates or {})
        self._text = ""

    def find(self, doc: Doc, quotes: list[QuoteRegion]) -> list[Candidate]:
        text = self._text = doc.text  # built once: Doc.text joins every token
        out: list[Candidate] = []
        for sent in doc.sents:
            for tok in sent:
                cand = self._candidate(tok, sent, text, quotes)
                if cand is not None and cand.content:
                    out.append(cand)
        self._quote_candidates(doc, quotes, out)
        head = self._headline_colon(doc, text)
        if head is not None:
            out.append(head)
        out.extend(self._transcript_labels(doc, text))
        out.sort(key=lambda c: c.cue[0])
        self._continuations(doc, quotes, out)
        self._featurise(doc, quotes, out)
        self._openers(quotes, out)  # a span decision: after the features
        return out

    # ------------------------------------------------------------------ construction

    def _candidate(
        self, tok: Token, sent: Span, text: str, quotes: list[QuoteRegion]
    ) -> Candidate | None:
        lower = tok.lower_
        if lower in REPORTED_ADVERBS and tok.dep_ == "advmod":
            return self._adverb(tok, sent, text)
        if lower == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            return self._according(tok, sent, text)
        pos = tok.pos_
        if pos == "NOUN":
            return self._noun(tok, text, quotes)
        if pos not in ("VERB", "AUX") or (tok.dep_ == "amod" and tok.tag_ not in ("VBD", "VBN")):
            return None
        cue = (tok.idx, tok_end(tok))
        lemma = tok.lemma_.lower()
        known = lemma in self.cue_lemmas
        content: tuple[int, int] | None = None
        content_head: Token | None = None
        ctype = ""
        ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        inv_subj = self._inverted_subject(tok, sent) if known else None
        inverted = (
            self._inverted_content(tok, sent, text)
            if known and (ccomp is None or inv_subj is not None)
            else None
        )
        colon = self._colon_content(tok, text, quotes) if known else None
        as_clause = (
            self._as_content(tok, sent, text)
            if self._speech_like(tok) and not self._speech_like(tok.head)
            else None
        )  # "..., officials said, as they bristled at ...": the head is the report
        aside: tuple[int, int] | None = None  # a cue clause inside its content
        if as_clause is not None:
            content, aside = as_clause
            ctype = "as"
        elif colon is not None:
            content, ctype = colon, "colon"
        elif inverted is not None:
            content, ctype = inverted, "inverted"
        elif ccomp is not None and (known or pos == "VERB"):
            content, ctype, content_head = subtree_span(ccomp), "ccomp", ccomp
            tail = None
            if ccomp.i < tok.i and not any(
                q.start < tok.idx and q.end > text.rfind("\n", 0, tok.idx) for q in quotes
            ):
                # a direct quotation's speaker acts in the trailing clause ("..., he said,
                # smiling"); quotation marks only, not an apostrophe ("the firm's sales grew, he
                # said, until ..."); a quoted clause goes on through its continuation instead
                tail = next((c for c in tok.rights if c.dep_ == "ccomp"), None)
                if tail is None or "," not in text[content[1] : tok.idx]:
                    tail = self._trailing_clause(tok, ccomp)
                # else "It was, the president said, a stone where ...": the parser gives the
                # cue both halves of the reported clause as complements
            if tail is not None:
                # "X, he said, until Y": the clause after the cue clause goes on with X
                aside = (content[1], tail.left_edge.idx)
                content = (content[0], tok_end(tail.right_edge))
        elif known:
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            dobj = next((c for c in tok.children if c.dep_ in ("dobj", "attr")), None)
            prep = next(
                (
                    c
                    for c in tok.rights
                    if c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
                ),
                None,
            )
            if xcomp is not None and xcomp.i > tok.i:
                start = dobj.left_edge.idx if dobj is not None and dobj.i < xcomp.i else None
                a, b = subtree_span(xcomp)
                b = _infinitive_conjuncts(tok, xcomp, b)
                content, ctype = (start if start is not None else a, b), "xcomp"
                content_head = xcomp if start is None else None
                raised = self._raised_subject(tok, xcomp)
                if raised is not None:
                    # "The group is believed to run the route": the subject is reported too
                    content, ctype, content_head = (raised.left_edge.idx, b), "passive", None
                    first = tok
                    while first.i > raised.i + 1 and tok.doc[first.i - 1].dep_ in _PRE_AUX:
                        first = tok.doc[first.i - 1]  # "is / could be expected": auxiliaries
                    cue = (first.idx, cue[1])
                    aside = cue  # the content runs around its cue
            elif dobj is not None:
                a, b = subtree_span(dobj)
                for sib in tok.rights:
                    if sib.i > dobj.i and (
                        sib.dep_ in ("oprd", "xcomp", "ccomp")
                        or (sib.dep_ == "prep" and sib.lower_ in ("as", "for", "of"))
                    ):
                        b = subtree_span(sib)[1]
                content, ctype, content_head = (a, b), "dobj", dobj
            elif prep is not None:
                pobj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
                clause = _channel_clause(pobj)
                if clause is not None:
                    # "said in a statement that ...": the parser hangs the clause on the noun
                    content, ctype, content_head = subtree_span(clause), "ccomp", clause
                else:
                    content, ctype, content_head = subtree_span(pobj), "prep", pobj
        # a ROOT cue ("he said" as the root of a sentence that is only the cue clause plus a
        # quotation) is left to _quote_candidates
        if content is None and tok.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
            content = self._para_content(tok, sent, text)
            if content is not None:
                ctype = "para"
            elif tok.dep_ == "parataxis":
                mid = self._mid_content(tok, sent, text)
                if mid is not None:
                    content, aside = mid
                    ctype = "mid"
        if content is None:
            return None
        if content[0] <= cue[0] < content[1] and aside is None:
            return None
        if ctype != "colon":  # "He said:" may open a quotation in the next paragraph
            content = _clip_to_paragraph(text, content, cue)
            if content is None:
                return None
        content = _widen_to_quotes(content, quotes, cue)
        subj: Token | None
        if any(c.dep_ == "auxpass" for c in tok.children) or _addressed_participle(tok):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        else:
            subj = subject_of(tok) if inv_subj is None else inv_subj
            if subj is None and self._speech_like(tok):
                # "X was quick to point out that": a speech verb only; "keen to demonstrate",
                # "surprised to learn" report nothing
                subj = _adjective_controller(tok)
        source = source_span(subj) if subj is not None else None
        if subj is not None:
            source, subj = _unquoted_source(tok, subj, source, quotes, text)
        if (
            subj is not None
            and source is not None
            and "\n" in text[min(source[0], cue[0]) : cue[0]]
        ):
            subj = _line_subject(subj.head if subj.dep_ in _SUBJ else tok)
            source = None
            if subj is not None:
                a, b = source_span(subj)
                source = trim(text, max(a, text.rfind("\n", 0, subj.idx) + 1), b)
                if source[1] <= source[0]:
                    source, subj = None, None
        holes = [source] if source is not None else []
        holes.append(cue)
        if aside is not None:
            holes.append(aside)
        segs = _segments_without(content, holes, text)
        return Candidate(
            tok.i,
            cue,
            segs,
            source,
            subj.i if subj is not None else None,
            ctype,
            content_tok=content_head.i if content_head is not None else None,
        )

    def _speech_like(self, tok: Token) -> bool:
        """A speech verb: listed, or a cue in most of its training occurrences, or a
        phrasal one ("point out", "set out")."""
        lemma = tok.lemma_.lower()
        if lemma in SEED_CUE_VERBS or self.cue_rates.get(lemma, 0.0) >= AS_CLAUSE_RATE:
            return True
        return lemma in PHRASAL_CUES and any(
            c.dep_ == "prt" and c.lower_ == PHRASAL_CUES[lemma] for c in tok.children
        )

    def _trailing_clause(self, tok: Token, ccomp: Token) -> Token | None:
        """The clause after ``<content>, <cue clause>,`` that the parser hung on the cue verb
        ("Lenox thrived, he said, until it went bankrupt"; "A paid 9 percent, the agency said,
        and B paid 1 percent"); not a report of its own ("..., he said, adding that ...")."""
        doc = tok.doc
        for child in tok.rights:
            if child.dep_ not in ("advcl", "conj") or child.pos_ not in ("VERB", "AUX"):
                continue
            before = doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
            if before is not None and before.dep_ == "cc":
                before = doc[before.i - 1]
            if before is None or before.text != "," or before.head.i != tok.i:
                return None
            if self._speech_like(child):
                return None
            if child.dep_ == "conj" and not any(g.dep_ in _SUBJ for g in child.children):
                return None
            return child
        return None

    @staticmethod
    def _raised_subject(tok: Token, xcomp: Token) -> Token | None:
        """The subject of ``<X> is said / believed / thought / reported to <verb>`` with no
        agent: an unnamed source reports X's doing."""
        if tok.lemma_.lower() not in PASSIVE_REPORT_VERBS or xcomp.tag_ != "VB":
            return None
        if not any(c.dep_ == "auxpass" for c in tok.children) or any(
            c.dep_ == "agent" for c in tok.children
        ):
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None or subj.i > tok.i or subj.tag_ in ("WDT", "WP"):
            return None
        return subj

    @staticmethod
    def _as_content(
        tok: Token, sent: Span, text: str
    ) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        """``As Kowal argues, the plan ...`` / ``..., as the minister noted``: a cue clause
        opened by "as" reports the clause it modifies; the content is the rest of the sentence
        (around the cue clause when it sits in the middle, which is then the aside)."""
        if tok.dep_ not in ("advcl", "parataxis") or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in tok.children
        ):
            return None
        if not any(c.dep_ in _SUBJ for c in tok.children):
            return None
        doc = tok.doc
        left, right = tok.left_edge, tok.right_edge
        marks = (",", "--", "—", "–")
        while right.i > tok.i and right.text in marks:
            right = doc[right.i - 1]  # the clause's own comma
        if left.i > 0 and doc[left.i - 1].lower_ in ("such", "so", "just"):
            return None
        lo, hi = sent.start, sent.end - 1
        while hi > right.i and (doc[hi].is_punct or doc[hi].is_space):
            hi -= 1
        while lo < left.i and (doc[lo].dep_ in ("cc", "punct") or doc[lo].is_space):
            lo += 1  # "But as ...", "And, as ..."
        if lo < left.i and doc[lo].dep_ == "advmod" and doc[lo + 1].text == ",":
            lo += 1  # "However, as ..." (the comma goes with the trim)
            while lo < left.i and doc[lo].is_punct:
                lo += 1
        # set off by a comma or dash on the side of the content ("comes as others call for"
        # is a time clause)
        if right.i < hi and doc[right.i + 1].text not in marks:
            return None
        if left.i > lo and doc[left.i - 1].text not in marks:
            return None
        if left.i <= lo and right.i < hi:
            span = trim(text, doc[right.i + 1].idx, tok_end(doc[hi]))
            aside = None
        elif right.i >= hi and left.i > lo:
            span = trim(text, sent.start_char, left.idx)
            aside = None
        elif left.i > lo and right.i < hi:
            span = trim(text, sent.start_char, tok_end(doc[hi]))
            aside = (left.idx, tok_end(right))
        else:
            return None
        if span[1] - span[0] < 12:
            return None
        return span, aside

    @staticmethod
    def _inverted_subject(tok: Token, sent: Span) -> Token | None:
        """``..., confirmed Kyrychevsky.``: the parser often makes the late subject an object."""
        if tok.i - sent.start < 4 or any(c.dep_ in _SUBJ for c in tok.children):
            return None
        if tok.doc[tok.i - 1].text not in (",", "”", '"', "''"):
            return None
        if tok.dep_ == "amod" and tok.tag_ in ("VBD", "VBN"):
            # "..., stated military analyst Jan Kowal": the verb was read as an adjective
            head = tok.head
            while head.dep_ in ("compound", "amod") and head.head.i > head.i:
                head = head.head
            return head if head.ent_type_ == "PERSON" else None
        obj = next((c for c in tok.rights if c.dep_ in ("dobj", "attr", "npadvmod")), None)
        if obj is None or obj.pos_ not in ("PROPN", "NOUN"):
            return None
        last = sent.end - 1
        while last > obj.i and (tok.doc[last].is_punct or tok.doc[last].is_space):
            last -= 1
        return obj if obj.right_edge.i >= last else None

    def _inverted_content(self, tok: Token, sent: Span, text: str) -> tuple[int, int] | None:
        """``..., stated expert X`` / ``..., explained the expert``: subject after the verb."""
        subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
        if subj is None:
            subj = self._inverted_subject(tok, sent)
        if subj is None or subj.i < tok.i or tok.i - sent.start < 4:
            return None
        prev = tok.doc[tok.i - 1]
        if prev.text not in (",", "”", '"', "''") and prev.dep_ != "punct":
            return None
        start, end = trim(
            text, sent.start_char, prev.idx + (len(prev.text) if prev.text != "," else 0)
        )
        return (start, end) if end - start >= 3 else None

    @staticmethod
    def _colon_content(tok: Token, text: str, quotes: list[QuoteRegion]) -> tuple[int, int] | None:
        """``He said: "..."`` / ``Trump tweeted:`` + a quotation, possibly in the next
        paragraph: the content is the quotation (or the rest of the paragraph) after the colon."""
        doc = tok.doc
        j = tok.i + 1
        while j < len(doc) and doc[j].head.i == tok.i and doc[j].dep_ in ("advmod", "npadvmod"):
            j += 1
        if j >= len(doc) or doc[j].text != ":":
            return None
        pos = doc[j].idx + 1
        while pos < len(text) and text[pos].isspace():
            pos += 1
        region = next((q for q in quotes if q.start == pos), None)
        if region is not None:
            return region.start, region.end
        if "\n" in text[doc[j].idx : pos]:
            return None
        end = text.find("\n", pos)
        start, end = trim(text, pos, len(text) if end < 0 else end)
        return (start, end) if end - start >= 3 else None

    def _mid_content(
        self, tok: Token, sent: Span, text: str
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """``The bridge, Ms. Lane said, opened ...``: a cue clause set off by commas inside
        the clause it reports; the content is that clause around it (two segments)."""
        if tok.lemma_.lower() not in self.cue_lemmas:
            return None
        if not any(c.dep_ in _SUBJ for c in tok.children):
            return None
        doc = tok.doc
        kids = [c for c in tok.children if not c.is_punct]
        left = doc[min([tok.i] + [c.left_edge.i for c in kids])]
        right = doc[max([tok.i] + [c.right_edge.i for c in kids])]
        if left.i <= sent.start or right.i >= sent.end - 1:
            return None
        before, after = doc[left.i - 1], doc[right.i + 1]
        if before.text not in (",", "--", "—", "–") and not before.is_quote:
            return None
        if after.text not in (",", "--", "—", "–", ":") and not after.is_quote:
            return None
        head = tok.head
        lo = max(head.left_edge.i, sent.start)
        hi = min(head.right_edge.i, sent.end - 1)
        if lo >= left.i or hi <= right.i:
            return None
        start, end = trim(text, doc[lo].idx, tok_end(doc[hi]))
        # the hole runs over the commas around the clause
        hole = (before.idx if not before.is_quote else left.idx, tok_end(after))
        if after.is_quote:
            hole = (hole[0], tok_end(right))
        if end - start - (hole[1] - hole[0]) < 6:
            return None
        return (start, end), hole

    def _para_content(self, tok: Token, sent: Span, text: str) -> tuple[int, int] | None:
        """``"...," the mayor said``: the cue clause sits at the edge of its sentence."""
        if not any(c.dep_ in _SUBJ for c in tok.children):
            return None
        if tok.lemma_.lower() not in self.cue_lemmas:
            return None
        left, right = tok.left_edge, tok.right_edge
        s_end = sent.end - 1
        while s_end > right.i and (tok.doc[s_end].is_punct or tok.doc[s_end].is_space):
            s_end -= 1
        if right.i >= s_end and left.i > sent.start:
            start, end = trim(text, sent.start_char, left.idx)
        elif left.i <= sent.start and right.i < sent.end - 1:
            start, end = trim(text, tok_end(right), sent.end_char)
        else:
            return None
        if end - start < 3:
            return None
        return start, end

    def _according(self, tok: Token, sent: Span, text: str) -> Candidate | None:
        to = tok.doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        cue = (tok.idx, tok_end(to))
        source = source_span(pobj)
        phrase_l = tok.i
        phrase_r = max(pobj.right_edge.i, to.i)
        s_start, s_end = sent.start, sent.end
        left = trim(text, sent.start_char, tok.doc[phrase_l].idx) if phrase_l > s_start else (0, 0)
        right = (
            trim(text, tok_end(tok.doc[phrase_r]), sent.end_char)
            if phrase_r < s_end - 1
            else (0, 0)
        )
        best = left if left[1] - left[0] >= right[1] - right[0] else right
        if best[1] - best[0] < 3:
            return None
        clipped = _clip_to_paragraph(text, best, cue)
        if clipped is None or clipped[1] - clipped[0] < 3:
            return None
        return Candidate(tok.i, cue, [clipped], source, pobj.i, "according")

    @staticmethod
    def _adverb(tok: Token, sent: Span, text: str) -> Candidate | None:
        """``X was reportedly Y``: the clause without the adverb is the content, no source."""
        verb = tok.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        left = max(verb.left_edge.idx, sent.start_char)
        right = min(tok_end(verb.right_edge), sent.end_char)
        span = trim(text, left, right)
        cue = (tok.idx, tok_end(tok))
        segs = _segments_without(span, [cue], text)
        if not segs or sum(b - a for a, b in segs) < 12:
            return None
        return Candidate(tok.i, cue, segs, None, None, "adverb")

    def _noun(self, tok: Token, text: str, quotes: list[QuoteRegion]) -> Candidate | None:
        if tok.lemma_.lower() not in self.noun_cues:
            return None
        comp = next(
            (
                c
                for c in tok.rights
                if c.dep_ in ("acl", "ccomp", "relcl", "appos")
                and c.left_edge.lower_ == "that"
                and any(g.dep_ == "mark" for g in c.children)
            ),
            None,
        )
        if comp is None:
            return None
        content = trim(text, *subtree_span(comp))
        cue = (tok.idx, tok_end(tok))
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        source = source_span(poss) if poss is not None else None
        if source is not None and text[source[1] - 2 : source[1]] in ("'s", "’s"):
            source = (source[0], source[1] - 2)  # drop the possessive marker
        return Candidate(
            tok.i, cue, [content], source, poss.i if poss is not None else None, "noun"
        )

    @staticmethod
    def _headline_colon(doc: Doc, text: str) -> Candidate | None:
        """``Jo Marsh: Farm Families Anxious ...``: a headline opened by a name and a colon
        attributes the rest of the headline to that name."""
        line_end = text.find("\n")
        if line_end < 0:
            return None  # one-line text: no headline
        k = text.find(":", 0, line_end)
        if k <= 0:
            return None
        left = doc.char_span(0, k, alignment_mode="contract")
        colon = doc.char_span(k, k + 1)
        if left is None or colon is None or not 1 <= len(left) <= 4:
            return None
        if not all(t.pos_ == "PROPN" for t in left) or not any(
            t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in left
        ):
            # a lone capitalised word the parser saw without context ("Sanders:", "Poll:")
            # names the source when the article goes on to name it again
            word = left[0].lower_
            if len(left) != 1 or left[0].pos_ not in ("PROPN", "NOUN") or not left[0].is_title:
                return None
            body = text[line_end:].lower()
            if not re.search(rf"\b{re.escape(word)}\b", body):
                return None
        start, end = trim(text, k + 1, line_end)
        if len(text[start:end].split()) < 3:
            return None
        return Candidate(
            colon[0].i,
            (k, k + 1),
            [(start, end)],
            (left.start_char, left.end_char),
            left.root.i,
            "headline_colon",
        )

    @staticmethod
    def _transcript_labels(doc: Doc, text: str) -> list[Candidate]:
        """``PENCE: Well, look, ...``: in a transcript, a line opened by a speaker's name in
        capitals and a colon is that speaker's turn. Only when the turns alternate, some label
        opening a turn again after another label's turn (a lone "UPDATE:" line, a live blog's
        run of "UPDATE:" lines under a "LONDON:" dateline, is no transcript)."""
        found = [(m, m.group(1)) for m in _LABEL.finditer(text)]
        if not _alternate([label for _, label in found]):
            return []
        out: list[Candidate] = []
        for m, _ in found:
            colon = doc.char_span(m.end(1), m.end(1) + 1)
            source = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
            if colon is None or source is None:
                continue
            line_end = text.find("\n", m.end())
            start, end = trim(text, m.end(), len(text) if line_end < 0 else line_end)
            if end - start < 3:
                continue
            out.append(
                Candidate(
                    colon[0].i,
                    (m.end(1), m.end(1) + 1),
                    [(start, end)],
                    (m.start(1), m.end(1)),
                    source.root.i,
                    "label",
                )
            )
        return out

    def _quote_candidates(self, doc: Doc, quotes: list[QuoteRegion], out: list[Candidate]) -> None:
        """Quotations no candidate covers: attach to a speech verb next to them."""
        # (content, cue) of each candidate; one whose cue sits inside the quotation reports
        # something the quotation says, not the quotation
        covered = [((c.content_start, c.content_end), c.cue[0]) for c in out]
        used = {c.cue_tok for c in out if c.ctype not in _WEAK_TYPES}
        # a verb that only took an object or a phrase ("told MSNBC", "said in an interview")
        # may still report a quotation of its own sentence ('"...," X told MSNBC'), not one a
        # full stop parts from it ('"A," X said. "B." Y rejected the plan': "B" is X's)
        weak = {c.cue_tok for c in out if c.ctype in _WEAK_TYPES} - used
        text = self._text
        for q in quotes:
            if q.length < 12 or any(
                _overlap((q.start, q.end), s) > 0 and not q.start <= cue < q.end
                for s, cue in covered
            ):
                continue
            inner = text[q.start : q.end]
            if len(inner.split()) < 3:
                continue  # scare quotes
            best: Token | None = None
            # look in the 8 tokens just after and just before the quotation; after one that
            # no full stop closes, in the whole 80 characters: a long source comes between
            # ('"...," X, the mayor of Y, said'), where elsewhere a far verb is another
            # sentence's
            after = doc.char_span(q.end, min(len(text), q.end + 80), alignment_mode="expand")
            before = doc.char_span(max(0, q.start - 80), q.start, alignment_mode="expand")
            open_clause = _closing_char(text, q) != "."
            pools: list[list[Token]] = []
            if after is not None:
                pool = [t for t in after if t.idx >= q.end]
                pools.append(pool if open_clause else pool[:8])
            if before is not None:
                pools.append([t for t in reversed(list(before)) if tok_end(t) <= q.start][:8])
            for pool in pools:
                for t in pool:
                    if "\n" in t.text:
                        break
                    if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.cue_lemmas:
                        best = t
                        break
                if best is not None:
                    break
            if best is None or best.i in used:
                continue
            if best.i in weak and _sentence_between(text, best, q):
                continue
            used.add(best.i)
            subj = subject_of(best)
            source = source_span(subj) if subj is not None else None
            if subj is not None:
                source, subj = _unquoted_source(best, subj, source, quotes, text)
            segs = _segments_without((q.start, q.end), [], text)
            if segs:
                out.append(
                    Candidate(
                        best.i,
                        (best.idx, tok_end(best)),
                        segs,
                        source,
                        subj.i if subj is not None else None,
                        "quote",
                    )
                )

    def _continuations(self, doc: Doc, quotes: list[QuoteRegion], cands: list[Candidate]) -> None:
        """``"A," she said. "B."``: the quotation after the cue clause continues the first."""
        starts = {q.start: q for q in quotes}
        for c in cands:
            q = continuation_quote(doc, self._text, starts, c)
            if q is None:
                continue
            stop = max(c.cue[1], c.source[1] if c.source else 0)
            if any(
                o is not c
                and o.content_start < q.end
                and q.start < o.content_end
                and not q.start <= o.cue[0] < q.end
                # a quotation hung on a verb of the cue clause itself ('..., he said at the
                # dinner where she also spoke. "B."') is this report's continuation
                and not (o.ctype == "quote" and stop <= o.cue[0] < q.start)
                for o in cands
            ):
                continue  # decided again once the reports are chosen (stages.quotes)
            c.content.append((q.start, q.end))

    def _openers(self, quotes: list[QuoteRegion], cands: list[Candidate]) -> None:
        """``"Come spring," she said, "the mill reopens."``: a quotation that opens the cue's
        sentence and stops at the cue clause begins the quotation the cue reports after it
        (the parser hangs the opening fragment on the cue verb, so no candidate takes it)."""
        text = self._text
        ends = {q.end: q for q in quotes}
        for c in cands:
            if c.ctype != "ccomp" or c.content_start < c.cue[1] or len(c.content) != 1:
                continue
            if text[c.content_start] not in _QUOTE_CHARS:
                continue
            first = min(c.cue[0], c.source[0] if c.source else c.cue[0])
            stop = first
            while stop > 0 and text[stop - 1] in " \t":
                stop -= 1
            q = ends.get(stop)
            if q is None or "\n" in text[q.start : c.content_start]:
                continue
            if not text[q.start : q.end].rstrip("”\"'’ ").endswith(","):
                continue  # a sentence of its own ('"A." He said "B."')
            if any(
                o is not c
                and o.content_start < q.end
                and q.start < o.content_end
                and not q.start <= o.cue[0] < q.end
                # a reading that runs over this cue clause is no rival ("Frankly," read as
                # the content of a verb inside the quotation after it)
                and not any(a <= c.cue[0] < b for a, b in o.content)
                for o in cands
            ):
                continue
            c.content.insert(0, (q.start, q.end))

    # ------------------------------------------------------------------ features

    def _featurise(self, doc: Doc, quotes: list[QuoteRegion], cands: list[Candidate]) -> None:
        text = self._text
        first_nl = text.find("\n")
        headline_end = first_nl if first_nl >= 0 else 0  # one-line text: no headline
        contents = [(c.content_start, c.content_end) for c in cands]
        # the strong constructions, in index order, and their cue starts sorted (the nested /
        # contains tests below used to be quadratic over all candidates)
        strong = [j for j, o in enumerate(cands) if o.ctype not in _WEAK_TYPES]
        strong_cues = sorted((cands[j].cue[0], j) for j in strong)
        # the quotes by start, with the greatest end up to each: the quotes a span overlaps
        # are found from its end backwards, not by trying every quote on every candidate
        spans = sorted((q.start, q.end) for q in quotes)
        starts = [a for a, _ in spans]
        reach = list(accumulate((b for _, b in spans), max))
        for idx, c in enumerate(cands):
            tok = doc[c.cue_tok]
            lemma = tok.lemma_.lower() if c.ctype != "according" else "according_to"
            ct = c.ctype
            f = c.feats
            f.append("bias")
            f.append("lem=" + lemma)
            f.append("ct=" + ct)
            f.append("lem_ct=" + lemma + "|" + ct)
            if self.cue_rates:
                # the hand-listed speech verbs keep their own bucket: a polysemous one
                # ("appeal to voters") is rarely a cue in the training split
                rb = "seed" if lemma in SEED_CUE_VERBS else _rate_bucket(self.cue_rates.get(lemma))
                f.append("rate=" + rb)
                f.append("ct_rate=" + ct + "|" + rb)
            f.append("dep=" + tok.dep_)
            f.append("tag=" + tok.tag_)
            f.append("ct_dep=" + ct + "|" + tok.dep_)
            if c.source_tok is None:
                sk = "none"
            else:
                st = doc[c.source_tok]
                sk = st.ent_type_ or st.pos_
                if st.tag_ in ("WP", "WDT"):
                    sk = "wh"
                f.append("src_after" if c.source_tok > c.cue_tok else "src_before")
                f.append("src_tag=" + st.tag_)
                f.append("src_lower=" + st.lower_ if st.pos_ == "PRON" else "src_np")
                if c.source[1] - c.source[0] > 60:  # type: ignore[index]
                    f.append("src_long")
            f.append("src=" + sk)
            f.append("lem_src=" + lemma + "|" + ("none" if c.source_tok is None else "yes"))
            f.append("ct_src=" + ct + "|" + sk)
            qchars = 0
            total = 0
            for a, b in c.content:
                total += b - a
                k = bisect_left(starts, b) - 1  # the last quote that starts before b
                while k >= 0 and reach[k] > a:
                    qchars += _overlap((a, b), spans[k])
                    k -= 1
            share = qchars / total if total else 0.0
            qk = "q0" if share == 0 else ("qfull" if share > 0.9 else "qpart")
            f.append(qk)
            f.append("ct_q=" + ct + "|" + qk)
            f.append("lem_q=" + lemma + "|" + qk)
            first = doc.char_span(c.content_start, c.content_end, alignment_mode="expand")
            ntok = len(first) if first is not None else 0
            f.append("len=" + _bucket(ntok))
            f.append("ct_len=" + ct + "|" + _bucket(ntok))
            if first is not None and len(first):
                w = first[0].lower_
                if w == "that":
                    f.append("that")
                elif w in _WH:
                    f.append("wh")
                    f.append("lem_wh=" + lemma)
                f.append("c1pos=" + first[0].pos_)
            if c.content_start > c.cue[1]:
                f.append("content_after")
            else:
                f.append("content_before")
            if any(q.start <= c.cue[0] < q.end for q in quotes):
                f.append("cue_in_quote")
            if c.cue[0] < headline_end:
                f.append("headline")
            for ch in tok.children:
                if ch.dep_ == "neg":
                    f.append("neg")
                elif ch.dep_ == "aux" and ch.tag_ == "MD":
                    f.append("modal")
                elif ch.dep_ == "auxpass":
                    f.append("passive")
            for j in strong:
                other = contents[j]
                if j != idx and other[0] <= c.cue[0] < other[1]:
                    f.append("nested_in")
                    f.append("nested_in_ct=" + cands[j].ctype)
                    break
            lo = bisect_left(strong_cues, (c.content_start, -1))
            hi = bisect_left(strong_cues, (c.content_end, -1))
            if any(j != idx for _, j in strong_cues[lo:hi]):
                f.append("contains_cue")
            if text[c.cue[1] : c.cue[1] + 2].strip().startswith(":"):
                f.append("colon_after")
