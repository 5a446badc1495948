"""The one exception hierarchy of sitrep.

Library code raises these; only the CLI turns them into exit codes and the API into one JSON
error shape. Third-party errors are translated where they enter (``raise ... from exc``).
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""

    #: short machine-readable reason, used in outcomes (``failed:<code>``)
    code = "error"


class InputError(SitrepError):
    """A document or source cannot be read or decoded."""

    code = "input"


class SkipDocument(SitrepError):  # noqa: N818 - a signal, not a failure
    """A document is deliberately not analysed (empty, not English, binary...)."""

    code = "skipped"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TimeLimit(SkipDocument):
    """A document is still in analysis past its time limit (``Settings.max_seconds``)."""

    code = "skipped"


class ConfigError(SitrepError):
    """A setting is missing or invalid."""

    code = "config"


class ModelError(SitrepError):
    """An NLP model or resource cannot be loaded."""

    code = "model"


class StoreError(SitrepError):
    """The database cannot be opened or written."""

    code = "store"


class GazetteerError(SitrepError):
    """The gazetteer cannot be built, imported or queried."""

    code = "gazetteer"


class NotFound(SitrepError):  # noqa: N818
    """A requested record does not exist."""

    code = "not_found"


class Ambiguous(NotFound):
    """A name or prefix that matches several records (give more of it)."""

    code = "ambiguous"
