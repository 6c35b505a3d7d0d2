"""Indicators for a region, read from the rollups (never by counting the registry)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings

from linli.core.scoping import scope_filter
from linli.orgs.choices import Category, OrgStatus, Tier
from linli.regions.choices import CommunityKind, RegionLevel
from linli.regions.models import Region
from linli.stats.models import MonthlyRollup, OrgRollup, Target

ACTIVE = OrgStatus.ACTIVE


@dataclass
class Totals:
    active: int = 0
    with_party_building: int = 0
    by_tier: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)


def totals_for(codes: list[str]) -> dict[str, Totals]:
    """Totals of several regions in one query."""
    result: dict[str, Totals] = {code: Totals() for code in codes}
    rows = OrgRollup.objects.filter(region_code__in=codes, count__gt=0).values_list(
        "region_code", "tier", "category", "status", "party", "count"
    )
    for code, tier, category, status, party, count in rows:
        t = result[code]
        t.by_status[status] = t.by_status.get(status, 0) + count
        if status == ACTIVE:
            t.active += count
            t.with_party_building += count if party else 0
            t.by_tier[tier] = t.by_tier.get(tier, 0) + count
            t.by_category[category] = t.by_category.get(category, 0) + count
    return result


@dataclass(frozen=True)
class Targets:
    urban: Decimal
    rural: Decimal


def targets_for(region: Region, year: int) -> Targets:
    chain = [region, *reversed(region.ancestors())]
    found = {
        t.region_id: t
        for t in Target.objects.filter(region__in=chain, year__lte=year).order_by("year")
    }
    for candidate in chain:
        target = found.get(candidate.pk)
        if target is not None:
            return Targets(target.orgs_per_urban_community, target.orgs_per_rural_community)
    urban, rural = getattr(settings, "DEFAULT_ORG_TARGETS", (12, 7))
    return Targets(Decimal(urban), Decimal(rural))


@dataclass
class Attainment:
    urban_communities: int = 0
    rural_communities: int = 0
    urban_orgs: int = 0
    rural_orgs: int = 0
    below: list[tuple[Region, int]] = field(default_factory=list)
    below_count: int = 0

    @property
    def urban_average(self) -> float | None:
        return self.urban_orgs / self.urban_communities if self.urban_communities else None

    @property
    def rural_average(self) -> float | None:
        return self.rural_orgs / self.rural_communities if self.rural_communities else None


def attainment_by_child(
    region: Region, targets: Targets, list_below: int = 50
) -> tuple[Attainment, dict[str, Attainment]]:
    """Per-community organization counts against the targets, for the region and each child.

    Communities with no organization have no rollup row; they count as zero."""
    communities = list(
        Region.objects.filter(
            scope_filter("path", region.path), level=RegionLevel.COMMUNITY, is_active=True
        ).only("code", "name", "path", "kind")
    )
    active: dict[str, int] = defaultdict(int)
    rows = OrgRollup.objects.filter(
        scope_filter("path", region.path), status=ACTIVE, count__gt=0
    ).values_list("region_code", "count")
    for code, count in rows:
        if len(code) == 12:
            active[code] += count
    overall = Attainment()
    per_child: defaultdict[str, Attainment] = defaultdict(Attainment)
    child_depth = region.depth + 1
    for community in communities:
        n = active.get(community.code, 0)
        child_code = community.path.split("/")[child_depth - 1]
        target = targets.urban if community.kind == CommunityKind.URBAN else targets.rural
        for bucket in (overall, per_child[child_code]):
            if community.kind == CommunityKind.URBAN:
                bucket.urban_communities += 1
                bucket.urban_orgs += n
            else:
                bucket.rural_communities += 1
                bucket.rural_orgs += n
            if n < target:
                bucket.below_count += 1
        if n < target and len(overall.below) < list_below:
            overall.below.append((community, n))
    return overall, dict(per_child)


def monthly(region: Region, months: int = 24) -> list[dict[str, Any]]:
    """Recognised, closed and net growth per month for the last ``months`` months."""
    from datetime import date

    today = date.today()  # noqa: DTZ011 (a calendar month, local)
    keys = []
    year, month = today.year, today.month
    for _i in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    table: dict[str, dict[str, Any]] = {
        k: {"month": k, "opened": 0, "closed": 0, "teams": 0} for k in keys
    }
    rows = MonthlyRollup.objects.filter(region_code=region.code, month__in=keys).values_list(
        "month", "tier", "opened", "closed"
    )
    for month_key, tier, opened, closed in rows:
        entry = table[month_key]
        entry["opened"] += opened
        entry["closed"] += closed
        if tier == Tier.TEAM:
            entry["teams"] += opened
    for entry in table.values():
        entry["net"] = entry["opened"] - entry["closed"]
    return list(table.values())


def dashboard(*, user: Any, region: Region, year: int) -> dict[str, Any]:
    children = list(
        Region.objects.restrict(user).filter(parent=region, is_active=True).order_by("code")
    )
    totals = totals_for([region.code, *[c.code for c in children]])
    targets = targets_for(region, year)
    overall, per_child = attainment_by_child(region, targets)
    rows = [
        {"region": c, "totals": totals[c.code], "attainment": per_child.get(c.code, Attainment())}
        for c in children
    ]
    return {
        "totals": totals[region.code],
        "children": rows,
        "targets": targets,
        "attainment": overall,
        "tiers": Tier.choices,
        "monthly": monthly(region),
        "categories": Category.choices,
    }
