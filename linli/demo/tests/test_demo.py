from __future__ import annotations

import pytest

from linli.demo.seed import seed_registry
from linli.stats.models import IndicatorRollup

pytestmark = pytest.mark.django_db


def test_a_demo_database_from_before_a_rollup_table_is_counted_once(orgs) -> None:
    """Migrating an old demo database adds the indicator table empty; seeding counts it."""
    IndicatorRollup.objects.all().delete()
    assert seed_registry() == 0  # the registry is there: nothing is generated
    assert IndicatorRollup.objects.filter(region_code="310104003").exists()
