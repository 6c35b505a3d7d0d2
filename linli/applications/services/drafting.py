"""The applicant's steps: a draft (with a classifier's suggestion), its changes and materials, the
completeness review, and submission with the truthfulness commitment (a returned application is
resubmitted the same way, with a new review deadline), or withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.applications import rules, selectors
from linli.applications.choices import (
    EDITABLE_STATES,
    OPEN_STATES,
    ApplicationKind,
    ApplicationState,
    EventAction,
)
from linli.applications.deadlines import add_working_days, working_days_for
from linli.applications.models import Application, Attachment
from linli.applications.services._common import (
    Applicant,
    PublicApplicant,
    _event,
    _user,
    organization_data_of,
    responsible_of,
    reviewers_of,
)
from linli.applications.uploads import check_upload, store
from linli.classify.engine import classify
from linli.classify.vocabulary import TAGS
from linli.core import audit, crypto
from linli.core.choices import AuditEventType
from linli.core.concurrency import bump_version, lock_current
from linli.core.errors import DomainError, NotAllowed
from linli.core.notifications import notify
from linli.core.scoping import ensure_in_scope
from linli.orgs import services as org_services
from linli.orgs.models import Organization
from linli.orgs.services import OrganizationData
from linli.orgs.validators import clean_id_number, clean_mobile
from linli.regions.choices import RegionLevel

CHANGE_KINDS = (
    ApplicationKind.AMENDMENT,
    ApplicationKind.DEREGISTRATION,
    ApplicationKind.FILING_CANCELLATION,
)
PUBLIC_KINDS = (ApplicationKind.FILING, ApplicationKind.RECORDING)


@dataclass
class Responsible:
    full_name: str
    id_number: str = ""
    phone: str = ""
    is_party_member: bool = False


# --- building the proposal -----------------------------------------------------------------------


def _proposal(
    data: OrganizationData,
    responsible: Responsible | None,
    kind: str,
    organization: Organization | None = None,
) -> dict[str, Any]:
    if kind in rules.TIER_OF_KIND:  # the kind decides the tier the organization will have
        data.tier = rules.TIER_OF_KIND[kind]
    elif organization is not None:  # a change keeps the organization's tier
        data.tier = organization.tier
    fields = data.as_fields()
    fields["founded_on"] = data.founded_on.isoformat() if data.founded_on else None
    fields["tags"] = list(data.tags)
    fields["region"] = data.region.code
    fields["people"] = [_person_entry(responsible)] if responsible else []
    return fields


def _person_entry(person: Responsible) -> dict[str, Any]:
    try:
        id_number = clean_id_number(person.id_number) if person.id_number else ""
        phone = clean_mobile(person.phone) if person.phone else ""
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    return {
        "role": "responsible",
        "full_name": " ".join(person.full_name.split()),
        "id_number_enc": crypto.encrypt(id_number) if id_number else "",
        "id_number_masked": crypto.mask_id_number(id_number) if id_number else "",
        "phone_enc": crypto.encrypt(phone) if phone else "",
        "phone_masked": crypto.mask_phone(phone) if phone else "",
        "is_party_member": bool(person.is_party_member),
    }


def _suggestion(data: OrganizationData) -> dict[str, Any]:
    """The classifier's reading of name and activity content; it fills what the applicant left
    blank and is kept for the reviewer (000 第二条: classify filed teams promptly)."""

    result = classify(data.name, data.business_scope)
    codes = {tag.name: tag.code for tag in TAGS}
    if not data.category:
        data.category = result.category
    if not data.tags:
        data.tags = [codes[name] for name in result.tags if name in codes]
    return {
        "category": result.category,
        "confidence": round(result.confidence, 3),
        "tags": list(result.tags),
        "reasons": list(result.reasons),
    }


# --- applicant steps -----------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    actor: Applicant,
    kind: str,
    data: OrganizationData,
    responsible: Responsible | None = None,
    organization: Organization | None = None,
    explanation: str = "",
) -> Application:
    """A draft. For changes to an existing organization, ``organization`` is required."""
    kind = ApplicationKind(kind)
    if isinstance(actor, PublicApplicant):
        return _public_create(actor, kind, data, responsible)
    if kind in CHANGE_KINDS or organization is not None:
        if organization is None:
            raise DomainError(_("Choose the organization this application is about."))
        organization = Organization.objects.restrict(actor).filter(pk=organization.pk).first()
        if organization is None:
            raise DomainError(_("That organization is not in your area."))
    ensure_in_scope(actor, data.region.path)
    reviewer_unit = rules.reviewing_unit(
        kind=kind,
        region=data.region,
        hub_type=data.hub_type,
        organization=organization if kind in CHANGE_KINDS else None,
    )
    suggestion = _suggestion(data)
    proposed = _proposal(data, responsible, kind, organization)
    proposed["suggestion"] = suggestion
    proposed["explanation"] = explanation.strip()
    if (
        kind in (ApplicationKind.DEREGISTRATION, ApplicationKind.FILING_CANCELLATION)
        and len(proposed["explanation"]) < 2
    ):
        raise DomainError(_("Explain why the organization is closing."))
    application = Application(
        kind=kind,
        region=data.region,
        region_path=data.region.path,
        reviewing_region=reviewer_unit,
        title=data.name or "—",
        proposed=proposed,
        organization=organization,
        applicant=actor,
        applicant_name=actor.display_name,
    )
    application.full_clean(exclude=["proposed", "organization"])
    application.save()
    _event(application, EventAction.CREATE, actor, "")
    return application


def _public_create(
    applicant: PublicApplicant,
    kind: str,
    data: OrganizationData,
    responsible: Responsible | None,
) -> Application:

    if kind not in PUBLIC_KINDS:
        raise DomainError(_("Without an account you can file a team or record a group only."))
    if data.region.level != RegionLevel.COMMUNITY:
        raise DomainError(
            _("Choose the residents' or villagers' committee where the team is active.")
        )
    suggestion = _suggestion(data)
    proposed = _proposal(data, responsible, kind)
    proposed["suggestion"], proposed["explanation"] = suggestion, ""
    application = Application(
        kind=kind,
        region=data.region,
        region_path=data.region.path,
        reviewing_region=rules.reviewing_unit(kind=kind, region=data.region),
        title=data.name or "—",
        proposed=proposed,
        applicant=None,
        applicant_name=(responsible.full_name if responsible else "") or applicant.phone_masked,
        applicant_phone_index=applicant.phone_index,
        applicant_phone_masked=applicant.phone_masked,
        applicant_phone_encrypted=applicant.phone_encrypted,
    )
    application.full_clean(exclude=["proposed", "organization", "applicant"])
    application.save()
    _event(application, EventAction.CREATE, applicant, "")
    return application


@transaction.atomic
def application_update(
    *,
    actor: Applicant,
    app_id: int,
    expected_version: int | None,
    data: OrganizationData,
    responsible: Responsible | None,
) -> Application:
    application = _lock_own(actor, app_id, expected_version)
    if application.state not in EDITABLE_STATES:
        raise DomainError(
            _("Only a draft or an application returned for correction can be changed.")
        )
    if data.region.pk != application.region_id:
        if isinstance(actor, User):
            ensure_in_scope(actor, data.region.path)
        elif data.region.level != "community":
            raise DomainError(
                _("Choose the residents' or villagers' committee where the team is active.")
            )
        application.region, application.region_path = data.region, data.region.path
        application.reviewing_region = rules.reviewing_unit(
            kind=application.kind,
            region=data.region,
            hub_type=data.hub_type,
            organization=application.organization,
        )
    keep_people = application.proposed.get("people", [])
    suggestion = _suggestion(data)
    proposed = _proposal(data, responsible, application.kind, application.organization)
    if responsible is None:
        proposed["people"] = keep_people
    elif not responsible.id_number and not responsible.phone and keep_people:
        # The form shows only masked numbers: a blank field keeps what was given before.
        old = keep_people[0]
        proposed["people"][0].update(
            {k: old[k] for k in ("id_number_enc", "id_number_masked", "phone_enc", "phone_masked")}
        )
    proposed["suggestion"] = suggestion
    proposed["explanation"] = application.proposed.get("explanation", "")
    application.proposed, application.title = proposed, data.name or "—"
    bump_version(application)
    application.save()
    _event(application, EventAction.EDIT, actor, application.state)
    return application


def completeness_problems(application: Application) -> list[str]:
    """Everything that stops submission: the completeness review of 001 11."""
    problems: list[str] = []
    data = organization_data_of(application)
    if application.kind not in (
        ApplicationKind.DEREGISTRATION,
        ApplicationKind.FILING_CANCELLATION,
    ):
        try:
            org_services.validate_organization(data)
        except ValidationError as exc:
            problems.extend(m for messages in exc.message_dict.values() for m in messages)
    if application.kind == ApplicationKind.FILING:
        problems.extend(rules.filing_shortfalls(application.proposed, application.region))
    if application.kind == ApplicationKind.REGISTRATION:
        problems.extend(rules.name_problems(data.name, registered=True))
        if responsible_of(application) is None:
            problems.append(_("Name the responsible person (legal representative)."))
    if application.kind == ApplicationKind.RECORDING:
        problems.extend(rules.name_problems(data.name, registered=False))
    present = set(application.attachments.values_list("material", flat=True))
    for material in rules.MATERIALS[application.kind]:
        if material.required and material.code not in present:
            problems.append(_("Missing material: %(name)s") % {"name": material.label})
    return problems


@transaction.atomic
def application_submit(
    *, actor: Applicant, app_id: int, expected_version: int | None, commitment: bool
) -> Application:
    application = _lock_own(actor, app_id, expected_version)
    if application.state not in EDITABLE_STATES:
        raise DomainError(_("This application has already been submitted."))
    if not commitment:
        raise DomainError(_("Read and accept the truthfulness commitment before submitting."))
    problems = completeness_problems(application)
    if problems:
        raise DomainError(_("The application is not complete yet:") + " " + "；".join(problems))
    before = application.state
    application.state = (
        ApplicationState.RESUBMITTED
        if before == ApplicationState.RETURNED
        else ApplicationState.SUBMITTED
    )
    now = timezone.now()
    application.commitment_signed_at = now
    application.submitted_at = application.submitted_at or now
    application.due_on = add_working_days(timezone.localdate(), working_days_for(application.kind))
    bump_version(application)
    application.save()
    action = EventAction.RESUBMIT if before == ApplicationState.RETURNED else EventAction.SUBMIT
    _event(application, action, actor, before, due_on=application.due_on.isoformat())
    audit.record(
        AuditEventType.APPLICATION_SUBMIT,
        actor=_user(actor),
        username=actor.display_name,
        obj=application,
        region_path=application.region_path,
        detail={"kind": application.kind},
    )
    notify(
        reviewers_of(application),
        title=_("New application to review: %(t)s") % {"t": application.title},
        url=f"/applications/{application.pk}/",
    )
    return application


@transaction.atomic
def application_withdraw(
    *, actor: Applicant, app_id: int, expected_version: int | None
) -> Application:
    application = _lock_own(actor, app_id, expected_version)
    if application.state not in (*EDITABLE_STATES, *OPEN_STATES):
        raise DomainError(_("A decided application cannot be withdrawn."))
    before = application.state
    application.state = ApplicationState.WITHDRAWN
    bump_version(application)
    application.save()
    _event(application, EventAction.WITHDRAW, actor, before)
    return application


@transaction.atomic
def attachment_add(*, actor: Applicant, app_id: int, material: str, upload: Any) -> Attachment:
    application = _lock_own(actor, app_id, None)
    if application.state not in EDITABLE_STATES:
        raise DomainError(
            _(
                "Materials can be added only before submission or when the "
                "application was returned for correction."
            )
        )
    codes = {m.code for m in rules.MATERIALS[application.kind]}
    if material not in codes:
        raise DomainError(_("This kind of application does not ask for that material."))
    checked = check_upload(upload)
    attachment = Attachment.objects.create(
        application=application,
        material=material,
        original_name=(getattr(upload, "name", "") or "file")[:200],
        stored_name=store(checked),
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=_user(actor),
    )
    _event(application, EventAction.ATTACH, actor, application.state, material=material)
    return attachment


def _lock_own(actor: Applicant, app_id: int, expected_version: int | None) -> Application:
    if isinstance(actor, PublicApplicant):
        own = selectors.applications_of_phone(applicant=actor)
        return lock_current(own, pk=app_id, expected_version=expected_version)
    application = lock_current(
        Application.objects.restrict(actor), pk=app_id, expected_version=expected_version
    )
    if application.applicant_id != actor.pk:
        raise NotAllowed(_("Only the applicant can change or submit this application."))
    return application


def responsible_as_input(application: Application) -> dict[str, Any]:
    entry = responsible_of(application) or {}
    return {k: entry.get(k, "") for k in ("full_name", "id_number_masked", "phone_masked")}
