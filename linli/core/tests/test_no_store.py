"""Staff pages, staff API responses and anything with personal data are not kept by caches:
``Cache-Control: no-store`` (SECURITY.md), whatever the status; anonymous public pages are not
touched."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import REVEALED_PHONE
from linli.core.tests.test_access import PUBLIC_ROUTES, ROUTES

pytestmark = pytest.mark.django_db

STAFF_ROUTES = [(name, path) for name, path in ROUTES if name not in PUBLIC_ROUTES]


@pytest.mark.parametrize(("name", "path"), STAFF_ROUTES, ids=[n for n, _ in STAFF_ROUTES])
def test_every_staff_route_answers_no_store(people, login, name, path) -> None:
    client = login(people.district)
    response = client.get(path)
    assert "no-store" in response.get("Cache-Control", ""), (path, response.status_code)


def test_the_api_answers_no_store_to_a_token(people) -> None:
    from django.test import Client

    from linli.accounts.services import api_token_create

    _token, secret = api_token_create(user=people.street_a, name="集成")
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_revealed_person_and_an_export_are_not_cached(people, login, reveal_url) -> None:
    client = login(people.street_a)
    response = client.post(reveal_url, {"purpose": "核对备案信息"})
    assert REVEALED_PHONE in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    export = client.get(reverse("stats:export", args=["310104003"]))
    assert export.status_code == 200 and export["Cache-Control"] == "no-store"


def test_a_filer_with_a_verified_phone_is_answered_no_store(client) -> None:
    session = client.session
    session["linli_marker"] = "x"  # any session content: a verified phone is kept in it
    session.save()
    assert client.get(reverse("public_filing:start"))["Cache-Control"] == "no-store"


def test_anonymous_public_pages_keep_their_own_caching(client) -> None:
    for name in ("core:home", "public_filing:start", "public_filing:check"):
        assert "no-store" not in client.get(reverse(name)).get("Cache-Control", ""), name
