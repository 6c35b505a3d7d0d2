"""TOTP second factor: required for administrators, optional for other staff."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import STRONG_PASSWORD, make_user, pass_second_factor
from linli.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": STRONG_PASSWORD})
    assert response.status_code == 302
    return client


def test_administrator_must_enrol_before_anything_else() -> None:
    make_user("root", "admin", None)
    client = sign_in("root")
    assert client.get(reverse("accounts:user_list"))["Location"] == reverse("accounts:otp_setup")
    assert client.get("/api/v1/me").status_code == 403
    page = client.get(reverse("accounts:otp_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="root", confirmed=False)
    wrong = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert "不正确" in wrong.content.decode()
    response = client.post(reverse("accounts:otp_setup"), {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("accounts:user_list")).status_code == 200
    assert AuditEvent.objects.filter(event_type="otp_enrol").count() == 1


def test_enrolled_user_is_asked_for_a_code_at_each_sign_in() -> None:
    user = make_user("root", "admin", None)
    device = TOTPDevice.objects.create(user=user, name="a", confirmed=True)
    client = sign_in("root")
    assert client.get(reverse("workbench:home"))["Location"] == reverse("accounts:otp_verify")
    bad = client.post(reverse("accounts:otp_verify"), {"token": "12345"})
    assert "6 位" in bad.content.decode()
    response = client.post(reverse("accounts:otp_verify"), {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200


def test_other_staff_are_not_forced_but_may_enrol() -> None:
    make_user("jiedao", "street_office", "310104003")
    client = sign_in("jiedao")
    assert client.get(reverse("workbench:home")).status_code == 200
    assert client.get(reverse("accounts:otp_setup")).status_code == 200


def test_wrong_codes_are_audited_and_admin_can_reset(people) -> None:
    user = make_user("jiedao", "street_office", "310104003")
    TOTPDevice.objects.create(user=user, name="a", confirmed=True)
    client = sign_in("jiedao")
    client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert AuditEvent.objects.filter(event_type="otp_failure").count() == 1
    admin = Client()
    admin.force_login(people.admin)
    pass_second_factor(admin, people.admin)
    admin.post(reverse("accounts:user_reset_otp", args=[user.pk]))
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(event_type="otp_reset").count() == 1
