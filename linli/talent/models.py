from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.scoping import ScopedQuerySet


class TrainingMode(models.TextChoices):
    OFFLINE = "offline", _("In person")
    ONLINE = "online", _("Online")


class LeaderTraining(models.Model):
    """A person attended a training for organization leaders (000 第五条: everyone within 5 years).

    Kept against the person, not the organization: a leader of three teams is trained once."""

    person = models.ForeignKey("orgs.Person", on_delete=models.PROTECT, related_name="trainings")
    course = models.CharField(_("course"), max_length=120)
    provider = models.CharField(_("given by"), max_length=120, blank=True)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    mode = models.CharField(
        _("mode"), max_length=8, choices=TrainingMode.choices, default=TrainingMode.OFFLINE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leader training")
        verbose_name_plural = _("leader trainings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["person", "held_on"], name="training_person_date")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.course}"


class TalentQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "region_path"

    def current(self) -> TalentQuerySet:
        return self.filter(ended_on__isnull=True)


class SocialWorkTalent(models.Model):
    """A person serving a community as social-work talent (001 6: ≥ 2 per urban, ≥ 1 per rural
    community). Whether they are a certified social worker is a fact of the person."""

    person = models.ForeignKey(
        "orgs.Person", on_delete=models.PROTECT, related_name="social_work_posts"
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="social_work_talents"
    )
    region_path = models.CharField(max_length=64, editable=False, db_index=True)
    post = models.CharField(_("post"), max_length=60)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = TalentQuerySet.as_manager()

    class Meta:
        verbose_name = _("social-work talent")
        verbose_name_plural = _("social-work talents")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "region"],
                condition=models.Q(ended_on__isnull=True),
                name="talent_current_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.post}"
