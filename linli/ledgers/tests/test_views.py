"""The import pages: upload, dry-run report, confirmation; ownership, expiry and double clicks."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from linli.core.models import AuditEvent
from linli.ledgers.models import LedgerUpload
from linli.ledgers.storage import pending_dir
from linli.orgs.models import Organization

from .helpers import group, ledger, registered, team

pytestmark = pytest.mark.django_db


def upload(client: Any, content: bytes, name: str = "台账.xlsx") -> Any:
    response = client.post(reverse("ledgers:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content[:500]
    return LedgerUpload.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def confirm(client: Any, pending: LedgerUpload) -> Any:
    return client.post(reverse("ledgers:import_confirm", args=[pending.pk]), follow=True)


def test_upload_dry_run_report_and_confirm(people, login) -> None:
    client = login(people.street_a)
    page = client.get(reverse("ledgers:import"))
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    row = team()
    pending = upload(client, ledger([row, group(), registered()]))
    assert pending.state == "ready" and pending.report["created"] == 3
    stored = pending_dir() / pending.stored_name
    sealed = stored.read_bytes()
    assert (
        not sealed.startswith(b"PK") and row["负责人身份证号"].encode() not in sealed
    )  # encrypted
    report = client.get(reverse("ledgers:import_report", args=[pending.pk]))
    assert report.status_code == 200 and report.context["can_confirm"]
    assert (
        b'data-testid="ledger-confirm"' in report.content
        and b"\xe6\xb0\xb8\xe5\x98\x89" in report.content
    )
    assert not Organization.objects.exists()
    done = confirm(client, pending)
    assert done.status_code == 200 and done.context["imported"]
    assert Organization.objects.count() == 3
    assert AuditEvent.objects.filter(event_type="import").count() == 1
    assert not stored.exists()  # the file is gone once imported
    # A second click does not import twice.
    again = confirm(client, pending)
    assert again.status_code == 200 and Organization.objects.count() == 3
    assert AuditEvent.objects.filter(event_type="import").count() == 1


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(people, login) -> None:
    client = login(people.street_a)
    pending = upload(client, ledger([team(), team("湖南路队", region="310104004001")]))
    assert pending.state == "refused" and pending.stored_name == ""
    page = client.get(reverse("ledgers:import_report", args=[pending.pk]))
    assert (
        b'data-testid="ledger-errors"' in page.content
        and b'data-testid="ledger-confirm"' not in page.content
    )
    assert page.context["report"].errors[0] | {"message": ""} == {
        "row": 3,
        "column": "所在区划代码",
        "message": "",
    }
    confirm(client, pending)
    assert not Organization.objects.exists()


def test_confirmation_checks_the_data_again(people, login) -> None:
    client = login(people.street_a)
    pending = upload(client, ledger([team("新来的队")]))
    from conftest import make_org

    make_org("新来的队", "team", "culture_sports", "310104003001")  # created meanwhile
    page = confirm(client, pending)
    pending.refresh_from_db()
    assert pending.state == "ready" and pending.notice  # the new plan is shown, nothing imported
    assert pending.report["updated"] == 1 and pending.report["created"] == 0
    assert Organization.objects.count() == 1
    assert page.context["report"].updated == 1


def test_uploads_belong_to_their_user_and_expire(people, login) -> None:
    pending = upload(login(people.street_a), ledger([team()]))
    other = login(people.district)
    assert other.get(reverse("ledgers:import_report", args=[pending.pk])).status_code == 404
    assert other.post(reverse("ledgers:import_confirm", args=[pending.pk])).status_code == 404
    LedgerUpload.objects.filter(pk=pending.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client = login(people.street_a)
    page = confirm(client, pending)
    assert not Organization.objects.exists() and not page.context["can_confirm"]


def test_a_new_upload_replaces_the_pending_one(people, login) -> None:
    client = login(people.street_a)
    first = upload(client, ledger([team()]))
    upload(client, ledger([group()]))
    assert not LedgerUpload.objects.filter(pk=first.pk).exists()
    assert not (pending_dir() / first.stored_name).exists()


def test_import_pages_need_the_change_permission(people, login) -> None:
    client = login(people.committee)
    assert client.get(reverse("ledgers:import")).status_code == 403
    assert client.get(reverse("ledgers:template")).status_code == 403
    assert client.post(reverse("ledgers:import"), {}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_large_files_are_imported_in_the_background(people, login, settings) -> None:
    settings.LEDGER_IMPORT_IN_BACKGROUND = True
    settings.LEDGER_BACKGROUND_FROM_ROWS = 2
    client = login(people.street_a)
    pending = upload(client, ledger([team(), group()]))
    client.post(reverse("ledgers:import_confirm", args=[pending.pk]))
    for thread in threading.enumerate():
        if thread.name == f"ledger-import-{pending.pk}":
            thread.join(timeout=30)
    pending.refresh_from_db()
    assert pending.state == "imported" and Organization.objects.count() == 2
    partial = client.get(
        reverse("ledgers:import_report", args=[pending.pk]), HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in partial.content and b"hx-trigger" not in partial.content
