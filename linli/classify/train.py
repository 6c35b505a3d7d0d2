"""Fit the naive Bayes half of the classifier and write ``data/model.json``.

Only the ``train`` split of ``data/labelled.tsv`` is used, without the no-signal names.  The
smoothing and the model's weight against the keyword rules (``beta``) are chosen by 5-fold
cross-validation *grouped by stem family* inside the train split, so that the choice is judged
on stems the fold did not see — the same way the holdout is built.

The softmax temperature is *not* fitted: the synthetic names are cleaner than real ones, and a
temperature fitted on them (about 1.5) makes one weak keyword look certain.  It is fixed at 4.0,
which maps the lexicon's weight scale to confidences a reviewer can read: a lone keyword of
weight 4 gives about 0.5, 8 about 0.7, 12 about 0.87, and a decisive 20 about 0.98.  Run::

    python -m linli.classify.train
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .data.build_labelled import family_of, read_stems
from .dataset import Example, load_examples
from .engine import NO_KEYWORD_FACTOR, keyword_scores
from .model import MODEL_PATH, NaiveBayes, features
from .vocabulary import CATEGORY_CODES

FOLDS: Final = 5
ALPHAS: Final = (0.1, 0.3, 0.5, 1.0)
BETAS: Final = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
TEMPERATURE: Final = 4.0


@dataclass(frozen=True, slots=True)
class Item:
    """A train example reduced to what fitting needs."""

    core: str
    label: int
    rules: tuple[float, ...]
    keyword_found: bool
    fold: int


def fit(cores: Sequence[str], labels: Sequence[int], alpha: float) -> NaiveBayes:
    """Multinomial naive Bayes with additive smoothing; weights centred per feature."""
    k = len(CATEGORY_CODES)
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    totals = [0.0] * k
    for core, label in zip(cores, labels, strict=True):
        for feature in features(core):
            counts[feature][label] += 1
            totals[label] += 1
    vocabulary = len(counts)
    weights: dict[str, tuple[float, ...]] = {}
    for feature, row in counts.items():
        logs = [math.log((row[c] + alpha) / (totals[c] + alpha * vocabulary)) for c in range(k)]
        mean = sum(logs) / k
        weights[feature] = tuple(value - mean for value in logs)
    frequency = Counter(labels)
    priors = [math.log((frequency[c] + 1) / (len(labels) + k)) for c in range(k)]
    mean_prior = sum(priors) / k
    return NaiveBayes(weights=weights, prior=tuple(p - mean_prior for p in priors))


def _with(model: NaiveBayes, beta: float, temperature: float = TEMPERATURE) -> NaiveBayes:
    return NaiveBayes(model.weights, model.prior, beta, temperature, model.meta)


def _softmax(scores: Sequence[float], temperature: float) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / temperature) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _stem_of(name: str, stems: Sequence[str]) -> str:
    matches = [stem for stem in stems if name.endswith(stem)]
    return max(matches, key=len) if matches else name


def _fold_of(stem: str) -> int:
    return int.from_bytes(hashlib.sha256(stem.encode()).digest()[:4], "big") % FOLDS


def prepare(examples: Sequence[Example]) -> list[Item]:
    stems = [stem.text for stem in read_stems()]
    items = []
    for example in examples:
        core, rules, found = keyword_scores(example.name)
        items.append(
            Item(
                core,
                CATEGORY_CODES.index(example.category),
                tuple(rules),
                found,
                _fold_of(family_of(_stem_of(example.name, stems), stems)),
            )
        )
    return items


def _combined(model: NaiveBayes, item: Item) -> list[float]:
    stats, _fired = model.scores(item.core)
    return [rule + stat for rule, stat in zip(item.rules, stats, strict=True)]


def cross_validate(items: Sequence[Item]) -> dict[str, float]:
    """Pick alpha and beta by grouped-CV accuracy (log-loss breaks ties)."""
    best: tuple[float, float, float, float] | None = None
    out_of_fold: dict[tuple[float, float], list[tuple[list[float], Item]]] = {}
    for alpha in ALPHAS:
        for fold in range(FOLDS):
            train = [i for i in items if i.fold != fold]
            model = fit([i.core for i in train], [i.label for i in train], alpha)
            for beta in BETAS:
                scored = out_of_fold.setdefault((alpha, beta), [])
                tuned = _with(model, beta)
                scored.extend((_combined(tuned, i), i) for i in items if i.fold == fold)
    for (alpha, beta), scored in out_of_fold.items():
        correct = sum(1 for s, i in scored if s.index(max(s)) == i.label)
        loss = -sum(math.log(max(_softmax(s, TEMPERATURE)[i.label], 1e-9)) for s, i in scored)
        key = (correct / len(scored), -loss / len(scored), alpha, beta)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        raise ValueError("no training examples")
    accuracy, _, alpha, beta = best
    scored = out_of_fold[alpha, beta]

    loss = 0.0
    for s, i in scored:
        p = _softmax(s, TEMPERATURE)[i.label]
        if not i.keyword_found:
            p *= NO_KEYWORD_FACTOR
        loss -= math.log(max(p, 1e-9))
    return {
        "alpha": alpha,
        "beta": beta,
        "temperature": TEMPERATURE,
        "cv_accuracy": round(accuracy, 4),
        "cv_log_loss": round(loss / len(scored), 4),
    }


def main() -> None:
    train = [e for e in load_examples() if e.split == "train" and not e.nosignal]
    items = prepare(train)
    chosen = cross_validate(items)
    model = fit([i.core for i in items], [i.label for i in items], chosen["alpha"])
    meta: dict[str, object] = {
        "trained_on": f"labelled.tsv split=train ({len(items)} rows)",
        "folds": FOLDS,
        **chosen,
    }
    final = NaiveBayes(model.weights, model.prior, chosen["beta"], chosen["temperature"], meta)
    MODEL_PATH.write_text(
        json.dumps(final.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    sys.stdout.write(
        f"{json.dumps(meta, ensure_ascii=False)}\nfeatures {len(final.weights)} -> {MODEL_PATH}\n"
    )


if __name__ == "__main__":
    main()
