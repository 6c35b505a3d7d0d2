from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_org
from linli.orgs.choices import Category
from linli.regions.models import Region
from linli.relabel import services
from linli.relabel.models import RelabelItem

pytestmark = pytest.mark.django_db


def direct_count(path: str, category: str, outcomes: tuple[str, ...]) -> int:
    return RelabelItem.objects.filter(
        organization__region_path__startswith=path,
        final_category=category,
        outcome__in=outcomes,
    ).count()


@pytest.fixture
def decided(people, stock) -> None:
    make_org("湖南路第一社区爱心助老服务社", "team", "culture_sports", "310104004001")
    make_org("天平社区温馨小屋", "group", "culture_sports", "310104003002")
    run = services.relabel_run(actor=people.district, region=Region.objects.get(code="310104"))
    queued = list(RelabelItem.objects.filter(run=run, outcome="queued").order_by("id"))
    assert len(queued) >= 3
    services.relabel_accept(actor=people.district, item_id=queued[0].pk)
    services.relabel_correct(
        actor=people.district, item_id=queued[1].pk, category="community_affairs", tags=[]
    )
    services.relabel_reject(actor=people.district, item_id=queued[2].pk)


def test_report_cells_equal_direct_counts(people, login, decided) -> None:
    response = login(people.district).get(reverse("relabel:report"))
    report = response.context["report"]
    assert [row.region.code for row in report.rows if row.region][:2] == ["310104003", "310104004"]
    for row in report.rows:
        for category in Category.values:
            cell = row.cells[category]
            assert cell.auto == direct_count(row.region.path, category, ("applied",))
            assert cell.reviewed == direct_count(
                row.region.path, category, ("accepted", "corrected")
            )
    relabelled = RelabelItem.objects.filter(outcome__in=("applied", "accepted", "corrected"))
    assert report.totals.total.total == relabelled.count()
    assert report.totals.total.reviewed == 2
    assert sum(row.total.total for row in report.rows) == report.totals.total.total
    assert f'data-testid="report-total">{relabelled.count()}<' in response.content.decode()


def test_report_drills_down_and_stays_in_scope(people, login, decided) -> None:
    street = login(people.street_a).get(reverse("relabel:report")).context["report"]
    assert street.region.code == "310104003"
    assert {row.region.code for row in street.rows} == {"310104003001", "310104003002"}
    in_street = RelabelItem.objects.filter(
        organization__region_path__startswith=street.region.path,
        outcome__in=("applied", "accepted", "corrected"),
    )
    assert street.totals.total.total == in_street.count()
    city = login(people.city).get(reverse("relabel:report"), {"region": "310104"})
    assert (
        city.context["report"].totals.total.total
        == RelabelItem.objects.filter(outcome__in=("applied", "accepted", "corrected")).count()
    )
