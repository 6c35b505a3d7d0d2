"""Is an uploaded file a plain .xlsx workbook we are willing to open?

Every check here runs on the raw bytes and the zip directory, before openpyxl sees the file: size,
name, magic bytes, the zip's declared sizes (total and per member, against zip bombs), encryption,
macros. Python's zipfile never inflates a member beyond its declared size (a member that lies
fails its CRC), so checking the declared sizes bounds what openpyxl can be made to read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from linli.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED = 250 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, over the whole archive and per large member
MAX_MEMBERS = 1000
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not ratio-checked on their own
MACRO_EXTENSIONS = frozenset({".xlsm", ".xltm", ".xlsb", ".xlam"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class LedgerFileError(DomainError):
    """The file as a whole was refused; nothing was read from it and nothing written."""


def check_size(size: int | None) -> None:
    if size is None or size > MAX_BYTES:
        raise LedgerFileError(_("The file is larger than 10 MB. Split the ledger into parts."))


def check_xlsx(content: bytes, filename: str) -> None:
    """Raise LedgerFileError unless ``content`` is a macro-free .xlsx of sane size."""
    check_size(len(content))
    extension = PurePath(filename.lower()).suffix
    if extension in MACRO_EXTENSIONS:
        raise LedgerFileError(_macro_message())
    if content.startswith(OLE_MAGIC):
        raise LedgerFileError(
            _(
                "This is an old-format .xls file or a password-protected workbook. Remove the "
                "password and save it as an Excel workbook (.xlsx)."
            )
        )
    if extension != ".xlsx" or not content.startswith(ZIP_MAGIC):
        raise LedgerFileError(
            _("Only Excel workbooks (.xlsx) are accepted; download the template and use it.")
        )
    _check_archive(content)


def _macro_message() -> str:
    return _(
        "Files with macros are not accepted. Save the ledger as an Excel workbook (.xlsx) "
        "without macros."
    )


def _check_archive(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            _check_members(infos, len(content))
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, RuntimeError) as exc:
        raise LedgerFileError(
            _("The file is damaged or is not a real Excel workbook (.xlsx).")
        ) from exc
    if b"macroEnabled" in content_types:
        raise LedgerFileError(_macro_message())


def _check_members(infos: list[zipfile.ZipInfo], packed_size: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise LedgerFileError(_bomb_message())
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED or total > MAX_RATIO * max(packed_size, 1):
        raise LedgerFileError(_bomb_message())
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise LedgerFileError(_bomb_message())
    names = {info.filename.lower() for info in infos}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise LedgerFileError(_macro_message())
    if any(info.flag_bits & 0x1 for info in infos):
        raise LedgerFileError(_("Password-protected workbooks are not accepted."))
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise LedgerFileError(_("The file is damaged or is not a real Excel workbook (.xlsx)."))
    if len(names) != len(infos):
        raise LedgerFileError(_("The file is damaged or is not a real Excel workbook (.xlsx)."))
    if content_types_too_large(infos):
        raise LedgerFileError(_bomb_message())


def content_types_too_large(infos: list[zipfile.ZipInfo]) -> bool:
    return any(
        info.filename == "[Content_Types].xml" and info.file_size > 1024 * 1024 for info in infos
    )


def _bomb_message() -> str:
    return _(
        "The workbook expands to an unreasonable size when unpacked and was refused. Save the "
        "ledger again as a plain .xlsx file."
    )
