"""Explicit audit events, written in the same transaction as the action they describe.

The request middleware puts the request id, client IP and user into a context variable so that a
service deep below a view can record an event without being handed the request.
"""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models

from linli.core.choices import AuditEventType, AuditResult
from linli.core.models import AuditEvent


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip_address: str | None
    user: Any = None


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "linli_request_context", default=None
)


def new_request_id() -> str:
    return uuid.uuid4().hex


def set_request_context(ctx: RequestContext | None) -> contextvars.Token:
    return _current.set(ctx)


def reset_request_context(token: contextvars.Token) -> None:
    _current.reset(token)


def current_request_context() -> RequestContext | None:
    return _current.get()


def record(
    event_type: AuditEventType,
    *,
    actor: Any = None,
    username: str = "",
    obj: models.Model | None = None,
    result: AuditResult = AuditResult.SUCCESS,
    detail: dict[str, Any] | None = None,
    region_path: str | None = None,
) -> AuditEvent:
    """Write one audit row. ``actor`` defaults to the user of the current request."""
    ctx = current_request_context()
    if actor is None and ctx is not None and getattr(ctx.user, "is_authenticated", False):
        actor = ctx.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    region = getattr(actor, "region", None) if actor is not None else None
    return AuditEvent.objects.create(
        event_type=event_type,
        result=result,
        actor=actor,
        actor_username=(actor.get_username() if actor is not None else username)[:150],
        actor_role=getattr(actor, "role", "") or "",
        region_path=region_path if region_path is not None else (region.path if region else ""),
        ip_address=ctx.ip_address if ctx else None,
        request_id=ctx.request_id if ctx else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        detail=detail or {},
    )
