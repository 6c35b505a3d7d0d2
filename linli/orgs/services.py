"""Every write to the registry: organizations, their tags, people and roles.

Applications (linli.applications) and imports call these same functions, so a filing approved in
the browser, through the API or from an Excel ledger goes through one set of rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import ric

from linli.accounts.models import User
from linli.classify.vocabulary import TAGS
from linli.core import audit, crypto, rollups
from linli.core.choices import AuditEventType
from linli.core.concurrency import bump_version, lock_current
from linli.core.errors import DomainError
from linli.core.scoping import ensure_in_scope
from linli.core.validators import MESSAGE as CONTROL_MESSAGE
from linli.core.validators import has_control_characters
from linli.orgs.choices import OrgStatus, PersonRole, Tier
from linli.orgs.facts import key_of
from linli.orgs.models import Honour, Membership, Organization, OrganizationTag, Person
from linli.orgs.search import initials_of, tokens_for
from linli.orgs.validators import clean_credit_code, clean_id_number, clean_mobile
from linli.regions.choices import RegionLevel
from linli.regions.models import Region

TAG_CODES = frozenset(tag.code for tag in TAGS)

# Fields of Organization that OrganizationData carries, in form order.
ORG_FIELDS = (
    "name", "tier", "category", "legal_form", "credit_code", "hub_type", "address",
    "founded_on", "member_count", "business_scope", "activity_time", "activity_place",
    "supervisory_unit", "party_building", "party_member_count", "charter",
)  # fmt: skip


@dataclass
class OrganizationData:
    """What a form, the API, an application or an import row says about an organization."""

    name: str
    tier: str
    category: str
    region: Region
    legal_form: str = ""
    credit_code: str = ""
    hub_type: str = ""
    address: str = ""
    founded_on: date | None = None
    member_count: int = 0
    business_scope: str = ""
    activity_time: str = ""
    activity_place: str = ""
    supervisory_unit: str = ""
    party_building: str = "none"
    party_member_count: int = 0
    charter: str = ""
    tags: list[str] = field(default_factory=list)

    def as_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ORG_FIELDS}


def _ancestor(region: Region, level: str) -> Region | None:
    if region.level == level:
        return region
    return next((r for r in region.ancestors() if r.level == level), None)


def _managing_units(org: Organization) -> None:
    """Who manages it follows from tier and place (004 三(二))."""
    region = org.region
    org.registration_authority = org.filing_street = org.guiding_committee = None
    if org.tier == Tier.REGISTERED:
        city_level = org.hub_type == "community_foundation"
        org.registration_authority = (
            next((r for r in region.ancestors() if r.acts_as_city), None)
            if city_level
            else _ancestor(region, RegionLevel.DISTRICT)
        )
    elif org.tier == Tier.TEAM:
        org.filing_street = _ancestor(region, RegionLevel.STREET)
    else:
        org.guiding_committee = _ancestor(region, RegionLevel.COMMUNITY)


# The organization's free-text fields: True where line breaks belong (see linli.core.validators).
TEXT_FIELDS = {
    "name": False,
    "address": False,
    "activity_time": False,
    "activity_place": False,
    "supervisory_unit": False,
    "business_scope": True,
    "charter": True,
}


def validate_organization(data: OrganizationData) -> OrganizationData:
    """Normalise and check; raises ValidationError with messages keyed by field."""
    errors: dict[str, list[str]] = {}
    data.name = " ".join(data.name.split())
    if not data.name:
        errors.setdefault("name", []).append(_("Enter the organization's name."))
    if data.tier == Tier.REGISTERED:
        if not data.legal_form:
            errors.setdefault("legal_form", []).append(
                _("A registered organization needs its legal form.")
            )
        if data.credit_code:
            try:
                data.credit_code = clean_credit_code(data.credit_code)
            except ValidationError as exc:
                errors.setdefault("credit_code", []).extend(exc.messages)
    else:
        data.legal_form, data.credit_code = "", ""
    if data.tier == Tier.GROUP and data.region.level != RegionLevel.COMMUNITY:
        errors.setdefault("region", []).append(
            _(
                "A community activity group belongs to a community (residents' or villagers' "
                "committee)."
            )
        )
    if data.region.level not in (RegionLevel.STREET, RegionLevel.COMMUNITY):
        errors.setdefault("region", []).append(
            _("An organization is placed in a street/town or a community.")
        )
    for name, multiline in TEXT_FIELDS.items():
        if has_control_characters(getattr(data, name), multiline=multiline):
            errors.setdefault(name, []).append(str(CONTROL_MESSAGE))
    unknown = [t for t in data.tags if t not in TAG_CODES]
    if unknown:
        errors.setdefault("tags", []).append(
            _("Unknown tags: %(tags)s") % {"tags": ", ".join(unknown)}
        )
    if data.party_member_count > max(data.member_count, 0) and data.member_count:
        errors.setdefault("party_member_count", []).append(
            _("There cannot be more party members than members.")
        )
    if errors:
        raise ValidationError(errors)
    return data


def _apply(org: Organization, data: OrganizationData) -> None:
    for name, value in data.as_fields().items():
        setattr(org, name, value)
    org.region = data.region
    org.region_path = data.region.path
    org.name_initials = initials_of(data.name)
    org.search_tokens = tokens_for(data.name)
    _managing_units(org)


def _set_tags(org: Organization, tags: list[str]) -> None:
    wanted = set(tags)
    current = set(org.tags.values_list("tag", flat=True))
    org.tags.filter(tag__in=current - wanted).delete()
    OrganizationTag.objects.bulk_create(
        [OrganizationTag(organization=org, tag=t) for t in sorted(wanted - current)]
    )


def _check_credit_code_free(code: str, exclude_pk: int | None = None) -> None:
    if code and Organization.objects.filter(credit_code=code).exclude(pk=exclude_pk or 0).exists():
        raise DomainError(
            _("Another organization already has the credit code %(code)s.") % {"code": code}
        )


@transaction.atomic
def organization_create(
    *, actor: User | None, data: OrganizationData, recognised_on: date | None = None
) -> Organization:
    if actor is not None:
        ensure_in_scope(actor, data.region.path)
    data = validate_organization(data)
    _check_credit_code_free(data.credit_code)
    org = Organization(recognised_on=recognised_on)
    _apply(org, data)
    # Constraints are enforced by the database (and the credit code checked above); validating
    # them here would cost a query each, on the import path too.
    org.full_clean(exclude=["region"], validate_constraints=False)
    org.save()
    _set_tags(org, data.tags)
    rollups.organization_changed(None, key_of(org))
    audit.record(
        AuditEventType.ORG_CREATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={"tier": org.tier, "category": org.category},
    )
    return org


@transaction.atomic
def organization_update(
    *, actor: User | None, org_id: int, expected_version: int | None, data: OrganizationData
) -> Organization:
    queryset = Organization.objects.restrict(actor) if actor else Organization.objects.all()
    org = lock_current(queryset, pk=org_id, expected_version=expected_version)
    if actor is not None:
        ensure_in_scope(actor, data.region.path)
    data = validate_organization(data)
    _check_credit_code_free(data.credit_code, exclude_pk=org.pk)
    before = key_of(org)
    _apply(org, data)
    bump_version(org)
    # Constraints are enforced by the database (and the credit code checked above); validating
    # them here would cost a query each, on the import path too.
    org.full_clean(exclude=["region"], validate_constraints=False)
    org.save()
    _set_tags(org, data.tags)
    rollups.organization_changed(before, key_of(org))
    audit.record(AuditEventType.ORG_UPDATE, actor=actor, obj=org, region_path=org.region_path)
    return org


@dataclass
class PersonData:
    full_name: str
    id_number: str = ""
    phone: str = ""
    is_party_member: bool = False
    social_worker_level: str = ""


def person_upsert(*, data: PersonData) -> Person:
    """The one record for this person: matched by ID number (blind index), else created."""
    name = " ".join(data.full_name.split())
    if not name:
        raise DomainError(_("Enter the person's name."))
    try:
        id_number = clean_id_number(data.id_number) if data.id_number else ""
        phone = clean_mobile(data.phone) if data.phone else ""
    except ValidationError as exc:
        raise DomainError(f"{name}：{' '.join(exc.messages)}") from exc
    person = None
    if id_number:
        person = Person.objects.filter(id_number_index=crypto.blind_index(id_number)).first()
    if person is None:
        person = Person(full_name=name)
    else:
        person.version += 1
    person.full_name = name
    if id_number:
        person.id_number_encrypted = crypto.encrypt(id_number)
        person.id_number_index = crypto.blind_index(id_number)
        person.id_number_masked = crypto.mask_id_number(id_number)
        person.birth_date = ric.get_birth_date(id_number)
    if phone:
        person.phone_encrypted = crypto.encrypt(phone)
        person.phone_index = crypto.blind_index(phone)
        person.phone_masked = crypto.mask_phone(phone)
    person.is_party_member = data.is_party_member or person.is_party_member
    level_before = person.social_worker_level
    person.social_worker_level = data.social_worker_level or person.social_worker_level
    person.save()
    if person.social_worker_level != level_before:
        rollups.places_touched(*_places_of(person))
    return person


def _places_of(person: Person) -> set[str]:
    """The region nodes where a person counts: their current roles and social-work posts."""
    paths = set(
        person.memberships.filter(ended_on__isnull=True).values_list(
            "organization__region_path", flat=True
        )
    )
    paths.update(
        person.social_work_posts.filter(ended_on__isnull=True).values_list("region_path", flat=True)
    )
    return paths


def membership_add(
    *, organization: Organization, person: Person, role: str, community_rep: bool = False
) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        organization=organization,
        person=person,
        role=PersonRole(role),
        ended_on=None,
        defaults={"is_community_representative": community_rep},
    )
    if _created:
        rollups.places_touched(organization.region_path)
    return membership


@dataclass(frozen=True)
class Revealed:
    name: str
    id_number: str
    phone: str


def person_reveal(*, actor: User, org_id: int, membership_id: int, purpose: str) -> Revealed:
    """Full personal data of one person of an organization in scope; every reveal is audited.

    The scope is checked first: outside it the answer is 404 whatever the purpose says."""
    membership = (
        Membership.objects.restrict(actor)
        .select_related("person", "organization")
        .filter(pk=membership_id, organization_id=org_id)
        .first()
    )
    if membership is None:
        raise Http404
    if len(purpose) < 2:
        raise DomainError(_("State why you need the full ID number and phone."))
    if has_control_characters(purpose):
        raise DomainError(str(CONTROL_MESSAGE))
    person = membership.person
    audit.record(
        AuditEventType.PERSONAL_DATA_REVEAL,
        actor=actor,
        obj=person,
        region_path=membership.organization.region_path,
        detail={"organization": membership.organization_id, "purpose": purpose[:200]},
    )
    return Revealed(person.full_name, person.reveal_id_number(), person.reveal_phone())


@transaction.atomic
def organization_set_status(*, actor: User | None, org_id: int, status: str) -> Organization:
    queryset = Organization.objects.restrict(actor) if actor else Organization.objects.all()
    org = lock_current(queryset, pk=org_id, expected_version=None)
    before, old_key = org.status, key_of(org)
    org.status = status
    org.closed_on = None if status == OrgStatus.ACTIVE else (org.closed_on or timezone.localdate())
    bump_version(org)
    org.save()
    rollups.organization_changed(old_key, key_of(org))
    audit.record(
        AuditEventType.ORG_UPDATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={"status": [before, status]},
    )
    return org


@transaction.atomic
def organization_add_person(
    *, actor: User, org_id: int, person: PersonData, role: str, community_rep: bool = False
) -> Membership:
    """Add a person to an organization's governance or membership (one record per person)."""
    org = lock_current(Organization.objects.restrict(actor), pk=org_id, expected_version=None)
    record = person_upsert(data=person)
    membership = membership_add(
        organization=org, person=record, role=role, community_rep=community_rep
    )
    audit.record(
        AuditEventType.PERSON_UPDATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={"added": role, "person": record.pk},
    )
    return membership


@transaction.atomic
def organization_end_role(*, actor: User, org_id: int, membership_id: int) -> Membership:

    membership = (
        Membership.objects.restrict(actor)
        .select_for_update()
        .filter(pk=membership_id, organization_id=org_id, ended_on__isnull=True)
        .first()
    )
    if membership is None:
        raise DomainError(_("That role has already ended or does not exist."))
    membership.ended_on = timezone.localdate()
    membership.save(update_fields=["ended_on"])
    rollups.places_touched(membership.organization.region_path)
    audit.record(
        AuditEventType.PERSON_UPDATE,
        actor=actor,
        obj=membership.organization,
        region_path=membership.organization.region_path,
        detail={"ended": membership.role, "person": membership.person_id},
    )
    return membership


@transaction.atomic
def organization_add_honour(
    *, actor: User, org_id: int, title: str, awarded_by: str = "", awarded_on: date | None = None
) -> Honour:
    org = lock_current(Organization.objects.restrict(actor), pk=org_id, expected_version=None)
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Enter the honour's title."))
    honour = Honour.objects.create(
        organization=org,
        title=title[:200],
        awarded_by=awarded_by.strip()[:200],
        awarded_on=awarded_on,
    )
    audit.record(
        AuditEventType.ORG_UPDATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={"honour": honour.title},
    )
    return honour
