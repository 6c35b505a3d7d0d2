"""The JSON API at /api/v1/: every router mounted here; authenticated unless said otherwise."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from linli.accounts.api import router as me_router
from linli.accounts.api_auth import API_AUTH
from linli.applications.api import router as applications_router
from linli.classify.api import router as classify_router
from linli.core.errors import DomainError
from linli.orgs.api import router as orgs_router
from linli.regions.api import router as regions_router
from linli.stats.api import router as stats_router

api = NinjaAPI(
    title="Linli 邻里 API",
    version="1",
    description=(
        "JSON API of the Linli platform for community social organizations. Authenticate with "
        "the browser session (and its CSRF token) or with a personal API token sent as "
        "`Authorization: Bearer linli_…` (create one under 我的账号与 API 令牌, /accounts/me/). "
        "Every call sees only the caller's jurisdiction; objects outside it answer 404."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    docs_decorator=login_required,
)
api.add_router("/", me_router)
api.add_router("/", regions_router)
api.add_router("/", classify_router)
api.add_router("/", orgs_router)
api.add_router("/", applications_router)
api.add_router("/", stats_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Sign in, or send a valid API token.")}, status=401
    )
