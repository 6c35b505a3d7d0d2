"""Reads of the rollup tables written as SQL: the dashboards', the statistics export's, and the
counts of the lists behind a dashboard's numbers.

The rollups are the platform's own read model (rebuilt in SQL by ``rebuild.py``, kept current by
the registry services). A dashboard reads them with eight fixed-shape queries whose database work
is 0.1–0.4 ms each; built through the ORM, each cost 0.6–2.8 ms of Python on top (building the
queryset, compiling the subquery and the range), which was most of a street dashboard's time. The
same SQL runs on SQLite and PostgreSQL.

Every read takes a ``Scope`` (linli.core.scoping) and puts its SQL form into the statement, on the
rollup row's own ``path``: region codes handed in from outside the scope find nothing, and a read
without a scope raises ``ScopeError``. The reads that find rows by region code check each against
the scope (``sql_check``); the one that walks the scope's communities takes it as a range.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from linli.core.scoping import Scope, checked
from linli.core.sql import fetch, marks, table
from linli.orgs.choices import OrgStatus
from linli.regions.models import Region
from linli.stats.models import INDICATOR_FIELDS, IndicatorRollup, MonthlyRollup, OrgRollup, Target

# The flags a community's indicator row carries (0 or 1), by which its list is read.
BELOW_FLAGS = ("communities_below_org_target", "communities_below_talent_target")
COMMUNITY_CODE_LENGTH = 12


def rollup_rows(scope: Scope, codes: list[str]) -> list[tuple[str, str, str, str, bool, int]]:
    """(region, tier, category, status, party, count) of several regions' non-empty rows."""
    where, params = checked(scope).sql_check("path")
    if not codes:
        return []
    rows = fetch(
        "SELECT region_code, tier, category, status, party, count "  # noqa: S608
        f"FROM {table(OrgRollup)} WHERE region_code IN ({marks(codes)}) AND count > 0 "
        f"AND {where}",
        [*codes, *params],
    )
    return [(code, tier, cat, status, bool(party), n) for code, tier, cat, status, party, n in rows]


def rollup_count(scope: Scope, codes: list[str], **wanted: str) -> int:
    """How many organizations the regions hold, narrowed by tier, category or status."""
    scope_where, scope_params = checked(scope).sql_check("path")
    if not codes:
        return 0
    unknown = set(wanted) - {"tier", "category", "status"}
    if unknown:
        raise ValueError(unknown)
    where = "".join(f" AND {key} = %s" for key in wanted)
    rows = fetch(
        f"SELECT count FROM {table(OrgRollup)} "  # noqa: S608
        f"WHERE region_code IN ({marks(codes)}){where} AND {scope_where}",
        [*codes, *wanted.values(), *scope_params],
    )
    # A handful of rows: summed here, which is cheaper than asking the database for SUM().
    return sum(count for (count,) in rows)


def indicator_rows(scope: Scope, codes: list[str]) -> dict[str, dict[str, int]]:
    """The indicator rollup row of each region that has one, by code."""
    where, params = checked(scope).sql_check("path")
    if not codes:
        return {}
    rows = fetch(
        f"SELECT region_code, {', '.join(INDICATOR_FIELDS)} "  # noqa: S608
        f"FROM {table(IndicatorRollup)} WHERE region_code IN ({marks(codes)}) AND {where}",
        [*codes, *params],
    )
    return {code: dict(zip(INDICATOR_FIELDS, values, strict=True)) for code, *values in rows}


def communities_flagged(
    scope: Scope, flag: str, limit: int
) -> list[tuple[str, str | None, int, int, int]]:
    """(code, name, urban orgs, rural orgs, talents) of the first communities in ``scope`` whose
    indicator row carries ``flag``, in path order."""
    if flag not in BELOW_FLAGS:
        raise ValueError(flag)
    where, params = checked(scope).sql("i.path")
    return fetch(
        "SELECT i.region_code, r.name, i.urban_community_orgs, i.rural_community_orgs, i.talents "  # noqa: S608
        f"FROM {table(IndicatorRollup)} i "
        f"LEFT JOIN {table(Region)} r ON r.code = i.region_code "
        f"WHERE i.{flag} = 1 AND LENGTH(i.region_code) = %s AND {where} "
        "ORDER BY i.path LIMIT %s",
        [COMMUNITY_CODE_LENGTH, *params, limit],
    )


def active_categories(scope: Scope, codes: list[str]) -> list[tuple[str, str]]:
    """(region, category) for each category with active organizations in each region."""
    where, params = checked(scope).sql_check("path")
    if not codes:
        return []
    return fetch(
        f"SELECT DISTINCT region_code, category FROM {table(OrgRollup)} "  # noqa: S608
        f"WHERE region_code IN ({marks(codes)}) AND status = %s AND count > 0 AND {where}",
        [*codes, OrgStatus.ACTIVE.value, *params],
    )


def monthly_sums(
    scope: Scope, codes: list[str], first: str, last: str
) -> list[tuple[str, int, int]]:
    """(month, opened, closed) summed over the regions, for the months from ``first`` to ``last``
    (YYYY-MM) that have any row. Summed in the database, and read as one range per region rather
    than a list of months (the country's series is some 2,200 province rows)."""
    where, params = checked(scope).sql_check("path")
    if not codes:
        return []
    return fetch(
        "SELECT month, SUM(opened), SUM(closed) "  # noqa: S608
        f"FROM {table(MonthlyRollup)} WHERE region_code IN ({marks(codes)}) "
        f"AND month >= %s AND month <= %s AND {where} GROUP BY month",
        [*codes, first, last, *params],
    )


def target_rows(scope: Scope, year: int) -> list[tuple[str, Decimal, Decimal, int, int, Decimal]]:
    """(region path, orgs per urban and rural community, talents per urban and rural community,
    3A+ share) of every target of ``year`` or before that bears on ``scope``: set inside it, or
    on its region or a region above (whose targets hold inside it), earliest year first."""
    inside, params = checked(scope).sql("r.path")
    above = scope.ancestor_paths
    where = f"({inside} OR r.path IN ({marks(above)}))" if above else inside
    rows = fetch(
        "SELECT r.path, t.orgs_per_urban_community, t.orgs_per_rural_community, "  # noqa: S608
        "t.talents_per_urban_community, t.talents_per_rural_community, t.grade_3a_share "
        f"FROM {table(Target)} t JOIN {table(Region)} r ON r.id = t.region_id "
        f"WHERE t.year <= %s AND {where} ORDER BY t.year, t.id",
        [year, *params, *above],
    )
    return [
        (path, _decimal(urban), _decimal(rural), talents_u, talents_r, _decimal(share))
        for path, urban, rural, talents_u, talents_r, share in rows
    ]


def _decimal(value: Any) -> Decimal:
    """SQLite hands decimal columns back as float or int; PostgreSQL as Decimal."""
    return value if isinstance(value, Decimal) else Decimal(str(value))
