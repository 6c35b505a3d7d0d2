"""Recording grade evaluation results; each keeps the indicator rollup current."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.core import audit, changes
from linli.core.choices import AuditEventType
from linli.core.errors import DomainError
from linli.evaluation.models import GradeEvaluation
from linli.orgs.choices import Tier
from linli.orgs.models import Organization

VALID_YEARS = 5  # 社会组织评估管理办法: a grade holds for five years


def default_valid_until(awarded_on: date) -> date:
    try:
        return awarded_on.replace(year=awarded_on.year + VALID_YEARS)
    except ValueError:  # 29 February
        return awarded_on.replace(year=awarded_on.year + VALID_YEARS, day=28)


@transaction.atomic
def grade_record(
    *,
    actor: User,
    org_id: int,
    grade: int,
    awarded_on: date,
    valid_until: date | None = None,
    evaluator: str = "",
) -> GradeEvaluation:
    """Record the grade a registered organization was given in an evaluation round."""
    org = Organization.objects.restrict(actor).select_for_update().filter(pk=org_id).first()
    if org is None:
        raise DomainError(_("That organization does not exist or is outside your jurisdiction."))
    if org.tier != Tier.REGISTERED:
        raise DomainError(_("Only registered social organizations are graded."))
    if not 1 <= grade <= 5:
        raise DomainError(_("The grade is from 1A to 5A."))
    if awarded_on > timezone.localdate():
        raise DomainError(_("The award date cannot be in the future."))
    valid_until = valid_until or default_valid_until(awarded_on)
    if valid_until < awarded_on:
        raise DomainError(_("A grade cannot expire before it is awarded."))
    evaluation = GradeEvaluation.objects.create(
        organization=org,
        grade=grade,
        awarded_on=awarded_on,
        valid_until=valid_until,
        evaluator=evaluator.strip(),
        recorded_by=actor,
    )
    changes.places_touched(org.region_path)
    audit.record(
        AuditEventType.ORG_UPDATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={"grade": grade, "awarded_on": awarded_on.isoformat()},
    )
    return evaluation
