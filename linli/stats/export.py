"""The statistical tables as .xlsx in the classified caliber: active organizations by tier and
category for each sub-region, with totals (004 四(三))."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from linli.orgs.choices import Category, OrgStatus, Tier
from linli.regions.models import Region
from linli.stats.selectors import Totals, add_totals, totals_for

UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(sheet: Any, value: str, bold: bool = False) -> WriteOnlyCell:
    """A cell that spreadsheets show as text, never evaluate (formula injection)."""
    cell = WriteOnlyCell(sheet, value=value)
    if value.startswith(UNSAFE_START):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _columns() -> list[tuple[str, str]]:
    return [(tier, category) for tier in Tier.values for category in Category.values]


def _row_values(totals: Totals, by_pair: dict[tuple[str, str], int]) -> list[int]:
    values = [by_pair.get(pair, 0) for pair in _columns()]
    values += [totals.by_tier.get(tier, 0) for tier in Tier.values]
    return [*values, totals.active]


def _pairs(codes: list[str]) -> dict[str, dict[tuple[str, str], int]]:
    from linli.stats.models import OrgRollup

    result: dict[str, dict[tuple[str, str], int]] = {code: {} for code in codes}
    rows = OrgRollup.objects.filter(
        region_code__in=codes, status=OrgStatus.ACTIVE, count__gt=0
    ).values_list("region_code", "tier", "category", "count")
    for code, tier, category, count in rows:
        pair = (tier, category)
        result[code][pair] = result[code].get(pair, 0) + count
    return result


def statistics_workbook(*, region: Any, children: list[Region]) -> bytes:
    """``region`` is a Region, or the country (no code): its row is then the children's sum."""
    codes = [c.code for c in children] + ([region.code] if region.code else [])
    totals, pairs = totals_for(codes), _pairs(codes)
    if not region.code:
        totals[""] = add_totals([totals[c.code] for c in children])
        summed: dict[tuple[str, str], int] = {}
        for child in children:
            for pair, n in pairs[child.code].items():
                summed[pair] = summed.get(pair, 0) + n
        pairs[""] = summed
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("By tier and category"))
    tiers, categories = dict(Tier.choices), dict(Category.choices)
    sheet.append(
        [
            text_cell(
                sheet,
                _("Active community social organizations in %(region)s, %(date)s")
                % {"region": region.name, "date": timezone.localdate().isoformat()},
                bold=True,
            )
        ]
    )
    header = [_("Region"), _("Code")]
    header += [f"{tiers[t]}·{categories[c]}" for t, c in _columns()]
    header += [f"{tiers[t]}·{_('subtotal')}" for t in Tier.values] + [_("Total")]
    sheet.append([text_cell(sheet, str(h), bold=True) for h in header])
    for child in children:
        sheet.append(
            [
                text_cell(sheet, child.name),
                text_cell(sheet, child.code),
                *_row_values(totals[child.code], pairs[child.code]),
            ]
        )
    sheet.append(
        [
            text_cell(sheet, _("Total"), bold=True),
            text_cell(sheet, region.code),
            *_row_values(totals[region.code], pairs[region.code]),
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
