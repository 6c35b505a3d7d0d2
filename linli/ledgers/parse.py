"""Read the data sheet of a checked .xlsx into rows of raw cell values keyed by header."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

from linli.ledgers.columns import COLUMNS_BY_HEADER, DATA_SHEET, EXPORT_ONLY_HEADERS
from linli.ledgers.columns import REQUIRED_HEADERS as REQUIRED
from linli.ledgers.files import LedgerFileError

MAX_ROWS = 50_000
MAX_COLUMNS = 100
# Rows present in the sheet's XML but blank (formatting only) are skipped, up to this many.
MAX_SCANNED_ROWS = MAX_ROWS * 2


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula. Its cached value is not trusted (a workbook saved by a program
    other than Excel often has none, and openpyxl then reads it as blank), so the dry run
    refuses it with the cell's place instead of importing an empty or stale value."""

    text: str


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number shown in Excel (the header is row 1)
    cells: dict[str, Any]  # ledger header -> raw value (None when blank)


@dataclass(frozen=True)
class Sheet:
    headers: tuple[str, ...]  # the ledger columns present, in file order
    rows: list[SheetRow]


def normalise_header(value: Any) -> str:
    """'名称*', ' 名称 ', '名称（必填）' -> '名称'."""
    text = re.sub(r"\s+", "", str(value or ""))
    return re.sub(r"([*＊]|[（(]必填[)）])$", "", text)


def read_sheet(content: bytes) -> Sheet:
    try:
        # data_only=False: formulas are read as formulas, so that they can be refused.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types on malformed XML
        raise LedgerFileError(
            _("The workbook could not be read. Open it in Excel and save it again as .xlsx.")
        ) from exc
    try:
        sheet = (
            workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        )
        return _read_rows(_values(sheet.iter_rows(max_col=MAX_COLUMNS)))
    except LedgerFileError:
        raise
    except Exception as exc:
        raise LedgerFileError(
            _("The workbook could not be read. Open it in Excel and save it again as .xlsx.")
        ) from exc
    finally:
        workbook.close()


def _values(rows: Any) -> Any:
    """Each row's cell values, a formula cell as a ``Formula``."""
    for row in rows:
        yield tuple(
            Formula(str(cell.value)) if getattr(cell, "data_type", None) == "f" else cell.value
            for cell in row
        )


def _read_rows(rows: Any) -> Sheet:
    header_row = next(rows, None)
    positions = _header_positions(header_row or ())
    data: list[SheetRow] = []
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_SCANNED_ROWS:
            raise LedgerFileError(_too_many_rows())
        cells = {
            header: _clean(values[index]) if index < len(values) else None
            for header, index in positions.items()
        }
        if all(value is None for value in cells.values()):
            continue
        if len(data) >= MAX_ROWS:
            raise LedgerFileError(_too_many_rows())
        data.append(SheetRow(number, cells))
    if not data:
        raise LedgerFileError(_("The ledger has no rows below the header row."))
    return Sheet(tuple(positions), data)


def _too_many_rows() -> str:
    return _("The ledger has more than %(max)s rows. Split it into several files.") % {
        "max": f"{MAX_ROWS:,}"
    }


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _header_positions(header_row: tuple[Any, ...]) -> dict[str, int]:
    """Ledger header -> column index; refuses unknown, duplicate and missing required headers."""
    positions: dict[str, int] = {}
    unknown: list[str] = []
    duplicated: list[str] = []
    for index, raw in enumerate(header_row):
        header = normalise_header(raw)
        if not header or header in EXPORT_ONLY_HEADERS:
            continue
        if header not in COLUMNS_BY_HEADER:
            unknown.append(header)
        elif header in positions:
            duplicated.append(header)
        else:
            positions[header] = index
    problems = []
    if unknown:
        problems.append(_("unknown columns: %(names)s") % {"names": "、".join(unknown[:10])})
    if duplicated:
        problems.append(_("repeated columns: %(names)s") % {"names": "、".join(duplicated)})
    missing = [header for header in REQUIRED if header not in positions]
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": "、".join(missing)})
    if problems:
        raise LedgerFileError(
            _(
                "The first row must hold the template's column headers (%(problems)s). "
                "Download the template and copy the data into it."
            )
            % {"problems": "; ".join(problems)}
        )
    return positions
