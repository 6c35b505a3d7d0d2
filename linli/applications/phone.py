"""Proving a mobile number by a one-time code: how a team leader without an account files.

Codes: 6 digits, valid 10 minutes, 5 tries; at most one code a minute and 10 a day per number,
and 30 a day per address (the table of sent codes is the counter, so the limits hold across
processes). The number is stored only as its blind index and the code only as a hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.applications.models import PhoneVerification
from linli.applications.services import PublicApplicant
from linli.core import crypto
from linli.core.errors import DomainError
from linli.core.notifications import send_sms_now
from linli.orgs.validators import clean_mobile

CODE_MINUTES = 10
MAX_ATTEMPTS = 5
RESEND_SECONDS = 60
PER_PHONE_PER_DAY = 10
PER_IP_PER_DAY = 30


class RateLimited(DomainError):
    status_code = 429


def _hash(code: str, phone_index: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{phone_index}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def _phone(raw: str) -> str:
    try:
        return clean_mobile(raw)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc


def send_code(*, phone: str, ip_address: str | None) -> None:
    phone = _phone(phone)
    index = crypto.blind_index(phone)
    now = timezone.now()
    day = PhoneVerification.objects.filter(created_at__gte=now - timedelta(days=1))
    last = day.filter(phone_index=index).first()
    if last is not None and (now - last.created_at).total_seconds() < RESEND_SECONDS:
        raise RateLimited(_("A code was just sent. Wait a minute before asking for another."))
    if day.filter(phone_index=index).count() >= PER_PHONE_PER_DAY or (
        ip_address and day.filter(ip_address=ip_address).count() >= PER_IP_PER_DAY
    ):
        raise RateLimited(_("Too many codes today. Try again tomorrow."))
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneVerification.objects.create(
        phone_index=index, code_hash=_hash(code, index), ip_address=ip_address
    )
    send_sms_now(
        phone,
        _("Your Linli verification code is %(code)s, valid for %(m)d minutes.")
        % {"code": code, "m": CODE_MINUTES},
    )


def check_code(*, phone: str, code: str) -> PublicApplicant:
    """Each wrong try is counted at once (not rolled back with the refusal); a right code is
    used up by a conditional update, so two requests cannot both use it."""
    phone = _phone(phone)
    index = crypto.blind_index(phone)
    pending = PhoneVerification.objects.filter(
        phone_index=index,
        used_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        created_at__gte=timezone.now() - timedelta(minutes=CODE_MINUTES),
    ).first()
    wrong = _("The code is wrong or has expired. Ask for a new one if needed.")
    if pending is None:
        raise DomainError(wrong)
    if not hmac.compare_digest(pending.code_hash, _hash(code.strip(), index)):
        PhoneVerification.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1)
        raise DomainError(wrong)
    used = PhoneVerification.objects.filter(pk=pending.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not used:
        raise DomainError(wrong)
    return PublicApplicant(
        phone_index=index,
        phone_masked=crypto.mask_phone(phone),
        phone_encrypted=crypto.encrypt(phone),
    )
