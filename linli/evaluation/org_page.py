"""What grade evaluations add to the registry: the grade on an organization's page, the form
that records one on its people page, and the list's grade filter (see linli.orgs.extensions)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope
from linli.evaluation.forms import GradeForm
from linli.evaluation.selectors import current_grade, valid_grade_filter
from linli.evaluation.services import grade_record
from linli.orgs import extensions
from linli.orgs.choices import Tier


def _grade(scope: Scope, org: Any) -> dict[str, Any]:
    return {"grade": current_grade(org.pk) if org.tier == Tier.REGISTERED else None}


def _grades(org: Any) -> dict[str, Any]:
    return {"grades": org.grade_evaluations.all()[:10], "gradable": org.tier == Tier.REGISTERED}


def register() -> None:
    extensions.add_page_facts("grade", _grade)
    extensions.add_people_form(
        extensions.PeopleForm(
            "add_grade", GradeForm, grade_record, _("The grade has been recorded."), _grades
        )
    )
    extensions.add_list_filter(
        "grade", lambda value: valid_grade_filter(min_grade=3 if value == "3a" else 1)
    )
