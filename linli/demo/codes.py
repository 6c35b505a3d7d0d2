"""Unified social credit codes (GB 32100-2015) for generated registered organizations."""

from __future__ import annotations

from stdnum.cn import uscc

from linli.orgs.choices import LegalForm

# Registering department 5 (civil affairs), kind (1 social group, 2 social service agency,
# 3 foundation), the registering unit's region code, the organization code (GB 11714: "MJ" and a
# serial, with its own check character) and the final check character. python-stdnum computes
# the final one (stdnum.cn.uscc); it has no module for GB 11714's, which is computed here.
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_KIND_DIGIT: dict[str, str] = {
    LegalForm.SOCIAL_GROUP: "1",
    LegalForm.SOCIAL_SERVICE_AGENCY: "2",
    LegalForm.FOUNDATION: "3",
}


def credit_code(legal_form: str, region_code: str, serial: int) -> str:
    """A valid, unique (per serial) credit code; ``serial`` < 31**6."""
    digits = []
    for _i in range(6):
        serial, rest = divmod(serial, 31)
        digits.append(_ALPHABET[rest])
    body = "MJ" + "".join(reversed(digits))
    values = [int(c, 36) for c in body]
    check = 11 - sum(v * w for v, w in zip(values, _ORG_CODE_WEIGHTS, strict=True)) % 11
    org_code = body + {10: "X", 11: "0"}.get(check, str(check))
    number = "5" + _KIND_DIGIT.get(legal_form, "1") + region_code[:6] + org_code
    return number + uscc.calc_check_digit(number)
