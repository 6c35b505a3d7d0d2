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


def test_numbered_pages_stop_at_the_limit_and_say_there_are_more(people, monkeypatch) -> None:
    from linli.core import counting
    from linli.core.counting import BoundedPaginator

    monkeypatch.setattr(counting, "COUNT_LIMIT", 5)
    streets = Region.objects.filter(code__startswith="310104", level="street").order_by("code")
    assert streets.count() > 5
    pages = BoundedPaginator(streets, 2)
    assert (pages.count, pages.num_pages, pages.more) == (5, 3, True)
    assert [r.code for r in pages.get_page(1)] == [r.code for r in streets[:2]]
    everything = BoundedPaginator(streets, 100)
    monkeypatch.setattr(counting, "COUNT_LIMIT", 1000)
    assert (everything.count, everything.more) == (streets.count(), False)


def test_pages_read_ids_first_keep_the_order_and_the_related_rows(people) -> None:
    from django.db.models import F

    from linli.core.counting import BoundedPaginator, IdsFirst

    regions = Region.objects.select_related("parent").order_by(F("code").desc(), "id")
    rows = IdsFirst(regions)
    expected = list(regions[2:7])
    assert [r.pk for r in rows[2:7]] == [r.pk for r in expected]
    assert rows[3].pk == expected[1].pk
    with CaptureQueriesContext(connection) as queries:
        page = BoundedPaginator(rows, 4).page(2)
        parents = [r.parent.code if r.parent else "" for r in page]
    assert [r.pk for r in page] == [r.pk for r in regions[4:8]] and len(parents) == 4
    assert len(queries) == 3  # the bounded count, the page's ids, the page's rows with parents
    assert BoundedPaginator(rows, 4).count == regions.count()
