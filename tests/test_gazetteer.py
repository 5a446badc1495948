"""The gazetteer: normalisation, a small build, search and GeoNames import."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from sitrep import gazetteer
from sitrep.errors import GazetteerError
from sitrep.gazetteer import Gazetteer, code_keys, norm, region_stem

SMALL = ["RU", "UA", "US", "GB", "FR", "IE"]


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "small.sqlite"
    steps: list[tuple[int, int | None, str]] = []
    t0 = time.perf_counter()
    gazetteer.build(path, progress=lambda d, t, m: steps.append((d, t, m)), countries=SMALL)
    assert time.perf_counter() - t0 < 120
    assert steps[-1][0] == 100 and steps[-1][2] == "done"
    return path


@pytest.fixture()
def gaz(small_index: Path) -> Gazetteer:
    g = Gazetteer(small_index)
    yield g  # type: ignore[misc]
    g.close()


def test_norm_and_codes() -> None:
    assert norm("  Sant Julià de  Lòria ") == "sant julia de loria"
    assert norm("St. Mary\u2019s") == "st mary's"
    assert code_keys("U.S.") == ["=U.S.", "=US"]
    assert code_keys("Ky.") == ["=Ky."]
    assert code_keys("Paris") == []
    assert region_stem("Kherson Oblast") == "kherson"
    assert region_stem("Province of Quebec") == "quebec"


def test_search_cities_countries_regions(gaz: Gazetteer) -> None:
    belgorod = gaz.search("Belgorod")
    assert belgorod[0].geonames_id == 578072 and belgorod[0].country == "RU"
    kyiv = {c.feature_code: c for c in gaz.search("Kyiv")}
    assert kyiv["PPLC"].country == "UA"
    us = gaz.search("U.S.")[0]
    assert us.geonames_id == 6252001 and us.feature_code == "PCLI"
    assert abs(us.lat - 39.76) < 0.1 and abs(us.lon + 98.5) < 0.1  # type: ignore[operator]
    assert gaz.search("Ky.")[0].name == "Kentucky"
    assert gaz.search("Fairfax County")[0].feature_code == "ADM2"
    # ISO codes that are ordinary words do not name countries
    assert all(c.feature_code != "PCLI" for c in gaz.search("TV"))
    assert gaz.country("GB") is not None and gaz.country("GB").name == "United Kingdom"  # type: ignore[union-attr]


def test_region_stem_names_the_oblast(gaz: Gazetteer) -> None:
    stems = gaz.lookup_key("belgorod", (gazetteer.STEM,))
    assert 578071 in {c.geonames_id for c in stems}
    oblast = gaz.get(578071)
    assert oblast is not None and oblast.feature_code == "ADM1" and oblast.lat is not None


def _row(gid: int, name: str, alts: str, lat: float, lon: float, fcode: str, pop: int) -> str:
    fclass = "P" if fcode.startswith("PPL") else "A"
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, "RU", "", "09"]
    cols += ["", "", "", str(pop), "", "150", "Europe/Moscow", "2024-01-01"]
    return "\t".join(cols) + "\n"


def test_import_geonames_txt_and_zip(small_index: Path, tmp_path: Path) -> None:
    index = tmp_path / "gaz.sqlite"
    index.write_bytes(small_index.read_bytes())
    dump = tmp_path / "RU.txt"
    dump.write_text(
        _row(99000001, "Zzyzxovka", "Zzyzxovka,Ziziksovka", 50.9, 36.9, "PPL", 120)
        + _row(578071, "Belgorod Oblast", "Belgorodskaya Oblast", 50.75, 37.25, "ADM1", 1500000)
        + "not a row\n",
        encoding="utf-8",
    )
    assert gazetteer.import_geonames(dump, index) == 2
    with Gazetteer(index) as g:
        hit = g.search("Ziziksovka")
        assert hit and hit[0].geonames_id == 99000001 and hit[0].feature_class == "P"
        assert hit[0].admin1 == "RU.09"
        oblast = g.search("Belgorod Oblast")[0]
        assert oblast.geonames_id == 578071 and oblast.lat == 50.75
        # the region stem survives the re-import
        assert 578071 in {c.geonames_id for c in g.lookup_key("belgorod", (gazetteer.STEM,))}
    archive = tmp_path / "RU.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("RU.txt", _row(99000002, "Qwertovo", "", 51.0, 37.0, "PPL", 50))
        zf.writestr("readme.txt", "GeoNames readme\n")
    assert gazetteer.import_geonames(archive, index) == 1
    with Gazetteer(index) as g:
        assert g.search("Qwertovo")[0].geonames_id == 99000002


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        gazetteer.import_geonames(tmp_path / "missing.txt", tmp_path / "g.sqlite")
    with pytest.raises(GazetteerError):
        Gazetteer(tmp_path / "nothing.sqlite")


def test_open_gazetteer_uses_env(small_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_GAZETTEER", str(small_index))
    assert gazetteer.default_path() == small_index
    with gazetteer.open_gazetteer() as g:
        assert g.search("Belgorod")


def test_region_points_abbreviations_and_aliases(gaz: Gazetteer) -> None:
    # a large, thinly settled region's point is the middle of its extent, not of its south
    ak = next(c for c in gaz.search("Alaska") if c.feature_code == "ADM1")
    assert ak.lat is not None and ak.lat > 61.5
    assert gaz.search("America")[0].feature_code == "PCLI"
    assert gaz.search("America")[0].country == "US"
    assert gaz.search("L.A.")[0].name == "Los Angeles"
    dc = next(c for c in gaz.search("Washington") if c.admin1 == "US.DC")
    assert dc.feature_code == "PPLC"


def test_concurrent_builds_never_expose_a_partial_index(tmp_path: Path) -> None:
    import threading

    target = tmp_path / "race.sqlite"
    errors: list[BaseException] = []

    def one() -> None:
        try:
            gazetteer.build(target, countries=["IE"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Gazetteer(target).version == gazetteer.GAZETTEER_VERSION
    assert not list(tmp_path.glob("*.building"))


def test_world_regions_and_seas_from_member_countries(gaz: Gazetteer) -> None:
    europe = [c for c in gaz.search("Western Europe") if c.feature_code == "RGN"]
    assert europe and europe[0].geonames_id < 0  # not a GeoNames id
    assert europe[0].lat is not None and 40 < europe[0].lat < 60
    assert not [c for c in gaz.search("Gulf of Aden")]  # no shore country in this build
