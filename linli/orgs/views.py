from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.forms import posted_id
from linli.core.roles import CHANGE_ORGS, REVEAL_PERSONAL_DATA, VIEW_ORGS
from linli.core.types import AuthedRequest
from linli.orgs import extensions, selectors, services
from linli.orgs.forms import HonourForm, OrganizationForm, PersonRoleForm
from linli.orgs.models import Organization
from linli.orgs.tables import organization_table
from linli.regions.models import Region

PAGE_SIZE = 50


@permission_required(VIEW_ORGS, raise_exception=True)
def organization_list(request: AuthedRequest) -> HttpResponse:
    after = request.GET.get("after", "")
    page, filterset = selectors.organization_page(
        user=request.user,
        params=request.GET,
        size=PAGE_SIZE,
        after=int(after) if after.isdecimal() else None,
    )
    base_query = request.GET.copy()
    base_query.pop("after", None)
    template = "orgs/_organization_table.html" if request.htmx else "orgs/organization_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "table": organization_table(page),
            "count": page.count.value,
            "count_exact": page.count.exact,
            "count_shown": f"{page.count.value:,}",
            "filter": filterset,
            "base_query": base_query.urlencode(),
        },
    )


@permission_required(VIEW_ORGS, raise_exception=True)
def organization_detail(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.organization_for_page(user=request.user, org_id=org_id)
    return render(
        request,
        "orgs/organization_detail.html",
        {
            "org": org,
            **selectors.organization_sheet(user=request.user, org=org),
            "can_change": request.user.has_perm(CHANGE_ORGS),
            "can_reveal": request.user.has_perm(REVEAL_PERSONAL_DATA),
        },
    )


def _initial(org: Organization) -> dict[str, Any]:
    initial = {name: getattr(org, name) for name in services.ORG_FIELDS}
    initial.update(
        region=org.region.code,
        version=org.version,
        tags=list(org.tags.values_list("tag", flat=True)),
    )
    return initial


def _data_from(form: OrganizationForm) -> services.OrganizationData:
    cleaned = dict(form.cleaned_data)
    code = cleaned.pop("region").strip()
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError(
            {"region": [_("There is no region with the code %(code)s.") % {"code": code}]}
        )
    cleaned.pop("version", None)
    return services.OrganizationData(region=region, **cleaned)


def _add_errors(form: OrganizationForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@permission_required(CHANGE_ORGS, raise_exception=True)
def organization_edit(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = selectors.organization_get(user=request.user, org_id=org_id)
    form = OrganizationForm(request.POST or None, initial=_initial(org))
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                actor=request.user,
                org_id=org.pk,
                expected_version=form.cleaned_data.get("version"),
                data=_data_from(form),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The organization has been saved."))
            return redirect("orgs:detail", org_id=org.pk)
    return render(request, "orgs/organization_form.html", {"form": form, "org": org})


@require_POST
@permission_required(REVEAL_PERSONAL_DATA, raise_exception=True)
def person_reveal(request: AuthedRequest, org_id: int, membership_id: int) -> HttpResponse:
    """Show one person's full ID number and phone, for a stated purpose; audited."""
    purpose = request.POST.get("purpose", "").strip()
    try:
        revealed = services.person_reveal(
            actor=request.user, org_id=org_id, membership_id=membership_id, purpose=purpose
        )
    except DomainError as exc:
        return render(
            request,
            "orgs/_revealed.html",
            {"error": exc.message, "org_id": org_id, "membership_id": membership_id},
        )
    return render(request, "orgs/_revealed.html", {"revealed": revealed})


@permission_required(CHANGE_ORGS, raise_exception=True)
def organization_people(request: AuthedRequest, org_id: int) -> HttpResponse:
    """Governance and members: add a person in a role, end a role, add an honour."""
    org = selectors.organization_get(user=request.user, org_id=org_id)
    person_form = PersonRoleForm(request.POST if "add_person" in request.POST else None)
    honour_form = HonourForm(request.POST if "add_honour" in request.POST else None)
    added = extensions.registered.people_forms  # trainings, grades (linli.orgs.extensions)
    forms_by_button: dict[str, Any] = {
        "add_person": person_form,
        "add_honour": honour_form,
        **{b: f.form_class(request.POST if b in request.POST else None) for b, f in added.items()},
    }
    try:
        if "add_person" in request.POST and person_form.is_valid():
            data = person_form.cleaned_data
            services.organization_add_person(
                actor=request.user,
                org_id=org.pk,
                role=data["role"],
                community_rep=data["is_community_representative"],
                person=services.PersonData(
                    full_name=data["full_name"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                    is_party_member=data["is_party_member"],
                ),
            )
            messages.success(request, _("The person has been added."))
            return redirect("orgs:people", org_id=org.pk)
        if "end_role" in request.POST:
            services.organization_end_role(
                actor=request.user,
                org_id=org.pk,
                membership_id=posted_id(request.POST, "end_role") or 0,
            )
            messages.success(request, _("The role has ended."))
            return redirect("orgs:people", org_id=org.pk)
        if "add_honour" in request.POST and honour_form.is_valid():
            services.organization_add_honour(
                actor=request.user, org_id=org.pk, **honour_form.cleaned_data
            )
            messages.success(request, _("The honour has been added."))
            return redirect("orgs:people", org_id=org.pk)
        for button, added_form in added.items():
            form = forms_by_button[button]
            if button in request.POST and form.is_valid():
                added_form.record(actor=request.user, org_id=org.pk, **form.cleaned_data)
                messages.success(request, str(added_form.done))
                return redirect("orgs:people", org_id=org.pk)
    except DomainError as exc:
        pressed = next((b for b in forms_by_button if b in request.POST), None)
        if pressed is None:  # a button with no form of its own (ending a role): say it on top
            messages.error(request, exc.message)
            return redirect("orgs:people", org_id=org.pk)
        forms_by_button[pressed].add_error(None, exc.message)
    context: dict[str, Any] = {
        "org": org,
        "person_form": person_form,
        "honour_form": honour_form,
    }
    for button, added_form in added.items():
        context[added_form.context_name] = forms_by_button[button]
        context.update(added_form.context(org))
    return render(request, "orgs/organization_people.html", context)
