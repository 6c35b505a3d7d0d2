"""Measure the classifier: accuracy, confusion matrix, per-category precision and recall, tags,
confidence, speed and start-up.

Run without Django::

    python -m linli.classify.evaluate

The headline is accuracy on the ``holdout`` split from names alone (stem families never
seen in training), no-signal names excluded; they are reported on their own, by confidence.
"""

from __future__ import annotations

import csv
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .data.build_labelled import read_stems
from .dataset import DATA_DIR, Example, load_examples
from .engine import classify, classify_many, keyword_scores
from .model import load as load_model
from .vocabulary import CATEGORIES, CATEGORY_CODES

REALWORLD_PATH: Final = DATA_DIR / "realworld.tsv"
_SHORT: Final = {
    "charity": "公益慈善",
    "life_service": "生活服务",
    "community_affairs": "社区事务",
    "culture_sports": "文体活动",
}


@dataclass(frozen=True, slots=True)
class Report:
    """Accuracy and confusion matrix (rows: true category, columns: predicted)."""

    total: int
    correct: int
    matrix: tuple[tuple[int, ...], ...]
    errors: tuple[tuple[str, str, str, float], ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def per_category(report: Report) -> list[tuple[str, float, float, int]]:
    """(category, precision, recall, true count) for each category, from the confusion matrix."""
    rows = []
    for i, code in enumerate(CATEGORY_CODES):
        hit = report.matrix[i][i]
        predicted = sum(row[i] for row in report.matrix)
        actual = sum(report.matrix[i])
        rows.append(
            (code, hit / predicted if predicted else 0.0, hit / actual if actual else 0.0, actual)
        )
    return rows


def format_per_category(report: Report) -> str:
    return "\n".join(
        f"  {_SHORT[code]} precision {precision:.1%} recall {recall:.1%} (n={n})"
        for code, precision, recall, n in per_category(report)
    )


def score(pairs: Iterable[tuple[str, str, str]]) -> Report:
    """Score ``(name, scope, true_category)`` triples."""
    index = {code: i for i, code in enumerate(CATEGORY_CODES)}
    matrix = [[0] * len(CATEGORY_CODES) for _ in CATEGORY_CODES]
    errors = []
    total = correct = 0
    for name, scope, truth in pairs:
        result = classify(name, scope)
        matrix[index[truth]][index[result.category]] += 1
        total += 1
        if result.category == truth:
            correct += 1
        else:
            errors.append((name, truth, result.category, result.confidence))
    return Report(total, correct, tuple(tuple(row) for row in matrix), tuple(errors))


def evaluate(
    split: str = "holdout", *, use_scope: bool = False, examples: Sequence[Example] | None = None
) -> Report:
    """Accuracy on one split, no-signal names excluded; names alone unless ``use_scope``."""
    rows = examples if examples is not None else load_examples()
    return score(
        (e.name, e.scope if use_scope else "", e.category)
        for e in rows
        if e.split == split and not e.nosignal
    )


def realworld(*, unfamiliar_only: bool = False) -> Report:
    """Accuracy on real names quoted from public web pages (never used for tuning).

    With ``unfamiliar_only``, only the names that do not end with any hand-written stem.
    """
    with REALWORLD_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if unfamiliar_only:
        stems = [stem.text for stem in read_stems()]
        rows = [row for row in rows if not any(row["name"].endswith(s) for s in stems)]
    return score((row["name"], "", row["category"]) for row in rows)


def tag_scores(examples: Sequence[Example], split: str = "holdout") -> tuple[float, float]:
    """Micro-averaged tag precision and recall from names alone."""
    found = expected = hit = 0
    for example in examples:
        if example.split != split or example.nosignal:
            continue
        predicted = set(classify(example.name).tags)
        truth = set(example.tags)
        found += len(predicted)
        expected += len(truth)
        hit += len(predicted & truth)
    return (hit / found if found else 0.0, hit / expected if expected else 0.0)


def calibration(
    examples: Sequence[Example], split: str = "holdout"
) -> list[tuple[str, int, float]]:
    """(confidence band, count, accuracy) on one split, names alone."""
    bands = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01))
    results: list[list[bool]] = [[] for _ in bands]
    for example in examples:
        if example.split != split or example.nosignal:
            continue
        result = classify(example.name)
        for i, (low, high) in enumerate(bands):
            if low <= result.confidence < high:
                results[i].append(result.category == example.category)
    return [
        (f"{low:.2f}–{min(high, 1.0):.2f}", len(r), sum(r) / len(r) if r else 0.0)
        for (low, high), r in zip(bands, results, strict=True)
    ]


def ablation(examples: Sequence[Example], split: str = "holdout") -> tuple[float, float]:
    """Accuracy of the keyword rules alone (no keyword = wrong) and of the n-gram model alone."""
    model = load_model()
    rules_right = model_right = total = 0
    for example in examples:
        if example.split != split or example.nosignal:
            continue
        truth = CATEGORY_CODES.index(example.category)
        core, rules, found = keyword_scores(example.name)
        stats, _fired = model.scores(core)
        total += 1
        rules_right += found and rules.index(max(rules)) == truth
        model_right += stats.index(max(stats)) == truth
    return (rules_right / total, model_right / total) if total else (0.0, 0.0)


def names_per_second(names: Sequence[str], *, repeat: int = 5, rounds: int = 5) -> float:
    """Median throughput of ``classify_many`` over ``names`` repeated ``repeat`` times."""
    batch = list(names) * repeat
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        classify_many(batch)
        rates.append(len(batch) / (time.perf_counter() - start))
    return statistics.median(rates)


def startup_seconds(rounds: int = 5) -> tuple[float, float]:
    """Median wall time of a fresh interpreter that imports the engine and classifies one name,
    and of a bare interpreter, for comparison."""
    root = str(Path(__file__).resolve().parents[2])
    code = "from linli.classify.engine import classify; classify('田林街道太极拳队')"

    def run(statement: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True, cwd=root)  # noqa: S603
        return time.perf_counter() - start

    with_engine = statistics.median(run(code) for _ in range(rounds))
    bare = statistics.median(run("pass") for _ in range(rounds))
    return with_engine, bare


def format_matrix(report: Report) -> str:
    """The confusion matrix as text: rows are the true category, columns the predicted one.

    Chinese labels are four characters, eight terminal columns wide; cells are ten wide.
    """
    lines = ["真实\\预测 " + "".join("  " + _SHORT[c] for c in CATEGORY_CODES)]
    for code, row in zip(CATEGORY_CODES, report.matrix, strict=True):
        lines.append(_SHORT[code] + "  " + "".join(str(n).rjust(10) for n in row))
    return "\n".join(lines)


def _describe(label: str, report: Report) -> str:
    return f"{label}: {report.accuracy:.1%} ({report.correct}/{report.total})"


def main() -> None:
    examples = load_examples()
    out: list[str] = []
    holdout = evaluate("holdout", examples=examples)
    out.append("== Holdout (stem families never seen in training), names alone ==")
    out.append(_describe("accuracy", holdout))
    out.append(format_matrix(holdout))
    out.append(format_per_category(holdout))
    out.append(
        "errors: "
        + (
            "; ".join(f"{n} {_SHORT[t]}→{_SHORT[p]} ({c:.2f})" for n, t, p, c in holdout.errors)
            or "none"
        )
    )
    rules_alone, model_alone = ablation(examples)
    out.append(
        f"holdout ablation: keyword rules alone {rules_alone:.1%}, "
        f"n-gram model alone {model_alone:.1%}"
    )
    out.append(
        _describe(
            "holdout with scope text where given",
            evaluate("holdout", use_scope=True, examples=examples),
        )
    )
    train = evaluate("train", examples=examples)
    out.append(_describe("train (for information; the model was fitted on it)", train))
    real = realworld()
    out.append(_describe("real names from public pages (untuned, data/realworld.tsv)", real))
    out.append(
        _describe(
            "  of which names not ending with any hand-written stem",
            realworld(unfamiliar_only=True),
        )
    )
    out.append(format_matrix(real))
    out.append(format_per_category(real))
    out.append(
        "real-name errors: "
        + (
            "; ".join(f"{n} {_SHORT[t]}→{_SHORT[p]} ({c:.2f})" for n, t, p, c in real.errors)
            or "none"
        )
    )
    precision, recall = tag_scores(examples)
    out.append(f"holdout tags: precision {precision:.1%}, recall {recall:.1%}")
    out.append(
        "holdout confidence bands (count, accuracy): "
        + ", ".join(f"{band} {n} {acc:.0%}" for band, n, acc in calibration(examples))
    )
    flagged = [e for e in examples if e.nosignal]
    confidences = [classify(e.name).confidence for e in flagged]
    out.append(
        f"no-signal names: {len(flagged)}, max confidence {max(confidences):.3f}, "
        f"median {statistics.median(confidences):.3f}, "
        f"{sum(c < 0.5 for c in confidences)}/{len(flagged)} below 0.5"
    )
    rate = names_per_second([e.name for e in examples])
    out.append(
        f"speed: {rate:,.0f} names/s (one core, median of 5 runs over {len(examples) * 5} names)"
    )
    with_engine, bare = startup_seconds()
    out.append(
        f"start-up: {with_engine:.3f} s for a fresh interpreter to import and classify "
        f"one name (bare interpreter {bare:.3f} s)"
    )
    out.append("categories: " + ", ".join(f"{c} {label}" for c, label in CATEGORIES.items()))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
