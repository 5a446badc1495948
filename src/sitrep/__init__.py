"""sitrep: raw news in, an evidence-linked record of what happened and who says so out."""

from sitrep.model import Article

__version__ = "0.1.0"

__all__ = ["Article", "__version__"]
