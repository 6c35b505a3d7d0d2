from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.cards import Card, card_row, grouped
from linli.core.errors import DomainError
from linli.core.roles import MANAGE_COMMUNITIES, VIEW_REGION_HISTORY, VIEW_REGIONS
from linli.core.types import AuthedRequest
from linli.regions import selectors, services
from linli.regions.choices import RegionLevel
from linli.regions.forms import CommunityCreateForm, CommunityEditForm


@permission_required(VIEW_REGIONS, raise_exception=True)
def region_home(request: AuthedRequest) -> HttpResponse:
    roots = list(selectors.scope_roots(user=request.user))
    if len(roots) == 1:
        return redirect("regions:detail", code=roots[0].code)
    return render(request, "regions/region_roots.html", {"roots": roots})


@permission_required(VIEW_REGIONS, raise_exception=True)
def region_detail(request: AuthedRequest, code: str) -> HttpResponse:
    region = selectors.region_get(user=request.user, code=code)
    counts = selectors.community_counts(user=request.user, region=region)
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "trail": selectors.breadcrumb(user=request.user, region=region),
            "children": selectors.region_children(user=request.user, region=region),
            "cards": card_row(
                [
                    Card(grouped(counts["total"]), _("Communities"), testid="community-total"),
                    Card(grouped(counts["urban"]), _("Urban")),
                    Card(grouped(counts["rural"]), _("Rural")),
                ],
                width="col-4 col-md-2",
            ),
            "can_add_community": region.level == RegionLevel.STREET
            and request.user.has_perm(MANAGE_COMMUNITIES),
            "can_edit": region.level == RegionLevel.COMMUNITY
            and request.user.has_perm(MANAGE_COMMUNITIES),
            "can_see_history": request.user.has_perm(VIEW_REGION_HISTORY),
        },
    )


@permission_required(MANAGE_COMMUNITIES, raise_exception=True)
def community_create(request: AuthedRequest, code: str) -> HttpResponse:
    street = selectors.region_get(user=request.user, code=code)
    form = CommunityCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.community_create(
                actor=request.user,
                street=street,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                code=form.cleaned_data["code"] or "",
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": community.name})
            return redirect("regions:detail", code=street.code)
    return render(
        request,
        "regions/community_form.html",
        {
            "form": form,
            "street": street,
            "trail": selectors.breadcrumb(user=request.user, region=street),
        },
    )


@permission_required(MANAGE_COMMUNITIES, raise_exception=True)
def community_edit(request: AuthedRequest, code: str) -> HttpResponse:
    community = selectors.region_get(user=request.user, code=code)
    initial = {
        "name": community.name,
        "kind": community.kind,
        "is_active": community.is_active,
        "version": community.version,
    }
    form = CommunityEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.community_update(
                actor=request.user,
                community_id=community.pk,
                expected_version=data["version"],
                name=data["name"],
                kind=data["kind"],
                is_active=data["is_active"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The community has been saved."))
            return redirect("regions:detail", code=community.code)
    return render(
        request,
        "regions/community_form.html",
        {
            "form": form,
            "community": community,
            "trail": selectors.breadcrumb(user=request.user, region=community),
        },
    )


@permission_required(VIEW_REGION_HISTORY, raise_exception=True)
def region_history(request: AuthedRequest, code: str) -> HttpResponse:
    region = selectors.region_get(user=request.user, code=code)
    # One more than shown, so the last shown change is compared with the one before it.
    records = list(region.history.select_related("history_user").order_by("-history_date")[:51])
    changes = [
        {"record": newer, "changes": newer.diff_against(older).changes if older else []}
        for newer, older in zip(records[:50], [*records[1:], None], strict=False)
    ]
    return render(
        request,
        "regions/region_history.html",
        {
            "region": region,
            "changes": changes,
            "trail": selectors.breadcrumb(user=request.user, region=region),
        },
    )
