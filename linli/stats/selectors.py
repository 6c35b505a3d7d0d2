"""Indicators for a region, read from the rollups (never by counting the registry)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from linli.core.scoping import OutOfScope, Scope
from linli.orgs.choices import Category, OrgStatus, Tier
from linli.regions.models import Region
from linli.regions.selectors import active_children
from linli.stats import reads
from linli.stats.models import INDICATOR_FIELDS, Target
from linli.stats.targets import default_targets, targets_for

ACTIVE = OrgStatus.ACTIVE


@dataclass
class Totals:
    active: int = 0
    with_party_building: int = 0
    by_tier: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)


RollupRow = tuple[str, str, str, str, bool, int]  # region, tier, category, status, party, count


def totals_for(
    scope: Scope, codes: list[str], rows: list[RollupRow] | None = None
) -> dict[str, Totals]:
    """Totals of several regions of ``scope`` (from ``rows`` when the caller has read them)."""
    result: dict[str, Totals] = {code: Totals() for code in codes}
    for code, tier, category, status, party, count in (
        reads.rollup_rows(scope, codes) if rows is None else rows
    ):
        t = result[code]
        t.by_status[status] = t.by_status.get(status, 0) + count
        if status == ACTIVE:
            t.active += count
            t.with_party_building += count if party else 0
            t.by_tier[tier] = t.by_tier.get(tier, 0) + count
            t.by_category[category] = t.by_category.get(category, 0) + count
    return result


@dataclass
class Indicators:
    """A region's indicator rollup row, with the ratios a dashboard shows."""

    urban_communities: int = 0
    rural_communities: int = 0
    urban_community_orgs: int = 0
    rural_community_orgs: int = 0
    communities_below_org_target: int = 0
    talents: int = 0
    certified_talents: int = 0
    communities_below_talent_target: int = 0
    orgs_with_leader: int = 0
    orgs_with_trained_leader: int = 0
    roles: int = 0
    certified_roles: int = 0
    graded: int = 0
    graded_3a: int = 0

    @property
    def communities(self) -> int:
        return self.urban_communities + self.rural_communities

    @property
    def urban_average(self) -> float | None:
        return _ratio(self.urban_community_orgs, self.urban_communities)

    @property
    def rural_average(self) -> float | None:
        return _ratio(self.rural_community_orgs, self.rural_communities)

    @property
    def talents_per_community(self) -> float | None:
        return _ratio(self.talents, self.communities)

    @property
    def training_coverage(self) -> float | None:
        return _percent(self.orgs_with_trained_leader, self.orgs_with_leader)

    @property
    def certified_share(self) -> float | None:
        return _percent(self.certified_roles, self.roles)

    @property
    def below_count(self) -> int:
        return self.communities_below_org_target


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def indicators_for(scope: Scope, codes: list[str]) -> dict[str, Indicators]:
    found = reads.indicator_rows(scope, codes)
    return {code: Indicators(**found[code]) if code in found else Indicators() for code in codes}


@dataclass(frozen=True)
class BelowTarget:
    code: str
    name: str
    orgs: int
    talents: int
    lacking: list[str]

    @property
    def lacking_text(self) -> str:
        return "、".join(self.lacking) or "—"


def communities_below(
    scope: Scope, *, field: str, limit: int = 50, with_lacking: bool = True
) -> list[BelowTarget]:
    """The first communities of ``scope`` below a target, with the categories they lack."""
    rows = reads.communities_flagged(scope, field, limit)
    present: defaultdict[str, set[str]] = defaultdict(set)
    if with_lacking:
        for code, category in reads.active_categories(scope, [code for code, *_rest in rows]):
            present[code].add(category)
    labels = [(value, str(label)) for value, label in Category.choices]
    return [
        BelowTarget(
            code,
            name or code,
            urban + rural,
            talents,
            [label for value, label in labels if value not in present[code]],
        )
        for code, name, urban, rural, talents in rows
    ]


@dataclass(frozen=True)
class Country:
    """The whole country for a national user: the sum of the provinces (no region row)."""

    code: str = ""
    name: str = ""
    path: str = ""
    level: str = "country"


def add_totals(items: list[Totals]) -> Totals:
    result = Totals()
    for t in items:
        result.active += t.active
        result.with_party_building += t.with_party_building
        for mine, theirs in (
            (result.by_tier, t.by_tier),
            (result.by_category, t.by_category),
            (result.by_status, t.by_status),
        ):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
    return result


def add_indicators(items: list[Indicators]) -> Indicators:
    return Indicators(**{f: sum(getattr(i, f) for i in items) for f in INDICATOR_FIELDS})


def monthly(
    scope: Scope, region: Region | Country, months: int = 24, codes: list[str] | None = None
) -> list[dict[str, Any]]:
    """Recognised, closed and net growth per month for the last ``months`` months (of the region,
    or summed over ``codes``), inside ``scope``."""

    today = date.today()  # noqa: DTZ011 (a calendar month, local)
    keys = []
    year, month = today.year, today.month
    for _i in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    sums = {
        month: (opened, closed)
        for month, opened, closed in reads.monthly_sums(
            scope, codes or [region.code], keys[0], keys[-1]
        )
    }
    series = []
    for key in keys:
        opened, closed = sums.get(key, (0, 0))
        series.append({"month": key, "opened": opened, "closed": closed, "net": opened - closed})
    return series


def dashboard(*, user: Any, region: Region | Country, year: int) -> dict[str, Any]:
    national = not isinstance(region, Region)
    scope = Scope.of(user)
    if not national:
        scope = scope.narrow(region.path)
    elif not scope.is_whole_country:
        raise OutOfScope
    children = active_children(user=user, region=region if isinstance(region, Region) else None)
    child_codes = [c.code for c in children]
    codes = child_codes if national else [region.code, *child_codes]
    totals, indicators = totals_for(scope, codes), indicators_for(scope, codes)
    rows = [
        {"region": c, "totals": totals[c.code], "indicators": indicators[c.code]} for c in children
    ]
    if national:
        my_totals = add_totals([totals[c] for c in child_codes])
        mine = add_indicators([indicators[c] for c in child_codes])
    else:
        my_totals, mine = totals[region.code], indicators[region.code]
    registered = my_totals.by_tier.get(Tier.REGISTERED, 0)
    return {
        "share_3a": 100 * mine.graded_3a / registered if registered else None,
        "totals": my_totals,
        "indicators": mine,
        "children": rows,
        "targets": targets_for(scope, region, year)
        if isinstance(region, Region)
        else default_targets(),
        "below_org_target": communities_below(scope, field="communities_below_org_target")
        if mine.communities_below_org_target
        else [],
        "below_talent_target": communities_below(
            scope, field="communities_below_talent_target", with_lacking=False
        )
        if mine.communities_below_talent_target
        else [],
        "tiers": Tier.choices,
        "monthly": monthly(scope, region, codes=child_codes if national else None),
        "categories": Category.choices,
    }


def targets_of(region: Region) -> list[Target]:
    """The targets set on this region, by year."""
    return list(Target.objects.filter(region=region).order_by("-year"))
