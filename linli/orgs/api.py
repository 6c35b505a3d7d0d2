from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router, Schema

from linli.core.api_perms import require_perm
from linli.core.roles import VIEW_ORGS
from linli.orgs import selectors
from linli.orgs.models import Organization
from linli.orgs.schemas import OrganizationDetailOut, OrganizationPage

router = Router(tags=["organizations"])
MAX_LIMIT = 200


class OrganizationQuery(Schema):
    q: str = ""
    tier: str = ""
    category: str = ""
    tag: str = ""
    status: str = ""
    party_building: str = ""
    region: str = ""
    founded_from: str = ""
    founded_to: str = ""
    grade: str = ""  # "3a" or "graded": a valid grade
    leader_training: str = ""  # "trained" or "untrained" in the last five years
    offset: int = 0
    limit: int = 50
    after: int | None = None  # keyset: the page after this row (use next_after; cheap at any depth)


@router.get("/organizations", response=OrganizationPage, summary="Organizations in scope")
def organization_list(request: HttpRequest, filters: Query[OrganizationQuery]) -> object:
    user = require_perm(request, VIEW_ORGS)
    params = {
        k: v for k, v in filters.dict().items() if v and k not in ("offset", "limit", "after")
    }
    queryset, _filterset = selectors.organization_list(user=user, params=params)
    count = selectors.organization_count(user=user, params=params, queryset=queryset)
    limit = max(1, min(filters.limit, MAX_LIMIT))
    offset = 0 if filters.after is not None else max(0, filters.offset)
    walked = (
        selectors.country_search_ids(
            user=user, queryset=queryset, count=count, after=filters.after, size=limit
        )
        if offset == 0
        else None
    )
    if walked is not None:
        found = Organization.objects.select_related("region").filter(pk__in=walked)
        results, next_after = _page_of(list(found.order_by("id")), limit)
    elif filters.after is not None:
        page = selectors.keyset_page(queryset, after=str(filters.after), size=limit, count=count)
        results, next_after = page.items, page.next_after
    else:
        results, next_after = _page_of(list(queryset[offset : offset + limit + 1]), limit)
    prefetch_related_objects(results, "tags")
    return {
        "count": count.value,
        "count_exact": count.exact,
        "next_offset": offset + limit if next_after and filters.after is None else None,
        "next_after": next_after,
        "results": results,
    }


def _page_of(rows: list[Organization], limit: int) -> tuple[list[Organization], int | None]:
    """The first ``limit`` of ``limit`` + 1 rows, and the last one's id if another follows."""
    return rows[:limit], rows[limit - 1].pk if len(rows) > limit else None


@router.get("/organizations/{org_id}", response=OrganizationDetailOut, summary="One organization")
def organization_detail(request: HttpRequest, org_id: int) -> object:
    user = require_perm(request, VIEW_ORGS)
    org = selectors.organization_get(user=user, org_id=org_id)
    return org
