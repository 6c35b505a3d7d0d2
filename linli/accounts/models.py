from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.roles import Role
from linli.core.scoping import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "region__path"


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A staff member or organization leader, bound to one region."""

    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The inbox badge on every page, kept by linli.core.notifications so that no page counts.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login", "unread_notifications"])
    objects = ScopedUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.username})" if self.full_name else self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The unread counter changes only through UPDATE … SET n = n + 1 (notify) and a recount
        # (the inbox); saving a user read earlier must not write back a stale number.
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            skipped = {"unread_notifications", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname not in skipped and f.name not in skipped
            ]
        super().save(*args, **kwargs)

    @property
    def is_national_admin(self) -> bool:
        return self.role == Role.ADMIN and self.region_id is None

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def password_expired(self) -> bool:
        max_age = settings.PASSWORD_MAX_AGE_DAYS
        if not max_age or self.password_changed_at is None:
            return False
        return (timezone.now() - self.password_changed_at).days >= max_age


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "user__region__path"

    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal token for integrations. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
