"""Bad files are refused before anything is read from them, with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linli.ledgers import files, parse
from linli.ledgers.files import LedgerFileError, check_xlsx
from linli.ledgers.models import LedgerUpload
from linli.ledgers.parse import read_sheet
from linli.ledgers.storage import pending_dir
from linli.orgs.models import Organization

from .helpers import HEADERS, ledger, team


def rezip(
    content: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    """The same workbook with members added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = (replace or {}).get(info.filename, source.read(info.filename))
            out.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target.getvalue()


def refused(content: bytes, name: str = "ledger.xlsx") -> str:
    with pytest.raises(LedgerFileError) as caught:
        check_xlsx(content, name)
        read_sheet(content)
    return caught.value.message


def test_a_good_ledger_passes() -> None:
    content = ledger([team()])
    check_xlsx(content, "台账.xlsx")
    sheet = read_sheet(content)
    assert sheet.headers == tuple(HEADERS) and sheet.rows[0].number == 2


def test_not_an_excel_workbook_is_refused() -> None:
    assert "xlsx" in refused(b"name,tier\nA,team\n")
    assert "xlsx" in refused(b"%PDF-1.7 ...")
    assert "xlsx" in refused(ledger([team()]), name="ledger.csv")


def test_old_xls_and_encrypted_workbooks_are_refused() -> None:
    assert ".xls" in refused(files.OLE_MAGIC + b"\x00" * 512)


def test_damaged_zip_is_refused() -> None:
    assert refused(b"PK\x03\x04" + b"\x00" * 200)
    content = ledger([team()])
    assert refused(content[: len(content) // 2])


def test_macro_files_are_refused() -> None:
    content = ledger([team()])
    message = refused(content, name="ledger.xlsm")
    with_vba = rezip(content, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    assert refused(with_vba) == message
    types = zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml")
    macro_type = types.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
    assert refused(rezip(content, replace={"[Content_Types].xml": macro_type})) == message


def test_zip_bomb_is_refused_before_it_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = []
    monkeypatch.setattr(parse.openpyxl, "load_workbook", lambda *a, **k: opened.append(1))
    bomb = rezip(ledger([team()]), extra={"xl/media/padding.bin": b"\x00" * (30 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert refused(bomb) == files._bomb_message()
    assert opened == []


def test_too_many_members_are_refused() -> None:
    many = rezip(ledger([team()]), extra={f"xl/x/{n}.xml": b"<x/>" for n in range(1001)})
    assert refused(many) == files._bomb_message()


def test_oversized_file_is_refused() -> None:
    with pytest.raises(LedgerFileError):
        check_xlsx(b"PK\x03\x04" + b"\x00" * files.MAX_BYTES, "big.xlsx")


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "MAX_ROWS", 3)
    assert "3" in refused(ledger([team(f"队{n}") for n in range(4)]))


def test_wrong_headers_are_refused_with_their_names() -> None:
    missing = refused(ledger([team()], headers=[h for h in HEADERS if h != "层级"]))
    assert "层级" in missing
    unknown = refused(ledger([team()], headers=[*HEADERS, "备注栏"]))
    assert "备注栏" in unknown
    repeated = refused(ledger([team()], headers=[*HEADERS, "名称"]))
    assert "名称" in repeated


def test_optional_columns_may_be_left_out_and_headers_marked_required() -> None:
    headers = ["名称*", "层级", "类别", "所在区划代码"]
    content = ledger(
        [
            {
                "名称*": "甲",
                "层级": "群众活动团队",
                "类别": "文体活动类",
                "所在区划代码": "310104003001",
            }
        ],
        headers,
    )
    assert read_sheet(content).headers == ("名称", "层级", "类别", "所在区划代码")


def test_an_empty_ledger_is_refused() -> None:
    assert refused(ledger([]))


@pytest.mark.django_db
def test_refused_upload_writes_nothing(people, login) -> None:
    client = login(people.street_a)
    bomb = rezip(ledger([team()]), extra={"xl/media/padding.bin": b"\x00" * (30 * 1024 * 1024)})
    for name, content in [("a.xlsx", b"not excel"), ("a.xlsm", ledger([team()])), ("b.xlsx", bomb)]:
        upload = SimpleUploadedFile(name, content)
        response = client.post(reverse("ledgers:import"), {"file": upload})
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
    assert not LedgerUpload.objects.exists()
    assert not Organization.objects.exists()
    assert list(pending_dir().iterdir()) == []
