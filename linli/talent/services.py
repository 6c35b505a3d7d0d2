"""Writes for leader training and social-work talent; each keeps the indicator rollup current."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.core import audit, changes
from linli.core.choices import AuditEventType
from linli.core.errors import DomainError
from linli.core.scoping import ensure_in_scope
from linli.orgs.choices import PersonRole
from linli.orgs.models import Membership, Organization
from linli.orgs.services import PersonData, person_upsert
from linli.regions.choices import RegionLevel
from linli.regions.models import Region
from linli.talent.models import LeaderTraining, SocialWorkTalent, TrainingMode


def _check_day(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("%(what)s cannot be in the future.") % {"what": what})


@transaction.atomic
def leader_training_record(
    *,
    actor: User,
    org_id: int,
    course: str,
    held_on: date,
    hours: Decimal,
    provider: str = "",
    mode: str = TrainingMode.OFFLINE,
) -> list[LeaderTraining]:
    """Record that the current responsible people of an organization attended a training."""
    org = Organization.objects.restrict(actor).filter(pk=org_id).first()
    if org is None:
        raise DomainError(_("That organization does not exist or is outside your jurisdiction."))
    course = " ".join(course.split())
    if not course:
        raise DomainError(_("Enter the course."))
    _check_day(held_on, _("The training date"))
    if hours < 0 or hours > 200:
        raise DomainError(_("Hours must be between 0 and 200."))
    leaders = list(
        Membership.objects.current()
        .filter(organization=org, role=PersonRole.RESPONSIBLE)
        .select_related("person")
    )
    if not leaders:
        raise DomainError(_("The organization has no current responsible person to record."))
    records = [
        LeaderTraining.objects.create(
            person=m.person,
            course=course,
            provider=provider.strip(),
            held_on=held_on,
            hours=hours,
            mode=TrainingMode(mode),
            recorded_by=actor,
        )
        for m in leaders
    ]
    paths = set(
        Membership.objects.current()
        .filter(person__in=[m.person_id for m in leaders])
        .values_list("organization__region_path", flat=True)
    )
    changes.places_touched(*paths)
    audit.record(
        AuditEventType.PERSON_UPDATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={"training": course, "held_on": held_on.isoformat(), "people": len(records)},
    )
    return records


@transaction.atomic
def talent_post_add(
    *, actor: User, region_code: str, person: PersonData, post: str, started_on: date
) -> SocialWorkTalent:
    """Register a person as social-work talent serving a community (or a street)."""
    region = Region.objects.restrict(actor).filter(code=region_code.strip()).first()
    if region is None or region.level not in (RegionLevel.COMMUNITY, RegionLevel.STREET):
        raise DomainError(_("Choose a community or street inside your jurisdiction."))
    ensure_in_scope(actor, region.path)
    post = " ".join(post.split())
    if not post:
        raise DomainError(_("Enter the post."))
    _check_day(started_on, _("The start date"))
    name = " ".join(person.full_name.split())
    current = SocialWorkTalent.objects.current().filter(region=region)
    if not person.id_number and current.filter(person__full_name=name).exists():
        # Without an ID number a person cannot be matched; the same name in the same
        # community is taken as the same person rather than counted twice.
        raise DomainError(
            _("%(name)s already serves %(region)s.") % {"name": name, "region": region.name}
        )
    record = person_upsert(data=person)
    if current.filter(person=record).exists():
        raise DomainError(
            _("%(name)s already serves %(region)s.") % {"name": record, "region": region.name}
        )
    talent = SocialWorkTalent.objects.create(
        person=record, region=region, region_path=region.path, post=post, started_on=started_on
    )
    changes.places_touched(region.path)
    audit.record(
        AuditEventType.PERSON_UPDATE,
        actor=actor,
        obj=region,
        region_path=region.path,
        detail={"talent_added": talent.pk, "person": record.pk, "post": post},
    )
    return talent


@transaction.atomic
def talent_post_end(*, actor: User, talent_id: int) -> SocialWorkTalent:
    talent = (
        SocialWorkTalent.objects.restrict(actor)
        .select_for_update()
        .filter(pk=talent_id, ended_on__isnull=True)
        .first()
    )
    if talent is None:
        raise DomainError(_("That post has already ended or does not exist."))
    talent.ended_on = timezone.localdate()
    talent.save(update_fields=["ended_on"])
    changes.places_touched(talent.region_path)
    audit.record(
        AuditEventType.PERSON_UPDATE,
        actor=actor,
        obj=talent.region,
        region_path=talent.region_path,
        detail={"talent_ended": talent.pk, "person": talent.person_id},
    )
    return talent
