"""Reads of the region tree, always through the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from linli.core.scoping import EVERYTHING, jurisdiction_of, scope_filter
from linli.regions.choices import RegionLevel
from linli.regions.models import Region


def region_list(*, user: Any) -> QuerySet[Region]:
    return Region.objects.restrict(user)


def region_get(*, user: Any, code: str) -> Region:
    """A region inside the user's jurisdiction, or Http404."""
    return Region.objects.select_related("parent").get_in_scope(user, code=code)


def scope_roots(*, user: Any) -> QuerySet[Region]:
    """The topmost regions a user sees: their own region, or every province for a national user."""
    scope = jurisdiction_of(user)
    if scope is EVERYTHING:
        return Region.objects.filter(parent__isnull=True)
    if scope is None:
        return Region.objects.none()
    return Region.objects.filter(pk=user.region_id)


def region_children(*, user: Any, region: Region) -> QuerySet[Region]:
    """Direct children with how many regions and communities each has below it."""
    return (
        Region.objects.restrict(user)
        .filter(parent=region)
        .annotate(child_count=Count("children", distinct=True))
        .order_by("code")
    )


def breadcrumb(*, user: Any, region: Region) -> list[Region]:
    """Ancestors the user may open, then the region itself: the drill-down trail."""
    scope = jurisdiction_of(user)
    trail = [
        r
        for r in region.ancestors()
        if scope is EVERYTHING or (isinstance(scope, str) and r.path.startswith(scope))
    ]
    return [*trail, region]


def community_counts(*, region: Region) -> dict[str, int]:
    """Communities below a region, by kind (one aggregate over the subtree)."""
    below = Region.objects.filter(scope_filter("path", region.path), level=RegionLevel.COMMUNITY)
    return below.aggregate(
        total=Count("id"),
        urban=Count("id", filter=Q(kind="urban")),
        rural=Count("id", filter=Q(kind="rural")),
    )
