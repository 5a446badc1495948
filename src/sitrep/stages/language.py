"""Language stage: set ``Article.language`` and skip documents that are not in English.

A script count settles texts written mostly in a non-Latin script (Cyrillic, CJK, Arabic...);
Latin-script texts go to py3langid (langid.py's model, about 5 MB, offline). Metadata wins when
it names a language; short or unclear texts are never skipped on a guess.
"""

from __future__ import annotations

import contextlib
import lzma
import os
import re
import shutil
import unicodedata
import zipfile
from array import array
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ModelError, SkipDocument
from sitrep.stages.base import Analysis

if TYPE_CHECKING:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

__all__ = ["LanguageStage", "detect_script", "load_identifier", "normalise_language"]

_LETTER_RE = re.compile(r"[^\W\d_]")
# Unicode name prefixes of scripts, and the language a script alone implies where it does
_SCRIPTS = {
    "CYRILLIC": "ru",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "ETHIOPIC": "am",
}


def detect_script(text: str, sample: int = 4000) -> tuple[str, float]:
    """The dominant script of the letters in ``text`` (``LATIN``, ``CYRILLIC``, ``CJK``, ...)
    and its share of the letters; ``("", 0.0)`` when there are no letters."""
    counts: Counter[str] = Counter()
    for ch in _LETTER_RE.findall(text[:sample]):
        if ch.isascii():
            counts["LATIN"] += 1
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0]
        counts["CJK" if script in ("CJK", "IDEOGRAPHIC") else script] += 1
    total = sum(counts.values())
    if not total:
        return "", 0.0
    script, n = counts.most_common(1)[0]
    return script, n / total


def normalise_language(value: Any) -> str | None:
    """``"en"`` from ``"en"``, ``"EN"``, ``"en-GB"``, ``"en_US"``, ``"eng"`` or ``"English"``."""
    if not value or not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return {"eng": "en", "english": "en"}.get(code, code) or None


class LanguageStage:
    """Detect the language of ``article.text``; raise ``SkipDocument("language:xx")`` unless it
    is one of ``accept`` (English by default)."""

    name = "language"

    def __init__(
        self,
        *,
        accept: tuple[str, ...] = ("en",),
        min_words: int = 12,
        min_confidence: float = 0.9,
        sample_chars: int = 3000,
    ) -> None:
        self._identifier = load_identifier()
        self.accept = tuple(accept)
        self.min_words = min_words
        self.min_confidence = min_confidence
        self.sample_chars = sample_chars

    def detect(self, text: str) -> tuple[str | None, float]:
        """``(language, confidence)`` of ``text``; ``(None, 0.0)`` when it has too few words."""
        sample = text[: self.sample_chars]
        script, share = detect_script(sample)
        if script and script != "LATIN" and share >= 0.6:
            lang, prob = self._classify(sample)
            implied = _SCRIPTS.get(script)
            # langid tells apart languages sharing a script (ru/uk/bg); trust the script otherwise
            if implied is None or _script_of_language(lang) == script:
                return lang, max(prob, share)
            return implied, share
        if len(sample.split()) < self.min_words:
            return None, 0.0
        return self._classify(sample)

    def _classify(self, sample: str) -> tuple[str, float]:
        lang, prob = self._identifier.classify(sample)
        return str(lang), float(prob)

    def __call__(self, analysis: Analysis) -> Analysis:
        article = analysis.article
        raw = analysis.raw
        declared = normalise_language(article.language) or normalise_language(
            raw.meta.get("language") if raw is not None else None
        )
        if declared:
            article.language = declared
        else:
            lang, confidence = self.detect(article.text)
            # an unclear guess is analysed as the first accepted language, not skipped
            confident = lang is not None and confidence >= self.min_confidence
            article.language = lang if confident else self.accept[0]
        if article.language not in self.accept:
            raise SkipDocument(f"language:{article.language}")
        return analysis


_TYPECODES = {2: "H", 4: "I", 8: "L"}


def _stdlib_array(values: np.ndarray) -> array[int]:
    """An unsigned integer array as the stdlib ``array`` py3langid's tokenizer walks."""
    import numpy as np

    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _read_unpacked(path: Path) -> LanguageIdentifier:
    """py3langid's identifier from its model file unpacked (an ``.npz``), built as
    ``LanguageIdentifier.from_model_file`` builds it (probabilities normalised)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    with np.load(path, allow_pickle=False) as data:
        return LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _stdlib_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_stdlib_array(data["nextmove_row"]),
        )


def load_identifier(cache: Path | None = None) -> LanguageIdentifier:
    """py3langid's language identifier, probabilities normalised.

    Its model ships LZMA-packed, and unpacking it took about 0.5 s of CPU in every process
    that starts (each worker too). The unpacked model is kept once in ``cache`` (default the
    cache directory, ``$XDG_CACHE_HOME/sitrep``), named after the packed file's size and
    time, and read from there (a few milliseconds); where the cache cannot be written, the
    model is unpacked as before.
    """
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ModelError("py3langid is not installed") from exc
    from sitrep.settings import cache_dir

    packed = Path(MODEL_DIR) / MODEL_FILE
    unpacked: Path | None = None
    try:
        stat = packed.stat()
        unpacked = (cache or cache_dir()) / f"langid-{stat.st_size}-{stat.st_mtime_ns}.npz"
        if not unpacked.is_file():
            unpacked.parent.mkdir(parents=True, exist_ok=True)
            part = unpacked.with_name(f"{unpacked.name}.{os.getpid()}.part")
            with lzma.open(packed) as src, part.open("wb") as dst:
                shutil.copyfileobj(src, dst, length=1 << 20)
            os.replace(part, unpacked)  # whole or not at all, also with several workers
        return _read_unpacked(unpacked)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, lzma.LZMAError):
        if unpacked is not None:  # a damaged copy is unpacked again next time
            with contextlib.suppress(OSError):
                unpacked.unlink(missing_ok=True)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_LANGUAGE_SCRIPTS = {
    "CYRILLIC": {"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"},
    "CJK": {"zh", "ja"},
    "ARABIC": {"ar", "fa", "ur", "ps", "ug", "ku"},
    "HEBREW": {"he", "yi"},
    "DEVANAGARI": {"hi", "mr", "ne"},
}


def _script_of_language(lang: str) -> str | None:
    return next((s for s, langs in _LANGUAGE_SCRIPTS.items() if lang in langs), None)
