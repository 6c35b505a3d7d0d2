from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from linli.accounts.twofactor import pending_step

Handler = Callable[[HttpRequest], HttpResponse]
LOGIN_STARTED_KEY = "linli_login_started"
SEEN_KEY = "linli_seen"
RENEW_SECONDS = 60


class SessionLifetimeMiddleware:
    """End a session that has lasted longer than the absolute lifetime, however active it was.

    The idle timeout is the session's age, renewed by saving the session; this adds the hard
    limit counted from login. The session is saved at most once a minute (not on every request),
    so that reading pages does not write to the database each time.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_STARTED_KEY)
            now = time.time()
            if started is None or now - float(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
            elif now - float(request.session.get(SEEN_KEY, 0)) >= RENEW_SECONDS:
                request.session[SEEN_KEY] = int(now)  # marks it modified: saved, expiry renewed
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Send a user whose password must change (first login, reset, expiry) to the change page."""

    ALLOWED = (
        "accounts:password_change",
        "accounts:logout",
        "accounts:otp_setup",
        "accounts:otp_verify",
    )

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and (user.must_change_password or user.password_expired()):
            allowed = {reverse(name) for name in self.ALLOWED}
            path = request.path_info
            if path not in allowed and not path.startswith(settings.STATIC_URL_PATH):
                if path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": _("You must change your password before continuing.")},
                        status=403,
                    )
                return redirect("accounts:password_change")
        return self.get_response(request)


class SecondFactorMiddleware:
    """After the password, ask for the authenticator code (or its set-up, where required)."""

    ALLOWED = ("accounts:otp_verify", "accounts:otp_setup", "accounts:logout")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:

        step = pending_step(request)
        if step is not None:
            path = request.path_info
            allowed = {reverse(name) for name in self.ALLOWED}
            if path not in allowed and not path.startswith(settings.STATIC_URL_PATH):
                if path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": _("Confirm your sign-in with your authenticator first.")},
                        status=403,
                    )
                return redirect(f"accounts:otp_{step}")
        return self.get_response(request)
