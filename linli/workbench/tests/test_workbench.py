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
