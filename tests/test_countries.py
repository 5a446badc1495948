"""One countries module: ISO 3166-1 alpha-2 for places, alpha-3 for actors, filters take both."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from fixture_articles import fixture_articles
from sitrep.api import create_app
from sitrep.countries import codes, demonyms, iso2, iso3, names_iso3
from sitrep.settings import Settings
from sitrep.store import Store


def test_codes_convert_both_ways() -> None:
    assert iso3("ua") == iso3("UKR") == "UKR"
    assert iso2("RUS") == iso2("ru") == "RU"
    assert iso3("XX") is None and iso2(None) is None
    assert codes(" ua ") == ["UA", "UKR"] and codes("UKR") == ["UKR", "UA"]
    assert codes("ZZZ") == ["ZZZ"]


def test_names_and_demonyms() -> None:
    assert names_iso3()["ukraine"] == "UKR"
    assert demonyms()["russian"] == "RU"  # countryinfo demonyms, alpha-2 like places
    # names are stripped once at the source (GeoNames writes one with a trailing space)
    assert all(name == name.strip() for name in names_iso3())
    assert names_iso3()["bonaire, saint eustatius and saba"] == "BES"


def test_api_country_filter_takes_alpha_2_and_alpha_3(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with Store(db) as store:
        for article in fixture_articles():
            store.save(article)
        with TestClient(create_app(Settings(db=db), store=store)) as client:
            for path in ("/events", "/places"):
                totals = {
                    code: client.get(path, params={"country": code}).json()["total"]
                    for code in ("UA", "ua", "UKR", "RU", "RUS")
                }
                assert totals["UA"] == totals["ua"] == totals["UKR"], (path, totals)
                assert totals["RU"] == totals["RUS"], (path, totals)
                assert totals["UA"] + totals["RU"] > 0, (path, totals)
