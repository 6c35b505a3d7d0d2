"""Statistics for other systems (the community cloud, reports): the same numbers as the dashboard,
read from the rollups, inside the caller's jurisdiction."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from linli.core.api_perms import require_perm
from linli.core.roles import VIEW_ORGS
from linli.regions import selectors as region_selectors
from linli.stats import selectors
from linli.stats.models import INDICATOR_FIELDS

router = Router(tags=["statistics"])


class TotalsOut(Schema):
    active: int
    with_party_building: int
    by_tier: dict[str, int]
    by_category: dict[str, int]
    by_status: dict[str, int]


class TargetsOut(Schema):
    orgs_per_urban_community: float
    orgs_per_rural_community: float
    talents_per_urban_community: int
    talents_per_rural_community: int
    grade_3a_share: float


class RegionStatsOut(Schema):
    code: str
    name: str
    totals: TotalsOut
    indicators: dict[str, float | int | None]


class StatisticsOut(RegionStatsOut):
    year: int
    targets: TargetsOut
    children: list[RegionStatsOut]
    monthly: list[dict[str, Any]]


def _indicators(ind: selectors.Indicators) -> dict[str, float | int | None]:
    values: dict[str, float | int | None] = {f: getattr(ind, f) for f in INDICATOR_FIELDS}
    for name in ("urban_average", "rural_average", "talents_per_community"):
        value = getattr(ind, name)
        values[name] = round(value, 2) if value is not None else None
    for name in ("training_coverage", "certified_share"):
        value = getattr(ind, name)
        values[f"{name}_percent"] = round(value, 1) if value is not None else None
    return values


@router.get("/statistics/{code}", response=StatisticsOut, summary="Indicators of a region")
def statistics(request: HttpRequest, code: str) -> dict[str, Any]:
    user = require_perm(request, VIEW_ORGS)
    region = region_selectors.region_get(user=user, code=code)
    year = timezone.localdate().year
    data = selectors.dashboard(user=user, region=region, year=year)
    targets = data["targets"]
    return {
        "code": region.code,
        "name": region.name,
        "year": year,
        "totals": asdict(data["totals"]),
        "indicators": _indicators(data["indicators"]),
        "targets": {
            "orgs_per_urban_community": float(targets.urban),
            "orgs_per_rural_community": float(targets.rural),
            "talents_per_urban_community": targets.talents_urban,
            "talents_per_rural_community": targets.talents_rural,
            "grade_3a_share": float(targets.grade_3a_share),
        },
        "children": [
            {
                "code": row["region"].code,
                "name": row["region"].name,
                "totals": asdict(row["totals"]),
                "indicators": _indicators(row["indicators"]),
            }
            for row in data["children"]
        ],
        "monthly": data["monthly"],
    }
