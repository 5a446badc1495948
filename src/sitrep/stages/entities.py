"""Entities stage: mentions and canonical actors, with rule-based reference resolution.

Named mentions come from spaCy NER (PERSON, ORG, NORP, GPE; LOC/FAC when they name an armed
group, a platform or a seat of government). Resolution is owned by this project (no
coreference model is available offline):

- surnames and titled forms go to the full name in the document ("Podolak" -> "Mykhailo
  Podolak"); a two- or three-word name the NER typed as an organisation or a place is a
  person when the article tags its last word alone as one ("X Y, who represents ..." ORG,
  "Y said" PERSON);
- appositions and premodifiers give roles ("Anna Petrova, the mayor of the city";
  "expert Ivan Kyrychevsky"); role nouns ("the expert", "the governor") go to the person with
  that role;
- capitals and seats of government used as agents are governments ("Kyiv denies" -> Ukrainian
  government), as are "<demonym> authorities";
- a person's gender is read from the article itself (Mr./Mrs./Ms. before the name, a gendered
  role noun such as "spokeswoman" or "wife", and he/she/his/her outside quotation marks whose
  sentence, or the sentence before, names that person alone as its subject); no name list;
- he/she go to the most recent compatible person (subjects first, never one of the other
  gender), falling back to the most salient person; they/them to the most recent collective
  actor; "his client" is the person that lawyer represents, when the article says whom.

:func:`resolve_speaker` lets later stages map a source span to its actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.attribution import actors as tables
from sitrep.attribution.quotemarks import quoted_tokens
from sitrep.countries import country_name, names_iso3
from sitrep.gazetteer_names import COMPASS_WORDS, GENERIC_PLACE_WORDS
from sitrep.model import Actor, ActorKind, Article, Mention, Span
from sitrep.stages.base import Analysis
from sitrep.stages.nlp import doc_text, title_cased

#: Plural names of a party's members: the group is the party (codebook sector "party").
_PARTY_MEMBERS = frozenset("democrats republicans tories conservatives".split())

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["EntitiesStage", "resolve_speaker"]

_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}
_AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "pobj", "conj", "appos"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_SUBJ = ("nsubj", "nsubjpass")
_HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
#: role nouns that tell a person's gender ("the agency's spokeswoman, X"; "his wife X")
_GENDER_NOUNS = {
    **dict.fromkeys(
        "chairman spokesman congressman businessman councilman husband father son brother"
        " boyfriend grandfather uncle nephew widower king prince".split(),
        "m",
    ),
    **dict.fromkeys(
        "chairwoman spokeswoman congresswoman businesswoman councilwoman wife mother daughter"
        " sister girlfriend grandmother aunt niece widow queen princess actress".split(),
        "f",
    ),
}
# gender votes: an honorific or a gendered role noun outweighs any one pronoun, and a
# gender is decided on a margin of two votes
_STRONG_VOTE = 3
_GENDER_MARGIN = 2
_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
#: a capitalised word of a personal name ("Okoro", "Eva-Marie", "O'Neill", "VanDeest")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z]*[a-z](?:[-'’][A-Z][A-Za-z]*[a-z])*")
#: "his client": the person a lawyer represents (``_Reader._client``)
_CLIENT_NOUNS = frozenset({"client"})
_REPRESENT_VERBS = frozenset({"represent", "defend"})
#: first words of a place named after a person ("Lake Charles", "Fort Bragg", "Camp David"):
#: a name opening so is no person's even when the surname alone is one
_PLACE_OPENERS = (
    COMPASS_WORDS | GENERIC_PLACE_WORDS | {"fort", "camp", "port", "cape", "saint", "san", "santa"}
)


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


@dataclass
class _Draft:
    """An actor while the document is being read."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    role_heads: set[str] = field(default_factory=set)
    votes: dict[str, int] = field(default_factory=dict)  # gender evidence: "m"/"f" -> weight
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def vote(self, gender: str, weight: int) -> None:
        """Count ``weight`` of evidence that the person is of ``gender`` ("m"/"f")."""
        self.votes[gender] = self.votes.get(gender, 0) + weight

    def add_alias(self, alias: str) -> None:
        if alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def freeze(self) -> Actor:
        return Actor(
            id=self.id,
            name=self.name,
            kind=self.kind,
            country=self.country,
            sector=self.sector,
            role=self.role,
            aliases=self.aliases,
            mentions=sorted(self.mentions, key=lambda s: s.start),
        )


def _clean_name(ent: SpacySpan) -> tuple[int, int, str]:
    """Entity text without a leading "the" and a trailing possessive; returns (start, end, text)."""
    start, end = ent.start_char, ent.end_char
    text = ent.text
    if ent[0].lower_ == "the" and len(ent) > 1:
        start = ent[1].idx
        text = ent[1:].text  # never ent.doc.text: it rebuilds the whole text
    m = _POSSESSIVE.search(text)
    if m and len(text) > 2:
        text = text[: m.start()]
        end = start + len(text)
    return start, end, text.strip()


@lru_cache(maxsize=1)
def _long_names() -> tuple[dict[str, str], re.Pattern[str]]:
    """Country names of several words ("south sudan", "equatorial guinea", "sri lanka") ->
    ISO3, and a pattern finding them (longest first): a country word inside one ("Sudan" in
    "South Sudan") names another country."""
    table = {k: v for k, v in names_iso3().items() if " " in k}
    table.update({k: v for k, v in tables.COUNTRIES.items() if " " in k})
    names = sorted(table, key=len, reverse=True)
    return table, re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def country_code(name: str) -> str | None:
    """ISO3 of a country name or demonym: the compact actor table, or a country name of
    several words ("South Sudan")."""
    low = " ".join(name.lower().split())
    return tables.COUNTRIES.get(low) or _long_names()[0].get(low)


def _country_in(text: str) -> str | None:
    low = text.lower()
    if low in tables.COUNTRIES:
        return tables.COUNTRIES[low]
    table, pattern = _long_names()
    found = pattern.search(low)
    if found is not None:
        return table.get(found.group(0))
    for word in re.findall(r"[a-z.]+", low):
        if word in tables.COUNTRIES and len(word) > 3:
            return tables.COUNTRIES[word]
    return None


def government_name(iso3: str, adjective: str) -> str:
    """Canonical name of a country's government, as ACLED writes it: "Government of China"
    ("Beijing said", "Chinese authorities"); the adjective form where the code is unknown."""
    country = country_name(iso3) if len(iso3) == 3 else None
    return f"Government of {country}" if country else f"{adjective} government"


def _in_title_run(ent: SpacySpan, width: int = 4) -> bool:
    """Whether a name sits in a run of capitalised words, as in a headline in title case run
    into the text ("Is a Rebel War Looming in Upper Naya Region?The ..."): the words of its
    sentence just before it, or just after it, up to ``width``, at least three, are all in
    title case with a capital among them."""
    sent, doc = ent.sent, ent.doc
    before = [t for t in doc[max(sent.start, ent.start - width) : ent.start] if t.is_alpha]
    after = [t for t in doc[ent.end : min(sent.end, ent.end + width)] if t.is_alpha]
    return any(
        len(side) >= 3 and title_cased(side) and any(t.text[0].isupper() for t in side)
        for side in (before, after)
    )


class _Reader:
    """Reads one document into mentions and actors."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.drafts: dict[str, _Draft] = {}
        self.mentions: list[Mention] = []
        self.token_actor: dict[int, str] = {}
        self.person_mentions: list[tuple[int, str, bool]] = []  # (token, actor id, is subject)
        self.collective_mentions: list[tuple[int, str]] = []
        self.acronyms: dict[str, _Draft] = {}  # "ONDCP" -> the organisation it abbreviates
        self.genders: dict[str, str] = {}  # person actor id -> "m"/"f", from this article
        self._single_names: dict[str, set[str]] | None = None  # one-token entity -> labels

    # ------------------------------------------------------------------ helpers

    def _draft(self, key: str, name: str, kind: ActorKind, **kw: str | None) -> _Draft:
        aid = f"{kind.value}:{_slug(key)}"
        d = self.drafts.get(aid)
        if d is None:
            d = _Draft(aid, name, kind, country=kw.get("country"), sector=kw.get("sector"))
            self.drafts[aid] = d
        return d

    def _mention(self, start: int, end: int, label: str, draft: _Draft | None, head: int) -> None:
        span = Span(start=start, end=end)
        self.mentions.append(
            Mention(
                span=span,
                text=self.text[start:end],
                label=label,
                actor_id=draft.id if draft else None,
            )
        )
        if draft is not None:
            draft.mentions.append(span)
            tok = self.doc[head]
            for t in self.doc.char_span(start, end, alignment_mode="expand") or []:
                self.token_actor[t.i] = draft.id
            if draft.kind == ActorKind.PERSON:
                self.person_mentions.append((head, draft.id, tok.dep_ in ("nsubj", "nsubjpass")))
            elif draft.kind in (
                ActorKind.GROUP,
                ActorKind.ARMED_GROUP,
                ActorKind.GOVERNMENT,
                ActorKind.ORGANIZATION,
                ActorKind.MILITARY,
            ):
                self.collective_mentions.append((head, draft.id))

    # ------------------------------------------------------------------ passes

    def _label(self, ent: SpacySpan) -> str:
        """NER label, corrected to PERSON for names right after a role noun ("expert X") and
        for a first name and surname whose surname the article names alone as a person."""
        if ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC") and ent.start > 0 and len(ent) <= 3:
            prev = self.doc[ent.start - 1]
            if (
                prev.pos_ == "NOUN"
                and prev.lemma_.lower() in tables.ROLE_NOUNS
                and all(t.text[:1].isupper() for t in ent)
            ):
                return "PERSON"
        if ent.label_ != "PERSON" and self._surnamed(ent):
            return "PERSON"
        return ent.label_

    def _surnamed(self, ent: SpacySpan) -> bool:
        """ "Darnell Okoro, who represents ..." typed ORG while "Okoro said" is a PERSON: a
        two- or three-word name whose last word the article tags alone as a person is that
        person. Not a modifier ("the Harbor Dairy corporation"), a name whose first word
        is an entity of another kind on its own ("Intel Xeon"), nor a place named after a person
        ("Lake Charles", "Fort Bragg") or a compass point."""
        words = ent.text.split()
        if words and _POSSESSIVE.search(words[-1]):
            words[-1] = _POSSESSIVE.sub("", words[-1])
        if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
            return False
        if ent.root.dep_ == "compound" or words[0].lower() in _PLACE_OPENERS:
            return False
        if self._single_names is None:
            self._single_names = {}
            for e in self.doc.ents:
                if len(e) == 1:
                    self._single_names.setdefault(e.text, set()).add(e.label_)
        alone = self._single_names
        if "PERSON" not in alone.get(words[-1], ()) or alone.get(words[0], set()) - {"PERSON"}:
            return False
        # not when the surname alone may be another person the article names in full ("Brian
        # Reams" beside "Melody Vess Reams"), nor a name inside a title-cased headline run
        # ("Drug Cartel Expands Reach in Peru")
        surname = words[-1]
        if any(
            e.label_ == "PERSON" and len(e) > 1 and e[-1].text == surname and e.text != ent.text
            for e in self.doc.ents
        ):
            return False
        return not _in_title_run(ent)

    def read(self) -> None:
        doc = self.doc
        ents = [e for e in doc.ents if e.label_ in _LABELS]
        persons = [e for e in ents if self._label(e) == "PERSON"]
        full_names = self._full_names(persons)
        covered: set[int] = set()
        for ent in ents:
            covered.update(range(ent.start, ent.end))
            self._named(ent, full_names)
        self._metonyms_outside(covered)
        self._names_outside(covered, full_names)
        self._nominals_and_pronouns()

    def _full_names(self, persons: list[SpacySpan]) -> dict[str, _Draft]:
        """Multi-word person names become actors; their tokens index them for short forms."""
        by_token: dict[str, _Draft] = {}
        for ent in persons:
            _, _, name = _clean_name(ent)
            words = [
                w
                for w in name.split()
                if w.lower().rstrip(".") + "." not in tables.TITLES
                and w.lower() not in tables.TITLES
            ]
            if len(words) < 2:
                continue
            canonical = " ".join(words)
            existing = by_token.get(words[-1].lower())
            if existing is not None and (
                existing.name.split()[0] == words[0] or len(words) < len(existing.name.split())
            ):
                continue
            d = self._draft(canonical, canonical, ActorKind.PERSON, sector="civilians")
            by_token[words[-1].lower()] = d
            by_token.setdefault(canonical.lower(), d)
        return by_token

    def _named(self, ent: SpacySpan, full_names: dict[str, _Draft]) -> None:
        start, end, name = _clean_name(ent)
        if not name:
            return
        low = name.lower()
        root = ent.root
        label = self._label(ent)
        if low in tables.PLATFORM_NAMES:
            d = self._draft(name, name, ActorKind.PLATFORM, sector="media")
            self._mention(start, end, label, d, root.i)
            return
        meto = tables.GOVERNMENT_METONYMS.get(low)
        if meto is not None:
            if self._is_agent(root) or low in ("kremlin", "white house", "downing street"):
                self._government(start, end, meto, root.i)
            else:
                self._mention(start, end, label, None, root.i)
            return
        if low in tables.KNOWN_ARMED or (
            label in ("ORG", "GPE", "LOC", "NORP", "FAC")
            and tables.ARMED_GROUP_WORDS.search(name)
            and not tables.NON_ARMED_GROUP.fullmatch(name.split()[-1])
        ):
            if tables.STATE_MILITARY.search(name):
                country = _country_in(name)
                d = self._draft(name, name, ActorKind.MILITARY, country=country, sector="military")
            else:
                d = self._draft(name, name, ActorKind.ARMED_GROUP, sector="rebels")
            self._mention(start, end, label, d, root.i)
            return
        if label != "PERSON" and " " not in name and full_names.get(low) is not None:
            label = "PERSON"  # a surname NER typed as something else ("Novak wrote")
        if label == "PERSON":
            self._person(ent, start, end, name, full_names)
        elif label == "ORG":
            kind = ActorKind.ORGANIZATION
            sector: str | None = None
            if tables.MEDIA_WORDS.search(name) or self._media_context(ent):
                kind, sector = ActorKind.MEDIA, "media"
            elif tables.GOVERNMENT_WORDS.search(name):
                kind, sector = ActorKind.GOVERNMENT, "government"
            d = self.acronyms.get(name) or self._draft(
                name, name, kind, country=_country_in(name), sector=sector
            )
            self._acronym(ent, d)
            self._mention(start, end, label, d, root.i)
        elif label == "NORP" or label == "GPE":
            country = tables.COUNTRIES.get(low)
            if label == "GPE" and country is not None:
                d = self._draft(name, name, ActorKind.COUNTRY, country=country)
                self._mention(start, end, label, d, root.i)
            elif (
                label == "NORP"
                and root.pos_ in ("PROPN", "NOUN")
                and root.dep_ != "amod"
                and (root.tag_ in ("NNPS", "NNS") or name.endswith("s"))
            ):
                # a party's members ("Michigan Democrats", "the Tories") are the party
                member = name.split()[-1].lower()
                sector = "party" if member in _PARTY_MEMBERS else "civilians"
                d = self._draft(name, name, ActorKind.GROUP, country=country, sector=sector)
                self._mention(start, end, label, d, root.i)
            else:
                self._mention(start, end, label, None, root.i)

    def _person(
        self, ent: SpacySpan, start: int, end: int, name: str, full: dict[str, _Draft]
    ) -> None:
        words = [w for w in name.split() if w.lower() not in tables.TITLES]
        canonical = " ".join(words) or name
        d = full.get(canonical.lower()) or (full.get(words[-1].lower()) if words else None)
        if d is None:
            d = self._draft(canonical, canonical, ActorKind.PERSON, sector="civilians")
        if canonical != d.name:
            d.add_alias(canonical)
        self._roles(ent, d)
        self._mention(start, end, "PERSON", d, ent.root.i)

    def _roles(self, ent: SpacySpan, d: _Draft) -> None:
        """Appositions ("X, the governor of the region") and premodifiers ("expert X")."""
        root = ent.root
        doc = self.doc
        role: str | None = None
        heads: set[str] = set()
        appos = next((c for c in root.rights if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if appos is not None:
            toks = [t for t in appos.subtree if not t.is_punct or t.i < appos.right_edge.i]
            while toks and (toks[0].dep_ == "det" or toks[0].is_punct):
                toks = toks[1:]
            while toks and toks[-1].is_punct:
                toks = toks[:-1]
            if toks:
                role = doc[toks[0].i : toks[-1].i + 1].text
                heads.add(appos.lemma_.lower())
        elif root.dep_ == "appos" and root.head.pos_ == "NOUN":
            head = root.head
            toks = [t for t in head.subtree if t.i < ent.start and not t.is_punct]
            while toks and toks[0].dep_ == "det":
                toks = toks[1:]
            if toks:
                role = doc[toks[0].i : toks[-1].i + 1].text
                heads.add(head.lemma_.lower())
        pre = [
            t
            for t in root.lefts
            if t.i < ent.start
            and t.dep_ in ("compound", "amod", "nmod")
            and t.ent_type_ != "PERSON"
        ]
        if pre and ent.start > 0 and doc[ent.start - 1].pos_ in ("NOUN", "PROPN"):
            left = min(t.left_edge.i for t in pre)
            while left < ent.start and doc[left].dep_ == "det":
                left += 1
            prev = doc[ent.start - 1]
            if (
                left < ent.start
                and prev.ent_type_ in ("", "ORG", "NORP", "GPE")
                and (prev.pos_ == "NOUN" or prev.lower_ in tables.TITLES)
            ):
                if role is None:
                    role = doc[left : ent.start].text
                heads.add(prev.lemma_.lower())
        if role and d.role is None:
            d.role = role
        d.role_heads.update(h for h in heads if h)
        for h in heads:
            if h in _GENDER_NOUNS:
                d.vote(_GENDER_NOUNS[h], _STRONG_VOTE)

    def _government(self, start: int, end: int, meto: tuple[str, str], head: int) -> None:
        iso3, adjective = meto
        name = government_name(iso3, adjective)
        d = self._draft(
            name,
            name,
            ActorKind.GOVERNMENT,
            country=iso3 if len(iso3) == 3 else None,
            sector="government",
        )
        d.add_alias(self.text[start:end])
        self._mention(start, end, "METONYM", d, head)

    def _is_agent(self, tok: Token) -> bool:
        if tok.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            return True
        if tok.dep_ == "pobj":
            prep = tok.head
            return prep.lower_ in ("to", "by", "from") and (
                prep.head.lower_ in ("according", "by") or prep.lower_ == "by"
            )
        return tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass")

    def _media_context(self, ent: SpacySpan) -> bool:
        doc = self.doc
        if ent.start > 0 and doc[ent.start - 1].lemma_.lower() in tables.MEDIA_NOUNS:
            return True
        return ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in tables.MEDIA_NOUNS

    def _acronym(self, ent: SpacySpan, d: _Draft) -> None:
        """ "the Office of National Drug Control Policy (ONDCP)", also with a common noun
        between ("the Federal Emergency Management Agency (FEMA)"): later mentions of
        the acronym are the same organisation."""
        doc = self.doc
        i = ent.end
        while i < len(doc) and i - ent.end < 2 and doc[i].pos_ == "NOUN" and doc[i].is_lower:
            i += 1
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            acro = doc[i + 1]
            if acro.text.isupper() and 1 < len(acro.text) <= 8:
                d.add_alias(acro.text)
                self.acronyms.setdefault(acro.text, d)
                self._mention(acro.idx, acro.idx + len(acro.text), "ORG", d, acro.i)

    def _metonyms_outside(self, covered: set[int]) -> None:
        """Seats of government that NER missed ("the Kremlin said")."""
        doc = self.doc
        for tok in doc:
            if tok.i in covered or not tok.text[:1].isupper():
                continue
            low = tok.lower_
            two = f"{low} {doc[tok.i + 1].lower_}" if tok.i + 1 < len(doc) else ""
            if two in tables.GOVERNMENT_METONYMS:
                meto, end_tok = tables.GOVERNMENT_METONYMS[two], doc[tok.i + 1]
            elif low in tables.GOVERNMENT_METONYMS:
                meto, end_tok = tables.GOVERNMENT_METONYMS[low], tok
            else:
                continue
            head = end_tok
            if self._is_agent(head) or low == "kremlin":
                self._government(tok.idx, end_tok.idx + len(end_tok.text), meto, head.i)

    def _names_outside(self, covered: set[int], full_names: dict[str, _Draft]) -> None:
        """Surnames NER missed ("Podolak wrote") and platforms it typed otherwise."""
        for tok in self.doc:
            if tok.i in covered or tok.i in self.token_actor or tok.pos_ != "PROPN":
                continue
            low = tok.lower_
            if low in tables.PLATFORM_NAMES and tok.text[:1].isupper():
                d = self._draft(tok.text, tok.text, ActorKind.PLATFORM, sector="media")
                self._mention(tok.idx, tok.idx + len(tok.text), "PLATFORM", d, tok.i)
                continue
            acro = self.acronyms.get(tok.text)
            if acro is not None:  # "the ONDCP" that NER did not tag
                self._mention(tok.idx, tok.idx + len(tok.text), "ORG", acro, tok.i)
                continue
            person = full_names.get(low)
            if person is not None and person.kind == ActorKind.PERSON:
                d = person
                if tok.text != d.name:
                    d.add_alias(tok.text)
                self._mention(tok.idx, tok.idx + len(tok.text), "PERSON", d, tok.i)

    def _read_genders(self) -> None:
        """Each person's gender from this article's own evidence: an honorific before a
        mention, a gendered role noun (votes cast in ``_roles``), and he/she/his/her outside
        quotation marks when the person is the only one named before it in its sentence, as
        the subject, or, for a subject pronoun opening its sentence, in the sentence before."""
        doc = self.doc
        for d in self.drafts.values():
            if d.kind != ActorKind.PERSON:
                continue
            for m in d.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in (doc[span.start - 1] if span.start > 0 else None, span[0]):
                    g = _HONORIFICS.get(t.lower_) if t is not None else None
                    if g is not None:
                        d.vote(g, _STRONG_VOTE)
        quoted = quoted_tokens(doc, doc_text(doc))
        named = sorted(
            (i, aid, subj or (doc[i].dep_ == "appos" and doc[i].head.dep_ in _SUBJ))
            for i, aid, subj in self.person_mentions
            if i not in quoted
        )
        for tok in doc:
            low = tok.lower_
            g = "m" if low in _MALE else "f" if low in _FEMALE else None
            if g is None or tok.pos_ != "PRON" or tok.i in quoted:
                continue
            if low in ("him", "her") and tok.tag_ != "PRP$":
                continue  # an object pronoun is not its clause's subject ("X hit her")
            sent = tok.sent
            here = [(aid, subj) for i, aid, subj in named if sent.start <= i < tok.i]
            if not here and tok.dep_ in _SUBJ and tok.head.i == sent.root.i and sent.start > 0:
                prev = doc[sent.start - 1].sent
                here = [(aid, subj) for i, aid, subj in named if prev.start <= i < prev.end]
            if len({aid for aid, _ in here}) == 1 and any(subj for _, subj in here):
                d = self.drafts[here[0][0]]
                d.vote(g, 1)
        for d in self.drafts.values():
            male, female = d.votes.get("m", 0), d.votes.get("f", 0)
            # one pronoun never decides alone: "the mayor said her death was a tragedy" is
            # about someone else (review29 #15)
            if abs(male - female) >= _GENDER_MARGIN:
                self.genders[d.id] = "m" if male > female else "f"

    def _nominals_and_pronouns(self) -> None:
        self._read_genders()
        doc = self.doc
        role_index: dict[str, _Draft] = {}
        for d in self.drafts.values():
            for h in d.role_heads:
                role_index.setdefault(h, d)
        salience: dict[str, int] = {}
        for _, aid, _ in self.person_mentions:
            salience[aid] = salience.get(aid, 0) + 1
        persons = sorted(self.person_mentions)
        collectives = sorted(self.collective_mentions)
        for tok in doc:
            if tok.i in self.token_actor:
                continue
            low = tok.lower_
            if tok.pos_ == "NOUN" and tok.tag_ == "NN" and low in role_index:
                det = next((c for c in tok.lefts if c.dep_ == "det"), None)
                if det is not None and det.lower_ in ("the", "this", "that"):
                    d = role_index[low]
                    # only after the person has been introduced
                    first = min(s.start for s in d.mentions)
                    if first < tok.idx:
                        a, b = self._nominal_extent(tok)
                        self._mention(a, b, "NOMINAL", d, tok.i)
                        continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in tables.AUTHORITY_NOUNS:
                country = self._authority_country(tok)
                if country is not None:
                    iso3, adjective = country
                    name = government_name(iso3, adjective)
                    d = self._draft(
                        name, name, ActorKind.GOVERNMENT, country=iso3, sector="government"
                    )
                    a, b = self._nominal_extent(tok)
                    d.add_alias(self.text[a:b])
                    self._mention(a, b, "NOMINAL", d, tok.i)
                    continue
            if tok.pos_ == "PRON" and (low in _MALE or low in _FEMALE):
                found = self._antecedent(tok, persons, salience)
                client = self._client(tok, found) if found is not None else None
                if client is not None:
                    # "his client" is the person the lawyer represents, not the lawyer
                    head = tok.head
                    self._mention(tok.idx, head.idx + len(head.text), "NOMINAL", client, head.i)
                elif found is not None:
                    self._mention(
                        tok.idx, tok.idx + len(tok.text), "PRONOUN", self.drafts[found], tok.i
                    )
            elif tok.pos_ == "PRON" and low in _PLURAL:
                prior = [aid for i, aid in collectives if i < tok.i and tok.i - i < 80]
                if prior:
                    self._mention(
                        tok.idx, tok.idx + len(tok.text), "PRONOUN", self.drafts[prior[-1]], tok.i
                    )

    def _client(self, pron: Token, owner: str) -> _Draft | None:
        """The person a lawyer's "his/her client" is: the one the article says the lawyer
        represents or defends ("X, who represents Y, said his client ...")."""
        head = pron.head
        if pron.dep_ != "poss" or head.lemma_.lower() not in _CLIENT_NOUNS or head.tag_ != "NN":
            return None  # "his clients" are several: not the one person a clause names
        lawyer = self.drafts[owner]
        doc = self.doc
        for m in lawyer.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for clause in span.root.children:
                if clause.dep_ != "relcl" or clause.lemma_.lower() not in _REPRESENT_VERBS:
                    continue
                for obj in clause.children:
                    aid = self.token_actor.get(obj.i) if obj.dep_ == "dobj" else None
                    if aid is not None and aid != owner and aid in self.drafts:
                        d = self.drafts[aid]
                        if d.kind == ActorKind.PERSON:
                            return d
        return None

    def _nominal_extent(self, tok: Token) -> tuple[int, int]:
        left = tok.left_edge.i
        right = tok.i
        for child in tok.rights:
            if child.dep_ in ("prep", "compound", "amod"):
                right = child.right_edge.i
            else:
                break
        return self.doc[left].idx, self.doc[right].idx + len(self.doc[right].text)

    def _authority_country(self, tok: Token) -> tuple[str, str] | None:
        for child in tok.children:
            low = child.lower_
            # the whole name the word ends ("South Sudan officials": not Sudan's)
            name = " ".join([*(t.lower_ for t in child.lefts if t.dep_ == "compound"), low])
            iso3 = (
                country_code(name) or country_code(low)
                if child.dep_ in ("amod", "compound", "nmod")
                else None
            )
            if iso3 is not None:
                adjective = next(
                    (adj for code, adj in tables.GOVERNMENT_METONYMS.values() if code == iso3),
                    child.text,
                )
                return iso3, adjective
            if child.dep_ == "prep" and low == "in":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in tables.GOVERNMENT_METONYMS:
                    return tables.GOVERNMENT_METONYMS[pobj.lower_]
        return None

    def _antecedent(
        self, tok: Token, persons: list[tuple[int, str, bool]], salience: dict[str, int]
    ) -> str | None:
        """Most recent person, subjects first, searched sentence by sentence backwards."""
        doc = self.doc
        sent = tok.sent
        other = "f" if tok.lower_ in _MALE else "m"
        prior = [
            (i, aid, subj)
            for i, aid, subj in persons
            if i < tok.i and self.genders.get(aid) != other
        ]
        if not prior:
            return None
        # same sentence before the pronoun, then previous sentences (up to 3)
        windows: list[tuple[int, int]] = [(sent.start, tok.i)]
        s = sent
        for _ in range(3):
            if s.start == 0:
                break
            s = doc[s.start - 1].sent
            windows.append((s.start, s.end))
        for lo, hi in windows:
            here = [(i, aid, subj) for i, aid, subj in prior if lo <= i < hi]
            if not here:
                continue
            subjects = [aid for _, aid, subj in here if subj]
            return subjects[-1] if subjects else here[-1][1]
        fits = [a for a in salience if self.genders.get(a) != other]
        return max(fits, key=lambda a: salience[a]) if fits else None


class EntitiesStage:
    """Fill ``article.mentions`` and ``article.actors`` from the spaCy parse."""

    name = "entities"

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None or not analysis.article.text:
            return analysis
        reader = _Reader(doc)
        reader.read()
        article = analysis.article
        article.mentions = sorted(reader.mentions, key=lambda m: m.span.start)
        article.actors = [d.freeze() for d in reader.drafts.values() if d.mentions]
        analysis.token_actor = reader.token_actor
        analysis.genders = reader.genders
        return analysis


_KIND_RANK = {
    ActorKind.PERSON: 0,
    ActorKind.GOVERNMENT: 1,
    ActorKind.ARMED_GROUP: 1,
    ActorKind.MILITARY: 1,
    ActorKind.ORGANIZATION: 2,
    ActorKind.MEDIA: 2,
    ActorKind.GROUP: 3,
    ActorKind.COUNTRY: 3,
    ActorKind.PLATFORM: 5,
}


def resolve_speaker(
    article: Article, span: Span, head: tuple[int, int] | None = None
) -> Actor | None:
    """The actor a source span refers to: the mention at its head, else the best overlapping
    mention (people before organisations before places)."""
    best: tuple[int, int, int] | None = None
    best_id: str | None = None
    for m in article.mentions:
        if m.actor_id is None or m.span.end <= span.start or m.span.start >= span.end:
            continue
        at_head = head is not None and m.span.start <= head[0] < m.span.end
        actor = article.actor(m.actor_id)
        if actor is None:
            continue
        key = (0 if at_head else 1, _KIND_RANK.get(actor.kind, 4), -m.span.end)
        if best is None or key < best:
            best, best_id = key, m.actor_id
    return article.actor(best_id)
