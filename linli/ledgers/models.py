from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UploadState(models.TextChoices):
    READY = "ready", _("Checked, waiting for confirmation")
    IMPORTING = "importing", _("Importing")
    REFUSED = "refused", _("Refused")
    IMPORTED = "imported", _("Imported")


class LedgerUpload(models.Model):
    """A ledger file between its dry run and its confirmation.

    The file itself is kept encrypted (SM4) outside the web root under a random name, belongs to
    the user who uploaded it and expires. The stored report is for display only: confirming
    parses and checks the file again and never trusts it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_uploads"
    )
    stored_name = models.CharField(max_length=64, blank=True, editable=False)
    original_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(_("size"))
    state = models.CharField(
        _("state"), max_length=12, choices=UploadState.choices, default=UploadState.READY
    )
    report = models.JSONField(default=dict, blank=True, editable=False)
    notice = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("ledger upload")
        verbose_name_plural = _("ledger uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
