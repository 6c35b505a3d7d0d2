from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.applications.uploads import check_upload
from linli.core.errors import DomainError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml(extra: dict[str, bytes] | None = None, part: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        ("a.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        (
            "名册.docx",
            ooxml(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_accepted(name, content, kind) -> None:
    assert check_upload(SimpleUploadedFile(name, content)).content_type == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.exe", b"MZ\x90\x00", "只接受"),
        ("a.pdf", b"MZ\x90\x00", "只接受"),  # content does not match the name
        ("a.jpg", PDF, "只接受"),
        ("a.pdf", b"%PDF-1.4 no end", "损坏"),
        ("a.docm", ooxml(), "只接受"),
        ("a.docx", ooxml({"word/vbaProject.bin": b"macro"}), "宏"),
        ("a.xlsx", ooxml(), "不是真正"),  # a Word file renamed .xlsx
        ("a.docx", b"PK\x03\x04broken", "损坏"),
        ("a.docx", ooxml({"word/bomb.xml": b"0" * (60 * 1024 * 1024)}), "体积异常"),
    ],
)
def test_refused(name, content, message) -> None:
    with pytest.raises(DomainError) as info:
        check_upload(SimpleUploadedFile(name, content))
    assert message in info.value.message


def test_size_cap() -> None:
    with pytest.raises(DomainError, match="10 MB"):
        check_upload(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)))
