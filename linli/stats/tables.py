"""The dashboard's tables, drawn in Python (see linli.core.tables): the sub-region table has a
dozen linked numbers per row and the below-target list up to fifty rows."""

from __future__ import annotations

from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from linli.core.cards import grouped
from linli.core.navigation import fixed_url
from linli.core.tables import Column, body, header
from linli.stats.selectors import BelowTarget

NUMBER = "text-end"
WIDE_NUMBER = "text-end d-none d-md-table-cell"  # hidden on phones, shown from 768 px


def _decimal(value: float | None, places: int = 1, suffix: str = "") -> str:
    return "—" if value is None else f"{value:.{places}f}{suffix}"


def _tier_column(value: str, label: str, list_url: str) -> Column:
    return Column(
        label,
        lambda row: grouped(row["totals"].by_tier.get(value, 0)),
        link=lambda row: f"{list_url}?region={row['region'].code}&status=active&tier={value}",
        css=WIDE_NUMBER,
    )


def subregion_table(data: dict[str, Any]) -> dict[str, SafeString]:
    list_url, talent_url = fixed_url("orgs:list"), fixed_url("talent:list")
    stats_url = fixed_url("stats:home")
    tiers = [(value, str(label)) for value, label in data["tiers"]]
    columns = [
        Column(
            _("Sub-region"),
            lambda row: row["region"].name,
            link=lambda row: f"{stats_url}{row['region'].code}/",
        ),
        Column(
            _("Active"),
            lambda row: grouped(row["totals"].active),
            link=lambda row: f"{list_url}?region={row['region'].code}&status=active",
            css=NUMBER,
        ),
        *(_tier_column(value, label, list_url) for value, label in tiers),
        Column(_("Communities"), lambda row: grouped(row["indicators"].communities), css=NUMBER),
        Column(
            _("Per urban community"),
            lambda row: _decimal(row["indicators"].urban_average),
            css=NUMBER,
        ),
        Column(
            _("Per rural community"),
            lambda row: _decimal(row["indicators"].rural_average),
            css=WIDE_NUMBER,
        ),
        Column(
            _("Below target"),
            lambda row: grouped(row["indicators"].communities_below_org_target),
            css=NUMBER,
        ),
        Column(
            _("Social-work talents"),
            lambda row: grouped(row["indicators"].talents),
            link=lambda row: f"{talent_url}?region={row['region'].code}",
            css=WIDE_NUMBER,
        ),
        Column(
            _("Leader training"),
            lambda row: _decimal(row["indicators"].training_coverage, 0, "%"),
            css=WIDE_NUMBER,
        ),
        Column(
            _("3A and above"),
            lambda row: grouped(row["indicators"].graded_3a),
            link=lambda row: f"{list_url}?region={row['region'].code}&status=active&grade=3a",
            css=WIDE_NUMBER,
        ),
    ]
    return {"head": header(columns), "body": body(columns, data["children"])}


def below_target_table(rows: list[BelowTarget]) -> dict[str, SafeString]:
    list_url, stats_url = fixed_url("orgs:list"), fixed_url("stats:home")
    columns = [
        Column(_("Community"), lambda c: c.name, link=lambda c: f"{stats_url}{c.code}/"),
        Column(
            _("Organizations"),
            lambda c: c.orgs,
            link=lambda c: f"{list_url}?region={c.code}&status=active",
            css=NUMBER,
        ),
        Column(_("Categories it lacks"), lambda c: c.lacking_text),
    ]
    return {"head": header(columns), "body": body(columns, rows)}


def below_talent_list(rows: list[BelowTarget]) -> SafeString:
    """The communities below the talent target: a name linking to their talents, and how many."""
    talent_url = escape(fixed_url("talent:list"))
    # Up to fifty items: escaped here directly rather than through format_html per item.
    return mark_safe(  # noqa: S308 (every value is escaped)
        "".join(
            f'<li><a href="{talent_url}?region={escape(c.code)}">{escape(c.name)}</a> '
            f"{int(c.talents)}</li>"
            for c in rows
        )
    )
