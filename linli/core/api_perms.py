from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError


def require_perm(request: HttpRequest, permission: str) -> Any:
    """The authenticated user, if their role grants ``permission``; 403 otherwise."""
    user = request.auth  # type: ignore[attr-defined]
    if not user.has_perm(permission):
        raise HttpError(403, _("Your role does not give access to this endpoint."))
    return user
