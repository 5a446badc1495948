"""Sources: where raw documents come from (files, directories, JSON Lines, stdin)."""

from sitrep.sources.files import RawDocument, iter_documents, read_meta

__all__ = ["RawDocument", "iter_documents", "read_meta"]
