from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.applications import rules, selectors, services
from linli.applications.choices import (
    EDITABLE_STATES,
    OPEN_STATES,
    ApplicationKind,
    ApplicationState,
)
from linli.applications.forms import (
    ApplicationForm,
    AttachmentForm,
    ClosureForm,
    DecisionForm,
)
from linli.applications.models import Application
from linli.applications.tables import application_table
from linli.applications.uploads import read_stored
from linli.classify.vocabulary import TAGS_BY_CODE
from linli.core.counting import BoundedPaginator
from linli.core.errors import DomainError
from linli.core.roles import APPLY, VIEW_APPLICATIONS
from linli.core.types import AuthedRequest
from linli.orgs import selectors as org_selectors
from linli.orgs.choices import Category
from linli.orgs.models import Organization
from linli.orgs.services import ORG_FIELDS, OrganizationData
from linli.regions.models import Region

CLOSURE_KINDS = (ApplicationKind.DEREGISTRATION, ApplicationKind.FILING_CANCELLATION)


@permission_required(VIEW_APPLICATIONS, raise_exception=True)
def application_list(request: AuthedRequest) -> HttpResponse:
    box = request.GET.get("box") or (
        "todo" if request.user.has_perm("applications.review") else "mine"
    )
    applications = selectors.application_list(
        user=request.user,
        box=box,
        state=request.GET.get("state", ""),
        kind=request.GET.get("kind", ""),
        query=request.GET.get("q", "").strip(),
    )
    rows = selectors.pageable(applications, user=request.user)
    page = BoundedPaginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/application_list.html",
        {
            "page": page,
            "table": application_table(page),
            "box": box,
            "kinds": ApplicationKind.choices,
            "states": ApplicationState.choices,
            "todo_count": selectors.todo_count(request.user),
        },
    )


def _form_data(form: ApplicationForm, kind: str, region: Region) -> OrganizationData:
    cleaned = form.cleaned_data
    values = {name: cleaned.get(name) for name in ORG_FIELDS if name in cleaned}
    values = {k: v for k, v in values.items() if v is not None}
    values.setdefault("party_building", "none")
    values["tier"] = rules.TIER_OF_KIND.get(kind, "team")
    if kind in (ApplicationKind.FILING, ApplicationKind.RECORDING) and not values.get("charter"):
        # A simple charter from the template, which the team may edit (001 7).
        values["charter"] = charter_template(str(values.get("name") or ""), region, values)
    return OrganizationData(region=region, tags=list(cleaned.get("tags") or []), **values)  # type: ignore[arg-type]


def _responsible(form: ApplicationForm) -> services.Responsible | None:
    cleaned = form.cleaned_data
    if not (cleaned.get("responsible_name") or "").strip():
        return None
    return services.Responsible(
        full_name=cleaned["responsible_name"],
        id_number=cleaned.get("responsible_id_number", ""),
        phone=cleaned.get("responsible_phone", ""),
        is_party_member=cleaned.get("responsible_is_party_member", False),
    )


def _region_from(form: ApplicationForm) -> Region | None:
    code = (form.cleaned_data.get("region") or "").strip()
    region = Region.objects.filter(code=code).first()
    if region is None:
        form.add_error("region", _("There is no region with the code %(code)s.") % {"code": code})
    return region


def _org_initial(org: Organization) -> dict[str, Any]:
    initial = {name: getattr(org, name) for name in ORG_FIELDS}
    initial.update(region=org.region.code, tags=list(org.tags.values_list("tag", flat=True)))
    return initial


@permission_required(APPLY, raise_exception=True)
def application_create(request: AuthedRequest) -> HttpResponse:
    kind = request.GET.get("kind", ApplicationKind.FILING)
    if kind not in ApplicationKind.values:
        raise Http404
    org = None
    if request.GET.get("org"):
        org = org_selectors.organization_get(user=request.user, org_id=int(request.GET["org"]))
    if kind in CLOSURE_KINDS:
        return _closure_create(request, kind, org)
    initial = (
        _org_initial(org)
        if org
        else {
            "region": request.user.region.code if request.user.region else "",
            "party_building": "none",
        }
    )
    form = ApplicationForm(
        request.POST or None,
        initial=initial,
        kind=kind,
        registered=bool(org and org.tier == "registered"),
    )
    if request.method == "POST" and form.is_valid():
        region = _region_from(form)
        if region is not None:
            try:
                application = services.application_create(
                    actor=request.user,
                    kind=kind,
                    data=_form_data(form, kind, region),
                    responsible=_responsible(form),
                    organization=org,
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            except (DomainError, ValueError) as exc:
                form.add_error(None, getattr(exc, "message", str(exc)))
            else:
                messages.success(
                    request, _("The draft is saved. Add the materials, check, and submit.")
                )
                return redirect("applications:detail", app_id=application.pk)
    return render(
        request,
        "applications/application_form.html",
        {"form": form, "kind": ApplicationKind(kind), "org": org},
    )


def _closure_create(request: AuthedRequest, kind: str, org: Organization | None) -> HttpResponse:
    if org is None:
        raise Http404
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = OrganizationData(
            region=org.region,
            tags=list(org.tags.values_list("tag", flat=True)),
            **{name: getattr(org, name) for name in ORG_FIELDS},
        )
        try:
            application = services.application_create(
                actor=request.user,
                kind=kind,
                data=data,
                organization=org,
                explanation=form.cleaned_data["explanation"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("applications:detail", app_id=application.pk)
    return render(
        request,
        "applications/application_form.html",
        {"form": form, "kind": ApplicationKind(kind), "org": org},
    )


@permission_required(APPLY, raise_exception=True)
def application_edit(request: AuthedRequest, app_id: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, app_id=app_id)
    if application.applicant_id != request.user.pk or application.state not in EDITABLE_STATES:
        raise Http404
    data = services.organization_data_of(application)
    person = services.responsible_as_input(application)
    initial = {
        **{name: getattr(data, name) for name in ORG_FIELDS},
        "region": application.region.code,
        "tags": data.tags,
        "responsible_name": person["full_name"],
        "version": application.version,
    }
    form = ApplicationForm(
        request.POST or None,
        initial=initial,
        kind=application.kind,
        registered=bool(application.organization and application.organization.tier == "registered"),
    )
    if request.method == "POST" and form.is_valid():
        region = _region_from(form)
        if region is not None:
            try:
                services.application_update(
                    actor=request.user,
                    app_id=application.pk,
                    expected_version=form.cleaned_data.get("version"),
                    data=_form_data(form, application.kind, region),
                    responsible=_responsible(form),
                )
            except (DomainError, ValueError) as exc:
                form.add_error(None, getattr(exc, "message", str(exc)))
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("applications:detail", app_id=application.pk)
    return render(
        request,
        "applications/application_form.html",
        {
            "form": form,
            "kind": ApplicationKind(application.kind),
            "application": application,
            "person": person,
        },
    )


@permission_required(VIEW_APPLICATIONS, raise_exception=True)
def application_detail(request: AuthedRequest, app_id: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, app_id=app_id)
    is_applicant = application.applicant_id == request.user.pk
    editable = is_applicant and application.state in EDITABLE_STATES
    attachment_form = AttachmentForm()
    attachment_form.fields["material"].choices = [  # type: ignore[attr-defined]
        (m.code, m.label) for m in rules.MATERIALS[application.kind]
    ]
    data = services.organization_data_of(application)
    return render(
        request,
        "applications/application_detail.html",
        {
            "application": application,
            "data": data,
            "person": services.responsible_of(application),
            "suggestion": application.proposed.get("suggestion"),
            "category_label": _category_label(data.category),
            "tag_names": _tag_names(data.tags),
            "suggestion_label": _category_label(
                (application.proposed.get("suggestion") or {}).get("category", "")
            ),
            "explanation": application.proposed.get("explanation", ""),
            "materials": _materials(application),
            "problems": services.completeness_problems(application) if editable else [],
            "similar": _similar(application),
            "editable": editable,
            "can_withdraw": is_applicant and application.state in (*EDITABLE_STATES, *OPEN_STATES),
            "can_review": application.state in OPEN_STATES
            and services.can_review(request.user, application),
            "attachment_form": attachment_form,
            "decision_form": DecisionForm(initial={"version": application.version}),
        },
    )


def _materials(application: Application) -> list[dict[str, Any]]:
    files = list(application.attachments.all())
    return [
        {"material": m, "files": [f for f in files if f.material == m.code]}
        for m in rules.MATERIALS[application.kind]
    ]


def _version(request: AuthedRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _step(request: AuthedRequest, app_id: int, action: str) -> HttpResponse:
    user, version = request.user, _version(request)
    reason = request.POST.get("reason", "")
    steps = {
        "submit": lambda: services.application_submit(
            actor=user,
            app_id=app_id,
            expected_version=version,
            commitment=request.POST.get("commitment") == "on",
        ),
        "withdraw": lambda: services.application_withdraw(
            actor=user, app_id=app_id, expected_version=version
        ),
        "return": lambda: services.application_return(
            actor=user, app_id=app_id, expected_version=version, reason=reason
        ),
        "approve": lambda: services.application_approve(
            actor=user,
            app_id=app_id,
            expected_version=version,
            reason=reason,
            credit_code=request.POST.get("credit_code", ""),
        ),
        "reject": lambda: services.application_reject(
            actor=user, app_id=app_id, expected_version=version, reason=reason
        ),
    }
    selectors.application_get(user=user, app_id=app_id)  # 404 outside the jurisdiction
    try:
        application = steps[action]()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Done: the application is now “%(state)s”.")
            % {"state": application.get_state_display()},
        )
    return redirect("applications:detail", app_id=app_id)


@require_POST
@permission_required(VIEW_APPLICATIONS, raise_exception=True)
def application_action(request: AuthedRequest, app_id: int, action: str) -> HttpResponse:
    if action not in ("submit", "withdraw", "return", "approve", "reject"):
        raise Http404
    return _step(request, app_id, action)


@require_POST
@permission_required(APPLY, raise_exception=True)
def attachment_upload(request: AuthedRequest, app_id: int) -> HttpResponse:
    selectors.application_get(user=request.user, app_id=app_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            services.attachment_add(
                actor=request.user,
                app_id=app_id,
                material=request.POST.get("material", ""),
                upload=upload,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The material has been added."))
    return redirect("applications:detail", app_id=app_id)


@permission_required(VIEW_APPLICATIONS, raise_exception=True)
def attachment_download(request: AuthedRequest, app_id: int, attachment_id: int) -> HttpResponse:
    attachment = selectors.attachment_get(
        user=request.user, app_id=app_id, attachment_id=attachment_id
    )
    response = HttpResponse(
        read_stored(attachment.stored_name), content_type=attachment.content_type
    )
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{_quote(attachment.original_name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:

    return quote(name)


def _category_label(code: str) -> str:

    return str(Category(code).label) if code in Category.values else "—"


def _tag_names(codes: list[str]) -> list[str]:

    return [TAGS_BY_CODE[c].name for c in codes if c in TAGS_BY_CODE]


def _similar(application: Application) -> list[str]:
    """Names in the same street close to the proposed one (possible duplicates)."""
    if application.kind not in rules.NEW_ORGANIZATION_KINDS:
        return []
    return org_selectors.similar_names(
        region=application.region, name=application.title, exclude_pk=application.organization_id
    )


def charter_template(name: str, region: Region | None, data: dict[str, Any]) -> str:

    street = next((r for r in region.ancestors() if r.level == "street"), None) if region else None
    return render_to_string(
        "orgs/charter_template.txt",
        {
            "name": name or "（团队名称）",
            "community": region.name if region else "（所在社区）",
            "unit": street.name if street else "（街道、乡镇）",
            "scope": data.get("business_scope") or "（活动内容）",
            "time": data.get("activity_time") or "（活动时间）",
            "place": data.get("activity_place") or "（活动地点）",
        },
    ).strip()
