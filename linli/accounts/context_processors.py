from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from linli.accounts.twofactor import pending_step
from linli.core.navigation import nav_for, site_urls


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    urls = site_urls()
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "site_urls": urls}

    if user.must_change_password or pending_step(request) is not None:
        # nothing else opens until the sign-in is complete
        return {"nav_items": [], "site_urls": urls}
    return {
        "nav_items": nav_for(user, request.path),
        "unread_count": user.unread_notifications,
        "site_urls": urls,
    }
