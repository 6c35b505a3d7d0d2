from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from linli.regions import selectors

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    parent_code: str | None
    is_active: bool

    @staticmethod
    def resolve_parent_code(obj: object) -> str | None:
        parent = getattr(obj, "parent", None)
        return parent.code if parent is not None else None


class RegionNodeOut(RegionOut):
    child_count: int


@router.get("/regions", response=list[RegionOut], summary="The top of the user's region tree")
def region_roots(request: HttpRequest) -> object:
    return list(selectors.scope_roots(user=request.auth).select_related("parent"))  # type: ignore[attr-defined]


@router.get("/regions/{code}", response=RegionOut, summary="One region")
def region_detail(request: HttpRequest, code: str) -> object:
    return selectors.region_get(user=request.auth, code=code, with_parent=True)  # type: ignore[attr-defined]


@router.get(
    "/regions/{code}/children",
    response=list[RegionNodeOut],
    summary="A region's children, each with its number of children",
)
def region_children(request: HttpRequest, code: str) -> object:
    user = request.auth  # type: ignore[attr-defined]
    region = selectors.region_get(user=user, code=code)
    return list(selectors.region_children(user=user, region=region).select_related("parent"))
