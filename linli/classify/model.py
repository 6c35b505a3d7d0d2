"""The statistical half of the classifier: multinomial naive Bayes over character n-grams.

Features are the characters, character pairs and the last one and two characters of a name's
core (the part after the place prefix).  ``train.py`` fits the model on the ``train`` split of
``data/labelled.tsv`` only and writes ``data/model.json``; this module reads it with the
standard library.  Weights are stored centred per feature (log P(f|c) minus its mean over the
categories), so an unseen feature simply contributes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from .vocabulary import CATEGORY_CODES

MODEL_PATH: Final = Path(__file__).resolve().parent / "data" / "model.json"
FORMAT_VERSION: Final = 1


def features(core: str) -> list[str]:
    """Character unigrams and bigrams of ``core`` plus its one- and two-character ending."""
    grams = list(core)
    grams.extend(core[i : i + 2] for i in range(len(core) - 1))
    if core:
        grams.append("$" + core[-1:])
        grams.append("$" + core[-2:])
    return grams


def describe(feature: str) -> str:
    """Human-readable Chinese for a feature: “拳队” or 结尾“队”."""
    if feature.startswith("$"):
        return f"结尾“{feature[1:]}”"
    return f"“{feature}”"


@dataclass(frozen=True, slots=True)
class NaiveBayes:
    """Centred log-likelihood weights per feature and category, plus the scoring settings.

    ``beta`` scales the model's votes against the keyword rules; ``temperature`` turns the
    combined score into probabilities.  Both were chosen by grouped cross-validation on the
    train split (see ``train.py``).
    """

    weights: dict[str, tuple[float, ...]] = field(default_factory=dict)
    prior: tuple[float, ...] = (0.0,) * len(CATEGORY_CODES)
    beta: float = 0.0
    temperature: float = 4.0
    meta: dict[str, object] = field(default_factory=dict)

    def scores(self, core: str) -> tuple[list[float], list[tuple[str, tuple[float, ...]]]]:
        """Per-category log-odds (already scaled by ``beta``) and the features that fired."""
        # Unrolled for the four categories of 004 (checked in ``load``): this is the hot loop.
        s0, s1, s2, s3 = self.prior
        fired: list[tuple[str, tuple[float, ...]]] = []
        lookup = self.weights.get
        for feature in features(core):
            weight = lookup(feature)
            if weight is not None:
                fired.append((feature, weight))
                s0 += weight[0]
                s1 += weight[1]
                s2 += weight[2]
                s3 += weight[3]
        beta = self.beta
        return [beta * s0, beta * s1, beta * s2, beta * s3], fired

    def to_json(self) -> dict[str, object]:
        return {
            "version": FORMAT_VERSION,
            "categories": list(CATEGORY_CODES),
            "beta": self.beta,
            "temperature": self.temperature,
            "prior": [round(value, 4) for value in self.prior],
            "meta": self.meta,
            "weights": {f: [round(v, 3) for v in w] for f, w in sorted(self.weights.items())},
        }


def load(path: Path = MODEL_PATH) -> NaiveBayes:
    """Read a model file; a missing file gives an empty model (rules only)."""
    if not path.exists():
        return NaiveBayes()
    raw = json.loads(path.read_text(encoding="utf-8"))
    if (
        raw.get("version") != FORMAT_VERSION
        or raw.get("categories") != list(CATEGORY_CODES)
        or len(CATEGORY_CODES) != 4
    ):
        raise ValueError(f"{path}: incompatible model file")
    return NaiveBayes(
        weights={f: tuple(w) for f, w in raw["weights"].items()},
        prior=tuple(raw["prior"]),
        beta=float(raw["beta"]),
        temperature=float(raw["temperature"]),
        meta=dict(raw.get("meta", {})),
    )
