from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from linli.accounts.schemas import UserOut

router = Router(tags=["me"])


@router.get("/me", response=UserOut, summary="The current user")
def me(request: HttpRequest) -> object:
    return request.auth  # type: ignore[attr-defined]
