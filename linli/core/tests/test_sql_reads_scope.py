"""Every read written as SQL (``linli/*/reads.py``) takes a Scope: a user of street A gets nothing
of street B through it, and a read handed no scope raises instead of reading everything.

A new function in a ``reads.py`` module must be added to READS below, or
``test_every_sql_read_is_in_the_table`` fails naming it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

import linli
from linli.activities.services import activity_record
from linli.applications.services import application_create
from linli.core.scoping import OutOfScope, Scope, ScopeError
from linli.orgs import reads as org_reads
from linli.orgs.models import Organization
from linli.orgs.services import OrganizationData, PersonData, membership_add, person_upsert
from linli.regions.models import Region
from linli.stats import reads as stat_reads
from linli.stats.models import Target
from linli.stats.services import rollup_rebuild

pytestmark = pytest.mark.django_db

STREET_A, STREET_B = "310104003", "310104004"
COMMUNITY_A, COMMUNITY_B = "310104003001", "310104004001"


MONTHS = ("2000-01", "2100-12")
ORG_SHEET = (
    "managing_unit",
    "tag_names",
    "honours",
    "current_people",
    "latest_activities",
    "latest_applications",
    "history",
)

# name -> call(scope, side): the result must hold rows for street A's own scope on street A's
# objects, and none (or OutOfScope) on street B's.
READS: dict[str, Callable[[Any, Any], Any]] = {
    "linli.stats.reads.rollup_rows": lambda s, o: stat_reads.rollup_rows(
        s, [o.street, o.community]
    ),
    "linli.stats.reads.rollup_count": lambda s, o: stat_reads.rollup_count(s, [o.street]),
    "linli.stats.reads.indicator_rows": lambda s, o: stat_reads.indicator_rows(
        s, [o.street, o.community]
    ),
    "linli.stats.reads.communities_flagged": lambda s, o: stat_reads.communities_flagged(
        s, "communities_below_org_target", 50
    ),
    "linli.stats.reads.active_categories": lambda s, o: stat_reads.active_categories(
        s, [o.street, o.community]
    ),
    "linli.stats.reads.monthly_sums": lambda s, o: stat_reads.monthly_sums(s, [o.street], *MONTHS),
    "linli.stats.reads.target_rows": lambda s, o: stat_reads.target_rows(s, 2100),
    "linli.orgs.reads.organization_with_region": lambda s, o: org_reads.organization_with_region(
        o.org.pk, s
    ),
    **{
        f"linli.orgs.reads.{name}": (lambda read: lambda s, o: read(s, o.org))(
            getattr(org_reads, name)
        )
        for name in ORG_SHEET
    },
}


class Side:
    def __init__(self, org: Any, street: str, community: str) -> None:
        self.org = org
        self.street = street
        self.community = community
        self.street_path = Region.objects.get(code=street).path


@pytest.fixture
def sides(people, orgs) -> dict[str, Side]:
    a, b = orgs.dance_a, orgs.dance_b
    for org, recorder in ((a, people.street_a), (b, people.street_b)):
        person = person_upsert(data=PersonData(full_name="负责人", phone="13800138000"))
        membership_add(organization=org, person=person, role="responsible")
        activity_record(
            actor=recorder, org_id=org.pk, title="排练", held_on=date(2026, 1, 5), participants=12
        )
        org.honours.create(title="优秀团队", awarded_by="街道")
        application_create(
            actor=recorder,
            kind="amendment",
            data=OrganizationData(
                name=org.name, tier=org.tier, category=org.category, region=org.region
            ),
            organization=org,
            explanation="更换活动地点",
        )
    # Targets high enough that every community falls below them, so the flagged read has rows;
    # set on each street so that target_rows has a row inside street A and one inside street B.
    for code in (STREET_A, STREET_B):
        Target.objects.create(
            region=Region.objects.get(code=code),
            year=timezone.localdate().year,
            orgs_per_urban_community=99,
            orgs_per_rural_community=99,
            talents_per_urban_community=9,
            talents_per_rural_community=9,
            grade_3a_share=50,
        )
    Organization.objects.filter(pk__in=[a.pk, b.pk]).update(recognised_on=date(2026, 1, 5))
    rollup_rebuild()
    return {"a": Side(a, STREET_A, COMMUNITY_A), "b": Side(b, STREET_B, COMMUNITY_B)}


def _empty(result: Any) -> bool:
    if result is None:
        return True
    if isinstance(result, int):
        return result == 0
    if isinstance(result, str):
        return result == ""
    if isinstance(result, (list, dict, tuple)):
        return len(result) == 0
    return False  # one object


# Reads that take a scope and nothing else to point at: they leak if any row lies in street B.
SCOPE_ONLY = {
    "linli.stats.reads.target_rows": lambda row: Region.objects.get(path=row[0]).code,
    "linli.stats.reads.communities_flagged": lambda row: row[0],
}


def _codes_of(name: str, result: Any) -> set[str]:
    return {SCOPE_ONLY[name](row) for row in result}


@pytest.mark.parametrize("name", sorted(READS))
def test_street_a_gets_its_own_rows_and_nothing_of_street_b(sides, people, name) -> None:
    read = READS[name]
    own = Scope.of(people.street_a)
    if name in SCOPE_ONLY:
        codes = _codes_of(name, read(own, sides["a"]))
        assert codes and all(code.startswith(STREET_A) for code in codes if len(code) >= 9)
        everything = _codes_of(name, read(Scope.whole_country("test"), sides["a"]))
        assert any(code.startswith(STREET_B) for code in everything)  # there was a B to leak
        return
    if not name.endswith("managing_unit"):  # a string for every organization
        assert not _empty(read(own, sides["a"])), "the read finds nothing even in scope"
    try:
        leaked = read(own, sides["b"])
    except OutOfScope:
        return
    assert _empty(leaked), f"{name} gave street A's user rows of street B: {leaked!r}"


@pytest.mark.parametrize("name", sorted(READS))
@pytest.mark.parametrize("missing", [None, "", "310000/"])
def test_a_read_without_a_scope_raises(sides, name, missing) -> None:
    with pytest.raises(ScopeError):
        READS[name](missing, sides["a"])


def test_every_sql_read_is_in_the_table() -> None:
    found = set()
    for module in pkgutil.walk_packages(linli.__path__, "linli."):
        if not module.name.endswith(".reads"):
            continue
        reads = importlib.import_module(module.name)
        for name, value in vars(reads).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.name
                and not name.startswith("_")
                and "scope" in inspect.signature(value).parameters
            ):
                found.add(f"{module.name}.{name}")
        unscoped = [
            name
            for name, value in vars(reads).items()
            if inspect.isfunction(value)
            and value.__module__ == module.name
            and not name.startswith("_")
            and "scope" not in inspect.signature(value).parameters
        ]
        assert not unscoped, f"{module.name}: SQL reads without a scope parameter: {unscoped}"
    assert found == set(READS), f"not in READS: {sorted(found - set(READS))}"
