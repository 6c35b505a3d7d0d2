"""TOTP second factor (django-otp): who must use it, enrolment, verification, reset."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.accounts.models import User
from linli.core import audit
from linli.core.choices import AuditEventType, AuditResult
from linli.core.errors import DomainError
from linli.core.types import AuthedRequest

DEVICE_NAME = "authenticator"


def required_for(user: Any) -> bool:
    return getattr(user, "role", "") in settings.SECOND_FACTOR_REQUIRED_ROLES


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_step(request: HttpRequest) -> str | None:
    """ "verify" when a signed-in user has a device but has not used it in this session,
    "setup" when their role requires one and they have none, else None."""
    # Asked by the middleware and again by the navigation: answer once per request.
    if not hasattr(request, "_linli_pending_step"):
        request._linli_pending_step = _pending_step(request)  # type: ignore[attr-defined]
    step: str | None = getattr(request, "_linli_pending_step")  # noqa: B009
    return step


def _pending_step(request: HttpRequest) -> str | None:
    user = request.user
    if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr,attr-defined]
        return None
    if confirmed_device(user) is not None:
        return "verify"
    return "setup" if required_for(user) else None


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up (a new secret each time enrolment starts over)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def enrolment_qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, micro=False).svg_inline(scale=4))


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(token: str) -> str:
    token = "".join(token.split())
    if not (token.isdigit() and len(token) == 6):
        raise DomainError(_("Enter the 6-digit code shown in your authenticator app."))
    return token


@transaction.atomic
def totp_enrol_confirm(*, request: AuthedRequest, token: str) -> TOTPDevice:
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError(_("Start the set-up again: the code you scanned has expired."))
    if not device.verify_token(_clean(token)):
        raise DomainError(_("The code is not correct. Check the time on your phone and try again."))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    otp_login(request, device)
    audit.record(AuditEventType.OTP_ENROL, actor=user, obj=user)
    return device


def totp_verify(*, request: AuthedRequest, token: str) -> None:
    device = confirmed_device(request.user)
    if device is None:
        raise DomainError(_("You have no authenticator set up."))
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise DomainError(_("Too many wrong codes. Wait a minute and try again."))
    if not device.verify_token(_clean(token)):
        audit.record(AuditEventType.OTP_FAILURE, result=AuditResult.FAILURE, obj=request.user)
        raise DomainError(_("The code is not correct. Check the time on your phone and try again."))
    otp_login(request, device)


@transaction.atomic
def totp_reset(*, actor: User, user: User) -> None:
    """Remove a user's devices (lost phone); they enrol again at the next sign-in if required."""
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(AuditEventType.OTP_RESET, actor=actor, obj=user)
