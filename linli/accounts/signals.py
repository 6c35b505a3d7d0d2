"""Audit of authentication events. Django and axes announce these only through signals."""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from linli.accounts.middleware import LOGIN_STARTED_KEY
from linli.core import audit
from linli.core.choices import AuditEventType, AuditResult


def _region_path_of_username(username: str) -> str:
    user = get_user_model().objects.filter(username=username).select_related("region").first()
    return user.region.path if user is not None and user.region is not None else ""


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_STARTED_KEY] = time.time()
    audit.record(AuditEventType.LOGIN_SUCCESS, actor=user, obj=user)


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(AuditEventType.LOGOUT, actor=user, obj=user)


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        AuditEventType.LOGIN_FAILURE,
        username=username,
        result=AuditResult.FAILURE,
        region_path=_region_path_of_username(username),
    )


@receiver(user_locked_out)
def on_locked_out(
    sender: Any, request: Any, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    name = (username or "")[:150]
    audit.record(
        AuditEventType.LOCKOUT,
        username=name,
        result=AuditResult.DENIED,
        region_path=_region_path_of_username(name),
    )
