"""The JSON API at /api/v1/: every router mounted here; authenticated unless said otherwise."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from linli.accounts.api import router as me_router
from linli.accounts.api_auth import API_AUTH, session_or_token
from linli.applications.api import router as applications_router
from linli.classify.api import router as classify_router
from linli.core.errors import DomainError
from linli.orgs.api import router as orgs_router
from linli.regions.api import router as regions_router
from linli.stats.api import router as stats_router

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in Chinese."}},
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        }
    },
    "required": ["detail"],
}
ERRORS = {
    "400": ("The request was understood but refused by a rule, said in `detail`.", "Error"),
    "401": ("No session and no valid token.", "Error"),
    "403": ("The caller's role does not give this, or the object is another's.", "Error"),
    "404": ("Missing, or outside the caller's jurisdiction (the same answer).", "Error"),
    "409": ("Changed by someone else since it was read: read it again.", "Error"),
    "422": ("A parameter or the body does not fit the schema.", "ValidationError"),
}


def _errors_of(method: str, path: str) -> list[str]:
    """The error answers an operation can give: every one can refuse the caller or the input;
    one naming an object can miss it; a write can break a rule or be stale."""
    codes = ["401", "403", "422"]
    writes = method in ("post", "put", "patch", "delete")
    if "{" in path or writes:  # a body names objects too (the organization a change is about)
        codes.append("404")
    if writes:
        codes += ["400", "409"]
    return sorted(codes)


class LinliAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema["info"].update(title=str(TITLE), description=str(DESCRIPTION))
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update({"Error": ERROR, "ValidationError": INVALID})
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for code in _errors_of(method, path):
                    description, component = ERRORS[code]
                    responses.setdefault(
                        code,
                        {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{component}"}
                                }
                            },
                        },
                    )
        return schema


# The document's title and introduction, in the language of the request (read at each request).
TITLE = gettext_lazy("Linli API for community social organizations")
DESCRIPTION = gettext_lazy(
    "JSON API of the Linli platform for community social organizations. Authenticate with the "
    "browser session (and its CSRF token) or with a personal API token sent as "
    "`Authorization: Bearer linli_…` (create one under My account and API tokens, /accounts/me/). "
    "Every call sees only the caller's jurisdiction; objects outside it answer 404. This "
    "document and the docs page open with the same token. Errors answer "
    '`{"detail": "<message>"}`, validation errors (422) '
    '`{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`.'
)

api = LinliAPI(
    title="Linli 邻里 API",
    version="1",
    description="",
    auth=API_AUTH,
    urls_namespace="api",
    docs_decorator=session_or_token,
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
