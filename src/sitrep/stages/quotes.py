"""Quotes stage: who said what, through which cue, with which stance.

Candidates come from the dependency parse (:mod:`sitrep.attribution.candidates`): reporting
verbs with their clausal complements, quotations and their nearby cues, "according to",
nominal cues. A linear model trained on the PolNeAR train split keeps the real ones. The
speaker is resolved through the entities stage (pronouns, role nouns, surnames, capitals used
for governments); stance, hedges and channel come from small lexicons.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.attribution import lexicon as lx
from sitrep.attribution.boundaries import BoundaryModel, load_boundary_model
from sitrep.attribution.candidates import (
    Candidate,
    CandidateFinder,
    continuation_quote,
    tok_end,
    trim,
)
from sitrep.attribution.cuemodel import CueModel, load_cue_model
from sitrep.attribution.quotemarks import QuoteRegion, find_quotes
from sitrep.attribution.spanmodel import SpanModel, load_span_model
from sitrep.attribution.speakers import SpeakerResolver
from sitrep.model import Actor, Article, Quote, QuoteKind, Span, Stance
from sitrep.stages.base import Analysis
from sitrep.stages.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["QuotesStage"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _seg_len(segs: list[tuple[int, int]]) -> int:
    return sum(b - a for a, b in segs)


def _seg_overlap(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> int:
    return sum(_overlap(a, b) for a in x for b in y)


_CUT_TAIL = set(" \t\n,;:-—–")
_CUT_WORDS = ("and", "but", "or", "while", "although", "though", "as", "because")
_BOUNDARY_MARKS = (",", ";", "-", "—", "–")
MIN_CUT_CONTENT = 12  # characters an outer content keeps after its nested report is cut off
# a candidate report below the selection threshold still ends the content it closes from this
# score on (chosen on PolNeAR dev: 0.12 / 0.2 / 0.3 / threshold -> strict F1 .6387 / .6392 / .6382
# / .6376)
NESTED_CUT_SCORE = 0.2


def cut_nested(doc: Doc, outer: Candidate, inner: Candidate) -> list[tuple[int, int]] | None:
    """The outer content cut before a report that closes it ("said X, arguing that Y",
    "promised X and said Y"): PolNeAR gives each word one role, so the nested report's
    clause is not the outer content. None when the report does not close the content."""
    if outer.ctype == "label" or not any(s <= inner.cue[0] < e for s, e in outer.content):
        return None  # a transcript turn is the speaker's whatever it reports
    tok = doc[inner.cue_tok]
    if tok.dep_ in ("relcl", "acl"):
        return None  # "the money he says he raised": a report inside a noun phrase
    cut = min(inner.cue[0], inner.content_start, tok.left_edge.idx)
    if cut <= outer.content_start or outer.cue[0] >= cut:
        return None
    if inner.source is not None and outer.content_start <= inner.source[0] < cut:
        return None
    text = doc_text(doc)
    before = text[outer.content_start : cut].rstrip()
    if not (before.endswith(_BOUNDARY_MARKS) or before.lower().endswith((" and", " but"))):
        return None  # not at a clause boundary
    segs = [(a, min(b, cut)) for a, b in outer.content if a < cut]
    a, b = segs[-1]
    while True:
        while b > a and text[b - 1] in _CUT_TAIL:
            b -= 1
        word = next((w for w in _CUT_WORDS if text[a:b].lower().endswith(" " + w)), None)
        if word is None:
            break
        b -= len(word)
    if b - a < MIN_CUT_CONTENT:
        return None
    return [*segs[:-1], (a, b)]


def _conflict(a: Candidate, c: Candidate) -> bool:
    if a.cue_tok == c.cue_tok:
        return True
    ov = _seg_overlap(a.content, c.content)
    if ov > 0.3 * min(_seg_len(a.content), _seg_len(c.content)):
        return True
    return any(s <= c.cue[0] < e for s, e in a.content)


def select(cands: list[Candidate], threshold: float, doc: Doc | None = None) -> list[Candidate]:
    """Keep confident candidates, best first, so that no two share content or a cue; with
    ``doc``, a report nested at the end of a chosen content cuts that content short."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -c.score):
        if c.score < threshold:
            break
        cuts: list[tuple[Candidate, list[tuple[int, int]]]] = []
        ok = True
        for a in chosen:
            if not _conflict(a, c):
                continue
            seg = None
            if doc is not None and a.cue_tok != c.cue_tok:
                if any(s <= c.cue[0] < e for s, e in a.content):
                    seg = cut_nested(doc, a, c)
                    outer = a
                elif any(s <= a.cue[0] < e for s, e in c.content):
                    seg = cut_nested(doc, c, a)
                    outer = c
                if seg is not None:
                    cuts.append((outer, seg))
            if seg is None:
                ok = False
                break
        if ok and cuts:
            saved = [(o, o.content) for o, _ in cuts]
            for o, seg in cuts:
                o.content = seg
            if any(_conflict(a, c) for a in chosen):
                for o, content in saved:
                    o.content = content
                ok = False
        if ok:
            chosen.append(c)
    if doc is not None:
        # a weaker report that closes a chosen content still ends it ("..., citing X")
        taken = {id(c) for c in chosen}
        for c in cands:
            if id(c) in taken or c.score < NESTED_CUT_SCORE:
                continue
            for a in chosen:
                seg = cut_nested(doc, a, c)
                if seg is not None:
                    a.content = seg
    chosen.sort(key=lambda c: c.content_start)
    return chosen


def _touches(chosen: list[Candidate], c: Candidate, start: int, end: int) -> bool:
    """Whether another chosen report's content or cue overlaps [start, end)."""
    return any(
        o is not c and any(s < end and start < e for s, e in [*o.content, o.cue]) for o in chosen
    )


def split_complements(doc: Doc, chosen: list[Candidate]) -> None:
    """A clausal content the parser split in two: the cue verb has a second clausal
    complement that starts right where the content ends ("said the men detained | could be
    part of ...", "says he would serve | should the party ask"); it is the same reported
    clause, so the content takes it. Counted on the 840 PolNeAR train articles: the gold
    takes that second complement 44 times and leaves it out 9 times (a content ending in a
    quotation, whose next clause has its own cue, is left alone). A comma-spliced second
    clause ("told residents the water was safe, the pipes had been flushed") joins too: its
    left edge is the comma, right where the content ends."""
    text = doc_text(doc)
    for c in chosen:
        if c.ctype != "ccomp" or c.content_tok is None or len(c.content) != 1:
            continue
        head = doc[c.content_tok]
        if head.dep_ != "ccomp" or head.head.i != c.cue_tok:
            continue
        a, b = c.content[0]
        if text[b - 1] in _CLOSE_QUOTES:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            continue
        nxt = next(
            (k for k in head.head.rights if k.i > head.i and k.left_edge.i == span.end), None
        )
        if nxt is None or nxt.dep_ != "ccomp" or nxt.is_punct:
            continue
        _, end = trim(text, b, tok_end(nxt.right_edge))
        if end <= b or _touches(chosen, c, b, end):
            continue
        if c.source is not None and c.source[0] < end and b < c.source[1]:
            continue
        c.content = [(a, end)]


def _ink(text: str, start: int, end: int) -> int:
    """Non-whitespace characters in [start, end) (what the benchmark's span sizes count)."""
    return sum(not ch.isspace() for ch in text[start:end])


_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod", "prt"})


def governed_infinitives(doc: Doc, chosen: list[Candidate]) -> None:
    """``went on to declare``, ``seemed to hint``, ``used the hearing to press for``: a cue
    that is an infinitive ("to <verb>") governed by an earlier verb takes that verb (with its
    auxiliaries, negation, adverbs and particle) and everything up to the infinitive.
    Counted on the 840 PolNeAR train articles: where the chosen cue starts with "to", the gold
    cue reaches back to the governing verb 99 times and is the bare infinitive 38 times; the
    rule as written makes 44 cues exact and 2 inexact there (strict matches unchanged)."""
    text = doc_text(doc)
    for c in chosen:
        verb = doc[c.cue_tok]
        if verb.dep_ not in ("xcomp", "advcl") or not text[c.cue[0] : c.cue[1]].lower().startswith(
            "to "
        ):
            continue
        gov = verb.head
        if gov.i >= verb.i or gov.pos_ not in ("VERB", "AUX"):
            continue
        first = gov.i
        for k in reversed(list(gov.lefts)):
            if k.i != first - 1 or k.dep_ not in _VERB_GROUP:
                break
            first = k.i
        start = doc[first].idx
        if start >= c.cue[0]:
            continue
        if c.source is not None and c.source[0] < c.cue[0] and start < c.source[1]:
            continue
        if any(s < c.cue[0] and start < e for s, e in c.content):
            continue
        if _touches(chosen, c, start, c.cue[0]):
            continue
        # no more letters before the infinitive than it has itself: were the gold cue the bare
        # infinitive, half the drawn cue would still lie inside it (the strict match holds)
        if _ink(text, start, c.cue[0]) > _ink(text, *c.cue):
            continue
        c.cue = (start, c.cue[1])


_ATTITUDE_PREPS = frozenset({"about", "over", "at", "with", "for", "in", "on"})


def expressed_attitudes(doc: Doc, chosen: list[Candidate]) -> None:
    """``expressed concern that <Y>``, ``voiced doubts about <Y>``: the attitude noun (and
    its preposition) joins the cue and the content is what the attitude is about. On the 840
    PolNeAR train articles the gold draws 28 of 39 such reports this way; the rule as written
    makes 26 contents exact and 10 inexact (a possessive noun,
    "voiced his support for", and "the frustration of <whose>" stay whole: the gold keeps
    those nouns in the content)."""
    for c in chosen:
        if c.content_tok is None or len(c.content) != 1:
            continue
        noun = doc[c.content_tok]
        verb = doc[c.cue_tok]
        if (
            noun.dep_ != "dobj"
            or noun.head.i != verb.i
            or verb.lemma_.lower() not in lx.ATTITUDE_VERBS
            or noun.i + 1 >= len(doc)
        ):
            continue
        a, b = c.content[0]
        nxt = doc[noun.i + 1]
        if c.cue[1] > noun.idx or a > noun.left_edge.idx:
            continue
        if any(k.dep_ == "poss" for k in noun.children):
            continue  # "voiced his support for <Y>": the annotators keep the noun
        clause = next(
            (
                k
                for k in noun.rights
                if k.dep_ in ("acl", "ccomp", "relcl") and k.left_edge.i == noun.i + 1
            ),
            None,
        )
        if nxt.dep_ == "prep" and nxt.head.i == noun.i:
            if nxt.lower_ not in _ATTITUDE_PREPS:
                continue  # "the frustration of many voters": whose attitude, not about what
            obj = next((k for k in nxt.children if k.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.left_edge.i != nxt.i + 1:
                continue
            cue_end, start = tok_end(nxt), obj.left_edge.idx
        elif clause is not None:
            cue_end, start = tok_end(noun), clause.left_edge.idx
        else:
            continue
        if b - start < 3:
            continue
        c.cue = (c.cue[0], cue_end)
        c.content = [(start, b)]


#: A relative clause's subject pronoun names no content ("the mayor, who was accused of ...").
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def passive_subjects(doc: Doc, chosen: list[Candidate]) -> None:
    """``<X> is known for <Y>``, ``<X> was accused of <Y>``: the charge or reputation is about
    X, and the annotators take X into the content as its first segment (the cue stays in
    between). On the 840 PolNeAR train articles the gold content holds the passive subject
    of these verbs 27 times and leaves it out 3 times."""
    text = doc_text(doc)
    for c in chosen:
        if c.ctype != "prep" or c.content_tok is None or len(c.content) != 1:
            continue
        verb = doc[c.cue_tok]
        if verb.lemma_.lower() not in lx.PASSIVE_SUBJECT_CUES or not any(
            k.dep_ == "auxpass" for k in verb.children
        ):
            continue
        subj = next((k for k in verb.children if k.dep_ == "nsubjpass"), None)
        if subj is None or subj.i > verb.i or subj.lower_ in _RELATIVE_PRONOUNS:
            continue
        if any(
            t.head.i != verb.i or t.dep_ not in ("aux", "auxpass", "neg", "advmod")
            for t in doc[subj.right_edge.i + 1 : verb.i]
        ):
            continue  # only the verb's auxiliaries between: no dateline or aside parsed in
        start, end = trim(text, subj.left_edge.idx, tok_end(subj.right_edge))
        if end <= start or end > c.cue[0] or end > c.content[0][0]:
            continue
        if c.source is not None and c.source[0] < end and start < c.source[1]:
            continue
        if _touches(chosen, c, start, end):
            continue
        c.content = [(start, end), *c.content]


_CLOSE_QUOTES = set("”\"'’»")
_OPEN_QUOTES = set('“"«')
_NEXT_SENTENCE = re.compile(r"[.!?][\"”’]?\s+\S")


def chosen_continuations(doc: Doc, quotes: list[QuoteRegion], chosen: list[Candidate]) -> None:
    """``"A," she said. "B."`` once the reports are chosen: the candidate finder leaves the
    second quotation out when any candidate claims it, and a reading the model then turns down
    ("'' Mr. X said. ''B" read as the content of a verb inside the first quotation, "B" hung
    on the verb of the next sentence) must not keep it from the report. Here only the chosen
    reports count as rivals. On the 840 PolNeAR train articles this makes 50 contents exact (42
    articles) and 5 inexact; strict attribution F1 there 0.6390 -> 0.6410.

    The first part need not be a quotation: ``The plan may fail, Mr. X said. "B."`` goes on
    in B just the same (train: 15 more contents exact, 3 fewer; strict matches 10647 ->
    10660)."""
    text = doc_text(doc)
    starts = {q.start: q for q in quotes}
    for c in chosen:
        q = continuation_quote(doc, text, starts, c, quoted=False)
        if q is None:
            continue
        if any(
            o is not c
            and any(s < q.end and q.start < e for s, e in o.content)
            and not q.start <= o.cue[0] < q.end
            for o in chosen
        ):
            continue
        c.content.append((q.start, q.end))


_THAT = re.compile(r"that\b", re.IGNORECASE)


def matrix_openers(text: str, chosen: list[Candidate]) -> None:
    """``Writing for the panel, X noted that Y`` / ``Should the firm fail, critics worry that
    Y``: a phrase before the speaker belongs to the cue's own clause when the content is a
    "that" clause right after the cue (no comma between: not an aside like "Y, he said, that
    ..."); the parser may hang it on the reported verb, and the content then opens with it as a
    segment of its own. The gold never takes it: on the 840 PolNeAR train articles dropping it
    makes 4 contents exact (4 articles) and none inexact."""
    for c in chosen:
        if len(c.content) < 2:
            continue
        (a0, b0), (a1, _) = c.content[0], c.content[1]
        if not b0 <= c.cue[0] < a1 or (c.source is not None and c.source[0] < b0):
            continue
        if not _THAT.match(text, a1) or text[:a1].rstrip().endswith(","):
            continue
        if any(ch in text[a0:b0] for ch in '“”"') or "''" in text[a0:b0]:
            continue  # a quotation opening the sentence is what the speaker says
        c.content = c.content[1:]


_RELATIVE_WH = frozenset({"which", "who", "whom", "what"})


def relative_openers(doc: Doc, chosen: list[Candidate]) -> None:
    """``the plan, which she has said was a mistake``, ``voters who are expected to back him``,
    ``what Mr. X called "the old model"``: the cue sits in a relative clause and its content is
    the rest of the clause after it; the relative pronoun stands for the thing reported on, and
    the annotators open the content with it (a segment of its own, the source and cue in the
    gap). Only a pronoun that is the passive subject or object of the cue verb, or the
    subject of the reported verb; never the speaker ("who said ...") nor a preposition's
    object ("with which ...")."""
    for c in chosen:
        if len(c.content) != 1 or c.content_start < c.cue[1]:
            continue
        verb = doc[c.cue_tok]
        first = c.cue[0] if c.source is None else min(c.source[0], c.cue[0])
        wh = next(
            (t for t in verb.subtree if t.idx < first and t.lower_ in _RELATIVE_WH),
            None,
        )
        if wh is None or wh.tag_ not in ("WDT", "WP"):
            continue
        ok = (wh.head.i == verb.i and wh.dep_ in ("nsubjpass", "dobj")) or (
            wh.dep_ in ("nsubj", "nsubjpass")
            and wh.head.i != verb.i
            and any(a <= wh.head.idx < b for a, b in c.content)
        )
        if not ok:
            continue
        between = doc_text(doc)[tok_end(wh) : first]
        if between.strip(" ,") and c.source is None:
            continue
        c.content = [(wh.idx, tok_end(wh)), *c.content]


def paragraph_continuations(text: str, quotes: list[QuoteRegion], chosen: list[Candidate]) -> None:
    """``"A," she said.`` followed by a paragraph that is one whole quotation with no cue of
    its own (``"B."``): the quotation goes on with the same speaker, so it joins the content;
    so does each further such paragraph. Counted on 225 PolNeAR train articles: the gold
    takes that paragraph 20 times, gives it to another report 6 times."""
    starts = {q.start: q for q in quotes}
    for c in chosen:
        while True:
            a, b = c.content[-1]
            if text[b - 1] not in _CLOSE_QUOTES or text[b - 2] not in ".,!?…":
                break  # a quotation closed by its own punctuation, not a scare-quoted word
            end = max(b, c.cue[1], c.source[1] if c.source else 0)
            stop = text.find("\n", end)
            if stop < 0 or _NEXT_SENTENCE.search(text, end, stop):
                break  # the paragraph goes on past the report
            nxt = stop
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            q = starts.get(nxt)
            if q is None or text[nxt] not in _OPEN_QUOTES:
                break
            para_end = text.find("\n", nxt)
            para_end = len(text) if para_end < 0 else para_end
            if q.end < len(text[:para_end].rstrip()):
                break  # the quotation does not fill its paragraph: it has a cue of its own
            end_q = min(q.end, para_end)
            if any(
                o is not c and any(s < end_q and nxt < e for s, e in [*o.content, o.cue])
                for o in chosen
            ):
                break
            if c.own_segments is None:
                c.own_segments = len(c.content)
            c.content.append((nxt, end_q))


def not_a_statement(doc: Doc, c: Candidate) -> bool:
    """Candidates the learned weights pass that report nothing: a recording or picture as the
    source ("the video shows officers ..."), a place or time as the prepositional content
    ("announced over loudspeakers", "noted in a commentary"), a decision or deliberation with
    its object ("decided to reopen the case", "are considering new penalties")."""
    if c.source_tok is not None and doc[c.source_tok].lemma_.lower() in lx.DEPICTION_NOUNS:
        return True
    if c.ctype == "prep" and c.content_tok is not None:
        prep = doc[c.content_tok].head
        if prep.lower_ in lx.PLACE_TIME_PREPS:
            return True
    return c.ctype in ("xcomp", "dobj", "prep") and (
        doc[c.cue_tok].lemma_.lower() in lx.DECISION_VERBS
    )


def passive_charge(doc: Doc, c: Candidate) -> bool:
    """``<X> is accused of / criticised for <Y>`` with no agent: unnamed accusers' statement."""
    if c.ctype != "prep" or c.content_tok is None:
        return False
    tok = doc[c.cue_tok]
    if tok.lemma_.lower() not in lx.PASSIVE_CHARGE_VERBS:
        return False
    kids = list(tok.children)
    return (
        any(k.dep_ == "auxpass" for k in kids)
        and not any(k.dep_ == "agent" for k in kids)
        and doc[c.content_tok].head.lower_ in ("of", "for")
    )


def quoted_share(text: str, segs: list[tuple[int, int]], quotes: list[QuoteRegion]) -> float:
    """Share of the alphanumeric characters of the segments that lie inside quotation marks."""
    total = inside = 0
    for a, b in segs:
        total += sum(ch.isalnum() for ch in text[a:b])
        for q in quotes:
            lo, hi = max(a, q.start), min(b, q.end)
            if lo < hi:
                inside += sum(ch.isalnum() for ch in text[lo:hi])
    return inside / total if total else 0.0


class QuotesStage:
    """Fill ``article.quotes`` from the parse; needs the ``nlp`` and ``entities`` stages first.

    A sentence opened by a strong hedge ("Perhaps, ...", "Most likely, ...") is no report:
    it names no source and no cue. (Reporting them as unsourced speculation was tried and
    removed: 30 of the 31 such quotes on the PolNeAR train split, 5 of 6 on PolNeAR dev and
    the one on the news dev split matched no gold statement.)"""

    name = "quotes"

    def __init__(
        self,
        model: CueModel | None = None,
        spans: SpanModel | None = None,
        bounds: BoundaryModel | None = None,
    ) -> None:
        self.model = model or load_cue_model()
        self.spans = spans or load_span_model()
        self.bounds = bounds or load_boundary_model()
        self.finder = CandidateFinder(
            self.model.cue_lemmas, self.model.noun_cues, self.model.cue_rates
        )

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        article = analysis.article
        if doc is None or not article.text:
            return analysis
        quotes = find_quotes(article.text)
        cands = self.finder.find(doc, quotes)
        for c in cands:
            c.score = self.model.score(c.feats)
            if c.ctype == "adverb":
                c.score = lx.REPORTED_ADVERB_SCORE
            elif c.ctype == "label":
                c.score = lx.TRANSCRIPT_TURN_SCORE
            elif c.ctype == "inverted" and doc[c.cue_tok].lemma_.lower() in lx.SEED_CUE_VERBS:
                # "<clause>, <speech verb> <speaker>." is a high-precision pattern that the
                # US-politics training data rarely shows; trust the rule
                c.score = max(c.score, 0.6)
            elif c.ctype == "passive" or passive_charge(doc, c):
                c.score = max(c.score, lx.PASSIVE_REPORT_SCORE)
            elif c.ctype == "as":
                # "As <speaker> <speech verb>, <clause>": the clause is what the speaker says;
                # PolNeAR train has few of them, so the learned weights undervalue the pattern
                c.score = max(c.score, 0.6)
            elif (
                c.ctype in ("xcomp", "ccomp")
                and doc[c.cue_tok].dep_ == "acl"
                and doc[c.cue_tok].tag_ == "VBG"
                and doc[c.cue_tok].lemma_.lower() in lx.SEED_CUE_VERBS
                and c.source is not None
            ):
                # "<group>, claiming to be fighting ..., crossed": a participle of a speech
                # verb modifying its own source; the same kind of high-precision pattern
                c.score = max(c.score, 0.5)
        for c in cands:
            if c.score >= self.model.threshold and not_a_statement(doc, c):
                c.score = 0.0
        chosen = select(cands, self.model.threshold, doc)
        for c in chosen:
            self.spans.refine(doc, c)
        split_complements(doc, chosen)
        self.bounds.redraw(doc, chosen)  # learned content edges (sitrep.attribution.boundaries)
        chosen_continuations(doc, quotes, chosen)
        matrix_openers(article.text, chosen)
        relative_openers(doc, chosen)
        expressed_attitudes(doc, chosen)
        governed_infinitives(doc, chosen)
        passive_subjects(doc, chosen)
        paragraph_continuations(article.text, quotes, chosen)
        resolver = SpeakerResolver(article, doc, analysis.token_actor, analysis.genders)
        speakers: dict[int, Actor | None] = {}
        for c in sorted(chosen, key=lambda c: c.cue[0]):
            speakers[id(c)] = (
                resolver.resolve(c.source, c.source_tok) if c.source is not None else None
            )
        out = [self._quote(article, doc, c, quotes, speakers[id(c)]) for c in chosen]
        article.quotes = out
        return analysis

    # ------------------------------------------------------------------ building quotes

    def _quote(
        self,
        article: Article,
        doc: Doc,
        c: Candidate,
        quotes: list[QuoteRegion],
        speaker: Actor | None,
    ) -> Quote:
        text = article.text
        share = quoted_share(text, c.content, quotes)
        kind: QuoteKind = "direct" if share >= 0.95 else ("mixed" if share > 0 else "indirect")
        cue_tok = doc[c.cue_tok]
        lemma = cue_tok.lemma_.lower()
        # the stance is the report's own sentence's: a quotation that goes on in the next
        # paragraph ("... What can we do?") asks nothing of its first part
        own_text = " ".join(text[a:b] for a, b in c.content[: c.own_segments])
        sent = cue_tok.sent
        matches = [m for a, b in c.content for m in _hedge_matches(doc, text, a, b)]
        strong_modal = any(m.group().lower() in lx.SPECULATIVE_MODALS for m in matches)
        stance, label = self._stance(doc, c, lemma, own_text, strong_modal)
        hedges = [Span(start=m.start(), end=m.end()) for m in matches]
        if lemma in lx.SPECULATE_CUES:
            hedges.insert(0, Span(start=c.cue[0], end=c.cue[1]))
        channel, channel_span = self._channel(text, c, sent.start_char, sent.end_char, lemma)
        source = Span(start=c.source[0], end=c.source[1]) if c.source else None
        return Quote(
            content=Span(start=c.content[0][0], end=c.content[-1][1]),
            content_segments=[Span(start=a, end=b) for a, b in c.content]
            if len(c.content) > 1
            else [],
            cue=Span(start=c.cue[0], end=c.cue[1]),
            source=source,
            speaker=speaker.name if speaker else None,
            speaker_actor_id=speaker.id if speaker else None,
            kind=kind,
            stance=stance,
            stance_label=label,
            hedged=bool(hedges),
            hedges=hedges,
            channel=channel,
            channel_span=channel_span,
            confidence=round(c.score, 3),
        )

    @staticmethod
    def _stance(
        doc: Doc, c: Candidate, lemma: str, content: str, strong_modal: bool
    ) -> tuple[Stance, str | None]:
        tok = doc[c.cue_tok]
        negated = any(ch.dep_ == "neg" for ch in tok.children)
        if lemma in lx.DENY_CUES and not negated:
            return "deny", "denial"
        if lx.DENY_CONTENT.search(content):
            return "deny", "denial"
        if lemma in lx.CONFIRM_CUES:
            return ("deny", "denial") if negated else ("confirm", "confirmation")
        if lemma in lx.REQUEST_CUES:
            particle = any(
                ch.dep_ in ("prep", "prt") and ch.lower_ in ("on", "for", "upon")
                for ch in tok.children
            )
            if lemma not in lx.REQUEST_NEEDS_PARTICLE or particle:
                return "other", "request"
        if lemma in lx.COMMIT_CUES:
            return "other", "commitment"
        if lemma in lx.REFUSAL_CUES:
            return "other", "refusal"  # "declined to comment", "refused to say whether ..."
        if negated and lemma in lx.DISCLOSURE_CUES and not _told_clause(doc, c, content):
            return "other", "no comment"  # "did not say when", "would not comment on ..."
        if lx.NO_COMMENT.search(content):
            return "other", "no comment"
        if content.rstrip(" ”\"'’").endswith("?"):
            return "other", "question"
        if lx.BELIEF_CONTENT.search(content):
            return "speculate", None
        if lemma in lx.NEUTRAL_SPEECH and strong_modal:
            return "speculate", None
        if lemma in lx.SPECULATE_CUES:
            return ("deny", "denial") if negated else ("speculate", None)
        return "assert", None

    @staticmethod
    def _channel(
        text: str, c: Candidate, s0: int, s1: int, lemma: str
    ) -> tuple[str | None, Span | None]:
        if lemma in lx.PLATFORM_CUES:
            return lx.PLATFORM_CUES[lemma], Span(start=c.cue[0], end=c.cue[1])
        # search the cue's sentence outside the content
        holes = sorted(c.content)
        pieces: list[tuple[int, int]] = []
        pos = s0
        for a, b in holes:
            if a > pos:
                pieces.append((pos, min(a, s1)))
            pos = max(pos, b)
        if pos < s1:
            pieces.append((pos, s1))
        for pat, kind in lx.CHANNEL_PATTERNS:
            for a, b in pieces:
                m = pat.search(text, a, b)
                if m is None:
                    continue
                if kind == "platform":
                    name = m.group(1).lower()
                    return lx.PLATFORMS.get(name, name), Span(start=m.start(1), end=m.end(1))
                if m.lastindex:  # "told the BBC": the span is the outlet
                    return kind, Span(start=m.start(1), end=m.end(1))
                return kind, Span(start=m.start(), end=m.end())
        return None, None


def _hedge_matches(doc: Doc, text: str, start: int, end: int) -> list[re.Match[str]]:
    """The hedges in text[start:end]; a modal counts only as a modal verb bearing on the claim.

    "May 18" is a date, and "rules that might hurt farmers" describes a noun: the modal
    sits in a relative clause inside the content rather than on its claim.
    """
    out = []
    for m in lx.HEDGES.finditer(text, start, end):
        if m.group().lower() in lx.MODAL_HEDGES:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or len(span) != 1 or span[0].tag_ != "MD":
                continue
            if _in_relative_clause(span[0], start, end):
                continue
        out.append(m)
    return out


def _in_relative_clause(tok: Token, start: int, end: int) -> bool:
    """Whether tok's verb hangs, within [start, end), in a relative clause that describes a
    noun; not in a cleft or an existential, where the relative clause is the claim ("it was
    the rebels who may have fired", "there are patients who could die")."""
    cur = tok.head
    while start <= cur.idx < end:
        if cur.dep_ == "relcl":
            return not _claiming_relative(cur)
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _claiming_relative(relcl: Token) -> bool:
    """Whether a relative clause carries its sentence's claim: its noun (or the noun phrase
    holding it, "dozens of patients") is what "it is"/"there are" introduces."""
    top = relcl.head
    while (
        top.dep_ == "pobj"
        and top.head.dep_ == "prep"
        and top.head.head.pos_ in ("NOUN", "NUM", "PRON")
    ):
        top = top.head.head
    verb = top.head
    if verb.lemma_ != "be" or top.dep_ not in ("attr", "nsubj"):
        return False
    return any(c.dep_ == "expl" or (c.dep_ == "nsubj" and c.lower_ == "it") for c in verb.children)


_WH_WORDS = frozenset("whether if how why what when where who whom which".split())


def _told_clause(doc: Doc, c: Candidate, content: str) -> bool:
    """Whether a cue's content is a clause it reports ("he did not say the talks had failed"):
    a negated cue over a told clause is no refusal to disclose, unlike "did not say when"."""
    words = content.split()
    if not words or words[0].lower().strip("\"“‘'") in _WH_WORDS:
        return False
    return c.content_tok is not None and doc[c.content_tok].pos_ in ("VERB", "AUX")
