"""REST API (FastAPI) and the web dashboard it serves."""

from sitrep.api.app import create_app

__all__ = ["create_app"]
