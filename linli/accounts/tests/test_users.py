"""The administrator creates accounts, resets passwords, deactivates; every step is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from linli.accounts.models import User
from linli.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_admin_creates_an_account_with_a_one_time_password(people, login, client) -> None:
    admin_client = login(people.admin)
    response = admin_client.post(
        reverse("accounts:user_create"),
        {
            "username": "wang.jiedao",
            "full_name": "王老师",
            "role": "street_office",
            "region": "310104003",
        },
    )
    assert response.status_code == 200
    password = response.context["password"]
    user = User.objects.get(username="wang.jiedao")
    assert user.must_change_password and user.region.code == "310104003"
    assert user.password != password and user.check_password(password)
    assert AuditEvent.objects.filter(event_type="user_create", object_id=str(user.pk)).count() == 1
    assert user.history.count() == 1 and user.history.first().history_user == people.admin


@pytest.mark.parametrize(
    ("role", "region", "message"),
    [
        ("street_office", "310104", "一级"),
        ("committee", "310104003", "一级"),
        ("city_bureau", "310104", "一级"),
        ("street_office", "", "必须属于"),
        ("street_office", "999999999", "没有代码"),
    ],
)
def test_bad_role_and_region_combinations_are_refused(people, login, role, region, message) -> None:
    client = login(people.admin)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "someone", "full_name": "某人", "role": role, "region": region},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="someone").exists()


def test_duplicate_username_is_refused(people, login) -> None:
    client = login(people.admin)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "STREET_A",
            "full_name": "重复",
            "role": "street_office",
            "region": "310104003",
        },
    )
    assert "已被使用" in response.content.decode()


def test_reset_password_forces_change_and_ends_old_sessions(people, login) -> None:
    from django.test import Client

    victim_client = Client()
    victim_client.force_login(people.street_a)
    assert victim_client.get(reverse("workbench:home")).status_code == 200
    admin_client = login(people.admin)
    response = admin_client.post(reverse("accounts:user_reset_password", args=[people.street_a.pk]))
    temporary = response.context["password"]
    people.street_a.refresh_from_db()
    assert people.street_a.must_change_password and people.street_a.check_password(temporary)
    assert victim_client.get(reverse("workbench:home")).status_code == 302
    assert AuditEvent.objects.filter(event_type="password_reset").count() == 1


def test_deactivate_and_stale_edit(people, login) -> None:
    client = login(people.admin)
    url = reverse("accounts:user_edit", args=[people.street_b.pk])
    form = {
        "full_name": "湖南路",
        "role": "street_office",
        "region": "310104004",
        "version": people.street_b.version,
    }
    assert client.post(url, form).status_code == 302  # active unchecked: deactivated
    people.street_b.refresh_from_db()
    assert not people.street_b.is_active and people.street_b.version == 2
    # The same form again carries the old version: refused, nothing changed.
    response = client.post(url, {**form, "full_name": "另一个名字", "is_active": "on"})
    assert response.status_code == 200 and "刚刚被其他人修改" in response.content.decode()
    people.street_b.refresh_from_db()
    assert people.street_b.full_name == "湖南路" and not people.street_b.is_active


def test_admin_cannot_deactivate_self(people, login) -> None:
    client = login(people.admin)
    response = client.post(
        reverse("accounts:user_edit", args=[people.admin.pk]),
        {"full_name": "admin", "role": "admin", "region": "", "version": people.admin.version},
    )
    assert "不能停用自己" in response.content.decode()


def test_non_admins_cannot_manage_users(people, login) -> None:
    client = login(people.city)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert AuditEvent.objects.filter(event_type="access_denied", actor_username="city").count() == 1
