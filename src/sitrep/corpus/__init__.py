"""Corpus-level analysis across documents: stories and the claims lined up in them."""

from sitrep.corpus.claims import line_up_claims
from sitrep.corpus.stories import ClusterParams, StoryClusterer, cluster_articles

__all__ = ["ClusterParams", "StoryClusterer", "cluster_articles", "line_up_claims"]
