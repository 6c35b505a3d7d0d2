"""Materials: only PDF, images and Office Open XML files, checked by content, size-capped,
zip-bomb-limited, without macros; stored outside the web root under random names."""

from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from linli.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_RATIO = 100

OOXML = {
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str


def upload_root() -> Path:
    root = Path(getattr(settings, "UPLOAD_ROOT", settings.VAR_DIR / "uploads"))
    root.mkdir(mode=0o700, parents=True, exist_ok=True)  # uploaded materials: owner only
    return root


def check_upload(upload: UploadedFile) -> CheckedFile:
    if upload.size is None or upload.size > MAX_BYTES:
        raise DomainError(_("The file is larger than 10 MB."))
    content = upload.read()
    if len(content) > MAX_BYTES:
        raise DomainError(_("The file is larger than 10 MB."))
    name = (upload.name or "").lower()
    extension = Path(name).suffix
    kind = _sniff(content, extension)
    return CheckedFile(content, kind, extension, hashlib.sha256(content).hexdigest())


def _sniff(content: bytes, extension: str) -> str:
    if content.startswith(b"%PDF-") and extension == ".pdf":
        if b"%%EOF" not in content[-2048:]:
            raise DomainError(_("The PDF file is damaged or incomplete."))
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n") and extension == ".png":
        return "image/png"
    if content.startswith(b"\xff\xd8\xff") and extension in (".jpg", ".jpeg"):
        return "image/jpeg"
    if content.startswith(b"PK\x03\x04") and extension in OOXML:
        return _check_ooxml(content, extension)
    raise DomainError(
        _(
            "Only PDF, JPG, PNG, Word (.docx), Excel (.xlsx) and PowerPoint (.pptx) files are "
            "accepted, and the file's content must match its name."
        )
    )


def _check_ooxml(content: bytes, extension: str) -> str:
    content_type, part = OOXML[extension]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            total = sum(info.file_size for info in infos)
    except zipfile.BadZipFile as exc:
        raise DomainError(_("The Office file is damaged.")) from exc
    if total > MAX_UNZIPPED or total > MAX_RATIO * max(len(content), 1):
        raise DomainError(_("The Office file expands to an unreasonable size and was refused."))
    if "[Content_Types].xml" not in names or not any(n.startswith(part) for n in names):
        raise DomainError(_("The file is not a real %(ext)s document.") % {"ext": extension})
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise DomainError(_("Files with macros are not accepted."))
    return content_type


def store(checked: CheckedFile) -> str:
    stored_name = secrets.token_hex(16) + checked.extension
    (upload_root() / stored_name).write_bytes(checked.content)
    return stored_name


def read_stored(stored_name: str) -> bytes:
    path = (upload_root() / stored_name).resolve()
    if path.parent != upload_root().resolve():
        raise DomainError("invalid stored name")
    return path.read_bytes()
