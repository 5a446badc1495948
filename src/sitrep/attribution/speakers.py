"""Speaker resolution: the canonical actor behind an attribution's source, read over the article.

The entities stage links names, surnames, role nouns and pronouns to actors. A source needs
more than that, because it is the subject of a speech act:

- a relative pronoun ("the ministry, which said") speaks for its antecedent;
- a role chain ("Austria's interior minister", "the president of Ruritania",
  "A's ambassador to B") is a person with that role, never the country named in it; when the
  article names nobody with the role, the description itself is the speaker;
- an apposition after a role ("the chief prosecutor, Jane Roe") names the speaker;
- role nouns for institutions ("the ministry", "the newspaper", "the company", "the military")
  and "it" go to the most recent actor of that kind;
- documents ("the statement", "a press release by X", "a new poll by X") speak for their
  issuer, or the organisation that spoke last;
- "he"/"she" as the subject of a speech verb prefer the person quoted last, never a person
  the article shows to be of the other gender;
- unnamed collectives ("analysts", "residents") become group actors;
- a name with a person's role in apposition or an age ("X, spokesman for Y", "X, 39,",
  "25-year-old X") is a person whatever type NER gave it, and a capitalised surname the
  entities stage left unlinked is the one person whose full name ends with it; so a later
  "he said" can find them;
- a one-word name ("Mr. Kwon") is the one person whose full name has that word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.attribution import actors as tables
from sitrep.attribution.candidates import tok_end
from sitrep.attribution.quotemarks import quoted_tokens
from sitrep.countries import demonyms
from sitrep.model import Actor, ActorKind, Article, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["SpeakerResolver"]

_RELATIVE = {"who", "which", "that", "whom"}
_PERSONAL = {"he", "she"}
_NAMED = ("", "PERSON")  # entity types a surname may carry
_SUBJECTS = ("nsubj", "nsubjpass")
_COLLECTIVE_KINDS = (
    ActorKind.ORGANIZATION,
    ActorKind.GOVERNMENT,
    ActorKind.MEDIA,
    ActorKind.MILITARY,
    ActorKind.ARMED_GROUP,
)
# institution nouns -> the actor kinds they may refer back to
_INSTITUTION_NOUNS: dict[str, tuple[ActorKind, ...]] = {
    "ministry": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "department": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "office": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "agency": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION, ActorKind.MEDIA),
    "commission": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "committee": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "council": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "court": (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION),
    "government": (ActorKind.GOVERNMENT,),
    "administration": (ActorKind.GOVERNMENT,),
    "military": (ActorKind.MILITARY,),
    "army": (ActorKind.MILITARY,),
    "company": (ActorKind.ORGANIZATION,),
    "firm": (ActorKind.ORGANIZATION,),
    "organization": (ActorKind.ORGANIZATION,),
    "organisation": (ActorKind.ORGANIZATION,),
    "group": (ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP),
    "party": (ActorKind.ORGANIZATION,),
    "campaign": (ActorKind.ORGANIZATION,),
    "union": (ActorKind.ORGANIZATION,),
    "network": (ActorKind.MEDIA, ActorKind.ORGANIZATION),
    "newspaper": (ActorKind.MEDIA,),
    "paper": (ActorKind.MEDIA,),
    "outlet": (ActorKind.MEDIA,),
    "broadcaster": (ActorKind.MEDIA,),
    "daily": (ActorKind.MEDIA,),
    "magazine": (ActorKind.MEDIA,),
    "website": (ActorKind.MEDIA,),
    "site": (ActorKind.MEDIA,),
}
# documents speak for whoever issued them
_DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "release",
        "report",
        "poll",
        "survey",
        "study",
        "letter",
        "document",
        "filing",
        "complaint",
        "communique",
        "communiqué",
        "memo",
        "post",
        "tweet",
        "data",
        "figure",
        "record",
        "analysis",
        "estimate",
    }
)
_QUANTIFIERS = {"many", "some", "those", "others", "most", "several", "few", "both"}
_CORE_PREPS = {"of", "in", "to", "for", "at", "from"}
_WINDOW = 1500  # characters to look back for an antecedent
_DETS = re.compile(r"^(?:the|a|an|this|that|these|those|some|many)\s+", re.IGNORECASE)


def _in_title(span: SpacySpan) -> bool:
    """Whether ``span`` lies in a line whose words all start with a capital but for short
    function words, as a headline in title case does."""
    text = span.doc.text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = span.doc.char_span(start, len(text) if end < 0 else end, alignment_mode="expand")
    words = [t for t in line if t.is_alpha] if line is not None else []
    return len(words) >= 3 and all(t.text[0].isupper() or t.is_stop for t in words)


class SpeakerResolver:
    """Resolves the source of each attribution of one document, in text order."""

    def __init__(
        self,
        article: Article,
        doc: Doc,
        token_actor: dict[int, str],
        genders: dict[str, str] | None = None,
    ) -> None:
        self.article = article
        self.doc = doc
        self.token_actor = token_actor
        self.genders = genders or {}
        self._quoted: set[int] | None = None  # tokens inside quotation marks, once needed
        self._common: set[str] | None = None  # words written in lower case, once needed
        self.named = {a.id for a in article.actors}  # the entities stage's actors
        self.by_id = {a.id: a for a in article.actors}
        # (token index, actor id) of every resolved token, in order
        self.timeline = sorted(token_actor.items())
        self.spoken: list[tuple[int, str]] = []  # (char offset, actor id) of resolved speakers

    # ------------------------------------------------------------------ public

    def resolve(self, source: tuple[int, int], head_i: int | None) -> Actor | None:
        actor = self._resolve(source, head_i)
        if actor is not None and actor.kind == ActorKind.PERSON:
            actor = self._full_name(actor)
        if actor is not None:
            self.spoken.append((source[0], actor.id))
        return actor

    def _full_name(self, actor: Actor) -> Actor:
        """A one-word name ("Ban", "Beltran") is the one person of the article whose full
        name has that word, when there is exactly one."""
        word = actor.name.strip()
        if not word[:1].isupper() or " " in word:
            return actor
        full = [
            a
            for a in self.article.actors
            if a is not actor
            and a.kind == ActorKind.PERSON
            and " " in a.name
            and word in a.name.split()
        ]
        return full[0] if len(full) == 1 and self._a_name(full[0]) else actor

    def _a_name(self, actor: Actor) -> bool:
        """Whether every word of the name is a name: capitalised and never written in lower
        case in the article as a common word (not "Obama Says", "Patriot Coal"), and named
        once in running text, not only in a headline written in title case ("Mayor Lee
        Blocks Vote"). A name in capitals ("MAYOR LEE SAID") shows nothing by its case."""
        if self._common is None:
            self._common = {t.text for t in self.doc if t.is_lower}
        words = [w for w in actor.name.split() if w != "-"]
        if actor.name.isupper() or not all(
            w[:1].isupper() and w.lower() not in self._common for w in words
        ):
            return False
        spans = [self.doc.char_span(m.start, m.end) for m in actor.mentions]
        in_text = [sp for sp in spans if sp is not None and not _in_title(sp)]
        return bool(in_text) and not any(t.pos_ in ("VERB", "AUX") for t in in_text[0])

    # ------------------------------------------------------------------ steps

    def _resolve(self, source: tuple[int, int], head_i: int | None) -> Actor | None:
        doc = self.doc
        if head_i is None:
            return self._by_span(source, None)
        head = doc[head_i]
        low = head.lower_
        if low in _RELATIVE and head.head.dep_ == "relcl":
            ante = head.head.head
            # the antecedent's phrase up to the relative clause ("neighborhood residents, who")
            phrase = (ante.left_edge.idx, tok_end(ante))
            found = self._at_token(ante, head.head) or self._nominal(ante, phrase)
            # else the antecedent described: people ("those who", "a bishop who") or a
            # named thing ("the 'Listen to Ruritania' movement, which"), never a mere
            # thing ("the bill, which")
            named = any(t.pos_ == "PROPN" for t in ante.subtree if t.i < head.i)
            if found is None and (low in ("who", "whom") or named):
                found = self._unnamed(phrase, ante)
            return found
        if low in _PERSONAL and head.pos_ == "PRON":
            return self._personal(head)
        if low == "it" and head.pos_ == "PRON":
            return self._recent(head.idx, _COLLECTIVE_KINDS)
        if low == "they" and head.pos_ == "PRON":
            return self._at_token(head) or self._plural_subject(head)
        if head.pos_ == "NOUN":
            appos = self._apposition(head)
            if appos is not None:
                return appos
            if head.lemma_.lower() in tables.ROLE_NOUNS and head.tag_ == "NN":
                role = self._role_person(head)
                if role is not None:
                    return role
                if any(c.dep_ == "poss" for c in head.children) or any(
                    c.dep_ == "prep" and c.lower_ in ("of", "to") for c in head.children
                ):
                    return self._described(source, ActorKind.PERSON, head=head)
        titled = self._titled_name(source)
        if titled is not None:
            return titled
        found = self._by_span(source, head)
        if (found is None or found.kind != ActorKind.PERSON) and self._personal_name(head):
            # "Ana Reyes, a spokeswoman for X," / "19-year-old Ana" typed as an organisation
            # or a nationality by NER: the speaker is the person of that name
            lo = _name_start(head)
            name = " ".join(self.doc[lo.i : head.i + 1].text.split())
            known = self._person_named(head.text)
            if known is not None and " " in known.name:
                return known
            return self._described((lo.idx, tok_end(head)), ActorKind.PERSON, name)
        if found is not None:
            return found
        if head.pos_ in ("PROPN", "NOUN") and head.text[:1].isupper() and head.ent_type_ in _NAMED:
            # a surname the entities stage did not link ("Hollings told the jury", tagged as
            # a plural noun at the start of a line): the one person with a full name ending so
            known = self._person_named(head.text)
            if known is not None and " " in known.name:
                return known
        return self._nominal(head, source) or self._unnamed(source, head)

    @staticmethod
    def _personal_name(head: Token) -> bool:
        """A proper name the phrase shows to be a person's: in apposition to a person's role
        noun ("X, spokesman for Y") or with an age ("25-year-old X", "X, 25,")."""
        if head.pos_ != "PROPN" or head.tag_ != "NNP":
            return False
        for child in head.children:
            if child.dep_ == "appos" and (
                child.lemma_.lower() in tables.ROLE_NOUNS or child.like_num
            ):
                return True
        lo = _name_start(head)
        return head.doc[max(0, lo.i - 4) : lo.i].text.replace(" ", "").lower().endswith("year-old")

    def _titled_name(self, source: tuple[int, int]) -> Actor | None:
        """ "the Center's director David Fitzgerald": a role noun right before a person's name
        names the speaker, whatever the parser took as the head of the phrase."""
        span = self.doc.char_span(source[0], source[1], alignment_mode="expand")
        if span is None:
            return None
        for tok in span[:-1]:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in tables.ROLE_NOUNS:
                continue
            if self.doc[tok.i + 1].pos_ != "PROPN":
                continue
            aid = self.token_actor.get(tok.i + 1)
            actor = self.by_id.get(aid) if aid else None
            if actor is not None and actor.kind == ActorKind.PERSON:
                return actor
        return None

    def _unnamed(self, source: tuple[int, int], head: Token) -> Actor | None:
        """A source the article names no actor for ("the autopsy", "Many in X", "Austria")."""
        low = head.lower_
        if low not in _QUANTIFIERS and (head.pos_ == "PRON" or head.pos_ not in ("NOUN", "PROPN")):
            return None
        if head.ent_type_ == "GPE":
            return self._described(source, ActorKind.GOVERNMENT, f"Government of {head.text}")
        if head.ent_type_ == "PERSON" or head.lemma_.lower() in tables.ROLE_NOUNS:
            kind = ActorKind.PERSON
        elif head.ent_type_ == "ORG":
            kind = ActorKind.ORGANIZATION
        elif head.tag_ in ("NNS", "NNPS") or low in _QUANTIFIERS:
            kind = ActorKind.GROUP
        else:
            kind = ActorKind.OTHER
        return self._described(source, kind, head=head)

    def _plural_subject(self, pron: Token) -> Actor | None:
        """ "they" with no actor: the last plural subject in this or the two sentences before."""
        sent = pron.sent
        lo = sent.start
        for _ in range(2):
            if lo == 0:
                break
            lo = self.doc[lo - 1].sent.start
        for tok in reversed(self.doc[lo : pron.i]):
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("NNS", "NNPS"):
                return self._at_token(tok) or self._described(
                    (tok.left_edge.idx, tok_end(tok)), ActorKind.GROUP, head=tok
                )
        return None

    def _by_span(self, source: tuple[int, int], head: Token | None) -> Actor | None:
        """The mention at the head, else the best overlapping one (the entities stage's view)."""
        from sitrep.stages.entities import resolve_speaker

        span = Span(start=source[0], end=source[1])
        hspan = (head.idx, tok_end(head)) if head is not None else None
        return resolve_speaker(self.article, span, head=hspan)

    def _at_token(self, tok: Token, clause: Token | None = None) -> Actor | None:
        """The actor at a token or its name modifiers; with ``clause`` (a relative clause on
        the token), anywhere in the token's phrase outside that clause ("accounts in X, which")."""
        aid = self.token_actor.get(tok.i)
        if aid is None and clause is not None:
            inner = {t.i for t in clause.subtree}
            aid = next(
                (
                    self.token_actor[t.i]
                    for t in tok.subtree
                    if t.i not in inner and t.i in self.token_actor
                ),
                None,
            )
        if aid is None:
            for t in tok.children:
                if t.dep_ in ("compound", "amod", "flat") and t.i in self.token_actor:
                    aid = self.token_actor[t.i]
                    break
        return self.by_id.get(aid) if aid else None

    def _apposition(self, head: Token) -> Actor | None:
        role = head.lemma_.lower() in tables.ROLE_NOUNS
        for child in head.subtree:
            if child.dep_ == "appos" and child.i > head.i:
                actor = self._at_token(child)
                if actor is not None and actor.kind == ActorKind.PERSON:
                    return actor
                if child.pos_ == "PROPN" and (
                    (actor is None and child.ent_type_ in ("PERSON", "")) or role
                ):
                    # a name the entities stage missed or mistyped ("the chief prosecutor,
                    # Eva Berg"): a proper name in apposition to a role noun is a person
                    surname = self._person_named(child.text)
                    if surname is not None:
                        return surname
                    toks = [t for t in child.subtree if t.i <= child.i]
                    lo = next((t for t in toks if t.pos_ == "PROPN"), child)
                    name = " ".join(self.doc[lo.i : child.i + 1].text.replace(" - ", "-").split())
                    span = (lo.idx, tok_end(child))
                    return self._described(span, ActorKind.PERSON, name)
        return None

    def _person_named(self, surname: str) -> Actor | None:
        """The one person actor whose name ends with this word, if exactly one."""
        found = [
            a
            for a in self.article.actors
            if a.kind == ActorKind.PERSON and a.name.split()[-1:] == [surname]
        ]
        return found[0] if len(found) == 1 else None

    def _role_person(self, head: Token) -> Actor | None:
        """A person whose recorded role has this head noun ("the governor", "X's minister");
        among several, the one sharing most qualifiers, then the one named last before the
        description (a person only named after it by distance to the first mention)."""
        noun = head.lemma_.lower()
        quals = [
            t
            for t in head.subtree
            if t.i != head.i and t.pos_ in ("PROPN", "ADJ", "NOUN") and len(t.text) > 2
        ]
        qualifiers = {t.lower_ for t in quals}
        named = any(t.pos_ == "PROPN" for t in quals)
        best: tuple[int, int, str] | None = None
        for actor in self.article.actors:
            if actor.kind != ActorKind.PERSON or not actor.role:
                continue
            words = {w.lower() for w in re.findall(r"[\w.-]+", actor.role)}
            if noun not in words:
                continue
            shared = len(words & qualifiers)
            if named and not shared:
                continue  # "Morrison's lawyer" is not the lawyer of someone else
            # the person last named before the description, else the nearest after it
            before = [m.end for m in actor.mentions if m.end <= head.idx]
            first = min((m.start for m in actor.mentions), default=0)
            dist = head.idx - max(before) if before else abs(first - head.idx)
            key = (-shared, dist, actor.id)
            if best is None or key < best:
                best = key
        return self.by_id.get(best[2]) if best else None

    def _personal(self, pron: Token) -> Actor | None:
        """he/she as a source: a person named before it in its sentence (outside quotation
        marks), else the person quoted last nearby, else the entities stage's pick; never a
        person the article shows to be of the other gender."""
        other = "f" if pron.lower_ == "he" else "m"

        def person(aid: str | None) -> Actor | None:
            a = self.by_id.get(aid) if aid else None
            if a is None or a.kind != ActorKind.PERSON or self.genders.get(a.id) == other:
                return None
            return a

        resolved = self._at_token(pron)
        if resolved is not None and resolved.kind == ActorKind.PERSON:
            resolved = person(resolved.id)
        recent = [aid for start, aid in self.spoken if pron.idx - start < _WINDOW and person(aid)]
        if not recent:
            return resolved
        sent = pron.sent
        if self._quoted is None:
            self._quoted = quoted_tokens(self.doc, self.doc.text)
        quoted = self._quoted
        # a person named in the same sentence before the pronoun wins ("X left; he said")
        here = [
            aid
            for i, aid in self.timeline
            if sent.start <= i < pron.i and i not in quoted and person(aid)
        ]
        if here:
            # the entities stage's pick among them (subjects first: "When X hired Y, he")
            if resolved is not None and resolved.id in here:
                return resolved
            return self.by_id[here[-1]]
        opens = all(t.is_punct or t.i in quoted for t in sent[: pron.i - sent.start])
        if opens and sent.start > 0:
            # he/she opens its sentence, or follows only a quotation: the nearest person in
            # the sentence before comes before the last one quoted: a named person quoted
            # there ("X asked Y, who said ... . He admitted"), else its named subject outside
            # quotation marks ("X spoke at length about his vision. 'Y,' he said")
            prev = self.doc[sent.start - 1].sent
            lo, hi = prev.start_char, prev.end_char
            there = [aid for start, aid in self.spoken if lo <= start < hi and aid in self.named]
            if there and person(there[-1]):
                return self.by_id[there[-1]]
            subj = [
                aid
                for i, aid in self.timeline
                if prev.start <= i < prev.end
                and i not in quoted
                and self.doc[i].pos_ == "PROPN"
                and self.doc[i].dep_ in _SUBJECTS
                and self.doc[i].head.i == prev.root.i
                and person(aid)
            ]
            if subj:
                return self.by_id[subj[-1]]
        return self.by_id[recent[-1]]

    def _recent(self, before: int, kinds: tuple[ActorKind, ...]) -> Actor | None:
        """The most recent actor of these kinds, speakers first."""
        for start, aid in reversed(self.spoken):
            a = self.by_id.get(aid)
            if before - start < _WINDOW and a is not None and a.kind in kinds:
                return a
        best: tuple[int, Actor] | None = None
        for a in self.article.actors:
            if a.kind not in kinds:
                continue
            for m in a.mentions:
                if (
                    m.end <= before
                    and before - m.end < _WINDOW
                    and (best is None or m.end > best[0])
                ):
                    best = (m.end, a)
        return best[1] if best else None

    def _nominal(self, head: Token, source: tuple[int, int] | None = None) -> Actor | None:
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = head.lemma_.lower()
        if lemma in _DOCUMENT_NOUNS:
            issuer = self._issuer(head)
            if issuer is not None:
                return issuer
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "its") for c in head.children):
                return self._recent(head.idx, _COLLECTIVE_KINDS)
            if source is not None:
                return self._described(source, ActorKind.OTHER, head=head)
            return None
        kinds = _INSTITUTION_NOUNS.get(lemma)
        if kinds is not None and head.tag_ == "NN":
            cap = lemma.capitalize()
            qualifiers = [
                c
                for c in head.children
                if c.dep_ in ("amod", "compound")
                and c.pos_ in ("PROPN", "ADJ")  # a proper name or adjective; not "its Web site"
                and c.text[:1].isupper()
                and c.i < head.i
            ]
            if qualifiers:
                marks = [c.text for c in qualifiers]
                own = [a for a in self.article.actors if a.kind in kinds and _names_all(a, marks)]
                # "the Haitian government": that one, never another country's before it
                if own or not _origin_of_the_one(head, kinds, qualifiers):
                    return min(own, key=lambda a: abs(a.mentions[0].start - head.idx), default=None)
            for start, aid in reversed(self.spoken):
                a = self.by_id.get(aid)
                if a is not None and a.kind in kinds and head.idx - start < _WINDOW:
                    return a
            named = [a for a in self.article.actors if a.kind in kinds and cap in a.name.split()]
            if named:
                return min(named, key=lambda a: abs(a.mentions[0].start - head.idx))
            return self._recent(head.idx, kinds)
        if source is not None and head.tag_ == "NNS":
            # an unnamed collective ("analysts", "officials") is a group actor
            return self._described(source, ActorKind.GROUP, head=head)
        return None

    def _core(self, head: Token) -> str:
        """The head noun with its premodifiers and "of/in/to" complements, no determiner:
        "a good share of the voters", "the victim's mother", "Many in the province"."""
        doc = self.doc
        lo, hi = head.left_edge.i, head.i
        for k in range(head.i - 1, lo - 1, -1):
            if "\n" in doc[k].text:  # a time stamp or headline the parser ran into the phrase
                lo = k + 1
                break
        for child in head.rights:
            if (
                child.dep_ == "prep"
                and child.lower_ in _CORE_PREPS
                and child.right_edge.i - lo < 10
            ):
                hi = child.right_edge.i
            else:
                break
        while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "det" and doc[lo].pos_ == "DET"):
            lo += 1
        name = " ".join(doc[lo : hi + 1].text.replace("\u201c", "").replace("\u201d", "").split())
        # a quoted title keeps its case: the "Listen to Ruritania" movement
        quoted = lo > 0 and doc[lo - 1].text in ('"', "\u201c")
        quoted = quoted and any(doc[k].text in ('"', "\u201d") for k in range(lo, hi + 1))
        # a sentence-initial capital is lowered ("Officials" -> "officials"); a word in capitals
        # throughout (text in capitals, an acronym) keeps its case
        first = doc[lo].text  # the first token: "TV" of "TV-station workers"
        if (
            head.pos_ != "PROPN"
            and first[:1].isupper()
            and not first[1:].isupper()
            and not doc[lo].ent_type_
            and not quoted
        ):
            name = name[:1].lower() + name[1:]
        return name

    def _issuer(self, head: Token) -> Actor | None:
        """ "X's statement", "an X press release", "a poll published by X", "a report from X"."""
        for t in head.subtree:
            if t.i == head.i:
                continue
            if t.dep_ in ("poss", "compound") and t.head.i == head.i:
                a = self._at_token(t)
                if a is not None:
                    return a
            if t.dep_ == "pobj" and t.head.lower_ in ("by", "from"):
                a = self._at_token(t)
                if a is not None:
                    return a
                if t.pos_ == "PROPN" or any(
                    g.dep_ == "compound" and g.pos_ == "PROPN" for g in t.children
                ):
                    # "a poll published by Ethnos newspaper": a name NER missed
                    return self._described(
                        (t.left_edge.idx, tok_end(t)), ActorKind.ORGANIZATION, head=t
                    )
            if t.dep_ == "poss" and t.head.i == head.i and t.pos_ == "NOUN":
                a = self._nominal(t)  # "the ministry's statement"
                if a is not None:
                    return a
        return None

    def _described(
        self,
        source: tuple[int, int],
        kind: ActorKind,
        name: str | None = None,
        head: Token | None = None,
    ) -> Actor:
        """No actor named: the description itself is the speaker (its core noun phrase)."""
        if name is None and head is not None:
            name = self._core(head)
        if name is None:
            name = _DETS.sub("", " ".join(self.article.text[source[0] : source[1]].split()))
        aid = f"{kind.value}:{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-') or 'x'}"
        span = Span(start=source[0], end=source[1])
        actor = self.by_id.get(aid)
        if actor is None:
            actor = Actor(id=aid, name=name, kind=kind, mentions=[span])
            self.article.actors.append(actor)
            self.by_id[aid] = actor
        elif span not in actor.mentions:
            actor.mentions.append(span)
        return actor


def _name_start(head: Token) -> Token:
    """The first word of the proper name ending at ``head`` ("Abu - Rahim Nasser")."""
    doc, lo = head.doc, head
    while lo.i > 0 and (
        doc[lo.i - 1].pos_ == "PROPN"
        or (doc[lo.i - 1].text == "-" and lo.i > 1 and doc[lo.i - 2].pos_ == "PROPN")
    ):
        lo = doc[lo.i - 1]
    return lo


def _origin_of_the_one(head: Token, kinds: tuple[ActorKind, ...], qualifiers: list[Token]) -> bool:
    """ "The Swiss drug maker said", "the Ohio company": a definite company or group
    qualified only by where it comes from is the one the article is about, not a new actor.
    A state's institution is its country's ("the Haitian government")."""
    if ActorKind.GOVERNMENT in kinds or ActorKind.MILITARY in kinds:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    return all(
        q.ent_type_ == "GPE" or q.lower_ in tables.COUNTRIES or q.lower_ in demonyms()
        for q in qualifiers
    )


def _names_all(actor: Actor, words: list[str]) -> bool:
    """Whether every word appears in the actor's name ("Haitian" in "Haitian government")."""
    name = actor.name.split()
    return all(w in name for w in words)
