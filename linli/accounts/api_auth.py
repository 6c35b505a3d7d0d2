"""Authentication for the JSON API: the browser's session (with CSRF) or a personal token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from linli.accounts.services import api_token_authenticate
from linli.core.middleware import bind_request_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        bind_request_user(request)
        return user


class StaffSessionAuth(SessionAuth):
    """The signed-in browser session; refused while a password change is pending."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None or user.must_change_password:
            return None
        return user


API_AUTH = [TokenAuth(), StaffSessionAuth()]
