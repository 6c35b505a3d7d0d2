"""Reads of the registry, always inside the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from rapidfuzz import fuzz, process

from linli.orgs.filtersets import OrganizationFilterSet
from linli.orgs.models import Membership, Organization
from linli.regions.models import Region


def organization_list(*, user: Any, params: Any = None) -> tuple[QuerySet[Organization], Any]:
    """The scoped, filtered list and its bound FilterSet (for the form and the export)."""
    base = Organization.objects.restrict(user).select_related("region")
    filterset = OrganizationFilterSet(params or None, queryset=base)
    # Unbound (no parameters): everything in scope; invalid parameters: nothing, never more.
    queryset = filterset.qs if not filterset.is_bound or filterset.is_valid() else base.none()
    return queryset.order_by("-id"), filterset


def organization_get(*, user: Any, org_id: int) -> Organization:
    return (
        Organization.objects.select_related(
            "region", "registration_authority", "filing_street", "guiding_committee"
        )
        .prefetch_related(
            "tags",
            "honours",
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().select_related("person").order_by("role"),
            ),
        )
        .get_in_scope(user, pk=org_id)
    )


def similar_names(*, region: Region, name: str, exclude_pk: int | None = None) -> list[str]:
    """Names in the same street that are close to ``name`` (possible duplicates)."""
    street_path = region.path if region.level == "street" else region.path.rsplit("/", 2)[0] + "/"
    names = list(
        Organization.objects.filter(
            region_path__gte=street_path, region_path__lt=street_path[:-1] + "0"
        )
        .exclude(pk=exclude_pk or 0)
        .values_list("name", flat=True)[:5000]
    )
    matches = process.extract(name, names, scorer=fuzz.ratio, score_cutoff=80, limit=5)
    return [match for match, _score, _index in matches]
