"""Calibrated combination of the PLOVER sentence classifier and the trigger lexicon.

For every document and PLOVER type ``k`` a few evidence features are computed (the sentence
classifier's margin for ``k``; whether a shallowest lexicon trigger of the main sentence has
type ``k``; whether a deeper trigger has it; whether the ACLED lead label maps to ``k``). The
type's score is a weighted sum of its features with weights shared by all types, so even a
type with two training sentences gets the lexicon's full weight. The weights are fitted by
maximum likelihood (a conditional logit) on out-of-fold classifier margins: the classifier's
scores on its own training data would be overconfident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Feature names, in column order.
FEATURES: tuple[str, ...] = ("classifier", "trigger", "deeper_trigger", "acled_lead")
#: Weights used when no fitted combiner is packaged (roughly the fitted ones).
DEFAULT_WEIGHTS: tuple[float, ...] = (3.0, 2.0, 0.5, 0.5)


@dataclass
class Combiner:
    """``score[k] = features[:, k] @ weights``; the argmax is the type."""

    weights: np.ndarray

    def scores(self, features: np.ndarray) -> np.ndarray:
        """``features``: (n_features, n_types) -> (n_types,) scores."""
        return np.asarray(self.weights @ features)

    def save(self, path: Path) -> None:
        data = {"features": list(FEATURES), "weights": [round(float(w), 5) for w in self.weights]}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Combiner:
        data = json.loads(path.read_text(encoding="utf-8"))
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"{path}: feature set {data['features']} != {FEATURES}")
        return cls(np.asarray(data["weights"], dtype=np.float64))

    @classmethod
    def default(cls) -> Combiner:
        return cls(np.asarray(DEFAULT_WEIGHTS, dtype=np.float64))


def fit_combiner(features: np.ndarray, gold: np.ndarray, l2: float = 0.01) -> Combiner:
    """Maximum-likelihood weights. ``features``: (n_docs, n_features, n_types); ``gold``:
    (n_docs,) type indexes. A small L2 penalty keeps the fit stable."""
    from scipy.optimize import minimize

    n = features.shape[0]
    rows = np.arange(n)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = np.einsum("nfk,f->nk", features, w)
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        nll = -np.log(p[rows, gold] + 1e-12).mean() + l2 * float(w @ w)
        # gradient: E_p[f] - f_gold
        expected = np.einsum("nfk,nk->nf", features, p)
        grad = (expected - features[rows, :, gold]).mean(axis=0) + 2 * l2 * w
        return float(nll), grad

    w0 = np.asarray(DEFAULT_WEIGHTS, dtype=np.float64)
    res = minimize(loss, w0, jac=True, method="L-BFGS-B")
    return Combiner(np.asarray(res.x, dtype=np.float64))
