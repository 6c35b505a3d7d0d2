"""Reads of the region tree, always through the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from linli.core.scoping import Scope
from linli.core.sql import table
from linli.regions.choices import RegionLevel
from linli.regions.models import Region


def region_list(*, user: Any) -> QuerySet[Region]:
    return Region.objects.restrict(user)


def region_get(*, user: Any, code: str, with_parent: bool = False) -> Region:
    """A region inside the user's jurisdiction, or Http404 (``with_parent``: its parent joined).
    Every dashboard, export and region page starts here, so the plain read is SQL: through the
    ORM it cost twice the query."""
    if with_parent:
        return Region.objects.select_related("parent").get_in_scope(user, code=code)
    where, params = Scope.of(user).sql("path")
    found = list(
        Region.objects.raw(
            f"SELECT * FROM {table(Region)} WHERE code = %s AND {where}",  # noqa: S608
            [code, *params],
        )
    )
    if not found:
        raise Http404
    return found[0]


def scope_roots(*, user: Any) -> QuerySet[Region]:
    """The topmost regions a user sees: their own region, or every province for a national user."""
    scope = Scope.of(user)
    if scope.is_whole_country:
        return Region.objects.filter(parent__isnull=True)
    if scope.is_nothing:
        return Region.objects.none()
    return Region.objects.filter(pk=user.region_id)


def region_children(*, user: Any, region: Region) -> QuerySet[Region]:
    """Direct children, in code order, with how many regions each has below it."""
    children = Region.objects.restrict(user).filter(parent=region).order_by("code")
    return children.annotate(child_count=Count("children", distinct=True))


def active_children(*, user: Any, region: Region | None) -> list[Region]:
    """The active regions directly below ``region`` (the provinces for None) inside the user's
    jurisdiction, in code order. Written as SQL: every dashboard asks for them, and the ORM spent
    four times the query's own time building it."""
    where, params = Scope.of(user).sql("path")
    parent, parent_params = ("parent_id = %s", [region.pk]) if region else ("parent_id IS NULL", [])
    return list(
        Region.objects.raw(
            f"SELECT * FROM {table(Region)} WHERE {parent} AND is_active AND {where} "  # noqa: S608
            "ORDER BY code",
            [*parent_params, *params],
        )
    )


def rollup_codes(*, user: Any, region_code: str = "") -> list[str] | None:
    """The regions whose rollup rows add up to what the user sees (below ``region_code``, if
    given): the region itself, every province for a national user, else the user's own region.
    None when ``region_code`` is unknown or outside the jurisdiction."""
    scope = Scope.of(user)
    if region_code:
        region = Region.objects.filter(code=region_code).only("code", "path").first()
        if region is None or not scope.contains(region.path):
            return None
        return [region.code]
    if scope.is_whole_country:
        return list(Region.objects.filter(parent__isnull=True).values_list("code", flat=True))
    return [scope.root_code] if scope.root_code else []


def breadcrumb(*, user: Any, region: Region) -> list[Region]:
    """Ancestors the user may open, then the region itself: the drill-down trail."""
    scope = Scope.of(user)
    if scope.is_nothing:
        return [region]
    return [*region.ancestors(within=scope.path or ""), region]


def community_counts(*, user: Any, region: Region) -> dict[str, int]:
    """Communities below a region in the user's jurisdiction, by kind (one aggregate)."""
    scope = Scope.of(user).narrow(region.path)
    below = Region.objects.within(scope).filter(level=RegionLevel.COMMUNITY)
    return below.aggregate(
        total=Count("id"),
        urban=Count("id", filter=Q(kind="urban")),
        rural=Count("id", filter=Q(kind="rural")),
    )
