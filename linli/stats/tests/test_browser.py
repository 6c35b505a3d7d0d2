"""In Chromium, for each role that has a dashboard: the charts draw, the page fits a phone and a
desktop, the sub-region table drills down, and a linked number equals the list it opens."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from conftest import make_org, overflows, sign_in
from linli.evaluation.services import grade_record
from linli.orgs.services import PersonData, organization_add_person
from linli.talent.services import leader_training_record, talent_post_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def number(text: str) -> int:
    match = re.search(r"[\d,]+", text)
    assert match, text
    return int(match.group(0).replace(",", ""))


@pytest.fixture
def indicators(people, orgs) -> None:
    from stdnum.cn import ric

    body = "31010419700101123"
    id_number = body + ric.calc_check_digit(body + "0")
    reg = make_org(
        "徐汇区天平街道社区公益服务社",
        "registered",
        "charity",
        "310104003",
        legal_form="social_service_agency",
    )
    organization_add_person(
        actor=people.district,
        org_id=reg.pk,
        role="responsible",
        person=PersonData(full_name="张敏", id_number=id_number),
    )
    leader_training_record(
        actor=people.district,
        org_id=reg.pk,
        course="负责人轮训",
        held_on=date.today(),  # noqa: DTZ011 (a calendar date)
        hours=Decimal(4),
    )
    grade_record(actor=people.district, org_id=reg.pk, grade=4, awarded_on=date(2025, 6, 1))
    talent_post_add(
        actor=people.street_a,
        region_code="310104003001",
        person=PersonData(full_name="李社工", social_worker_level="assistant"),
        post="社工站社工",
        started_on=date(2025, 3, 1),
    )


@pytest.mark.parametrize(
    ("username", "start", "drill"),
    [
        ("city", "310000", ["310104", "310104003", "310104003001"]),
        ("district", "310104", ["310104003", "310104003001"]),
        ("street_a", "310104003", ["310104003001"]),
        ("committee", "310104003001", []),
    ],
)
@pytest.mark.parametrize("width", [375, 1280])
def test_dashboard_for_each_role(
    people, indicators, page_at, tmp_path, username, start, drill, width
) -> None:
    page = page_at(width)
    sign_in(page, username)
    page.goto("/stats/")
    page.wait_for_url(f"**/stats/{start}/")
    page.locator("[data-chart=category] canvas").wait_for()
    assert not overflows(page)
    page.screenshot(path=str(tmp_path / f"stats-{username}-{width}.png"), full_page=True)
    for code in drill:
        page.locator(f"a[href='/stats/{code}/']").first.click()
        page.wait_for_url(f"**/stats/{code}/")
        page.locator("[data-chart=category] canvas").wait_for()
        assert not overflows(page)
    total = number(page.get_by_test_id("total-active").inner_text())
    page.get_by_test_id("total-active").click()
    page.wait_for_url("**/orgs/?**")
    assert number(page.get_by_test_id("org-count").inner_text()) == total


def test_talent_and_grade_links_open_lists_of_the_same_size(people, indicators, page_at) -> None:
    page = page_at(1280)
    sign_in(page, "district")
    page.goto("/stats/310104/")
    talents = number(page.get_by_test_id("talents").inner_text())
    graded = number(page.get_by_test_id("graded-3a").inner_text())
    assert (talents, graded) == (1, 1)
    page.get_by_test_id("talents").click()
    page.wait_for_url("**/talent/?**")
    assert number(page.get_by_test_id("talent-count").inner_text()) == talents
    assert page.get_by_test_id("talent-table").get_by_text("李社工").count() == 1
    page.goto("/stats/310104/")
    page.get_by_test_id("graded-3a").click()
    page.wait_for_url("**/orgs/?**")
    assert number(page.get_by_test_id("org-count").inner_text()) == graded
