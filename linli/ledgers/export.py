"""Export a filtered organization list, in the user's jurisdiction, as a ledger (.xlsx).

The columns are the import columns (so an export can be corrected and imported again) followed by
a few read-only columns. Personal data is masked unless a user allowed to reveal it asks for full
data with a purpose. Rows are read in chunks and written in openpyxl's write-only mode to a
temporary file, so 100,000 rows need little memory. Every exported string that a spreadsheet
could take for a formula (= + - @, tab, CR) is written as a text cell.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from linli.core import audit
from linli.core.choices import AuditEventType
from linli.core.counting import BoundedCount, count_up_to
from linli.core.errors import DomainError
from linli.core.roles import REVEAL_PERSONAL_DATA, VIEW_ORGS
from linli.ledgers.columns import (
    CATEGORY_LABELS,
    COLUMNS,
    DATA_SHEET,
    EXPORT_ONLY_HEADERS,
    HUB_TYPE_LABELS,
    LEGAL_FORM_LABELS,
    PARTY_BUILDING_LABELS,
    STATUS_LABELS,
    TAG_NAME_BY_CODE,
    TIER_LABELS,
    label_of,
)
from linli.orgs.choices import PersonRole
from linli.orgs.filtersets import OrganizationFilterSet
from linli.orgs.models import Membership, Organization
from linli.orgs.selectors import organization_list

CHUNK = 2000
# An export is written within its request (about 80 s for 100,000 rows) and a sheet holds at most
# 1,048,576 rows: a larger list (a province, the country) is narrowed before it is exported.
EXPORT_MAX_ROWS = 100_000
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="FFF2CC")
EXPORT_WIDTHS = (24, 28, 10, 10)


@dataclass
class ExportFile:
    file: IO[bytes]
    filename: str
    rows: int


def export_filters(params: Any) -> dict[str, str]:
    """The filter parameters that the organization list understands (for the audit row)."""
    allowed = OrganizationFilterSet.base_filters
    return {key: str(params.get(key))[:100] for key in allowed if params and params.get(key)}


def export_organizations(
    *, actor: Any, params: Any, full: bool = False, purpose: str = ""
) -> ExportFile:
    """Write the filtered, scoped list to a temporary .xlsx; one EXPORT audit row."""
    if not actor.has_perm(VIEW_ORGS):
        raise PermissionDenied
    purpose = " ".join(purpose.split())[:200]
    if full:
        if not actor.has_perm(REVEAL_PERSONAL_DATA):
            raise PermissionDenied
        if len(purpose) < 2:
            raise DomainError(_("State why you need the full ID numbers and phones."))
    queryset, _filterset = organization_list(user=actor, params=params)
    if not export_count(queryset).exact:
        raise DomainError(too_many_message())
    target = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    rows = write_workbook(target, export_rows(with_export_details(queryset), full=full))
    target.seek(0)
    detail: dict[str, Any] = {"filter": export_filters(params), "rows": rows, "full": full}
    if full:
        detail["purpose"] = purpose
    audit.record(AuditEventType.EXPORT, actor=actor, detail=detail)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return ExportFile(target, f"社区社会组织台账-{stamp}.xlsx", rows)


def export_count(queryset: QuerySet[Organization]) -> BoundedCount:
    """How many organizations an export of ``queryset`` would hold, up to the most it may."""
    return count_up_to(queryset, EXPORT_MAX_ROWS)


def too_many_message() -> str:
    return _(
        "More than %(max)s organizations match. Narrow the list (a district, a street, a tier or "
        "another filter) and export it in parts."
    ) % {"max": f"{EXPORT_MAX_ROWS:,}"}


def with_export_details(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    responsible = (
        Membership.objects.current()
        .filter(role=PersonRole.RESPONSIBLE)
        .select_related("person")
        .order_by("id")
    )
    return queryset.select_related(
        "region", "registration_authority", "filing_street", "guiding_committee"
    ).prefetch_related(
        "tags", Prefetch("memberships", queryset=responsible, to_attr="responsibles")
    )


def export_rows(queryset: QuerySet[Organization], *, full: bool) -> Iterator[list[Any]]:
    for org in queryset.iterator(chunk_size=CHUNK):
        yield [
            *ledger_values(org, full=full),
            org.region.name,
            org.managing_unit,
            STATUS_LABELS.get(org.status, org.status),
            org.pk,
        ]


def ledger_values(org: Organization, *, full: bool) -> list[Any]:
    responsibles = getattr(org, "responsibles", [])
    person = responsibles[0].person if responsibles else None
    values: dict[str, Any] = {
        "name": org.name,
        "tier": label_of(TIER_LABELS, org.tier),
        "category": label_of(CATEGORY_LABELS, org.category),
        "tags": "、".join(
            TAG_NAME_BY_CODE.get(tag.tag, tag.tag) for tag in sorted(org.tags.all(), key=tag_key)
        ),
        "region": org.region.code,
        "credit_code": org.credit_code,
        "legal_form": label_of(LEGAL_FORM_LABELS, org.legal_form),
        "hub_type": label_of(HUB_TYPE_LABELS, org.hub_type) if org.hub_type else "",
        "founded_on": org.founded_on,
        "member_count": org.member_count,
        "business_scope": org.business_scope,
        "activity_time": org.activity_time,
        "activity_place": org.activity_place,
        "address": org.address,
        "supervisory_unit": org.supervisory_unit,
        "party_building": label_of(PARTY_BUILDING_LABELS, org.party_building),
        "party_member_count": org.party_member_count,
        "person_name": person.full_name if person else "",
        "person_id_number": (
            (person.reveal_id_number() if full else person.id_number_masked) if person else ""
        ),
        "person_phone": (person.reveal_phone() if full else person.phone_masked) if person else "",
    }
    return [values[column.key] for column in COLUMNS]


def tag_key(tag: Any) -> str:
    return str(tag.tag)


def write_workbook(target: IO[bytes], rows: Iterator[list[Any]]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    headers = [column.header for column in COLUMNS] + list(EXPORT_ONLY_HEADERS)
    widths = [column.width for column in COLUMNS] + list(EXPORT_WIDTHS)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    sheet.append([header_cell(sheet, header) for header in headers])
    count = 0
    for values in rows:
        sheet.append([safe_cell(sheet, value) for value in values])
        count += 1
    workbook.save(target)
    return count


def header_cell(sheet: WriteOnlyWorksheet, header: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=header)
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    return cell


def safe_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value as written: text that could start a formula becomes an explicit text cell."""
    if value is None or not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith(FORMULA_TRIGGERS):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never "f": the value is stored as a string, not a formula
    cell.number_format = "@"
    cell.quotePrefix = True  # editing the cell in Excel keeps it text as well
    return cell
