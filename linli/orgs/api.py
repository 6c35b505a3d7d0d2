from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from linli.accounts.roles import VIEW_ORGS
from linli.core.api_perms import require_perm
from linli.orgs import selectors
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
    if filters.after is not None:
        page = selectors.keyset_page(
            queryset.prefetch_related("tags"), after=str(filters.after), size=limit, count=count
        )
        return {
            "count": count.value,
            "count_exact": count.exact,
            "next_offset": None,
            "next_after": page.next_after,
            "results": page.items,
        }
    offset = max(0, filters.offset)
    rows = list(queryset.prefetch_related("tags")[offset : offset + limit + 1])
    more = len(rows) > limit
    return {
        "count": count.value,
        "count_exact": count.exact,
        "next_offset": offset + limit if more else None,
        "next_after": rows[limit - 1].pk if more else None,
        "results": rows[:limit],
    }


@router.get("/organizations/{org_id}", response=OrganizationDetailOut, summary="One organization")
def organization_detail(request: HttpRequest, org_id: int) -> object:
    user = require_perm(request, VIEW_ORGS)
    org = selectors.organization_get(user=user, org_id=org_id)
    return org
