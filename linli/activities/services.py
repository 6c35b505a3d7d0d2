"""Recording activities."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.activities.models import Activity, Theme
from linli.core.errors import DomainError
from linli.orgs.choices import OrgStatus
from linli.orgs.models import Organization


@transaction.atomic
def activity_record(
    *,
    actor: User,
    org_id: int,
    title: str,
    held_on: date,
    participants: int,
    place: str = "",
    theme: str = "",
) -> Activity:
    org = Organization.objects.restrict(actor).filter(pk=org_id).first()
    if org is None:
        raise DomainError(_("That organization does not exist or is outside your jurisdiction."))
    if org.status != OrgStatus.ACTIVE:
        raise DomainError(_("Activities are recorded for active organizations only."))
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Enter what the activity was."))
    if held_on > timezone.localdate():
        raise DomainError(_("The activity date cannot be in the future."))
    if participants < 0 or participants > 100_000:
        raise DomainError(_("Enter a plausible number of participants."))
    return Activity.objects.create(
        organization=org,
        region_path=org.region_path,
        held_on=held_on,
        title=title,
        theme=Theme(theme),
        place=place.strip(),
        participants=participants,
        recorded_by=actor,
    )
