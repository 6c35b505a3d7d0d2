"""The indicator rollup equals a direct recount after any sequence of writes, and every
indicator the dashboard links equals the count of the list behind the link."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_org
from linli.evaluation.services import grade_record
from linli.orgs.models import Person
from linli.orgs.services import (
    OrganizationData,
    PersonData,
    organization_add_person,
    organization_create,
    organization_end_role,
    organization_set_status,
    organization_update,
)
from linli.regions.models import Region
from linli.stats.indicators import indicators_rebuild
from linli.stats.models import INDICATOR_FIELDS, IndicatorRollup, Target
from linli.talent.services import leader_training_record, talent_post_add, talent_post_end

pytestmark = pytest.mark.django_db

PLACES = ["310104003001", "310104003002", "310104004001", "310104004002", "310117102200"]
STREETS = ["310104003", "310104004"]


def snapshot() -> dict[str, tuple[int, ...]]:
    return {
        row["region_code"]: tuple(row[f] for f in INDICATOR_FIELDS)
        for row in IndicatorRollup.objects.values("region_code", *INDICATOR_FIELDS)
        if any(row[f] for f in INDICATOR_FIELDS)
    }


def id_number(i: int) -> str:
    from stdnum.cn import ric

    body = f"31010419{60 + i % 30:02d}0101{i % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def test_random_writes_keep_indicators_equal_to_a_recount(people) -> None:
    rng = random.Random(11)
    actor = people.city
    orgs, talents = [], []
    today = date.today()  # noqa: DTZ011
    for i in range(60):
        action = rng.random()
        if action < 0.25 or not orgs:
            tier = rng.choice(["team", "group", "registered"])
            region = Region.objects.get(
                code=rng.choice(STREETS) if tier == "registered" else rng.choice(PLACES)
            )
            org = organization_create(
                actor=None,
                data=OrganizationData(
                    name=f"指标测试{i}号",
                    tier=tier,
                    category="charity",
                    region=region,
                    legal_form="social_service_agency" if tier == "registered" else "",
                ),
                recognised_on=today,
            )
            organization_add_person(
                actor=actor,
                org_id=org.pk,
                role="responsible",
                person=PersonData(
                    full_name=f"负责人{i}",
                    id_number=id_number(i),
                    social_worker_level=rng.choice(["", "", "assistant"]),
                ),
            )
            orgs.append(org)
        elif action < 0.4:
            org = rng.choice(orgs)
            leader_training_record(
                actor=actor,
                org_id=org.pk,
                course="负责人轮训",
                held_on=today - timedelta(days=rng.choice([10, 400, 2200])),
                hours=Decimal(4),
            ) if org.memberships.filter(
                ended_on__isnull=True, role="responsible"
            ).exists() else None
        elif action < 0.5:
            org = rng.choice(orgs)
            membership = org.memberships.filter(ended_on__isnull=True).first()
            if membership:
                organization_end_role(actor=actor, org_id=org.pk, membership_id=membership.pk)
        elif action < 0.6:
            registered = [o for o in orgs if o.tier == "registered"]
            if registered:
                awarded = today - timedelta(days=rng.choice([30, 1000, 2000]))
                grade_record(
                    actor=actor,
                    org_id=rng.choice(registered).pk,
                    grade=rng.randint(1, 5),
                    awarded_on=awarded,
                )
        elif action < 0.75:
            talents.append(
                talent_post_add(
                    actor=actor,
                    region_code=rng.choice(PLACES),
                    person=PersonData(
                        full_name=f"社工{i}",
                        id_number=id_number(500 + i),
                        social_worker_level=rng.choice(["", "assistant", "social_worker"]),
                    ),
                    post="社工站社工",
                    started_on=today,
                )
            )
        elif action < 0.82 and talents:
            talent = talents.pop(rng.randrange(len(talents)))
            talent_post_end(actor=actor, talent_id=talent.pk)
        elif action < 0.92:
            org = rng.choice(orgs)
            organization_set_status(
                actor=None, org_id=org.pk, status=rng.choice(["active", "filing_cancelled"])
            )
        else:
            org = rng.choice([o for o in orgs if o.tier != "registered"] or orgs)
            org.refresh_from_db()
            if org.tier != "registered":
                organization_update(
                    actor=None,
                    org_id=org.pk,
                    expected_version=None,
                    data=OrganizationData(
                        name=org.name,
                        tier=org.tier,
                        category=org.category,
                        region=Region.objects.get(code=rng.choice(PLACES)),
                    ),
                )
    kept = snapshot()
    assert kept["310000"][INDICATOR_FIELDS.index("talents")] > 0
    indicators_rebuild()
    assert snapshot() == kept


def test_a_new_certification_counts_where_the_person_serves(people) -> None:
    from linli.orgs.services import person_upsert

    actor = people.street_a
    talent_post_add(
        actor=actor,
        region_code="310104003001",
        person=PersonData(full_name="王社工", id_number=id_number(900)),
        post="居委会社工",
        started_on=date(2026, 1, 5),
    )
    row = IndicatorRollup.objects.get(region_code="310104003")
    assert (row.talents, row.certified_talents) == (1, 0)
    person_upsert(
        data=PersonData(
            full_name="王社工", id_number=id_number(900), social_worker_level="assistant"
        )
    )
    row.refresh_from_db()
    assert row.certified_talents == 1
    assert Person.objects.get(social_worker_level="assistant").full_name == "王社工"


def test_dashboard_links_equal_their_lists(people, login, orgs, monkeypatch) -> None:
    today = date.today()  # noqa: DTZ011
    actor = people.district
    reg = make_org(
        "徐汇区天平街道公益服务社",
        "registered",
        "charity",
        "310104003",
        legal_form="social_service_agency",
    )
    grade_record(actor=actor, org_id=reg.pk, grade=4, awarded_on=today - timedelta(days=100))
    old = make_org(
        "徐汇区天平街道助老服务社",
        "registered",
        "life_service",
        "310104003",
        legal_form="social_service_agency",
    )
    grade_record(actor=actor, org_id=old.pk, grade=5, awarded_on=date(2015, 5, 1))  # expired
    for i, org in enumerate([orgs.dance_a, reg]):
        organization_add_person(
            actor=actor,
            org_id=org.pk,
            role="responsible",
            person=PersonData(full_name=f"甲{i}", id_number=id_number(700 + i)),
        )
    leader_training_record(
        actor=actor, org_id=reg.pk, course="轮训", held_on=today, hours=Decimal(3)
    )
    talent_post_add(
        actor=actor,
        region_code="310104003001",
        person=PersonData(full_name="乙", id_number=id_number(800), social_worker_level="senior"),
        post="社工站社工",
        started_on=today,
    )
    client = login(people.district)
    page = client.get(reverse("stats:dashboard", args=["310104"]))
    mine = page.context["indicators"]
    assert (mine.graded, mine.graded_3a) == (1, 1)
    assert (mine.orgs_with_leader, mine.orgs_with_trained_leader) == (2, 1)
    assert mine.talents == mine.certified_talents == 1

    def listed(**params: str) -> int:
        return client.get(reverse("orgs:list"), {"region": "310104", **params}).context["count"]

    assert listed(status="active", grade="3a") == mine.graded_3a
    assert listed(status="active", grade="graded") == mine.graded
    assert (
        listed(status="active", leader_training="untrained")
        == mine.orgs_with_leader - mine.orgs_with_trained_leader
    )
    talent_page = client.get(reverse("talent:list"), {"region": "310104"})
    assert talent_page.context["count"] == mine.talents
    # The numbers a dashboard shows are counted in full, whatever the limit for other lists.
    from linli.core import counting

    monkeypatch.setattr(counting, "COUNT_LIMIT", 0)
    assert listed(status="active", grade="3a") == mine.graded_3a == 1
    assert client.get(reverse("talent:list"), {"region": "310104"}).context["count"] == 1
    html = page.content.decode()
    assert 'data-testid="training-coverage">50%' in html
    assert "其中持证社工" in html or "certified" in html


def test_communities_below_target_follow_the_targets(people, login, orgs) -> None:
    from linli.stats.services import targets_set

    client = login(people.district)
    page = client.get(reverse("stats:dashboard", args=["310104"]))
    below = page.context["below_org_target"]
    assert {c.code for c in below} == {
        "310104003001",
        "310104003002",
        "310104004001",
        "310104004002",
    }
    lacking = {c.code: c.lacking for c in below}
    assert "公益慈善类" in lacking["310104004002"]
    targets_set(
        actor=people.city,
        region=Region.objects.get(code="310000"),
        year=date.today().year,  # noqa: DTZ011
        orgs_per_urban_community=Decimal(1),
        orgs_per_rural_community=Decimal(1),
        talents_per_urban_community=0,
        talents_per_rural_community=0,
        grade_3a_share=Decimal(24),
    )
    assert Target.objects.count() == 1
    page = client.get(reverse("stats:dashboard", args=["310104"]))
    counts = {c.code: c.orgs for c in page.context["below_org_target"]}
    assert all(n < 1 for n in counts.values())
    assert page.context["indicators"].communities_below_talent_target == 0
    indicators_before = snapshot()
    indicators_rebuild()
    assert snapshot() == indicators_before


def test_targets_page_saves_and_refuses_bad_input(people, login, orgs) -> None:
    from linli.core.models import AuditEvent

    client = login(people.city)
    url = reverse("stats:targets", args=["310000"])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"year": "2026", "orgs_per_urban_community": "-1"})
    assert bad.status_code == 200 and not Target.objects.exists()
    good = client.post(
        url,
        {
            "year": "2026",
            "orgs_per_urban_community": "10",
            "orgs_per_rural_community": "6",
            "talents_per_urban_community": "2",
            "talents_per_rural_community": "1",
            "grade_3a_share": "30",
        },
    )
    assert good.status_code == 302
    assert Target.objects.get(region__code="310000", year=2026).orgs_per_urban_community == 10
    assert AuditEvent.objects.filter(event_type="setting_change").exists()
    assert login(people.street_a).get(url).status_code in (403, 404)
    assert login(people.district).get(url).status_code == 404


def test_statistics_api_gives_the_dashboard_numbers_in_scope(people, login, orgs) -> None:
    client = login(people.district)
    body = client.get("/api/v1/statistics/310104").json()
    page = client.get(reverse("stats:dashboard", args=["310104"]))
    assert body["totals"]["active"] == page.context["totals"].active == 4
    assert body["indicators"]["urban_communities"] == page.context["indicators"].urban_communities
    assert {c["code"] for c in body["children"]} >= {"310104003", "310104004"}
    assert body["targets"]["orgs_per_urban_community"] == 12
    assert len(body["monthly"]) == 24
    assert login(people.street_a).get("/api/v1/statistics/310104").status_code == 404
    listed = client.get("/api/v1/organizations", {"region": "310104", "grade": "3a"}).json()
    assert listed["count"] == body["indicators"]["graded_3a"] == 0


def test_a_graded_list_counts_what_the_dashboard_shows_and_lists_that_many(
    people, login, orgs
) -> None:
    """The lists behind "graded 3A and above" and "with a valid grade" take their count from the
    indicator rollup; it equals the rows listed, for every scope and for the tier filter too."""
    today = date.today()  # noqa: DTZ011
    for i, (code, grade) in enumerate((("310104003", 4), ("310104004", 2), ("310101002", 3))):
        reg = make_org(f"评估社会组织{i}", "registered", "charity", code, legal_form="foundation")
        grade_record(
            actor=people.admin, org_id=reg.pk, grade=grade, awarded_on=today - timedelta(days=9)
        )
    cases = [
        (people.admin, {"grade": "3a"}, 2),
        (people.admin, {"grade": "graded"}, 3),
        (people.district, {"grade": "3a"}, 1),
        (people.district, {"grade": "graded", "tier": "registered"}, 2),
        (people.district, {"grade": "graded", "region": "310104004"}, 1),
        (people.street_a, {"grade": "graded", "region": "310104004"}, 0),  # outside the scope
        (people.district, {"grade": "graded", "tier": "team"}, 0),  # only registered are graded
    ]
    for user, params, expected in cases:
        response = login(user).get(reverse("orgs:list"), {"status": "active", **params})
        listed = len(response.context["page"].items)
        assert response.context["count"] == listed == expected, (user.username, params)
