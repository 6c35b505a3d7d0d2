"""What the workbench shows, read through the apps that own it."""

from __future__ import annotations

from typing import Any

from linli.applications.selectors import todo_count
from linli.core.roles import REVIEW, VIEW_ORGS, Role
from linli.core.scoping import Scope
from linli.regions import selectors as region_selectors
from linli.regions.models import Region
from linli.stats.selectors import totals_for

# What each role is here to do; the workbench shows these as its first actions.
ROLE_TASKS: dict[str, list[str]] = {
    Role.CITY_BUREAU: ["regions", "audit"],
    Role.DISTRICT_BUREAU: ["regions", "audit"],
    Role.STREET_OFFICE: ["communities"],
    Role.COMMITTEE: ["community"],
    Role.ORG_LEADER: ["community"],
    Role.BASE_OPERATOR: ["regions"],
    Role.EXPERT: ["regions"],
    Role.ADMIN: ["users", "audit", "regions"],
}


def workbench(*, user: Any) -> dict[str, Any]:
    region = user.region
    return {
        "region": region,
        "summary": summary(user=user, region=region),
        "tasks": ROLE_TASKS.get(user.role, []),
        "trail": region_selectors.breadcrumb(user=user, region=region) if region else [],
        "counts": region_selectors.community_counts(user=user, region=region) if region else None,
        **_children(user, region),
    }


SHOWN = 40  # sub-regions listed on the workbench; past that it says how many more and links


def _children(user: Any, region: Region | None) -> dict[str, Any]:
    if region is None:
        return {"children": list(region_selectors.scope_roots(user=user)), "children_more": 0}
    below = region_selectors.region_children(user=user, region=region)
    shown = list(below[: SHOWN + 1])
    more = below.count() - SHOWN if len(shown) > SHOWN else 0
    return {"children": shown[:SHOWN], "children_more": more}


def summary(*, user: Any, region: Region | None) -> dict[str, Any] | None:
    """The few numbers a role starts its day with (from the rollups, not the registry)."""
    if region is None or not user.has_perm(VIEW_ORGS):
        return None
    totals = totals_for(Scope.of(user), [region.code])[region.code]
    # Only a role that decides applications has a queue (a base operator or an expert does not).
    return {"totals": totals, "todo": todo_count(user) if user.has_perm(REVIEW) else None}
