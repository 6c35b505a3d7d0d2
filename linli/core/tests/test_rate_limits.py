"""Every public form answers 429 past its limit (linli.core.limits; docs/api.md lists them), with
a Chinese page and Retry-After, and what it guards stops: no more SMS codes are sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from linli.applications.models import PhoneVerification
from linli.applications.tests.test_public import PHONE, verified_client
from linli.core import notifications
from linli.core.limits import DEFAULT_RATES

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.NOTIFICATION_BACKEND = "linli.core.notifications.LocmemBackend"
    notifications.OUTBOX.clear()
    return notifications.OUTBOX


@pytest.fixture
def only(settings) -> Callable[[str], None]:
    """Every limit out of reach but ``name``, which allows LIMIT requests."""

    def _only(name: str) -> None:
        settings.RATE_LIMITS = dict.fromkeys(DEFAULT_RATES, "10000/m") | {name: f"{LIMIT}/m"}

    return _only


def from_ip(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def refused(response: Any) -> bool:
    if response.status_code != 429:
        return False
    assert response["Retry-After"] == "60"
    assert "请求过于频繁" in response.content.decode()
    return True


def phone(n: int) -> str:
    return f"1391234{n:04d}"


def test_sms_codes_per_address(only, outbox) -> None:
    only("sms_per_ip_minute")
    client = from_ip("203.0.113.7")
    start = reverse("public_filing:start")
    answers = [client.post(start, {"phone": phone(n)}) for n in range(LIMIT + 1)]
    assert [a.status_code for a in answers[:LIMIT]] == [302] * LIMIT and refused(answers[-1])
    assert len(outbox) == LIMIT and PhoneVerification.objects.count() == LIMIT
    assert from_ip("203.0.113.8").post(start, {"phone": phone(99)}).status_code == 302


@pytest.mark.parametrize("name", ["sms_per_ip_day"])
def test_sms_codes_per_address_and_day(only, outbox, name) -> None:
    only(name)
    client = from_ip("203.0.113.7")
    for n in range(LIMIT):
        client.post(reverse("public_filing:start"), {"phone": phone(n)})
    assert refused(client.post(reverse("public_filing:start"), {"phone": phone(50)}))


def test_sms_codes_per_network(only, outbox) -> None:
    """Many addresses of one /24 count together; another network does not."""
    only("sms_per_subnet_day")
    start = reverse("public_filing:start")
    for n in range(LIMIT):
        assert from_ip(f"198.51.100.{n + 1}").post(start, {"phone": phone(n)}).status_code == 302
    assert refused(from_ip("198.51.100.200").post(start, {"phone": phone(60)}))
    assert from_ip("198.51.101.1").post(start, {"phone": phone(61)}).status_code == 302


def test_sms_codes_for_everyone_protect_the_budget(only, outbox) -> None:
    only("sms_everyone_minute")
    start = reverse("public_filing:start")
    for n in range(LIMIT):
        from_ip(f"192.0.{n}.1").post(start, {"phone": phone(n)})
    assert refused(from_ip("192.0.77.1").post(start, {"phone": phone(70)}))
    assert len(outbox) == LIMIT


def test_code_entry(only, outbox) -> None:
    only("code_check_per_ip")
    client = from_ip("203.0.113.9")
    client.post(reverse("public_filing:start"), {"phone": PHONE})
    verify = reverse("public_filing:verify")
    answers = [client.post(verify, {"code": "000000"}) for _ in range(LIMIT + 1)]
    assert all(a.status_code == 200 for a in answers[:LIMIT]) and refused(answers[-1])


@pytest.mark.parametrize(
    "name", ["certificate_check_per_ip_minute", "certificate_check_per_ip_day"]
)
def test_certificate_check(only, name) -> None:
    only(name)
    client = from_ip("203.0.113.10")
    check = reverse("public_filing:check")
    answers = [client.get(check, {"code": f"ABCD{n:012X}"}) for n in range(LIMIT + 1)]
    assert all(a.status_code == 200 for a in answers[:LIMIT]) and refused(answers[-1])


def test_region_picker(only) -> None:
    only("region_picker_per_ip")
    client = from_ip("203.0.113.11")
    url = reverse("public_filing:region_options")
    answers = [client.get(url, {"parent": "310104"}) for _ in range(LIMIT + 1)]
    assert all(a.status_code == 200 for a in answers[:LIMIT]) and refused(answers[-1])


def test_filing_writes_of_a_verified_number(only, outbox, settings) -> None:
    client = verified_client(outbox)  # before the limit is lowered
    only("filing_writes_per_ip")
    new = reverse("public_filing:new") + "?kind=filing"
    answers = [client.post(new, {"name": ""}) for _ in range(LIMIT + 1)]
    assert all(a.status_code == 200 for a in answers[:LIMIT]) and refused(answers[-1])
    assert refused(client.post(reverse("public_filing:leave")))


def test_sign_in(only) -> None:
    only("login_per_ip")
    client = from_ip("203.0.113.12")
    login = reverse("accounts:login")
    answers = [client.post(login, {"username": f"u{n}", "password": "x"}) for n in range(4)]
    assert all(a.status_code == 200 for a in answers[:LIMIT]) and refused(answers[-1])


def test_language_switch(only) -> None:
    only("language_per_ip")
    client = from_ip("203.0.113.13")
    url = reverse("set_language")
    answers = [client.post(url, {"language": "zh-hans", "next": "/"}) for _ in range(LIMIT + 1)]
    assert all(a.status_code == 302 for a in answers[:LIMIT]) and refused(answers[-1])


def test_every_limit_is_documented() -> None:
    from pathlib import Path

    api_doc = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    assert [name for name in DEFAULT_RATES if f"`{name}`" not in api_doc] == []
