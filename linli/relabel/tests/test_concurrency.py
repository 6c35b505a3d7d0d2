"""Two reviewers, one suggestion: on PostgreSQL, both decide it at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from linli.core.errors import DomainError
from linli.orgs.models import Organization
from linli.regions.models import Region
from linli.relabel import services
from linli.relabel.models import RelabelItem


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_decide_at_once_one_wins_one_is_told(people, stock) -> None:
    run = services.relabel_run(actor=people.district, region=Region.objects.get(code="310104"))
    item = RelabelItem.objects.get(run=run, organization=stock.unsure)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(reviewer, action) -> None:
        try:
            barrier.wait()
            if action == "accept":
                services.relabel_accept(actor=reviewer, item_id=item.pk)
            else:
                services.relabel_correct(
                    actor=reviewer, item_id=item.pk, category="community_affairs", tags=[]
                )
            outcomes.append(action)
        except DomainError as exc:
            outcomes.append(f"refused: {exc.message}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(people.street_a, "accept")),
        threading.Thread(target=decide, args=(people.district, "correct")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if not o.startswith("refused")]
    assert len(winners) == 1 and len(outcomes) == 2
    item.refresh_from_db()
    expected = "charity" if winners == ["accept"] else "community_affairs"
    assert Organization.objects.get(pk=stock.unsure.pk).category == expected
    assert item.outcome == ("accepted" if winners == ["accept"] else "corrected")
    history = Organization.history.filter(
        id=stock.unsure.pk, history_change_reason__contains="复核"
    )
    assert history.count() == 1
