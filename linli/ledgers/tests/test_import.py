"""Dry run, confirmation, idempotence, all-or-nothing and jurisdiction of ledger imports."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from linli.core.models import AuditEvent
from linli.demo.ledgers import generate_ledger
from linli.ledgers.services import PlanChanged, ledger_dry_run, ledger_import
from linli.orgs.models import Membership, Organization, Person
from linli.orgs.services import PersonData, membership_add, person_upsert

from .helpers import group, ledger, registered, save, team

pytestmark = pytest.mark.django_db


def dry(user: Any, content: bytes) -> Any:
    return ledger_dry_run(actor=user, content=content, filename="台账.xlsx")


def run(user: Any, content: bytes, **kwargs: Any) -> Any:
    return ledger_import(actor=user, content=content, filename="台账.xlsx", **kwargs)


def snapshot() -> tuple[int, ...]:
    return (
        Organization.objects.count(),
        Organization.history.count(),
        Person.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def errors_of(report: Any) -> set[tuple[int, str]]:
    return {(error["row"], error["column"]) for error in report.errors}


def test_dry_run_writes_nothing(people) -> None:
    before = snapshot()
    report = dry(people.street_a, ledger([team(), group(), registered()]))
    assert (report.created, report.updated, report.unchanged, report.error_rows) == (3, 0, 0, 0)
    assert [entry["row"] for entry in report.entries] == [2, 3, 4]
    assert snapshot() == before


def test_confirm_writes_every_row_through_the_registry_services(people) -> None:
    row, tai_chi_row = registered(), team()
    report = run(people.street_a, ledger([tai_chi_row, group(), row]))
    assert report.committed and report.created == 3
    org = Organization.objects.get(credit_code=row["统一社会信用代码"])
    assert (org.tier, org.legal_form, org.category) == (
        "registered",
        "social_service_agency",
        "life_service",
    )
    assert org.registration_authority.code == "310104"  # managing unit set by the service
    assert sorted(org.tags.values_list("tag", flat=True)) == ["elderly"]
    tai_chi = Organization.objects.get(name="永嘉太极拳队")
    assert (tai_chi.region.code, tai_chi.member_count, str(tai_chi.founded_on)) == (
        "310104003002",
        24,
        "2018-03-01",
    )
    assert tai_chi.filing_street.code == "310104003"
    person = Membership.objects.get(organization=tai_chi, role="responsible").person
    assert person.full_name == "王建国" and person.phone_masked == "139****5678"
    assert person.reveal_id_number() == tai_chi_row["负责人身份证号"]
    assert AuditEvent.objects.filter(event_type="org_create").count() == 3
    event = AuditEvent.objects.get(event_type="import")
    assert event.actor == people.street_a
    assert event.detail | {"sha256": ""} == {
        "kind": "organization_ledger",
        "file": "台账.xlsx",
        "sha256": "",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }


def test_importing_the_same_file_again_changes_nothing(people) -> None:
    content = ledger([team(), group(), registered()])
    run(people.street_a, content)
    before = snapshot()
    again = run(people.street_a, content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot()[:4] == before[:4]
    assert AuditEvent.objects.count() == before[4] + 1  # only the IMPORT row


def test_changed_rows_are_updated_and_the_rest_unchanged(people) -> None:
    rows = [team(), group()]
    run(people.street_a, ledger(rows))
    org = Organization.objects.get(name="永嘉太极拳队")
    rows[0] = {**rows[0], "成员数": 30, "服务领域": "体育"}
    report = run(people.street_a, ledger(rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert report.entries[0]["changes"] == ["成员数", "服务领域"]
    org.refresh_from_db()
    assert org.member_count == 30 and org.version == 2
    assert list(org.tags.values_list("tag", flat=True)) == ["sports"]


def test_one_bad_row_refuses_the_whole_file_with_row_level_messages(people) -> None:
    rows = [
        team(),
        registered(统一社会信用代码="53310104MJ4915237X"),
        group(成员数="许多", 成立日期="明年"),
    ]
    before = snapshot()
    report = run(people.street_a, ledger(rows))
    assert not report.committed and report.error_rows == 2
    assert errors_of(report) == {(3, "统一社会信用代码"), (4, "成员数"), (4, "成立日期")}
    assert all(error["message"] for error in report.errors)
    assert snapshot() == before


def test_rule_violations_from_the_registry_are_reported_by_column(people) -> None:
    rows = [
        group("街道小组", region="310104003"),  # a group belongs to a community
        team("党员多", 成员数=3, 党员人数=5),
        registered(法人类型=None),
        team("未知", 服务领域="养老、飞行"),
        team("", 层级="大团队"),
    ]
    report = dry(people.street_a, ledger(rows))
    assert errors_of(report) == {
        (2, "所在区划代码"),
        (3, "党员人数"),
        (4, "法人类型"),
        (5, "服务领域"),
        (6, "名称"),
        (6, "层级"),
    }


def test_rows_outside_the_jurisdiction_are_refused(people, orgs) -> None:
    rows = [
        team(),
        team("湖南路太极队", region="310104004001"),
        team("外区队", region="310101002001"),
    ]
    rows.append(team("外区坏队", region="310101002001", 成员数="很多"))
    report = run(people.street_a, ledger(rows))
    assert not report.committed
    assert errors_of(report) == {
        (3, "所在区划代码"),
        (4, "所在区划代码"),
        (5, "所在区划代码"),
        (5, "成员数"),
    }
    # A registered organization elsewhere cannot be taken over by its credit code.
    row = registered(统一社会信用代码=orgs.fund_a.credit_code)
    report = run(people.street_b, ledger([{**row, "所在区划代码": "310104004"}]))
    assert errors_of(report) == {(2, "统一社会信用代码")}
    assert not Organization.objects.filter(name="永嘉太极拳队").exists()


def test_users_without_change_permission_cannot_import(people) -> None:
    with pytest.raises(PermissionDenied):
        dry(people.committee, ledger([team()]))


def test_teams_are_matched_by_street_and_name(people, orgs) -> None:
    # 天平路街道舞蹈队 moves to another community of the same street: the same organization.
    report = run(people.street_a, ledger([team("天平路街道舞蹈队", region="310104003002")]))
    assert (report.created, report.updated) == (0, 1)
    assert "所在区划代码" in report.entries[0]["changes"]
    orgs.dance_a.refresh_from_db()
    assert orgs.dance_a.region.code == "310104003002"
    # The same name in another street is another organization.
    report = run(people.district, ledger([team("天平路街道舞蹈队", region="310104004002")]))
    assert report.created == 1


def test_a_team_that_registers_keeps_its_identity(people, orgs) -> None:
    row = registered("天平路街道舞蹈队", 类别="文体活动类")
    report = run(people.street_a, ledger([row]))
    assert (report.created, report.updated) == (0, 1)
    orgs.dance_a.refresh_from_db()
    assert orgs.dance_a.tier == "registered" and orgs.dance_a.credit_code == row["统一社会信用代码"]


def test_a_team_row_may_not_turn_a_registered_organization_back(people, orgs) -> None:
    report = dry(people.street_a, ledger([team(orgs.fund_a.name, region="310104003")]))
    assert errors_of(report) == {(2, "名称")}


def test_duplicate_rows_in_one_file_are_refused(people) -> None:
    row = registered()
    report = dry(people.street_a, ledger([team(), team(), row, {**row, "名称": "另一个名字"}]))
    assert errors_of(report) == {(3, ""), (5, "")}


def test_one_id_number_with_two_names_is_refused(people) -> None:
    first = team()
    second = group(负责人身份证号=first["负责人身份证号"], 负责人姓名="李秀兰")
    report = dry(people.street_a, ledger([first, second]))
    assert errors_of(report) == {(3, "负责人身份证号")}


def test_the_responsible_person_is_matched_not_duplicated(people, orgs) -> None:
    person = person_upsert(data=PersonData("周阿姨", "11010519491231002X", "13812345678"))
    membership_add(organization=orgs.dance_a, person=person, role="responsible")
    row = team(
        "天平路街道舞蹈队",
        region="310104003001",
        负责人姓名="周阿姨",
        负责人身份证号="1101**********002X",
        负责人手机号="138****5678",
    )
    report = run(people.street_a, ledger([row]))
    assert "负责人姓名" not in report.entries[0]["changes"]
    assert Person.objects.count() == 1  # masked values from an export keep the stored ones
    new_phone = {**row, "负责人身份证号": "11010519491231002X", "负责人手机号": "13900001111"}
    report = run(people.street_a, ledger([new_phone]))
    assert report.entries[0]["changes"] == ["负责人姓名"]
    person.refresh_from_db()
    assert person.phone_masked == "139****1111" and Person.objects.count() == 1


def test_confirmation_refuses_when_the_registry_changed_since_the_dry_run(people) -> None:
    knitting = group()
    content = ledger([team(), knitting])
    seen = dry(people.street_a, content)
    run(people.street_a, ledger([knitting]))  # someone imports one of the rows meanwhile
    before = snapshot()
    with pytest.raises(PlanChanged) as caught:
        run(people.street_a, content, expected_digest=seen.digest)
    assert caught.value.report.unchanged == 1
    assert snapshot() == before


def test_id_numbers_typed_as_numbers_are_refused(people) -> None:
    report = dry(people.street_a, ledger([team(负责人身份证号=310104195001011234.0)]))
    assert errors_of(report) == {(2, "负责人身份证号")}


def test_excel_dates_and_numbers_are_accepted(people) -> None:
    from datetime import datetime

    excel_date = datetime(2019, 5, 20)  # noqa: DTZ001 (Excel stores naive dates)
    report = dry(
        people.street_a,
        ledger([team(成立日期=excel_date, 成员数=12.0, 所在区划代码=310104003002)]),
    )
    assert report.ok


def test_template_round_trip(people, login) -> None:
    from django.urls import reverse

    client = login(people.street_a)
    response = client.get(reverse("ledgers:template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["台账", "填写说明", "服务领域", "区划代码"]
    codes = [row[0] for row in workbook["区划代码"].iter_rows(min_row=2, values_only=True)]
    assert "310104003001" in codes and "310104004001" not in codes  # only the user's jurisdiction
    sheet = workbook["台账"]
    headers = [cell.value for cell in sheet[1]]
    for row in (team(), group(), registered()):
        sheet.append([row.get(header) for header in headers])
    content = save(workbook)
    report = run(people.street_a, content)
    assert report.committed and report.created == 3


def test_generated_ledger_imports_cleanly_and_idempotently(people) -> None:
    content = generate_ledger(under="310104003", rows=40, seed=3)
    report = run(people.street_a, content)
    assert report.ok and report.created == 40, report.errors[:3]
    assert run(people.street_a, content).unchanged == 40


def test_management_command_uses_the_same_path(people, tmp_path, capsys) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(ledger([team(), group()]))
    call_command("import_ledger", str(path), user="street_a", dry_run=True)
    assert "dry run: 2 rows · 2 create" in capsys.readouterr().out
    assert not Organization.objects.exists()
    call_command("import_ledger", str(path), user="street_a")
    assert Organization.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="import").count() == 1
    path.write_bytes(ledger([team(), group(名称="")]))
    with pytest.raises(CommandError):
        call_command("import_ledger", str(path), user="street_a")
    with pytest.raises(CommandError):
        call_command("import_ledger", str(path), user="committee", dry_run=True)


def test_columns_left_out_keep_the_registry_values(people, orgs) -> None:
    headers = ["名称", "层级", "类别", "所在区划代码"]
    row = {
        "名称": "天平路街道舞蹈队",
        "层级": "群众活动团队",
        "类别": "文体活动类",
        "所在区划代码": "310104003001",
    }
    report = run(people.street_a, ledger([row], headers))
    assert (report.updated, report.unchanged) == (0, 1)
    row["类别"] = "公益慈善类"
    report = run(people.street_a, ledger([row], headers))
    assert report.entries[0]["changes"] == ["类别"]
    orgs.dance_a.refresh_from_db()
    assert orgs.dance_a.member_count == 18 and list(
        orgs.dance_a.tags.values_list("tag", flat=True)
    ) == ["sports"]


FORMULA = '=HYPERLINK("http://example.invalid","点此")'


@pytest.mark.parametrize(
    "header",
    [
        "名称",  # required text
        "业务范围或活动内容",  # optional text
        "成员数",  # number
        "成立日期",  # date
        "类别",  # choice
        "服务领域",  # tags
        "负责人身份证号",  # code
    ],
)
def test_a_formula_is_refused_with_its_row_and_column_whatever_the_column(people, header) -> None:
    before = snapshot()
    report = dry(people.street_a, ledger([team(), team("永嘉合唱队", **{header: FORMULA})]))
    formula_errors = [e for e in report.errors if e["column"] == header]
    assert [(e["row"], e["message"]) for e in formula_errors] == [(3, "不接受公式，请粘贴为数值。")]
    assert report.error_rows == 1
    assert snapshot() == before
