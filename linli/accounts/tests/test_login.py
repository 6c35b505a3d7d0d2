"""Identity and sessions, as SECURITY.md states them."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.urls import reverse

from conftest import STRONG_PASSWORD, make_user
from linli.core.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def post_login(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_login_and_logout_are_audited(client) -> None:
    make_user("zhang", "street_office", "310104003")
    response = post_login(client, "zhang", STRONG_PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("workbench:home")
    assert (
        AuditEvent.objects.filter(event_type="login_success", actor_username="zhang").count() == 1
    )
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(event_type="logout", actor_username="zhang").count() == 1


def test_unknown_user_and_wrong_password_get_the_same_message(client) -> None:
    make_user("zhang", "street_office", "310104003")
    wrong = post_login(client, "zhang", "Wrong#Pass1").content.decode()
    unknown = post_login(client, "nobody", "Wrong#Pass1").content.decode()
    assert "用户名或密码不正确" in wrong and "用户名或密码不正确" in unknown
    failures = AuditEvent.objects.filter(event_type="login_failure")
    assert failures.count() == 2
    assert failures.filter(actor_username="zhang", region_path="310000/310104/310104003/").exists()


def test_five_failures_lock_the_account_even_for_the_right_password(client) -> None:
    make_user("zhang", "street_office", "310104003")
    for _ in range(5):
        post_login(client, "zhang", "Wrong#Pass1")
    response = post_login(client, "zhang", STRONG_PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type="lockout", actor_username="zhang").exists()


def test_lockout_is_per_username_and_address(client) -> None:
    make_user("zhang", "street_office", "310104003")
    for _ in range(5):
        post_login(client, "zhang", "Wrong#Pass1")
    other_address = client.post(
        LOGIN, {"username": "zhang", "password": STRONG_PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert other_address.status_code == 302


def test_idle_timeout_sends_back_to_login(client, settings) -> None:
    make_user("zhang", "street_office", "310104003")
    post_login(client, "zhang", STRONG_PASSWORD)
    assert client.get(reverse("workbench:home")).status_code == 200
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    later = time.time() + 31 * 60
    from django.utils import timezone

    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timezone.timedelta(minutes=31)
    ):
        response = client.get(reverse("workbench:home"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert later  # the session row expired in the database: Django no longer loads it


def test_activity_renews_the_idle_timeout_without_a_write_per_request(client) -> None:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    make_user("zhang", "street_office", "310104003")
    post_login(client, "zhang", STRONG_PASSWORD)
    client.get(reverse("workbench:home"))
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    client.get(reverse("workbench:home"))  # within the minute: no save
    assert Session.objects.get(session_key=key).expire_date == first
    now = time.time()
    later = timezone.now() + timezone.timedelta(minutes=20)
    with (
        mock.patch("linli.accounts.middleware.time.time", return_value=now + 20 * 60),
        mock.patch("django.utils.timezone.now", return_value=later),
    ):
        assert client.get(reverse("workbench:home")).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed - first >= timezone.timedelta(minutes=19)


def test_absolute_lifetime_ends_an_active_session(client) -> None:
    make_user("zhang", "street_office", "310104003")
    post_login(client, "zhang", STRONG_PASSWORD)
    eight_hours_later = time.time() + 8 * 3600 + 60
    with mock.patch("linli.accounts.middleware.time.time", return_value=eight_hours_later):
        response = client.get(reverse("workbench:home"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_new_session_key_at_login_and_cookie_replay_refused_after_logout(client) -> None:
    make_user("zhang", "street_office", "310104003")
    client.get(LOGIN)
    client.session["probe"] = 1
    before = client.session.session_key
    post_login(client, "zhang", STRONG_PASSWORD)
    stolen = client.cookies["sessionid"].value
    assert stolen != before
    client.post(reverse("accounts:logout"))
    from django.test import Client

    replay = Client()
    replay.cookies["sessionid"] = stolen
    response = replay.get(reverse("workbench:home"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_deactivation_kills_the_running_session(client) -> None:
    user = make_user("zhang", "street_office", "310104003")
    post_login(client, "zhang", STRONG_PASSWORD)
    user.is_active = False
    user.save()
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302


def test_first_login_redirects_to_password_change(client) -> None:
    make_user("newbie", "street_office", "310104003", must_change_password=True)
    response = post_login(client, "newbie", STRONG_PASSWORD)
    assert client.get(reverse("workbench:home"))["Location"] == reverse("accounts:password_change")
    assert client.get("/api/v1/me").status_code in (401, 403)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": STRONG_PASSWORD,
            "new_password1": "Fresh#Start42",
            "new_password2": "Fresh#Start42",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200
    assert AuditEvent.objects.filter(event_type="password_change").count() == 1


def test_a_weak_new_password_is_refused_in_chinese(client) -> None:
    make_user("newbie", "street_office", "310104003", must_change_password=True)
    post_login(client, "newbie", STRONG_PASSWORD)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": STRONG_PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"},
    )
    assert response.status_code == 200
    assert "至少" in response.content.decode()


def test_expired_password_must_be_changed(client, settings) -> None:
    from django.utils import timezone

    settings.PASSWORD_MAX_AGE_DAYS = 90
    make_user(
        "old",
        "street_office",
        "310104003",
        password_changed_at=timezone.now() - timezone.timedelta(days=91),
    )
    post_login(client, "old", STRONG_PASSWORD)
    assert client.get(reverse("workbench:home"))["Location"] == reverse("accounts:password_change")
