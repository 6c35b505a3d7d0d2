from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.scoping import ScopedQuerySet


class GradeEvaluationQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "organization__region_path"

    def valid_on(self, day: object) -> GradeEvaluationQuerySet:
        return self.filter(awarded_on__lte=day, valid_until__gte=day)


class GradeEvaluation(models.Model):
    """The grade (1A–5A) a registered organization was given, and how long it holds (002 五(三):
    the 3A-and-above share is a city target)."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="grade_evaluations"
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    awarded_on = models.DateField(_("awarded on"))
    valid_until = models.DateField(_("valid until"))
    evaluator = models.CharField(_("evaluated by"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()
    objects = GradeEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("grade evaluation")
        verbose_name_plural = _("grade evaluations")
        ordering = ["-awarded_on", "-id"]
        indexes = [
            models.Index(fields=["organization", "valid_until"], name="grade_org_valid"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade__gte=1, grade__lte=5), name="grade_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("awarded_on")),
                name="grade_valid_after_award",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade}A ({self.awarded_on})"
