from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router

from linli.core.api_perms import require_perm
from linli.core.counting import clamped_id, clamped_offset
from linli.core.roles import VIEW_ORGS
from linli.core.schemas import InputSchema
from linli.orgs import selectors
from linli.orgs.schemas import OrganizationDetailOut, OrganizationPage

router = Router(tags=["organizations"])
MAX_LIMIT = 200


class OrganizationQuery(InputSchema):
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
    page, _filterset = selectors.organization_page(
        user=user,
        params=params,
        size=max(1, min(filters.limit, MAX_LIMIT)),
        after=clamped_id(filters.after),
        offset=clamped_offset(filters.offset),
        read=selectors.as_models,
    )
    prefetch_related_objects(page.items, "tags")
    return {
        "count": page.count.value,
        "count_exact": page.count.exact,
        "next_offset": page.next_offset,
        "next_after": page.next_after,
        "results": page.items,
    }


@router.get("/organizations/{org_id}", response=OrganizationDetailOut, summary="One organization")
def organization_detail(request: HttpRequest, org_id: int) -> object:
    user = require_perm(request, VIEW_ORGS)
    org = selectors.organization_get(user=user, org_id=org_id)
    return org
