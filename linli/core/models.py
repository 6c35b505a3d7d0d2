from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.choices import AuditEventType, AuditResult
from linli.core.roles import Role
from linli.core.scoping import ScopedQuerySet


class AuditRecordImmutable(Exception):
    """Audit rows are written once and never changed through the application."""


class AuditEventQuerySet(ScopedQuerySet):
    # An event belongs to the jurisdiction of the user who acted.
    scope_path_lookup: ClassVar[str] = "region_path"

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditRecordImmutable

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AuditRecordImmutable


class AuditEvent(models.Model):
    """One explicit security or workflow event: who did what, to which object, from where."""

    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    event_type = models.CharField(_("event"), max_length=40, choices=AuditEventType.choices)
    result = models.CharField(
        _("result"), max_length=10, choices=AuditResult.choices, default=AuditResult.SUCCESS
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    actor_role = models.CharField(_("role"), max_length=32, blank=True)
    region_path = models.CharField(max_length=64, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["event_type", "occurred_at"], name="audit_type_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.event_type} {self.actor_username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditRecordImmutable
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditRecordImmutable

    @property
    def actor_role_label(self) -> str:

        return str(Role(self.actor_role).label) if self.actor_role in Role.values else ""


class Notification(models.Model):
    """A message in a user's in-app inbox (e-mail/SMS copies go through NOTIFICATION_BACKEND)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class DeferredIndex(models.Model):
    """A secondary index a bulk load dropped (to load faster) and has not built again yet.

    Written in the same transaction as the drop and removed once the index exists again, so a
    load that is killed part-way leaves a record, and the next load or ``rebuild_rollups`` builds
    the index again (``linli.core.indexes.restore_deferred_indexes``)."""

    name = models.CharField(max_length=63, unique=True)
    definition = models.TextField()
    dropped_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
