"""Reads of grade evaluations."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from linli.evaluation.models import GradeEvaluation
from linli.orgs.choices import Tier


def valid_grade_filter(*, min_grade: int, day: date | None = None) -> Q:
    """Registered organizations holding a grade of at least ``min_grade`` that is valid today
    (the same rule as the indicator rollup)."""
    valid = GradeEvaluation.objects.valid_on(day or timezone.localdate()).filter(
        organization=OuterRef("pk"), grade__gte=min_grade
    )
    return Q(tier=Tier.REGISTERED) & Q(Exists(valid))


def current_grade(organization_id: int, day: date | None = None) -> GradeEvaluation | None:
    """The best grade an organization holds today, if any."""
    return (
        GradeEvaluation.objects.valid_on(day or timezone.localdate())
        .filter(organization_id=organization_id)
        .order_by("-grade", "-awarded_on")
        .first()
    )
