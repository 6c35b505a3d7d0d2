from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.applications.choices import OPEN_STATES, ApplicationKind, ApplicationState, EventAction
from linli.core.scoping import ScopedQuerySet


class ApplicationQuerySet(ScopedQuerySet):
    # An application lives where the organization is (or will be).
    scope_path_lookup: ClassVar[str] = "region_path"


class Application(models.Model):
    """One online application: registration, filing, recording, amendment, deregistration or
    cancellation of filing. ``proposed`` holds what the applicant asks for (organization fields
    and people, personal numbers encrypted); approval applies it to the registry."""

    kind = models.CharField(_("kind"), max_length=24, choices=ApplicationKind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    region_path = models.CharField(max_length=64, editable=False)
    reviewing_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("reviewing unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("organization name"), max_length=200)
    proposed: models.JSONField[Any] = models.JSONField(_("proposed data"), default=dict)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant_name = models.CharField(_("applicant"), max_length=60, blank=True)
    applicant_phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    applicant_phone_masked = models.CharField(max_length=11, blank=True)
    applicant_phone_encrypted = models.TextField(blank=True, editable=False)
    commitment_signed_at = models.DateTimeField(
        _("truthfulness commitment signed"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_on = models.DateField(_("review due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    # 16 hex digits (64 bits) since 2026-12; codes of 8 printed before stay valid.
    certificate_code = models.CharField(
        _("certificate verification code"), max_length=16, blank=True, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["proposed"])
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["region_path", "state", "due_on"], name="app_queue"),
            # A jurisdiction's newest applications: their ids are read from this index alone.
            models.Index(fields=["region_path", "id"], name="app_scope_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.title}"

    @property
    def certificate_code_display(self) -> str:
        """The code in groups of four (ABCD-EF01-2345-6789), easier to read out and type."""
        code = self.certificate_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    @property
    def is_overdue(self) -> bool:
        return (
            self.state in OPEN_STATES
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class ApplicationEvent(models.Model):
    """One step of the workflow: who did what, from which state to which, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24, choices=EventAction.choices)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    detail: models.JSONField[Any] = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"


class Attachment(models.Model):
    """A material uploaded with an application, stored outside the web root under a random name
    and served only through a permission-checking view."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    material = models.CharField(_("material"), max_length=32)
    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class FilingRule(models.Model):
    """Criteria a mass activity team must meet to be filed, set for a region and everything
    below it (the nearest rule up the tree applies; without one, Shanghai's defaults)."""

    region = models.OneToOneField(
        "regions.Region", on_delete=models.CASCADE, related_name="filing_rule"
    )
    min_members = models.PositiveSmallIntegerField(_("minimum fixed members"), default=10)
    require_responsible_person = models.BooleanField(
        _("a responsible person is required"), default=True
    )
    require_activity_content = models.BooleanField(_("activity content is required"), default=True)
    require_time_and_place = models.BooleanField(
        _("a fixed time and place are required"), default=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team filing rule")
        verbose_name_plural = _("team filing rules")

    def __str__(self) -> str:
        return f"{self.region} ≥{self.min_members}"


class PhoneVerification(models.Model):
    """A one-time code sent to a mobile number so that someone without an account can file.

    The number is kept only as its blind index; the code only as a hash. Rows also serve the
    rate limits (per number and per address)."""

    phone_index = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.phone_index[:8]} {self.created_at:%Y-%m-%d %H:%M}"
