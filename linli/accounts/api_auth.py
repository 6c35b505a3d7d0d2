"""Authentication for the JSON API: the browser's session (with CSRF) or a personal token."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
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


def session_or_token(view: Any) -> Any:
    """For the API's schema and docs page: the signed-in browser, or an integrator's token
    (integrators have no browser session). No credential: the login page; a wrong token: 401."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer":
                return redirect_to_login(request.get_full_path())
            user = api_token_authenticate(token.strip())
            if user is None:
                return JsonResponse(
                    {"detail": _("Sign in, or send a valid API token.")}, status=401
                )
            request.user = user
            bind_request_user(request)
        return view(request, *args, **kwargs)

    return wrapper
