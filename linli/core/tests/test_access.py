"""Deny by default: every route needs a login (or an API credential) unless it is listed here."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# The explicit public allowlist. A new route that answers anonymous users must be added here on
# purpose, or this test fails.
PUBLIC_ROUTES = {
    "core:home",
    "core:healthz",
    "accounts:login",
    "set_language",
    # Filing without an account: each page below checks the verified mobile number itself.
    "public_filing:start",
    "public_filing:verify",
    "public_filing:leave",
    "public_filing:home",
    "public_filing:region_options",
    "public_filing:new",
    "public_filing:detail",
    "public_filing:edit",
    "public_filing:upload",
    "public_filing:certificate",
    "public_filing:action",
    "public_filing:check",
}

SAMPLE_KWARGS = {
    "code": "310104003",
    "user_id": "1",
    "token_id": "1",
    "upload_id": "6f1c1f4e-7a0b-4d4e-9a53-2d1b1f3c9e10",
}


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(route name, concrete path) for every URL pattern, with sample values for converters."""
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            found += walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            route = re.sub(
                r"<(?:(\w+):)?(\w+)>|\{(\w+)\}",
                lambda m: SAMPLE_KWARGS.get(m.group(2) or m.group(3), "1"),
                route,
            )
            route = route.replace("^", "").replace("$", "")
            found.append((f"{namespace}{p.name}", "/" + route))
    return found


ROUTES = walk(get_resolver().url_patterns)


def test_route_walk_found_the_platform() -> None:
    names = {name for name, _path in ROUTES}
    assert {"workbench:home", "regions:detail", "accounts:user_list"} <= names
    assert any(path.startswith("/api/v1/") for _name, path in ROUTES)


@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[n for n, _ in ROUTES])
def test_anonymous_is_refused_everywhere_but_the_public_allowlist(client, name, path) -> None:
    response = client.get(path)
    if name in PUBLIC_ROUTES:
        assert response.status_code in (200, 302, 405), path
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
        return
    if name == "api:api-root":  # ninja's placeholder for reverse("api:api-root"); no view
        assert response.status_code == 404
    elif path.startswith("/api/v1/") and "openapi" not in name and "docs" not in path:
        if response.status_code == 405:  # a write-only endpoint: try the write
            response = client.post(path, data={}, content_type="application/json")
        assert response.status_code == 401, path
    else:
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path


@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[n for n, _ in ROUTES])
def test_lowest_role_gets_no_error_and_no_management_page(people, login, name, path) -> None:
    client = login(people.leader)
    response = client.get(path)
    assert response.status_code < 500, path
    management = ("accounts:user", "core:audit_log", "regions:community", "regions:history")
    if name.startswith(management):
        assert response.status_code in (403, 404, 405), path
