"""Notifications: an inbox row now (same transaction), a copy by e-mail or SMS after commit.

The outside channel is pluggable: settings.NOTIFICATION_BACKEND names a class with
``send(recipient, title, body, url)``; the default writes to the log (console), which is what
development and tests use. A real SMS gateway implements the same method.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string

from linli.core.crypto import decrypt
from linli.core.models import Notification

logger = logging.getLogger("linli.notifications")


class ConsoleBackend:
    """Development: messages go to the log (a verification code included, so it can be typed)."""

    def send(self, recipient: Any, title: str, body: str, url: str) -> None:
        logger.info("notify %s: %s %s", getattr(recipient, "username", recipient), title, url)

    def send_sms(self, phone: str, text: str) -> None:
        logger.info("sms to %s: %s", phone[:3] + "****" + phone[-4:], text)


OUTBOX: list[tuple[str, str]] = []


class LocmemBackend(ConsoleBackend):
    """Tests: SMS kept in OUTBOX as (phone, text)."""

    def send_sms(self, phone: str, text: str) -> None:
        OUTBOX.append((phone, text))


def backend() -> Any:
    path = getattr(settings, "NOTIFICATION_BACKEND", "linli.core.notifications.ConsoleBackend")
    return import_string(path)()


def notify(recipients: Iterable[Any], *, title: str, body: str = "", url: str = "") -> int:
    people = [r for r in dict.fromkeys(recipients) if r is not None and r.is_active]
    Notification.objects.bulk_create(
        [Notification(recipient=r, title=title[:200], body=body, url=url) for r in people]
    )
    get_user_model().objects.filter(pk__in=[r.pk for r in people]).update(
        unread_notifications=F("unread_notifications") + 1
    )

    def send_copies() -> None:
        sender = backend()
        for person in people:
            try:
                sender.send(person, title, body, url)
            except Exception:  # a failed SMS must never undo or block the decision
                logger.exception("notification to %s failed", person.pk)

    transaction.on_commit(send_copies)
    return len(people)


def notify_phone(phone_encrypted: str, *, text: str) -> None:
    """An SMS to a mobile number kept encrypted (public applicants), sent after commit."""
    if not phone_encrypted:
        return

    def send() -> None:

        try:
            backend().send_sms(decrypt(phone_encrypted), text)
        except Exception:  # a failed SMS must never undo or block the decision
            logger.exception("sms failed")

    transaction.on_commit(send)


def send_sms_now(phone: str, text: str) -> None:
    """Verification codes: sent at once (nothing to roll back)."""
    backend().send_sms(phone, text)


def mark_read(user: Any, notification_ids: Iterable[int]) -> None:
    """Mark the user's notifications read and set the inbox badge to a fresh count (which also
    repairs it, should it ever have drifted)."""
    Notification.objects.filter(recipient=user, pk__in=list(notification_ids)).update(
        read_at=timezone.now()
    )
    unread = Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
    get_user_model().objects.filter(pk=user.pk).update(
        unread_notifications=Coalesce(
            Subquery(unread.values("recipient").annotate(n=Count("pk")).values("n")), 0
        )
    )
