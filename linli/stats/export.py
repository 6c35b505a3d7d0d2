"""The statistical tables as .xlsx in the classified caliber: active organizations by tier and
category for each sub-region, with totals (004 四(三)).

Written with XlsxWriter: a statistics export is drawn on request, and XlsxWriter builds the
workbook in a third of openpyxl's time. Text goes through ``write_string`` and numbers through
``write_number``, so a name like "=1+1" stays text (no formula is ever written).
"""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.scoping import Scope
from linli.orgs.choices import Category, OrgStatus, Tier
from linli.regions.models import Region
from linli.stats import reads
from linli.stats.selectors import (
    RollupRow,
    Totals,
    add_indicators,
    add_totals,
    indicators_for,
    totals_for,
)


class Sheet:
    """Appends rows to a worksheet: strings as text (bold where asked), numbers as numbers."""

    def __init__(self, workbook: Any, name: str) -> None:
        self.sheet = workbook.add_worksheet(name)
        self.bold = workbook.add_format({"bold": True})
        self.row = 0

    def append(self, values: list[Any], bold: bool = False) -> None:
        style = self.bold if bold else None
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, int | float):
                self.sheet.write_number(self.row, col, value)
            else:
                self.sheet.write_string(self.row, col, str(value), style)
        self.row += 1


TIERS = Tier.values
COLUMNS = [(tier, category) for tier in TIERS for category in Category.values]


def _row_values(totals: Totals, by_pair: dict[tuple[str, str], int]) -> list[int]:
    values = [by_pair.get(pair, 0) for pair in COLUMNS]
    values += [totals.by_tier.get(tier, 0) for tier in TIERS]
    return [*values, totals.active]


def _pairs(codes: list[str], rows: list[RollupRow]) -> dict[str, dict[tuple[str, str], int]]:
    """Active organizations per region by (tier, category)."""
    result: dict[str, dict[tuple[str, str], int]] = {code: {} for code in codes}
    for code, tier, category, status, _party, count in rows:
        if status == OrgStatus.ACTIVE:
            pair = (tier, category)
            result[code][pair] = result[code].get(pair, 0) + count
    return result


def statistics_workbook(*, scope: Scope, region: Any, children: list[Region]) -> bytes:
    """``region`` is a Region of ``scope``, or the country (no code): its row is then the
    children's sum."""
    codes = [c.code for c in children] + ([region.code] if region.code else [])
    rows = reads.rollup_rows(scope, codes)
    totals, pairs = totals_for(scope, codes, rows), _pairs(codes, rows)
    if not region.code:
        totals[""] = add_totals([totals[c.code] for c in children])
        summed: dict[tuple[str, str], int] = {}
        for child in children:
            for pair, n in pairs[child.code].items():
                summed[pair] = summed.get(pair, 0) + n
        pairs[""] = summed
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = Sheet(workbook, _("By tier and category"))
    tiers, categories = dict(Tier.choices), dict(Category.choices)
    sheet.append(
        [
            _("Active community social organizations in %(region)s, %(date)s")
            % {"region": region.name, "date": timezone.localdate().isoformat()}
        ],
        bold=True,
    )
    header = [_("Region"), _("Code")]
    header += [f"{tiers[t]}·{categories[c]}" for t, c in COLUMNS]
    subtotal = _("Subtotal")  # outside the f-string: makemessages does not read inside one
    header += [f"{tiers[t]}·{subtotal}" for t in TIERS] + [_("Total")]
    sheet.append(header, bold=True)
    for child in children:
        sheet.append([child.name, child.code, *_row_values(totals[child.code], pairs[child.code])])
    sheet.append(
        [_("Total"), region.code, *_row_values(totals[region.code], pairs[region.code])],
        bold=True,
    )
    _indicator_sheet(workbook, scope, region, children, totals)
    workbook.close()
    return buffer.getvalue()


def _indicator_sheet(
    workbook: Any, scope: Scope, region: Any, children: list[Region], totals: dict[str, Totals]
) -> None:
    """Communities, attainment, talents, training and grades per sub-region, with the total."""
    sheet = Sheet(workbook, _("Indicators"))
    codes = [c.code for c in children] + ([region.code] if region.code else [])
    found = indicators_for(scope, codes)
    if not region.code:
        found[""] = add_indicators([found[c.code] for c in children])
    header = [
        _("Region"),
        _("Code"),
        _("Urban communities"),
        _("Rural communities"),
        _("Per urban community"),
        _("Per rural community"),
        _("Below target"),
        _("Social-work talents"),
        _("of them certified social workers"),
        _("Communities below the talent target"),
        _("Organizations with a responsible person"),
        _("Trained in the last 5 years"),
        _("Registered organizations with a valid grade"),
        _("3A and above"),
        _("Party-building coverage (%)"),
    ]
    sheet.append(header, bold=True)
    rows = [(c.name, c.code, c.code) for c in children] + [(_("Total"), region.code, region.code)]
    for name, code, key in rows:
        ind, tot = found[key], totals[key]
        coverage = round(100 * tot.with_party_building / tot.active, 1) if tot.active else None
        sheet.append(
            [
                name,
                code,
                ind.urban_communities,
                ind.rural_communities,
                round(ind.urban_average, 1) if ind.urban_average is not None else None,
                round(ind.rural_average, 1) if ind.rural_average is not None else None,
                ind.communities_below_org_target,
                ind.talents,
                ind.certified_talents,
                ind.communities_below_talent_target,
                ind.orgs_with_leader,
                ind.orgs_with_trained_leader,
                ind.graded,
                ind.graded_3a,
                coverage,
            ],
            bold=key == region.code,
        )
