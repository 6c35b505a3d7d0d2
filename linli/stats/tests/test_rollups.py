"""Every rollup number equals a direct count of the registry, after any sequence of changes."""

from __future__ import annotations

import random
from datetime import date

import pytest

from linli.orgs.models import Organization
from linli.orgs.services import (
    OrganizationData,
    organization_create,
    organization_set_status,
    organization_update,
)
from linli.regions.models import Region
from linli.stats.models import MonthlyRollup, OrgRollup
from linli.stats.services import rollup_rebuild

pytestmark = pytest.mark.django_db

PLACES = [
    "310104003001",
    "310104003002",
    "310104004001",
    "310104004002",
    "310101002001",
    "460105001001",
]
CATEGORIES = ["charity", "life_service", "community_affairs", "culture_sports"]


def assert_rollups_equal_direct_counts() -> None:
    for rollup in OrgRollup.objects.all():
        direct = Organization.objects.filter(
            region_path__startswith=rollup.path,
            tier=rollup.tier,
            category=rollup.category,
            status=rollup.status,
        ).count()
        assert rollup.count == direct, rollup
    for org in Organization.objects.all():
        for depth_path in [
            org.region_path[: i + 1] for i, ch in enumerate(org.region_path) if ch == "/"
        ]:
            assert OrgRollup.objects.filter(
                path=depth_path, tier=org.tier, category=org.category, status=org.status
            ).exists()


def test_random_changes_keep_rollups_exact() -> None:
    rng = random.Random(7)
    made = []
    for i in range(40):
        action = rng.random()
        if action < 0.5 or not made:
            tier = rng.choice(["team", "group"])
            place = rng.choice(PLACES)
            from datetime import date

            org = organization_create(
                actor=None,
                data=OrganizationData(
                    name=f"测试队{i}号",
                    tier=tier,
                    category=rng.choice(CATEGORIES),
                    region=Region.objects.get(code=place),
                ),
                recognised_on=date(2026, rng.randint(1, 11), rng.randint(1, 28)),
            )
            made.append(org)
        elif action < 0.8:
            org = rng.choice(made)
            org.refresh_from_db()
            region = Region.objects.get(code=rng.choice(PLACES))
            organization_update(
                actor=None,
                org_id=org.pk,
                expected_version=None,
                data=(
                    OrganizationData(
                        name=org.name,
                        tier=rng.choice(["team", "group"]),
                        category=rng.choice(CATEGORIES),
                        region=region,
                    )
                ),
            )
        else:
            org = rng.choice(made)
            organization_set_status(
                actor=None, org_id=org.pk, status=rng.choice(["active", "filing_cancelled"])
            )
    assert_rollups_equal_direct_counts()
    before = sorted(
        OrgRollup.objects.filter(count__gt=0).values_list(
            "region_code", "path", "depth", "tier", "category", "status", "party", "count"
        )
    )
    months_before = sorted(
        MonthlyRollup.objects.exclude(opened=0, closed=0).values_list(
            "region_code", "path", "month", "tier", "opened", "closed"
        )
    )
    rollup_rebuild()  # the set-based recount gives what the writes kept
    after = sorted(
        OrgRollup.objects.filter(count__gt=0).values_list(
            "region_code", "path", "depth", "tier", "category", "status", "party", "count"
        )
    )
    months_after = sorted(
        MonthlyRollup.objects.values_list(
            "region_code", "path", "month", "tier", "opened", "closed"
        )
    )
    assert before == after
    assert months_before == months_after and any(row[5] for row in months_after)


def test_deferred_rollups_sum_to_the_same_counts() -> None:
    from linli.stats.services import deferred_rollups

    with deferred_rollups():
        for i in range(6):
            organization_create(
                actor=None,
                data=OrganizationData(
                    name=f"批量队{i}号",
                    tier="team",
                    category="charity",
                    region=Region.objects.get(code=PLACES[i % 3]),
                ),
                recognised_on=date(2026, 3, 1),
            )
        assert not OrgRollup.objects.filter(category="charity").exists()  # not yet applied
    assert_rollups_equal_direct_counts()
    assert OrgRollup.objects.get(region_code="310104", category="charity").count == 6
