from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from linli.core.models import AuditEvent


def audit_events(
    *,
    user: Any,
    event_type: str = "",
    username: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.restrict(user)
    if event_type:
        events = events.filter(event_type=event_type)
    if username:
        events = events.filter(actor_username__iexact=username)
    tz = timezone.get_current_timezone()
    if since:
        events = events.filter(occurred_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        events = events.filter(occurred_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return events.order_by("-occurred_at", "-id")
