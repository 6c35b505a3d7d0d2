"""Suggest a category and service-field tags for a community social organization.

``classify(name, scope="")`` combines two kinds of evidence:

1. weighted keywords (``lexicon.py``) taken from the category definitions of 004 三(一), found in
   the core of the name (after the place prefix) and, at half weight, in the business scope;
2. a small naive Bayes model over character n-grams of the core (``model.py``), trained on the
   train split of ``data/labelled.tsv``, which fills in when a name uses words the lexicon lacks.

The combined scores become probabilities with a softmax.  When no keyword at all was found the
suggestion rests on character statistics only, and its confidence is scaled down below 0.5 so
that a name like "阳光家园" is shown as uncertain rather than guessed.  Every result carries the
reasons that decided it, in Chinese, for the reviewer.

Pure standard library; the model is read once at import (a few milliseconds).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from . import model as nb
from .lexicon import CUES
from .text import normalize, split_place
from .vocabulary import CATEGORIES, CATEGORY_CODES, TAGS

#: Scope keywords count this much of their name weight, and at most SCOPE_CAP each.
SCOPE_FACTOR: Final = 0.5
SCOPE_CAP: Final = 8.0
#: Confidence multiplier when no keyword was found (statistics only): keeps it below 0.5.
NO_KEYWORD_FACTOR: Final = 0.45
#: Up to this many reasons of each kind are given.
MAX_REASONS: Final = 3


@dataclass(frozen=True, slots=True)
class Classification:
    """A suggestion: category code, confidence in [0, 1], tags and the reasons (Chinese)."""

    category: str
    confidence: float
    tags: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]


@dataclass(frozen=True, slots=True)
class _Hit:
    keyword: str
    category_index: int
    weight: float
    in_scope: bool


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching the longest keyword at each position, without overlaps."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return re.compile("|".join(re.escape(word) for word in ordered))


_INDEX: Final = {code: index for index, code in enumerate(CATEGORY_CODES)}
_CUE_TABLE: Final[dict[str, tuple[int, float]]] = {
    word: (_INDEX[category], weight) for word, category, weight in CUES
}
_CUE_RE: Final = _alternation(_CUE_TABLE)

_TAG_TABLE: Final[dict[str, tuple[str, ...]]] = {}
for _tag in TAGS:
    for _word in _tag.keywords:
        _TAG_TABLE[_word] = (*_TAG_TABLE.get(_word, ()), _tag.name)
_TAG_RE: Final = _alternation(_TAG_TABLE)
_TAG_ORDER: Final = {tag.name: index for index, tag in enumerate(TAGS)}

_MODEL: Final = nb.load()


def _hits(text: str, *, in_scope: bool) -> list[_Hit]:
    hits = []
    for match in _CUE_RE.finditer(text):
        index, weight = _CUE_TABLE[match.group()]
        if in_scope:
            weight = min(weight, SCOPE_CAP) * SCOPE_FACTOR
        hits.append(_Hit(match.group(), index, weight, in_scope))
    return hits


def _tags(*texts: str) -> tuple[tuple[str, ...], list[str]]:
    """Tags found in ``texts`` (vocabulary order) and one reason per tag."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _TAG_RE.finditer(text):
            for tag in _TAG_TABLE[match.group()]:
                found.setdefault(tag, match.group())
    ordered = sorted(found, key=_TAG_ORDER.__getitem__)
    return tuple(ordered), [f"“{found[tag]}”→标签“{tag}”" for tag in ordered]


def _softmax(scores: list[float], temperature: float) -> list[float]:
    top = max(scores)
    exps = [math.exp((score - top) / temperature) for score in scores]
    total = sum(exps)
    return [value / total for value in exps]


def _category_reasons(
    winner: int,
    hits: list[_Hit],
    fired: list[tuple[str, tuple[float, ...]]],
    rule_scores: list[float],
) -> list[str]:
    label = CATEGORIES[CATEGORY_CODES[winner]]
    reasons: list[str] = []
    seen: set[str] = set()
    for hit in sorted(
        (h for h in hits if h.category_index == winner), key=lambda h: (h.in_scope, -h.weight)
    ):
        if hit.keyword not in seen and len(reasons) < MAX_REASONS:
            seen.add(hit.keyword)
            where = "业务范围中的" if hit.in_scope else ""
            reasons.append(f"{where}“{hit.keyword}”→{label}")
    rivals = [h for h in hits if h.category_index != winner]
    if rivals:
        strongest = max(rivals, key=lambda h: h.weight)
        other = CATEGORIES[CATEGORY_CODES[strongest.category_index]]
        reasons.append(f"“{strongest.keyword}”指向{other}，但总体证据较弱")
    if not hits:
        reasons.append("名称中没有类别关键词，仅凭字面统计推测，置信度低，请人工确认")
    model_decided = rule_scores.index(max(rule_scores)) != winner or not hits
    if fired and model_decided:

        def lead(item: tuple[str, tuple[float, ...]]) -> float:
            weights = item[1]
            return weights[winner] - max(w for i, w in enumerate(weights) if i != winner)

        best = [f for f in sorted(fired, key=lead, reverse=True)[:2] if lead(f) > 0]
        if best:
            grams = "".join(nb.describe(feature) for feature, _ in best)
            reasons.append(f"字面统计（{grams}）倾向{label}")
    return reasons


def _evidence(core: str, scope_text: str) -> tuple[list[_Hit], list[float]]:
    hits = _hits(core, in_scope=False)
    if scope_text:
        hits.extend(_hits(scope_text, in_scope=True))
    scores = [0.0] * len(CATEGORY_CODES)
    for hit in hits:
        scores[hit.category_index] += hit.weight
    return hits, scores


def keyword_scores(name: str, scope: str = "") -> tuple[str, list[float], bool]:
    """The name's core, the keyword score of each category and whether any keyword was found.

    Used by ``train.py`` to fit the statistical half on top of the rules.
    """
    core = split_place(normalize(name))[1]
    hits, scores = _evidence(core, normalize(scope))
    return core, scores, bool(hits)


def classify(name: str, scope: str = "") -> Classification:
    """Suggest the category, confidence, tags and reasons for one organization."""
    core = split_place(normalize(name))[1]
    scope_text = normalize(scope)
    if not core:
        default = max(range(len(CATEGORY_CODES)), key=lambda i: _MODEL.prior[i])
        return Classification(CATEGORY_CODES[default], 0.0, (), ("名称为空，无法判断",))
    hits, rule_scores = _evidence(core, scope_text)
    model_scores, fired = _MODEL.scores(core)
    totals = [rule + stat for rule, stat in zip(rule_scores, model_scores, strict=True)]
    probabilities = _softmax(totals, _MODEL.temperature)
    winner = max(range(len(totals)), key=lambda i: (totals[i], -i))
    confidence = probabilities[winner] * (1.0 if hits else NO_KEYWORD_FACTOR)
    tags, tag_reasons = _tags(core, scope_text)
    reasons = _category_reasons(winner, hits, fired, rule_scores)
    return Classification(
        category=CATEGORY_CODES[winner],
        confidence=round(confidence, 3),
        tags=tags,
        reasons=tuple(reasons + tag_reasons),
    )


def classify_many(items: Iterable[str | tuple[str, str]]) -> list[Classification]:
    """Classify names, or ``(name, scope)`` pairs, in order."""
    results = []
    for item in items:
        if isinstance(item, str):
            results.append(classify(item))
        else:
            results.append(classify(item[0], item[1]))
    return results
