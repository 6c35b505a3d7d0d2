"""Exports: scoped, filtered like the list, masked unless asked with a purpose, audited, safe."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from conftest import make_org
from linli.core.choices import AuditEventType
from linli.core.models import AuditEvent
from linli.ledgers.services import ledger_import
from linli.ledgers.views import XLSX
from linli.orgs.services import PersonData, membership_add, person_upsert

from .helpers import as_dicts, read_back

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"


def download(client: Any, **params: Any) -> bytes:
    response = client.get(reverse("ledgers:export"), params)
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def add_responsible(org: Any) -> None:
    person = person_upsert(data=PersonData("周阿姨", ID_NUMBER, PHONE))
    membership_add(organization=org, person=person, role="responsible")


def all_text(content: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_export_is_scoped_and_filtered_like_the_list(people, login, orgs) -> None:
    client = login(people.street_a)
    names = {row["名称"] for row in as_dicts(download(client))}
    assert names == {"天平路街道舞蹈队", "永嘉合唱小组", "上海市徐汇区天平社区公益基金会"}
    teams = as_dicts(download(client, tier="team"))
    assert [row["名称"] for row in teams] == ["天平路街道舞蹈队"]
    assert teams[0]["层级"] == "群众活动团队" and teams[0]["服务领域"] == "体育"
    assert teams[0]["所在区划代码"] == "310104003001" and teams[0]["系统编号"] == orgs.dance_a.pk
    # A region filter narrows inside the scope, never widens it.
    assert as_dicts(download(client, region="310104004")) == []
    event = AuditEvent.objects.filter(event_type="export").order_by("-id").first()
    assert event.actor == people.street_a
    assert event.detail == {"filter": {"region": "310104004"}, "rows": 0, "full": False}
    assert AuditEvent.objects.filter(event_type="export").count() == 3


def test_personal_data_is_masked_by_default(people, login, orgs) -> None:
    add_responsible(orgs.dance_a)
    content = download(login(people.street_a), tier="team")
    row = as_dicts(content)[0]
    assert row["负责人姓名"] == "周阿姨"
    assert row["负责人身份证号"] == "1101**********002X" and row["负责人手机号"] == "138****5678"
    assert ID_NUMBER not in all_text(content) and PHONE not in all_text(content)


def test_full_data_needs_the_permission_and_a_purpose(people, login, orgs) -> None:
    add_responsible(orgs.dance_a)
    client = login(people.street_a)
    url = reverse("ledgers:export") + "?tier=team"
    refused = client.post(url, {"purpose": ""})
    assert refused.status_code == 302 and "export/" in refused["Location"]
    assert not AuditEvent.objects.filter(event_type="export").exists()
    response = client.post(url, {"purpose": "核对年检材料"})
    row = as_dicts(b"".join(response.streaming_content))[0]
    assert row["负责人身份证号"] == ID_NUMBER and row["负责人手机号"] == PHONE
    event = AuditEvent.objects.get(event_type="export")
    assert event.detail == {
        "filter": {"tier": "team"},
        "rows": 1,
        "full": True,
        "purpose": "核对年检材料",
    }
    assert ID_NUMBER not in str(event.detail)
    committee = login(people.committee)  # may view organizations, may not reveal personal data
    assert committee.post(url, {"purpose": "看看"}).status_code == 403


def test_cells_that_could_be_formulas_are_written_as_text(people, login) -> None:
    risky = {
        "address": '=HYPERLINK("http://evil.example","点我")',
        "business_scope": "\t=1+1",  # a text area: tabs are allowed there
        "activity_time": "-2+3",
        "activity_place": "@SUM(A1:A2)",
        "supervisory_unit": "+1+1",
    }
    make_org("=1+1舞蹈队", "team", "culture_sports", "310104003001", **risky)
    content = download(login(people.street_a))
    headers, rows, sheet = read_back(content)
    row = dict(zip(headers, rows[0], strict=True))
    assert row["名称"] == "=1+1舞蹈队"
    assert row["地址"] == risky["address"] and row["业务范围或活动内容"] == "\t=1+1"
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert "<f>" not in all_text(content)  # no formula element anywhere in the workbook


def test_an_export_can_be_imported_again_unchanged(people, login, orgs) -> None:
    add_responsible(orgs.dance_a)
    content = download(login(people.street_a))
    report = ledger_import(actor=people.street_a, content=content, filename="export.xlsx")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3), report.errors


def test_export_page_shows_the_count_and_the_full_data_form_only_when_allowed(
    people, login, orgs
) -> None:
    page = login(people.street_a).get(reverse("ledgers:export_options"), {"tier": "team"})
    assert page.status_code == 200 and page.context["count"] == 1
    assert b'data-testid="export-full"' in page.content
    page = login(people.committee).get(reverse("ledgers:export_options"))
    assert page.status_code == 200 and b'data-testid="export-full"' not in page.content
    assert login(people.leader).get(reverse("ledgers:export")).status_code == 403


def test_a_list_too_long_for_one_workbook_is_refused_with_a_message(
    people, login, orgs, monkeypatch
) -> None:
    from linli.ledgers import export

    monkeypatch.setattr(export, "EXPORT_MAX_ROWS", 2)
    client = login(people.district)
    page = client.get(reverse("ledgers:export_options"))
    assert b'data-testid="export-too-many"' in page.content
    assert b'data-testid="export-masked"' not in page.content
    response = client.get(reverse("ledgers:export"), follow=True)
    assert "符合条件的组织超过 2 个" in response.content.decode()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.EXPORT).exists()
    narrowed = client.get(reverse("ledgers:export"), {"tier": "team"})
    assert narrowed.status_code == 200 and narrowed["Content-Type"] == XLSX
