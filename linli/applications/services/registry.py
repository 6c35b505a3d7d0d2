"""What an approved application does to the registry, through linli.orgs.services: a new
organization (or the changed one, one identity across tiers), its people, or its closure. Runs
inside ``application_approve``'s transaction, never on its own."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.applications.choices import ApplicationKind
from linli.applications.models import Application
from linli.applications.services._common import organization_data_of
from linli.core import crypto
from linli.core.errors import DomainError
from linli.orgs import services as org_services
from linli.orgs.choices import OrgStatus
from linli.orgs.models import Organization
from linli.orgs.services import PersonData


def apply_to_registry(application: Application, actor: User, credit_code: str) -> Organization:
    kind = application.kind
    data = organization_data_of(application)
    if kind in (ApplicationKind.DEREGISTRATION, ApplicationKind.FILING_CANCELLATION):
        status = (
            OrgStatus.DEREGISTERED
            if kind == ApplicationKind.DEREGISTRATION
            else OrgStatus.FILING_CANCELLED
        )
        if application.organization_id is None:
            raise DomainError(_("Choose the organization this application is about."))
        return org_services.organization_set_status(
            actor=actor, org_id=application.organization_id, status=status
        )
    if kind == ApplicationKind.REGISTRATION:
        data.credit_code = credit_code or data.credit_code
        if not data.credit_code:
            raise DomainError(_("Enter the unified social credit code given at registration."))
    if application.organization_id is not None:
        # An amendment, or an organization moving up a tier: one identity, one history.
        current = Organization.objects.get(pk=application.organization_id)
        if kind == ApplicationKind.AMENDMENT:
            data.tier = current.tier
        org = org_services.organization_update(
            actor=actor, org_id=current.pk, expected_version=None, data=data
        )
    else:
        org = org_services.organization_create(
            actor=actor, data=data, recognised_on=timezone.localdate()
        )
    _record_people(application, org)
    return org


def _record_people(application: Application, org: Organization) -> None:
    for entry in application.proposed.get("people", []):
        person = org_services.person_upsert(
            data=PersonData(
                full_name=entry["full_name"],
                id_number=crypto.decrypt(entry["id_number_enc"]) if entry["id_number_enc"] else "",
                phone=crypto.decrypt(entry["phone_enc"]) if entry["phone_enc"] else "",
                is_party_member=entry.get("is_party_member", False),
            )
        )
        org_services.membership_add(organization=org, person=person, role=entry["role"])
