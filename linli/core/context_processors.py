from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from linli.core.navigation import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    from linli.accounts.twofactor import pending_step

    if user.must_change_password or pending_step(request) is not None:
        return {"nav_items": []}  # nothing else opens until the sign-in is complete
    from linli.core.notifications import unread_count

    return {"nav_items": nav_for(user, request.path), "unread_count": unread_count(user)}
