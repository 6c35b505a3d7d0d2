from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from linli.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind the login wall: ``user`` is a real account (see DenyByDefaultMiddleware)."""

    user: User  # type: ignore[assignment]
