"""The SQL floor of each page: the raw SQL of everything the page shows, which the benchmark's
clients run between the page's requests (see docs/performance.md)."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from typing import Any

import xlsxwriter
from django.db import connection

from linli.core.counting import COUNT_LIMIT
from linli.core.scoping import path_range
from linli.core.sql import fetch
from linli.orgs.selectors import WALK_LIMIT
from linli.regions.models import Region

TRIVIAL = "/healthz"  # the framework floor: middleware, session and user, no content
# Each floor is the raw SQL of everything the page shows (not the session, user and device reads
# every request makes, which the trivial view pays too). What a dashboard shows: the region and
# its trail, the children, their rollup and indicator rows, the targets in force, the first fifty
# communities below each target with their names (and, for the organization target, the
# categories present), and the monthly series (summed by month).
REGION = "SELECT * FROM regions_region WHERE code = %s"
CHILDREN = "SELECT * FROM regions_region WHERE parent_id = %s AND is_active ORDER BY code"
CHILDREN_ROLLUPS = (
    "SELECT region_code, tier, category, status, party, count FROM stats_orgrollup "
    "WHERE region_code IN (SELECT code FROM regions_region WHERE parent_id = %s OR id = %s) "
    "AND count > 0"
)
CHILDREN_INDICATORS = (
    "SELECT * FROM stats_indicatorrollup "
    "WHERE region_code IN (SELECT code FROM regions_region WHERE parent_id = %s OR id = %s)"
)
TARGETS = (
    "SELECT t.*, r.path FROM stats_target t JOIN regions_region r ON r.id = t.region_id "
    "WHERE t.year <= %s ORDER BY t.year"
)
BELOW = (
    "SELECT i.region_code, r.name, i.urban_community_orgs, i.rural_community_orgs, i.talents "
    "FROM stats_indicatorrollup i JOIN regions_region r ON r.code = i.region_code "
    "WHERE i.path >= %s AND i.path < %s AND i.{flag} = 1 AND LENGTH(i.region_code) = 12 "
    "ORDER BY i.path LIMIT 50"
)
BELOW_CATEGORIES = (
    "SELECT region_code, category FROM stats_orgrollup WHERE status = 'active' AND count > 0 "
    "AND region_code IN (SELECT region_code FROM stats_indicatorrollup WHERE path >= %s "
    "AND path < %s AND communities_below_org_target = 1 AND LENGTH(region_code) = 12 "
    "ORDER BY path LIMIT 50)"
)
MONTHLY = (
    "SELECT month, SUM(opened), SUM(closed) FROM stats_monthlyrollup "
    "WHERE region_code IN ({codes}) AND month >= %s GROUP BY month"
)
# A registry row as the list shows it: the organization and its region's name.
LIST_ROWS = (
    "SELECT o.*, r.name FROM orgs_organization o JOIN regions_region r ON r.id = o.region_id "
    "WHERE o.region_path >= %s AND o.region_path < %s"
)


def trail(region: Region) -> tuple[str, list[Any]]:
    """The ancestors on the drill-down trail (their codes are in the region's path)."""
    codes = [code for code in region.path.split("/") if code][:-1] or [""]
    marks = ", ".join(["%s"] * len(codes))
    return f"SELECT * FROM regions_region WHERE code IN ({marks})", codes  # noqa: S608


Statements = list[tuple[str, list[Any]]]
Floor = Callable[[], object]


def dashboard_floor(region: Region) -> Statements:
    low, high = path_range(region.path)
    return [
        (REGION, [region.code]),
        trail(region),
        (CHILDREN, [region.pk]),
        (CHILDREN_ROLLUPS, [region.pk, region.pk]),
        (CHILDREN_INDICATORS, [region.pk, region.pk]),
        (TARGETS, [time.localtime().tm_year]),
        (BELOW.format(flag="communities_below_org_target"), [low, high]),
        (BELOW_CATEGORIES, [low, high]),
        (BELOW.format(flag="communities_below_talent_target"), [low, high]),
        (MONTHLY.format(codes="%s"), [region.code, first_month()]),
    ]


def walked_floor(where: str, params: list[Any]) -> Statements:
    """A common term across the country: its matches counted up to the limit, the first page's
    ids found by walking the primary key, then their rows (as orgs.selectors does it)."""
    walk = (
        "SELECT o.id FROM (SELECT * FROM orgs_organization ORDER BY id LIMIT %s) o "  # noqa: S608
        f"WHERE TRUE {where} ORDER BY o.id LIMIT 51"
    )
    ids = [row[0] for row in fetch(walk, [WALK_LIMIT, *params])]
    count = (
        "SELECT COUNT(*) FROM (SELECT o.id FROM orgs_organization o "  # noqa: S608
        f"WHERE TRUE {where} LIMIT %s) AS matches"
    )
    rows = f"{LIST_ROWS.split(' WHERE ')[0]} WHERE o.id IN ({', '.join(['%s'] * len(ids))})"
    statements = [(count, [*params, COUNT_LIMIT + 1]), (walk, [WALK_LIMIT, *params])]
    return statements + ([(rows, ids)] if ids else [])


def first_month(months: int = 24) -> str:
    """The first month a dashboard's monthly series shows."""
    today = time.localtime()
    index = today.tm_year * 12 + today.tm_mon - 1 - (months - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def national_floor() -> Statements:
    provinces = "SELECT code FROM regions_region WHERE parent_id IS NULL"
    everything = ("", "~")  # every path sorts between these
    return [
        ("SELECT * FROM regions_region WHERE parent_id IS NULL AND is_active ORDER BY code", []),
        (f"SELECT * FROM stats_orgrollup WHERE region_code IN ({provinces}) AND count > 0", []),  # noqa: S608
        (f"SELECT * FROM stats_indicatorrollup WHERE region_code IN ({provinces})", []),  # noqa: S608
        (BELOW.format(flag="communities_below_org_target"), list(everything)),
        (BELOW_CATEGORIES, list(everything)),
        (BELOW.format(flag="communities_below_talent_target"), list(everything)),
        (MONTHLY.format(codes=provinces), [first_month()]),
    ]


def like_the_server() -> None:
    """This thread's connection runs its statements as the web server's connections do (see
    linli/wsgi.py), so a floor does not get parallel workers the pages are not given."""
    if connection.vendor == "postgresql":
        workers = int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))
        with connection.cursor() as cursor:
            cursor.execute(f"SET max_parallel_workers_per_gather = {workers}")


def run_sql(statements: Statements) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def timed(floor: Floor) -> float:
    started = time.perf_counter()
    floor()
    return (time.perf_counter() - started) * 1000


def export_floor(statements: Statements, cells: list[tuple[str, list[tuple[Any, ...]]]]) -> Floor:
    """An export's answer is a file, which no SQL yields: its floor is the SQL and the same
    cells written by the same library, the least any program does to hand over that file."""

    def floor() -> None:
        run_sql(statements)
        workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
        for name, rows in cells:
            sheet = workbook.add_worksheet(name)
            for row, values in enumerate(rows):
                for col, value in enumerate(values):
                    if isinstance(value, int | float):
                        sheet.write_number(row, col, value)
                    elif value is not None:
                        sheet.write_string(row, col, value)
        workbook.close()

    return floor
