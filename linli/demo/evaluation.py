"""Generated grade evaluations (demo and benchmark data): about 35 % of the generated registered
organizations were graded 1A–5A (mostly 3A) in the last seven years; a grade holds five years, so
some have expired. See linli.demo.registry."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from linli.demo.bulkload import Table
from linli.demo.draws import pick
from linli.evaluation.models import GradeEvaluation
from linli.orgs.choices import Tier

if TYPE_CHECKING:
    from linli.demo.model import GeneratedOrg
    from linli.demo.registry import Generator

GRADE = Table(
    GradeEvaluation,
    (
        "id", "organization_id", "grade", "awarded_on", "valid_until", "evaluator",
        "recorded_by_id", "created_at",
    ),
)  # fmt: skip
GRADE_WEIGHTS = ((1, 0.05), (2, 0.20), (3, 0.45), (4, 0.25), (5, 0.05))
# A little over 35 %: organizations registered within the last year cannot be graded yet.
GRADED_SHARE = 0.36
VALID_YEARS = 5
WINDOW_DAYS = 7 * 365


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _grade(rng: random.Random) -> int:
    return int(pick(rng, GRADE_WEIGHTS, 3))


def write_grades(generator: Generator, batch: list[GeneratedOrg], rng: random.Random) -> None:
    today, stamp = generator.today, generator.loader.stamp
    rows = []
    for org in batch:
        if org.tier != Tier.REGISTERED or rng.random() >= GRADED_SHARE:
            continue
        earliest = max(today - timedelta(days=WINDOW_DAYS), org.recognised_on + timedelta(days=365))
        if earliest >= today:
            continue
        awarded = earliest + timedelta(days=rng.randrange(0, (today - earliest).days))
        grade = _grade(rng)
        if org.closed_on is not None and awarded >= org.closed_on:
            continue  # it had closed by then (drawn all the same, so the others stay put)
        name = org.place.authority.name
        rows.append(
            (
                org.id,
                grade,
                awarded.isoformat(),
                years_later(awarded, VALID_YEARS).isoformat(),
                f"{name}社会组织评估委员会",
                None,
                stamp(awarded, 2 * 3600),
            )
        )
    first = generator.loader.ids(GRADE, len(rows))
    generator.loader.write(GRADE, ((first + n, *row) for n, row in enumerate(rows)))
