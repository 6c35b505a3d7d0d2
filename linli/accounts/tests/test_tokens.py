from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from linli.accounts.models import ApiToken
from linli.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def create_token(client) -> str:
    response = client.post(reverse("accounts:profile"), {"name": "社区云对接"})
    assert response.status_code == 200
    return response.context["new_token"]


def test_token_is_shown_once_stored_hashed_and_works(people, login) -> None:
    raw = create_token(login(people.street_a))
    token = ApiToken.objects.get(user=people.street_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key_hash, prefix FROM accounts_apitoken")
        stored = cursor.fetchall()
    assert all(raw not in str(row) for row in stored)
    from django.test import Client

    api = Client()
    response = api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["username"] == "street_a"
    assert response.json()["region"]["code"] == "310104003"
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEvent.objects.filter(event_type="token_create").count() == 1


def test_token_is_scoped_like_the_user(people, login) -> None:
    raw = create_token(login(people.street_a))
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/regions/310104003/children").status_code == 200
    assert api.get("/api/v1/regions/310104004/children").status_code == 404


def test_revoked_or_wrong_tokens_are_refused(people, login) -> None:
    client = login(people.street_a)
    raw = create_token(client)
    token = ApiToken.objects.get(user=people.street_a)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    from django.test import Client

    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer linli_nonsense").status_code == 401
    assert AuditEvent.objects.filter(event_type="token_revoke").count() == 1
    listing = client.get(reverse("accounts:profile")).content.decode()
    assert "已吊销" in listing


def test_token_of_deactivated_user_stops_working(people, login) -> None:
    raw = create_token(login(people.street_a))
    people.street_a.is_active = False
    people.street_a.save()
    from django.test import Client

    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_cannot_revoke_someone_elses_token(people, login) -> None:
    create_token(login(people.street_a))
    token = ApiToken.objects.get(user=people.street_a)
    from django.test import Client

    other = Client()
    other.force_login(people.street_b)
    other.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None
