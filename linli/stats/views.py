from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import audit
from linli.core.cards import grouped
from linli.core.choices import AuditEventType
from linli.core.errors import DomainError
from linli.core.roles import CHANGE_ORGS, VIEW_ORGS
from linli.core.scoping import Scope
from linli.core.types import AuthedRequest
from linli.orgs.choices import Category, Tier
from linli.regions import selectors as region_selectors
from linli.regions.choices import RegionLevel
from linli.stats import selectors, services
from linli.stats.cards import dashboard_cards
from linli.stats.export import statistics_workbook
from linli.stats.forms import TargetForm
from linli.stats.tables import below_talent_list, below_target_table, subregion_table
from linli.stats.targets import targets_for


@permission_required(VIEW_ORGS, raise_exception=True)
def dashboard_home(request: AuthedRequest) -> HttpResponse:
    if Scope.of(request.user).is_whole_country:
        return redirect("stats:national")
    roots = list(region_selectors.scope_roots(user=request.user))
    if not roots:
        raise Http404
    return redirect("stats:dashboard", code=roots[0].code)


@permission_required(VIEW_ORGS, raise_exception=True)
def national(request: AuthedRequest) -> HttpResponse:
    """All provinces summed, for a user whose jurisdiction is the whole country."""
    if not Scope.of(request.user).is_whole_country:
        raise Http404
    country = selectors.Country(name=_("National"))
    data = selectors.dashboard(user=request.user, region=country, year=timezone.localdate().year)
    return render(
        request,
        "stats/dashboard.html",
        {
            **data,
            "region": country,
            **_tables(data, country),
        },
    )


@permission_required(VIEW_ORGS, raise_exception=True)
def dashboard(request: AuthedRequest, code: str) -> HttpResponse:
    region = region_selectors.region_get(user=request.user, code=code)
    data = selectors.dashboard(user=request.user, region=region, year=timezone.localdate().year)
    return render(
        request,
        "stats/dashboard.html",
        {
            **data,
            "region": region,
            "trail": region_selectors.breadcrumb(user=request.user, region=region),
            "trail_view": "stats:dashboard",  # up the trail, still on dashboards
            **_tables(data, region),
            "can_set_targets": request.user.has_perm(CHANGE_ORGS)
            and region.level in (RegionLevel.PROVINCE, RegionLevel.CITY),
        },
    )


def _counted(choices: list[tuple[str, str]], counts: dict[str, int]) -> list[tuple[str, str, str]]:
    """(value, label, formatted count) for each choice: the cards and the category list."""
    return [(value, label, grouped(counts.get(value, 0))) for value, label in choices]


FOLD = 10  # rows of a below-target list shown before the rest is folded


def _tables(data: dict[str, Any], region: Any) -> dict[str, Any]:
    return {
        "cards": dashboard_cards(data, region),
        "subregions": subregion_table(data),
        # The first FOLD rows show; the rest are folded under a line that says how many.
        "below_org_table": below_target_table(data["below_org_target"][:FOLD]),
        "below_org_more": below_target_table(data["below_org_target"][FOLD:]),
        "below_org_rest": len(data["below_org_target"][FOLD:]),
        "below_talent_list": below_talent_list(data["below_talent_target"][:FOLD]),
        "below_talent_more": below_talent_list(data["below_talent_target"][FOLD:]),
        "below_talent_rest": len(data["below_talent_target"][FOLD:]),
        "chart": _chart_data(data),
        "category_rows": _counted(data["categories"], data["totals"].by_category),
    }


def _chart_data(data: dict[str, Any]) -> dict[str, Any]:
    """What the ECharts script draws (passed as JSON, no inline script)."""
    totals = data["totals"]
    categories = dict(Category.choices)
    tiers = dict(Tier.choices)
    return {
        "category": [
            {"name": str(categories[c]), "value": totals.by_category.get(c, 0)} for c in categories
        ],
        "tier": [{"name": str(tiers[t]), "value": totals.by_tier.get(t, 0)} for t in tiers],
        "children": [row["region"].name for row in data["children"]],
        "urban_average": [
            round(row["indicators"].urban_average or 0, 1) for row in data["children"]
        ],
        "rural_average": [
            round(row["indicators"].rural_average or 0, 1) for row in data["children"]
        ],
        "months": [m["month"] for m in data["monthly"]],
        "opened": [m["opened"] for m in data["monthly"]],
        "closed": [m["closed"] for m in data["monthly"]],
        "net": [m["net"] for m in data["monthly"]],
        "urban_target": float(data["targets"].urban),
        "rural_target": float(data["targets"].rural),
    }


@permission_required(CHANGE_ORGS, raise_exception=True)
def targets(request: AuthedRequest, code: str) -> HttpResponse:
    """The targets of a province or city by year; saving re-decides who is below them."""
    region = region_selectors.region_get(user=request.user, code=code)
    year = timezone.localdate().year
    current = targets_for(Scope.of(request.user), region, year)
    form = TargetForm(
        request.POST or None,
        initial={
            "year": year,
            "orgs_per_urban_community": current.urban,
            "orgs_per_rural_community": current.rural,
            "talents_per_urban_community": current.talents_urban,
            "talents_per_rural_community": current.talents_rural,
            "grade_3a_share": current.grade_3a_share,
        },
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.targets_set(
                actor=request.user, region=region, year=values.pop("year"), **values
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The targets have been saved."))
            return redirect("stats:dashboard", code=region.code)
    return render(
        request,
        "stats/targets.html",
        {
            "region": region,
            "form": form,
            "current": current,
            "rows": selectors.targets_of(region),
        },
    )


@permission_required(VIEW_ORGS, raise_exception=True)
def export(request: AuthedRequest, code: str) -> HttpResponse:
    """The statistical table as .xlsx, inside the user's scope; audited."""
    region = region_selectors.region_get(user=request.user, code=code)
    children = region_selectors.active_children(user=request.user, region=region)
    scope = Scope.of(request.user).narrow(region.path)
    return _workbook_response(scope, region, children, obj=region)


@permission_required(VIEW_ORGS, raise_exception=True)
def national_export(request: AuthedRequest) -> HttpResponse:
    if not Scope.of(request.user).is_whole_country:
        raise Http404
    provinces = region_selectors.active_children(user=request.user, region=None)
    country = selectors.Country(name=_("National"))
    return _workbook_response(Scope.of(request.user), country, provinces, obj=None)


def _workbook_response(scope: Scope, region: Any, children: list[Any], *, obj: Any) -> HttpResponse:
    content = statistics_workbook(scope=scope, region=region, children=children)
    audit.record(
        AuditEventType.EXPORT,
        obj=obj,
        region_path=region.path,
        detail={"what": "statistics", "region": region.code, "rows": len(children) + 1},
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = quote(f"社区社会组织统计-{region.name}-{timezone.localdate():%Y%m%d}.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
