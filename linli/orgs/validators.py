"""Check digits and formats shared by forms, the API and imports (messages in Chinese)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def clean_credit_code(value: str) -> str:
    """A unified social credit code (GB 32100-2015) with a valid check character."""
    value = value.strip().upper()
    try:
        return str(uscc.validate(value))
    except StdnumError as exc:
        raise ValidationError(
            _("“%(value)s” is not a valid unified social credit code (check the 18 characters)."),
            params={"value": value},
            code="credit_code",
        ) from exc


def clean_id_number(value: str) -> str:
    """A resident identity number (GB 11643-1999): check digit and a real birth date."""
    value = value.strip().upper()
    try:
        value = str(ric.validate(value))
        birth = ric.get_birth_date(value)
    except StdnumError as exc:
        raise ValidationError(
            _("The ID number is not valid: check the 18 digits and the last character."),
            code="id_number",
        ) from exc
    if birth > date.today() or birth.year < 1900:  # noqa: DTZ011 (a calendar date)
        raise ValidationError(
            _("The birth date in the ID number is not possible."), code="id_birth"
        )
    return value


def clean_mobile(value: str) -> str:
    value = re.sub(r"[\s-]", "", value)
    if value.startswith("+86"):
        value = value[3:]
    if not MOBILE.match(value):
        raise ValidationError(_("Enter an 11-digit mainland mobile number."), code="mobile")
    return value
