"""Layered settings and their documentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.settings import SETTINGS, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('workers = 3\nbatch_size = 7\ndb = "sqlite:///file.db"\n')
    monkeypatch.setenv("SITREP_BATCH_SIZE", "9")
    s = load_settings({"db": "sqlite:///flag.db"}, path=cfg)
    assert s.workers == 3  # file
    assert s.batch_size == 9  # env beats file
    assert s.db == "sqlite:///flag.db"  # flag beats all


def test_invalid_setting_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings({"workers": 0}, path=tmp_path / "none.toml")


def test_every_setting_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _default, _help in SETTINGS:
        assert f"`{name}`" in readme, name
