from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.core.counting import BoundedCount, count_up_to
from linli.regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_count_is_exact_up_to_the_limit_and_reads_one_row_more_at_most(people) -> None:
    streets = Region.objects.filter(code__startswith="310104", level="street")
    total = streets.count()
    assert total > 3
    assert count_up_to(streets, total) == BoundedCount(total, exact=True)
    assert count_up_to(streets, total - 1) == BoundedCount(total - 1, exact=False)
    with CaptureQueriesContext(connection) as queries:
        count_up_to(streets, 3)
    assert "LIMIT 4" in queries[0]["sql"]
    assert count_up_to(streets.none(), 3) == BoundedCount(0)
