"""In Chromium, on a phone (375 px) and a desktop: upload, dry-run report with errors, confirm."""

from __future__ import annotations

import pytest

from conftest import overflows, screenshot, sign_in
from linli.orgs.models import Organization

from .helpers import group, ledger, team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_import_pages_fit_and_work(people, page_at, tmp_path, width) -> None:
    page = page_at(width)
    sign_in(page, "street_a")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(ledger([team(), team("外街道队", region="310104004001", 成员数="很多")]))
    page.goto("/ledgers/import/")
    assert not overflows(page)
    page.set_input_files("input[type=file]", str(bad))
    page.click("form[data-testid=ledger-upload] button[type=submit]")
    page.get_by_test_id("ledger-errors").wait_for()
    assert page.get_by_test_id("count-errors").inner_text() == "1"
    assert page.get_by_test_id("ledger-confirm").count() == 0
    assert not overflows(page)
    screenshot(page, f"ledgers-errors-{width}")
    good = tmp_path / "good.xlsx"
    good.write_bytes(ledger([team(), group()]))
    page.goto("/ledgers/import/")
    page.set_input_files("input[type=file]", str(good))
    page.click("form[data-testid=ledger-upload] button[type=submit]")
    page.get_by_test_id("ledger-confirm").wait_for()
    assert not overflows(page)
    screenshot(page, f"ledgers-dry-run-{width}")
    page.get_by_test_id("ledger-confirm").click()
    page.wait_for_selector(".alert-success")
    assert Organization.objects.count() == 2
    page.goto("/ledgers/export/?tier=team")
    assert page.get_by_test_id("export-count").is_visible() and not overflows(page)
    screenshot(page, f"ledgers-export-{width}")
