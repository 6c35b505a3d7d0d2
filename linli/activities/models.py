from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import ScopedQuerySet


class Theme(models.TextChoices):
    """The themed series of 004 四(二); most activities belong to none."""

    NONE = "", _("No series")
    NEIGHBOURHOOD_WATCH = "neighbourhood_watch", _("Neighbourhood watch")
    CO_GOVERNANCE = "co_governance", _("Co-building, co-governance, sharing")
    SAFETY = "safety", _("Peace and safety together")
    CULTURE = "culture", _("Culture forging the soul")


class ActivityQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "region_path"


class Activity(models.Model):
    """One activity an organization held: what, when, where and for how many people.

    The largest table of the platform (tens of millions of rows nationally), so it carries the
    organization's region path for scoping without a join, and no change history: an activity is
    recorded once and corrected by its recorder."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="activities"
    )
    region_path = models.CharField(max_length=64, editable=False)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("activity"), max_length=120)
    theme = models.CharField(
        _("themed series"), max_length=24, choices=Theme.choices, blank=True, default=""
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["organization", "held_on"], name="activity_org_date"),
            models.Index(fields=["region_path", "held_on"], name="activity_scope_date"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"
