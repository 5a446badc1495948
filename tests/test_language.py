"""Language stage: English passes, other languages are skipped with their code."""

from __future__ import annotations

import pytest

from sitrep.errors import SkipDocument
from sitrep.model import Article
from sitrep.sources.files import RawDocument
from sitrep.stages.base import Analysis
from sitrep.stages.language import LanguageStage, detect_script, normalise_language

ENGLISH = (
    "Heavy rain overnight forced the closure of three bridges across the valley, the regional "
    "roads authority said on Tuesday, leaving several villages cut off from the main road."
)
RUSSIAN = (
    "Сильный дождь ночью вынудил закрыть три моста через долину, сообщили во вторник в "
    "региональном дорожном управлении. Несколько сёл оказались отрезаны от главной дороги."
)
GERMAN = (
    "Starker Regen hat in der Nacht zur Sperrung von drei Brücken im Tal geführt, teilte die "
    "regionale Straßenbehörde am Dienstag mit. Mehrere Dörfer sind von der Hauptstraße "
    "abgeschnitten."
)
POLISH = (
    "Ulewny deszcz w nocy spowodował zamknięcie trzech mostów w dolinie, poinformował we wtorek "
    "regionalny zarząd dróg. Kilka wsi zostało odciętych od głównej drogi."
)


@pytest.fixture(scope="module")
def stage() -> LanguageStage:
    return LanguageStage()


def _run(stage: LanguageStage, text: str, **meta: str) -> Article:
    raw = RawDocument(id="x", text=text, meta=dict(meta))
    return stage(Analysis(article=Article(id="x", text=text), raw=raw)).article


def test_english_passes(stage: LanguageStage) -> None:
    assert _run(stage, ENGLISH).language == "en"


@pytest.mark.parametrize(("text", "code"), [(RUSSIAN, "ru"), (GERMAN, "de"), (POLISH, "pl")])
def test_other_languages_are_skipped(stage: LanguageStage, text: str, code: str) -> None:
    with pytest.raises(SkipDocument) as info:
        _run(stage, text)
    assert info.value.reason == f"language:{code}"


def test_short_text_is_not_skipped_on_a_guess(stage: LanguageStage) -> None:
    assert _run(stage, "Kyiv says no.").language == "en"
    assert _run(stage, "Danke schön").language == "en"


def test_metadata_language_is_trusted(stage: LanguageStage) -> None:
    assert _run(stage, GERMAN, language="en-GB").language == "en"
    with pytest.raises(SkipDocument, match="language:fr"):
        _run(stage, ENGLISH, language="fr")


def test_english_with_a_foreign_quote_passes(stage: LanguageStage) -> None:
    text = ENGLISH + ' A sign in the village read "Проезд закрыт" (road closed).'
    assert _run(stage, text).language == "en"


def test_accept_other_languages() -> None:
    stage = LanguageStage(accept=("en", "de"))
    assert _run(stage, GERMAN).language == "de"


def test_helpers() -> None:
    assert detect_script(RUSSIAN)[0] == "CYRILLIC"
    assert detect_script(ENGLISH) == ("LATIN", 1.0)
    assert normalise_language("EN_us") == "en"
    assert normalise_language("English") == "en"
    assert normalise_language(None) is None


def _same(x: object, y: object) -> bool:
    import numpy as np

    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and np.array_equal(x, y)
    if isinstance(x, tuple):
        return isinstance(y, tuple) and len(x) == len(y) and all(map(_same, x, y))
    return type(x) is type(y) and x == y


def test_identifier_from_the_unpacked_cache_is_py3langids_own(tmp_path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from sitrep.stages.language import load_identifier

    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    first = load_identifier(tmp_path)  # unpacks into the cache
    assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]
    second = load_identifier(tmp_path)  # reads the cache
    for identifier in (first, second):
        for slot in LanguageIdentifier.__slots__:
            assert _same(getattr(identifier, slot), getattr(own, slot)), slot
    assert second.classify(POLISH) == own.classify(POLISH)


def test_identifier_loads_where_the_cache_cannot_be_written_or_is_damaged(tmp_path) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from sitrep.stages.language import load_identifier

    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert load_identifier(blocked / "cache").classify(GERMAN)[0] == "de"
    stat = (MODEL_DIR / MODEL_FILE).stat()
    damaged = tmp_path / f"langid-{stat.st_size}-{stat.st_mtime_ns}.npz"
    damaged.write_bytes(b"cut short")
    assert load_identifier(tmp_path).classify(GERMAN)[0] == "de"
    assert not damaged.exists()  # unpacked again on the next start
    assert load_identifier(tmp_path).classify(GERMAN)[0] == "de"
    assert damaged.stat().st_size > 1000
