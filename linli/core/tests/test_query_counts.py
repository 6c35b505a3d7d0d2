"""Pinned query counts of the busiest pages (DESIGN.md §5: "Query counts of every page are pinned").

Each page is read once to warm up, then its queries are counted exactly. The registry holds
fifteen organizations of 天平路街道, each with two tags, a responsible person and a submitted
amendment, and the first of them fifteen members and honours; the rollups are rebuilt. A second
test per page reads it with three rows and again with fifteen: the count must not move, so a page
that starts querying once per row fails here.

Every signed-in request starts with the same three queries: the session, the user, and the
user's authenticator devices (django-otp's middleware) — "session, user, OTP" below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_org
from linli.core.tests.isolation_world import id_number

pytestmark = pytest.mark.django_db

COMMUNITIES = ("310104003001", "310104003002")
ROWS = 15


def populate(people: Any, start: int, stop: int) -> None:
    """Organizations ``start``..``stop`` - 1 of street A, each with tags, a responsible person and
    a submitted amendment; each after the first also adds a member and an honour to the first
    (the one whose page is counted). Rollups are rebuilt afterwards."""
    from linli.applications import services as applications
    from linli.orgs.models import Organization
    from linli.orgs.services import (
        OrganizationData,
        PersonData,
        organization_add_honour,
        organization_add_person,
    )
    from linli.stats.services import rollup_rebuild

    actor = people.street_a
    for i in range(start, stop):
        org = make_org(
            f"天平第{i + 1}舞蹈队",
            "team",
            "culture_sports",
            COMMUNITIES[i % 2],
            member_count=12 + i,
            tags=["sports", "culture"],
        )
        person = PersonData(
            full_name=f"队长{i + 1}",
            id_number=id_number("310104", "19600101", f"{i:03d}"),
            phone=f"138{i:08d}",
        )
        organization_add_person(actor=actor, org_id=org.pk, person=person, role="responsible")
        data = OrganizationData(
            name=org.name,
            tier="team",
            category="culture_sports",
            region=org.region,
            member_count=20 + i,
            tags=["sports"],
        )
        application = applications.application_create(
            actor=actor, kind="amendment", data=data, organization=org
        )
        applications.application_submit(
            actor=actor, app_id=application.pk, expected_version=None, commitment=True
        )
        if i:
            first = Organization.objects.order_by("id").first()
            assert first is not None
            member = PersonData(full_name=f"队员{i + 1}", phone=f"139{i:08d}")
            organization_add_person(actor=actor, org_id=first.pk, person=member, role="member")
            organization_add_honour(actor=actor, org_id=first.pk, title=f"第{i}届优秀团队")
    rollup_rebuild()


def queries_of(client: Any, url: str) -> tuple[int, Any]:
    """The number of queries of one request, after a first request has warmed up."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


def deep_page_url(client: Any) -> str:
    """The organization list's "Next" link (the keyset page after the last row shown)."""
    first = client.get("/orgs/").content.decode()
    found = re.search(r'href="\?(after=\d+)"', first)
    assert found, "the first page has no Next link"
    return "/orgs/?" + found.group(1)


def first_org_url(client: Any) -> str:
    from linli.orgs.models import Organization

    first = Organization.objects.order_by("id").first()
    assert first is not None
    return f"/orgs/{first.pk}/"


Url = str | Callable[[Any], str]


def named(text: str, n: int) -> bool:
    return f"天平第{n}舞蹈队" in text


def active(text: str, n: int) -> bool:
    return f'data-testid="total-active">{n}<' in text


# page: (who, URL, pinned number of queries, what the page shows of the n-th row)
PAGES: dict[str, tuple[str, Url, int, Callable[[str, int], bool]]] = {
    "organization list": ("street_a", "/orgs/", 5, named),
    "name search": ("street_a", "/orgs/?q=舞蹈", 4, named),
    # Two organizations a page here, so that three rows already have a deep page.
    "deep page": ("street_a", deep_page_url, 5, lambda text, n: "天平第" in text),
    "organization detail": ("street_a", first_org_url, 11, lambda t, n: f"第{n - 1}届" in t),
    "street dashboard": ("street_a", "/stats/310104003/", 12, active),
    # Shanghai is a municipality: its province-level row is where the city bureau sits and what
    # a city dashboard shows (there is no 310100; Region.acts_as_city).
    "city dashboard": ("city", "/stats/310000/", 12, active),
    "national dashboard": ("admin", "/stats/national/", 10, active),
    "statistics export": ("street_a", "/stats/310104003/export.xlsx", 8, lambda t, n: True),
    "application list": ("street_a", "/applications/", 9, named),
    "workbench": ("street_a", "/workbench/", 7, lambda t, n: f'<div class="stat">{n}</div>' in t),
}


@pytest.fixture
def page_size(monkeypatch: Any) -> Callable[[str], None]:
    def _for(page: str) -> None:
        if page == "deep page":
            monkeypatch.setattr("linli.orgs.views.PAGE_SIZE", 2)

    return _for


@pytest.fixture
def registry(people: Any) -> None:
    populate(people, 0, ROWS)


def measured(people: Any, login: Any, page: str, n: int) -> int:
    who, url, _expected, shows = PAGES[page]
    client = login(getattr(people, who))
    count, response = queries_of(client, url(client) if callable(url) else url)
    assert shows(response.content.decode(errors="replace"), n), f"{page} does not show row {n}"
    return count


def pinned(people: Any, login: Any, page: str) -> None:
    expected = PAGES[page][2]
    count = measured(people, login, page, ROWS)
    assert count == expected, f"{page}: {count} queries, pinned at {expected}"


def test_organization_list(people, login, registry) -> None:
    # session, user, OTP; the count from the street's rollup row; the page's rows (values, with
    # the region's name joined).
    pinned(people, login, "organization list")


def test_name_search(people, login, registry) -> None:
    # session, user, OTP; the first page of matches and their number in one query (a window
    # count over the name index's matches).
    pinned(people, login, "name search")


def test_deep_page(people, login, registry, page_size) -> None:
    page_size("deep page")
    # session, user, OTP; the count from the rollup; the rows after the "Next" link's row (its
    # region path looked up inside the same query: keyset, no OFFSET).
    pinned(people, login, "deep page")


def test_organization_detail(people, login, registry) -> None:
    # session, user, OTP; the organization with its region's code and name (scoped SQL); the
    # managing unit's name (the filing street); tags; honours; current people (masked); change
    # history; latest activities; latest applications.
    pinned(people, login, "organization detail")


def test_street_dashboard(people, login, registry) -> None:
    # session, user, OTP; the region (scoped SQL); its active children; the organization rollup
    # of the region and children; the indicator rollup of the same; the targets up the path;
    # communities below the organization target; the categories they have; communities below
    # the talent target; the monthly series.
    pinned(people, login, "street dashboard")


def test_city_dashboard(people, login, registry) -> None:
    # session, user, OTP; the city (scoped SQL); its sixteen districts; organization rollup;
    # indicator rollup; targets; communities below the organization target; their categories;
    # communities below the talent target; the monthly series.
    pinned(people, login, "city dashboard")


def test_national_dashboard(people, login, registry) -> None:
    # session, user, OTP (the national administrator's authenticator); the provinces;
    # organization rollup of the provinces; indicator rollup; communities below the
    # organization target; their categories; communities below the talent target; the monthly
    # series summed over the provinces (no region row, default targets: no query).
    pinned(people, login, "national dashboard")


def test_statistics_export(people, login, registry) -> None:
    # session, user, OTP; the region (scoped SQL); its active children; organization rollup;
    # indicator rollup; the audit row of the export (INSERT).
    pinned(people, login, "statistics export")


def test_application_list(people, login, registry) -> None:
    # session, user, OTP; the bounded count of the to-do box; the page's ids in order; the
    # page's applications; their regions; their reviewing units (prefetched); the to-do count
    # for the tab.
    pinned(people, login, "application list")


def test_workbench(people, login, registry) -> None:
    # session, user, OTP; the street's organization rollup rows; the applications waiting for
    # the street's decision (a count); its communities by kind (one aggregate); the regions
    # below it, with how many below each.
    pinned(people, login, "workbench")


@pytest.mark.parametrize("page", PAGES)
def test_the_count_does_not_grow_with_the_rows(people, login, page_size, page) -> None:
    page_size(page)
    counts = []
    for start, stop in ((0, 3), (3, ROWS)):
        populate(people, start, stop)
        counts.append(measured(people, login, page, stop))
    expected = PAGES[page][2]
    assert counts == [expected, expected], f"{page}: {counts[0]} with 3 rows, {counts[1]} with 15"
