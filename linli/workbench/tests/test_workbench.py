"""The workbench lists the regions below the user's, or says how many it leaves out."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_every_sub_region_is_listed_when_they_fit(people, login) -> None:
    page = login(people.city).get("/workbench/")
    assert len(page.context["children"]) == 16 and page.context["children_more"] == 0


def test_past_the_limit_it_says_how_many_are_not_shown(people, login, monkeypatch) -> None:
    import linli.workbench.selectors as selectors

    monkeypatch.setattr(selectors, "SHOWN", 5)
    page = login(people.city).get("/workbench/")
    assert len(page.context["children"]) == 5
    assert "还有 11 个未显示，查看全部" in page.content.decode()


def test_a_role_that_decides_nothing_has_no_queue(people, login) -> None:
    from conftest import make_user

    base = make_user("xuhui_base", "base_operator", "310104")
    page = login(base).get("/workbench/").content.decode()
    assert 'data-testid="todo-count"' not in page and "待我审核" not in page
    street = login(people.street_a).get("/workbench/").content.decode()
    assert 'data-testid="todo-count"' in street


@pytest.mark.parametrize(
    ("role", "region", "sees", "not_sees"),
    [
        ("committee", "310104003001", {"组织名录"}, {"重新归类", "账号", "审计日志"}),
        ("expert", "310000", {"区划"}, {"申请审核", "重新归类", "组织名录"}),
        ("base_operator", "310104", {"组织名录"}, {"重新归类"}),
        ("street_office", "310104003", {"重新归类", "申请审核"}, {"账号", "审计日志"}),
    ],
)
def test_the_navigation_shows_what_the_role_does(login, role, region, sees, not_sees) -> None:
    from conftest import make_user
    from linli.core.navigation import nav_for

    user = make_user(f"nav_{role}", role, region)
    labels = {str(item["label"]) for item in nav_for(user, "/")}
    from django.utils import translation

    with translation.override("zh-hans"):
        labels = {str(item["label"]) for item in nav_for(user, "/")}
    assert sees <= labels and not (not_sees & labels), labels
