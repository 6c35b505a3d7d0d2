"""In Chromium: the queue and the report on a phone (375 px) and a desktop; accept with HTMX."""

from __future__ import annotations

import pytest

from conftest import overflows, sign_in
from linli.orgs.models import Organization
from linli.regions.models import Region
from linli.relabel import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_queue_and_report_fit_and_accept_swaps_the_row(
    people, stock, page_at, tmp_path, width
) -> None:
    run = services.relabel_run(actor=people.district, region=Region.objects.get(code="310104"))
    page = page_at(width)
    sign_in(page, "district")
    page.goto(f"/relabel/{run.pk}/")
    assert page.get_by_test_id("item-row").count() == 1
    assert not overflows(page)
    page.screenshot(path=str(tmp_path / f"relabel-queue-{width}.png"), full_page=True)
    page.get_by_test_id("accept").click()
    page.get_by_test_id("item-outcome").wait_for()
    assert Organization.objects.get(pk=stock.unsure.pk).category == "charity"
    page.goto("/relabel/report/")
    assert page.get_by_test_id("report-total").inner_text() == "4"
    assert not overflows(page)
    page.screenshot(path=str(tmp_path / f"relabel-report-{width}.png"), full_page=True)
    page.goto("/relabel/")
    assert not overflows(page)
