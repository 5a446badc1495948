"""Packaged attribution models: read their bytes and check them against the pinned sha256."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

from sitrep.errors import SitrepError


def read_packaged(file_name: str, what: str) -> bytes:
    """The bytes of ``sitrep/data/quotes/<file_name>``; a missing file is a SitrepError."""
    try:
        return resources.files("sitrep").joinpath("data", "quotes", file_name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError) as exc:
        raise SitrepError(f"{what} missing: {exc}") from exc


def checked_json(data: bytes, sha256: str, what: str) -> Any:
    """The JSON document in ``data`` once its sha256 equals the pinned one."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise SitrepError(f"{what} hash mismatch: {digest} != pinned {sha256}")
    return json.loads(data.decode("utf-8"))
