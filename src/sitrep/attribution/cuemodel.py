"""The packaged attribution model: cue lexicons and linear weights over candidate features.

Produced by ``scripts/train_quotes.py`` from the PolNeAR train split; loaded once per process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.attribution.pinned import checked_json, read_packaged

MODEL_FILE = "cue_model.json"
# sha256 of the packaged model file, checked on load (regenerate with scripts/train_quotes.py
# and update this pin in the same commit)
MODEL_SHA256 = "afe3a0ddd0cf741fc6d9beebe9c6651d1b64c0e16053bcd0114fcd1518ae89ea"


@dataclass(frozen=True)
class CueModel:
    """Linear scorer; ``score`` returns a probability that a candidate is an attribution."""

    version: str
    weights: dict[str, float]
    intercept: float
    threshold: float
    cue_lemmas: frozenset[str]
    noun_cues: frozenset[str]
    cue_rates: dict[str, float] = field(default_factory=dict)

    def score(self, feats: list[str]) -> float:
        w = self.weights
        z = self.intercept + sum(w.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> CueModel:
        weights = data.get("weights", {})
        lemmas = data.get("cue_lemmas", [])
        nouns = data.get("noun_cues", [])
        rates = data.get("cue_rates", {})
        assert isinstance(weights, dict) and isinstance(lemmas, list) and isinstance(nouns, list)
        assert isinstance(rates, dict)
        return cls(
            version=str(data.get("version", "0")),
            weights={str(k): float(v) for k, v in weights.items()},
            intercept=float(data.get("intercept", 0.0)),  # type: ignore[arg-type]
            threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
            cue_lemmas=frozenset(str(x) for x in lemmas),
            noun_cues=frozenset(str(x) for x in nouns),
            cue_rates={str(k): float(v) for k, v in rates.items()},
        )


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel:
    """Load the packaged model (cached per process)."""
    return parse_cue_model(read_packaged(MODEL_FILE, "attribution model"), MODEL_SHA256)


def parse_cue_model(data: bytes, sha256: str) -> CueModel:
    """Build the model from the file's bytes after checking them against the pinned hash."""
    return CueModel.from_dict(checked_json(data, sha256, "attribution model"))
