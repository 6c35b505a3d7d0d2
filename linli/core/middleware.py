from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from linli.core import audit
from linli.core.choices import AuditEventType, AuditResult

Handler = Callable[[HttpRequest], HttpResponse]


def client_ip(request: HttpRequest) -> str | None:
    # Behind a proxy, the deployment sets REMOTE_ADDR correctly (see docs/deployment.md);
    # X-Forwarded-For is never trusted here because any client can send it.
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Give every request an id (echoed as X-Request-ID) and expose it to audit writes."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = audit.new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = audit.set_request_context(
            audit.RequestContext(request_id=request_id, ip_address=client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            audit.reset_request_context(token)
        response["X-Request-ID"] = request_id
        return response


def bind_request_user(request: HttpRequest) -> None:
    ctx = audit.current_request_context()
    if ctx is not None:
        audit.set_request_context(
            audit.RequestContext(ctx.request_id, ctx.ip_address, getattr(request, "user", None))
        )


class SecurityHeadersMiddleware:
    """Content-Security-Policy and related headers that Django 5.2 does not set itself."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class NulRefusedMiddleware:
    """A request whose parameters hold a NUL character is answered 400 before any view runs.

    No person types one, PostgreSQL can neither store nor compare one in text (a lookup with it
    fails with a database error, a 500), and Django's forms refuse it anyway: refusing it once
    here keeps every raw ``request.GET``/``request.POST`` read safe on both databases."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info:
        return True
    data = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        data.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in data
        for key, values in query.lists()
    )


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on everything a signed-in user, an API caller or a filer with a
    verified phone is answered (SECURITY.md: shared government PCs and proxies must not keep
    staff pages, unmasked personal data or exports). Anonymous public pages keep their own rules;
    a view that sets Cache-Control itself keeps it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        personal = (
            (user is not None and user.is_authenticated)
            or request.path_info.startswith("/api/")
            or (session is not None and not session.is_empty())
        )
        if personal:
            response.setdefault("Cache-Control", "no-store")
        return response


class PlatformLanguageMiddleware:
    """Simplified Chinese unless the user chose otherwise with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language; staff on machines set to
    English would then get an English platform they never asked for.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class DenyByDefaultMiddleware(LoginRequiredMiddleware):
    """Every view needs a login unless it is marked ``login_not_required``.

    The JSON API authenticates on its own (session or token) and answers 401 rather than
    redirecting, so it is exempt here and denied by default in ``linli.api``.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        bind_request_user(request)
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class AccessDeniedAuditMiddleware:
    """Record every refusal (403) of a signed-in user, and API refusals of anyone."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_api = request.path_info.startswith("/api/")
        if response.status_code == 403 or (is_api and response.status_code == 401):
            audit.record(
                AuditEventType.ACCESS_DENIED,
                result=AuditResult.DENIED,
                detail={
                    "path": request.path_info[:200],
                    "method": request.method,
                    "status": response.status_code,
                },
            )
        return response
