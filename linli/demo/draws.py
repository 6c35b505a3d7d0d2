"""Random draws the generators share."""

from __future__ import annotations

import random
from bisect import bisect
from functools import lru_cache
from itertools import accumulate
from typing import Any

# Local working hours as seconds after midnight UTC (Asia/Shanghai is UTC+8, no summer time).
CHINA_OFFSET = 8 * 3600


def weighted(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    """``rng.choices(values, weights)[0]``, the same draw without building the lists anew."""
    values, cumulative, total = _cumulative(table)
    return values[bisect(cumulative, rng.random() * total, 0, len(values) - 1)]


@lru_cache(maxsize=64)
def _cumulative(table: tuple[tuple[Any, float], ...]) -> tuple[list[Any], list[float], float]:
    cumulative = list(accumulate(w for _v, w in table))
    return [v for v, _w in table], cumulative, cumulative[-1] + 0.0


def local_seconds(rng: random.Random, start_hour: float, end_hour: float) -> int:
    """A moment between these local (China) hours, as seconds after midnight UTC (the hours
    must lie between 8 and 24 so the UTC day is the local day)."""
    return int(rng.uniform(start_hour, end_hour) * 3600) - CHINA_OFFSET


def pick(rng: random.Random, table: tuple[tuple[Any, float], ...], default: Any) -> Any:
    """A value drawn by its weight (weights summing to at most 1); ``default`` when the draw
    falls past them. One draw of ``rng``, whatever the table."""
    r, total = rng.random(), 0.0
    for value, weight in table:
        total += weight
        if r < total:
            return value
    return default
