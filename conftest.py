"""Shared test fixtures: a small real region tree and named people at known places.

People (see DESIGN.md §1 and STYLE.md): a street official of 天平路街道 (street A) and one of
湖南路街道 (street B), a district official of 徐汇区 and one of 黄浦区, the city bureau, a
committee member of a community of street A, a team leader, the national administrator, and an
anonymous resident (the test client without login).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

STRONG_PASSWORD = "Linyi#2026abc"  # noqa: S105 (test fixture)

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    """Under CI a skipped test is a failure: PostgreSQL and browser tests must really run."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = (
            f"skipped under CI=true, which requires every test to run: {report.longrepr}"
        )


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (make test-postgres)"))
    # Tests of SQLite-only machinery are not run against PostgreSQL: deselected, not skipped.
    if on_postgres:
        sqlite_only = [item for item in items if "sqlite" in item.keywords]
        if sqlite_only:
            config.hook.pytest_deselected(items=sqlite_only)
            items[:] = [item for item in items if "sqlite" not in item.keywords]


def load_test_regions() -> None:
    """Shanghai (31) and Hainan (46) from the Ministry's table, plus a few communities."""
    from linli.regions.models import Region
    from linli.regions.services import regions_load

    if not Region.objects.exists():
        from linli.stats.indicators import indicators_rebuild

        regions_load(provinces={"31", "46"})
        _add_communities()
        indicators_rebuild()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_test_regions()


@pytest.fixture(autouse=True)
def regions_present(request: Any) -> None:
    """A transactional test (live server, races) empties every table afterwards; reload then."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        load_test_regions()


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = os.path.join(os.path.dirname(__file__), "test-artifacts")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_at(browser: Any, live_server: Any, settings: Any) -> Any:
    """A new page of the given width (desktop 1280 or phone 375) against the live server.

    The browser tests sign in dozens of times a minute from one address, and the live server's
    rate-limit counts outlive each test (the cache table is not flushed): the limits are set
    out of their reach here; linli/core/tests/test_rate_limits.py tests them."""
    from linli.core.limits import DEFAULT_RATES

    settings.RATE_LIMITS = dict.fromkeys(DEFAULT_RATES, "100000/m")
    contexts = []

    def _open(width: int = 1280) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="zh-CN", base_url=live_server.url
        )
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str) -> str:
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path


COMMUNITIES = {
    "310104003": [
        ("310104003001", "天平路第一居委会", "urban"),
        ("310104003002", "永嘉新村居委会", "urban"),
    ],
    "310104004": [
        ("310104004001", "湖南路第一居委会", "urban"),
        ("310104004002", "武康路居委会", "urban"),
    ],
    "310101002": [("310101002001", "南京东路第一居委会", "urban")],
    "460105001": [("460105001001", "秀英社区居委会", "urban")],
    "310117102": [("310117102200", "泗泾镇新南村村委会", "rural")],
}


def _add_communities() -> None:
    from linli.regions.models import Region

    for street_code, rows in COMMUNITIES.items():
        street = Region.objects.get(code=street_code)
        for code, name, kind in rows:
            community = Region(code=code, name=name, level="community", kind=kind, parent=street)
            community.build_path()
            community.save()


@dataclass
class People:
    street_a: Any
    street_b: Any
    district: Any
    other_district: Any
    city: Any
    committee: Any
    leader: Any
    admin: Any

    def all(self) -> dict[str, Any]:
        return dict(self.__dict__)


def make_user(username: str, role: str, region_code: str | None, **extra: Any) -> Any:
    from linli.accounts.models import User
    from linli.regions.models import Region

    region = Region.objects.get(code=region_code) if region_code else None
    user = User(username=username, role=role, region=region, full_name=username, **extra)
    user.set_password(STRONG_PASSWORD)
    user.save()
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that do not test hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db: Any) -> People:
    return People(
        street_a=make_user("street_a", "street_office", "310104003"),
        street_b=make_user("street_b", "street_office", "310104004"),
        district=make_user("district", "district_bureau", "310104"),
        other_district=make_user("other_district", "district_bureau", "310101"),
        city=make_user("city", "city_bureau", "310000"),
        committee=make_user("committee", "committee", "310104003001"),
        leader=make_user("leader", "org_leader", "310104003001"),
        admin=make_user("admin", "admin", None),
    )


def pass_second_factor(client: Client, user: Any) -> None:
    """For roles that must use an authenticator: enrol one and mark the session verified."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from linli.accounts.twofactor import required_for

    if not required_for(user):
        return
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture
def login(client: Client) -> Any:
    """Log the test client in as a user (through the real session machinery)."""

    def _login(user: Any) -> Client:
        client.force_login(user)
        pass_second_factor(client, user)
        return client

    return _login


@dataclass
class Orgs:
    dance_a: Any  # team in 天平路第一居委会 (street A)
    choir_a: Any  # group in 永嘉新村居委会 (street A)
    fund_a: Any  # registered, placed at street A
    dance_b: Any  # team in 湖南路第一居委会 (street B)
    mediation_other: Any  # team in 黄浦区


def make_org(name: str, tier: str, category: str, region_code: str, **extra: Any) -> Any:
    from linli.orgs.services import OrganizationData, organization_create
    from linli.regions.models import Region

    data = OrganizationData(
        name=name,
        tier=tier,
        category=category,
        region=Region.objects.get(code=region_code),
        **extra,
    )
    return organization_create(actor=None, data=data)


@pytest.fixture
def orgs(db: Any) -> Orgs:
    return Orgs(
        dance_a=make_org(
            "天平路街道舞蹈队",
            "team",
            "culture_sports",
            "310104003001",
            member_count=18,
            tags=["sports"],
        ),
        choir_a=make_org(
            "永嘉合唱小组",
            "group",
            "culture_sports",
            "310104003002",
            member_count=8,
            tags=["culture"],
        ),
        fund_a=make_org(
            "上海市徐汇区天平社区公益基金会",
            "registered",
            "charity",
            "310104003",
            legal_form="foundation",
            hub_type="community_foundation",
            credit_code="53310104MJ4915237C",
        ),
        dance_b=make_org("湖南路舞蹈队", "team", "culture_sports", "310104004001"),
        mediation_other=make_org(
            "南京东路调解工作室", "team", "community_affairs", "310101002001", tags=["mediation"]
        ),
    )


def sign_in(page: Any, username: str, password: str = STRONG_PASSWORD) -> None:
    """Sign in through the login form in a browser page and land on the workbench."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/workbench/")


def overflows(page: Any) -> bool:
    """Whether the page scrolls sideways (a layout that does not fit the screen)."""
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


REVEALED_PHONE = "13912345678"


@pytest.fixture
def reveal_url(orgs: Orgs) -> str:
    """The reveal of street A's dance team's responsible person (phone REVEALED_PHONE)."""
    from django.urls import reverse

    from linli.orgs.services import PersonData, membership_add, person_upsert

    person = person_upsert(data=PersonData(full_name="王建国", phone=REVEALED_PHONE))
    membership = membership_add(organization=orgs.dance_a, person=person, role="responsible")
    return reverse("orgs:person_reveal", args=[orgs.dance_a.pk, membership.pk])
