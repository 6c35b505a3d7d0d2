"""Cell by cell: turn a sheet row's raw values into typed values, or row-level errors.

Nothing here touches the database; region codes stay codes until the plan resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.ledgers.columns import (
    CHOICE,
    CODE,
    COLUMNS_BY_HEADER,
    DATE,
    INT,
    TAG_CODE_BY_NAME,
    TAG_SEPARATORS,
    TAGS_KIND,
    TAGS_SHEET,
    Column,
    header_of,
)
from linli.ledgers.parse import Formula, Sheet, SheetRow
from linli.orgs.validators import clean_id_number, clean_mobile

MAX_COUNT = 1_000_000
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
REGION_CODE = re.compile(r"^(\d{9}|\d{12})$")


@dataclass(frozen=True)
class RowError:
    row: int | None  # Excel row number; None for the file as a whole
    column: str  # the Chinese header, or "" for the whole row
    message: str


@dataclass(frozen=True)
class RowValues:
    row: int
    values: dict[str, Any]  # column key -> typed value, for the valid cells of present columns
    complete: bool = True  # False when some cell had an error


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def convert_sheet(sheet: Sheet) -> tuple[list[RowValues], list[RowError]]:
    converted: list[RowValues] = []
    errors: list[RowError] = []
    columns = [COLUMNS_BY_HEADER[header] for header in sheet.headers]
    for sheet_row in sheet.rows:
        values, row_errors = convert_row(sheet_row, columns)
        errors.extend(row_errors)
        converted.append(RowValues(sheet_row.number, values, complete=not row_errors))
    return converted, errors


def convert_row(
    sheet_row: SheetRow, columns: list[Column]
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column in columns:
        raw = sheet_row.cells.get(column.header)
        try:
            values[column.key] = convert_cell(column, raw)
        except CellError as exc:
            errors.append(RowError(sheet_row.number, column.header, exc.message))
    has_person_data = values.get("person_id_number") or values.get("person_phone")
    if has_person_data and not values.get("person_name"):
        errors.append(
            RowError(
                sheet_row.number,
                header_of("person_name"),
                _("Enter the responsible person's name with their ID number or phone."),
            )
        )
    return values, errors


def convert_cell(column: Column, raw: Any) -> Any:
    if isinstance(raw, Formula):
        raise CellError(_("Formulas are not accepted: paste the values instead."))
    if raw is None:
        if column.required:
            raise CellError(_("This column must be filled in."))
        return blank_value(column)
    if column.kind == INT:
        return to_int(raw)
    if column.kind == DATE:
        return to_date(raw)
    if column.kind == CHOICE:
        return to_choice(column, raw)
    if column.kind == TAGS_KIND:
        return to_tags(raw)
    if column.kind == CODE:
        return to_code(column, raw)
    return to_text(column, raw)


def blank_value(column: Column) -> Any:
    if column.kind == INT:
        return 0
    if column.kind == DATE:
        return None
    if column.kind == TAGS_KIND:
        return []
    if column.key == "party_building":
        return "none"
    return ""


def to_text(column: Column, raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if column.max_length and len(text) > column.max_length:
        raise CellError(
            _("At most %(max)s characters (this cell has %(n)s).")
            % {"max": column.max_length, "n": len(text)}
        )
    return text


def to_code(column: Column, raw: Any) -> str:
    if isinstance(raw, bool):
        raise CellError(_("Not a valid value."))
    if isinstance(raw, float):
        if not raw.is_integer() or raw >= 10**15:
            raise CellError(
                _(
                    "This number was stored as a numeric value and lost digits. Format the "
                    "column as text and type it again."
                )
            )
        raw = int(raw)
    text = re.sub(r"\s", "", str(raw)).upper()
    if column.key == "region":
        if not REGION_CODE.match(text):
            raise CellError(_("A region code has 9 digits (street/town) or 12 digits (community)."))
        return text
    if column.key in ("person_id_number", "person_phone") and "*" in text:
        return ""  # a masked value from an export: keep what the registry already holds
    if column.key == "person_id_number":
        return validated(clean_id_number, text)
    if column.key == "person_phone":
        return validated(clean_mobile, text)
    if column.max_length and len(text) > column.max_length:
        raise CellError(_("At most %(max)s characters.") % {"max": column.max_length})
    return text


def validated(clean: Any, text: str) -> str:
    try:
        return str(clean(text))
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from exc


def to_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise CellError(_("Enter a whole number."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\d+", raw.replace(",", "")):
        raw = int(raw.replace(",", ""))
    if not isinstance(raw, int) or raw < 0 or raw > MAX_COUNT:
        raise CellError(_("Enter a whole number between 0 and %(max)s.") % {"max": MAX_COUNT})
    return raw


def to_date(raw: Any) -> date:
    value: date | None = None
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw).strip()
        for fmt in DATE_FORMATS:
            try:
                value = datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date)
                break
            except ValueError:
                continue
    if value is None:
        raise CellError(_("Enter a date such as 2019-05-20."))
    if value.year < 1900 or value > timezone.localdate():
        raise CellError(_("The date must lie between 1900 and today."))
    return value


def to_choice(column: Column, raw: Any) -> str:
    text = re.sub(r"\s", "", str(raw))
    if text in column.labels:
        return column.labels[text]
    if text in column.labels.values() and text:
        return text  # the stored code itself (e.g. from another system)
    raise CellError(
        _("“%(value)s” is not one of: %(allowed)s.")
        % {"value": text[:40], "allowed": "、".join(label for label in column.labels if label)}
    )


def to_tags(raw: Any) -> list[str]:
    names = [name.strip() for name in re.split(f"[{TAG_SEPARATORS}]", str(raw))]
    names = [name for name in names if name]
    unknown = [name for name in names if name not in TAG_CODE_BY_NAME]
    if unknown:
        raise CellError(
            _("Unknown service fields: %(names)s (see the sheet “%(sheet)s” in the template).")
            % {"names": "、".join(unknown[:5])[:100], "sheet": TAGS_SHEET}
        )
    return sorted({TAG_CODE_BY_NAME[name] for name in names})
