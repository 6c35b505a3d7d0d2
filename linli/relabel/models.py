"""Bulk relabelling of the stock (004 四(三)): one run per region, one item per organization whose
suggested category or tags differ from what the registry holds."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.classify.vocabulary import TAGS_BY_CODE
from linli.core.scoping import ScopedQuerySet
from linli.orgs.choices import Category
from linli.relabel.choices import Outcome, RunState

DEFAULT_THRESHOLD = 0.85


def category_label(code: str) -> str:
    """The (translated) label of a category code; an unknown code is shown as it is."""
    return str(Category(code).label) if code in Category.values else code


def tag_names(codes: list[str]) -> list[str]:
    """Chinese names of tag codes, in the order given; unknown codes are shown as they are."""
    return [TAGS_BY_CODE[code].name if code in TAGS_BY_CODE else code for code in codes]


class RelabelRunQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "region__path"


class RelabelRun(models.Model):
    """One pass of the classifier over the active organizations of a region."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    threshold = models.FloatField(
        _("confidence threshold"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    tags_too = models.BooleanField(_("suggest tags too"), default=True)
    state = models.CharField(
        _("state"), max_length=12, choices=RunState.choices, default=RunState.RUNNING
    )
    classified_count = models.PositiveIntegerField(_("classified"), default=0)
    applied_count = models.PositiveIntegerField(_("applied automatically"), default=0)
    queued_count = models.PositiveIntegerField(_("queued for review"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    duration_seconds = models.FloatField(_("duration (seconds)"), default=0.0)

    objects = RelabelRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("relabelling run")
        verbose_name_plural = _("relabelling runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.region.name}"


class RelabelItemQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "organization__region_path"

    def queued(self) -> RelabelItemQuerySet:
        return self.filter(outcome=Outcome.QUEUED)


class RelabelItem(models.Model):
    """An organization whose suggestion differs from the registry, and what became of it."""

    run = models.ForeignKey(RelabelRun, on_delete=models.CASCADE, related_name="items")
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: The organization's version the suggestion was made against (stale check).
    org_version = models.PositiveIntegerField()
    before_category = models.CharField(max_length=20)
    before_tags = models.JSONField(default=list)
    suggested_category = models.CharField(max_length=20)
    suggested_tags = models.JSONField(default=list)
    confidence = models.FloatField()
    reasons = models.JSONField(default=list)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    #: What the registry holds after the decision (suggestion, correction, or the old values).
    final_category = models.CharField(max_length=20, blank=True)
    final_tags = models.JSONField(default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = RelabelItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("relabelling suggestion")
        verbose_name_plural = _("relabelling suggestions")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["run", "outcome"], name="relabel_item_run_outcome"),
            models.Index(fields=["organization", "outcome"], name="relabel_item_org_outcome"),
            models.Index(fields=["outcome", "final_category"], name="relabel_item_report"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.before_category} → {self.suggested_category}"

    @property
    def before_category_label(self) -> str:
        return category_label(self.before_category)

    @property
    def suggested_category_label(self) -> str:
        return category_label(self.suggested_category)

    @property
    def final_category_label(self) -> str:
        return category_label(self.final_category)

    @property
    def before_tag_names(self) -> list[str]:
        return tag_names(self.before_tags)

    @property
    def suggested_tag_names(self) -> list[str]:
        return tag_names(self.suggested_tags)

    @property
    def final_tag_names(self) -> list[str]:
        return tag_names(self.final_tags)

    @property
    def added_tag_names(self) -> list[str]:
        return tag_names([t for t in self.suggested_tags if t not in self.before_tags])

    @property
    def category_changes(self) -> bool:
        return self.suggested_category != self.before_category

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.QUEUED
