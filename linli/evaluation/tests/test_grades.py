"""Grades: only registered organizations, valid five years by default, scoped, and the people page
records them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_org
from linli.core.errors import DomainError
from linli.evaluation.models import GradeEvaluation
from linli.evaluation.selectors import current_grade
from linli.evaluation.services import grade_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(people):
    return make_org(
        "徐汇区天平街道邻里服务社",
        "registered",
        "life_service",
        "310104003",
        legal_form="social_service_agency",
    )


def test_a_grade_holds_five_years_and_the_best_valid_one_counts(people, registered) -> None:
    grade_record(actor=people.district, org_id=registered.pk, grade=2, awarded_on=date(2024, 3, 1))
    grade_record(actor=people.district, org_id=registered.pk, grade=5, awarded_on=date(2015, 3, 1))
    assert GradeEvaluation.objects.get(grade=2).valid_until == date(2029, 3, 1)
    best = current_grade(registered.pk, day=date(2026, 11, 22))
    assert best is not None and best.grade == 2  # the 5A of 2015 expired in 2020


def test_refusals(people, registered, orgs) -> None:
    with pytest.raises(DomainError, match="注册社会组织"):
        grade_record(
            actor=people.district, org_id=orgs.dance_a.pk, grade=3, awarded_on=date(2026, 1, 1)
        )
    with pytest.raises(DomainError):
        grade_record(
            actor=people.district, org_id=registered.pk, grade=6, awarded_on=date(2026, 1, 1)
        )
    with pytest.raises(DomainError):
        grade_record(
            actor=people.district, org_id=registered.pk, grade=3, awarded_on=date(2099, 1, 1)
        )
    with pytest.raises(DomainError):
        grade_record(
            actor=people.other_district, org_id=registered.pk, grade=3, awarded_on=date(2026, 1, 1)
        )
    assert not GradeEvaluation.objects.exists()


def test_people_page_records_a_grade_and_a_bad_one_changes_nothing(
    people, login, registered
) -> None:
    client = login(people.district)
    url = reverse("orgs:people", args=[registered.pk])
    bad = client.post(url, {"add_grade": "1", "grade": "4", "awarded_on": "2099-01-01"})
    assert bad.status_code == 200 and "不能晚于今天" in bad.content.decode()
    assert not GradeEvaluation.objects.exists()
    good = client.post(url, {"add_grade": "1", "grade": "4", "awarded_on": "2025-06-01"})
    assert good.status_code == 302
    detail = client.get(reverse("orgs:detail", args=[registered.pk])).content.decode()
    assert 'data-testid="org-grade">4A' in detail
