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
    offset: int = 0
    limit: int = 50


@router.get("/organizations", response=OrganizationPage, summary="Organizations in scope")
def organization_list(request: HttpRequest, filters: Query[OrganizationQuery]) -> object:
    user = require_perm(request, VIEW_ORGS)
    params = {k: v for k, v in filters.dict().items() if v and k not in ("offset", "limit")}
    queryset, _filterset = selectors.organization_list(user=user, params=params)
    limit = max(1, min(filters.limit, MAX_LIMIT))
    offset = max(0, filters.offset)
    rows = list(queryset.prefetch_related("tags")[offset : offset + limit + 1])
    return {
        "count": queryset.count(),
        "next_offset": offset + limit if len(rows) > limit else None,
        "results": rows[:limit],
    }


@router.get("/organizations/{org_id}", response=OrganizationDetailOut, summary="One organization")
def organization_detail(request: HttpRequest, org_id: int) -> object:
    user = require_perm(request, VIEW_ORGS)
    org = selectors.organization_get(user=user, org_id=org_id)
    return org
