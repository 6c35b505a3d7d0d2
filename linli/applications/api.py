"""The application workflow over JSON: the same services as the pages, the same scope."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from linli.applications import rules, selectors, services
from linli.applications.schemas import ApplicationDetailOut, ApplicationIn, ApplicationOut, StepIn
from linli.core.api_perms import require_perm
from linli.core.counting import clamped_offset
from linli.core.roles import APPLY, VIEW_APPLICATIONS
from linli.orgs import selectors as org_selectors
from linli.orgs.services import ORG_FIELDS, OrganizationData
from linli.regions.models import Region

router = Router(tags=["applications"])


@router.get("/applications", response=list[ApplicationOut], summary="Applications in scope")
def application_list(
    request: HttpRequest,
    box: str = "",
    state: str = "",
    kind: str = "",
    limit: int = 50,
    offset: int = 0,
) -> Any:
    user = require_perm(request, VIEW_APPLICATIONS)
    rows = selectors.application_list(user=user, box=box, state=state, kind=kind)
    limit, offset = max(1, min(limit, 200)), clamped_offset(offset)
    return list(selectors.pageable(rows, user=user)[offset : offset + limit])


@router.get("/applications/{app_id}", response=ApplicationDetailOut, summary="One application")
def application_detail(request: HttpRequest, app_id: int) -> Any:
    user = require_perm(request, VIEW_APPLICATIONS)
    return selectors.application_get(user=user, app_id=app_id)


def _data(payload: ApplicationIn) -> OrganizationData:
    region = Region.objects.filter(code=payload.region.strip()).first()
    if region is None:
        raise HttpError(
            400, _("There is no region with the code %(code)s.") % {"code": payload.region}
        )
    values = {name: getattr(payload, name) for name in ORG_FIELDS if name != "tier"}
    return OrganizationData(
        region=region,
        tier=rules.TIER_OF_KIND.get(payload.kind, "team"),
        tags=list(payload.tags),
        **values,
    )


@router.post(
    "/applications", response={201: ApplicationDetailOut}, summary="Create a draft application"
)
def application_create(request: HttpRequest, payload: ApplicationIn) -> Any:
    user = require_perm(request, APPLY)
    organization = None
    if payload.organization_id is not None:
        organization = org_selectors.organization_get(user=user, org_id=payload.organization_id)
        if not payload.region:
            payload.region = organization.region.code
        for name in ORG_FIELDS:
            if name != "tier" and not getattr(payload, name):
                setattr(payload, name, getattr(organization, name))
    responsible = (
        services.Responsible(**payload.responsible.dict()) if payload.responsible else None
    )
    try:
        application = services.application_create(
            actor=user,
            kind=payload.kind,
            data=_data(payload),
            responsible=responsible,
            organization=organization,
            explanation=payload.explanation,
        )
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    return Status(201, selectors.application_get(user=user, app_id=application.pk))


@router.post(
    "/applications/{app_id}/materials",
    response={201: ApplicationDetailOut},
    summary="Upload one material (multipart: material, file)",
)
def application_material(
    request: HttpRequest, app_id: int, material: Form[str], file: File[UploadedFile]
) -> Any:
    user = require_perm(request, APPLY)
    selectors.application_get(user=user, app_id=app_id)
    services.attachment_add(actor=user, app_id=app_id, material=material, upload=file)
    return Status(201, selectors.application_get(user=user, app_id=app_id))


STEPS = ("submit", "withdraw", "return", "approve", "reject")


@router.post(
    "/applications/{app_id}/{action}",
    response=ApplicationDetailOut,
    summary="A workflow step: submit, withdraw, return, approve or reject",
)
def application_step(request: HttpRequest, app_id: int, action: str, payload: StepIn) -> Any:
    user = require_perm(request, VIEW_APPLICATIONS)
    selectors.application_get(user=user, app_id=app_id)
    version = payload.version
    if action == "submit":
        services.application_submit(
            actor=user, app_id=app_id, expected_version=version, commitment=payload.commitment
        )
    elif action == "withdraw":
        services.application_withdraw(actor=user, app_id=app_id, expected_version=version)
    elif action == "return":
        services.application_return(
            actor=user, app_id=app_id, expected_version=version, reason=payload.reason
        )
    elif action == "approve":
        services.application_approve(
            actor=user,
            app_id=app_id,
            expected_version=version,
            reason=payload.reason,
            credit_code=payload.credit_code,
        )
    elif action == "reject":
        services.application_reject(
            actor=user, app_id=app_id, expected_version=version, reason=payload.reason
        )
    else:
        raise HttpError(404, _("Not found."))
    return selectors.application_get(user=user, app_id=app_id)
