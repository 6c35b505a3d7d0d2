"""The operations the benchmark times: each page, who asks for it, and its SQL floor."""

from __future__ import annotations

import statistics
import time
from functools import partial
from typing import Any

from django.core.management.base import CommandError
from django.db import connection

from linli.core.counting import COUNT_LIMIT
from linli.core.scoping import path_range, subtree_q
from linli.demo.bench.clients import measure, percentile, workbook_cells
from linli.demo.bench.floors import (
    CHILDREN,
    CHILDREN_INDICATORS,
    CHILDREN_ROLLUPS,
    LIST_ROWS,
    REGION,
    TRIVIAL,
    Floor,
    Statements,
    dashboard_floor,
    export_floor,
    national_floor,
    run_sql,
    timed,
    walked_floor,
)
from linli.orgs.models import Organization
from linli.regions.models import Region


def run_operations(
    port: int,
    cookies: dict[str, str],
    city: Region,
    street: Region,
    options: dict[str, Any],
) -> list[dict[str, Any]]:
    n, clients = options["requests"], options["clients"]
    low, high = path_range(city.path)
    # Four fifths into the city's teams, in list order: a deep page the city user can open.
    teams = Organization.objects.filter(subtree_q("region_path", city.path), tier="team").order_by(
        "region_path", "id"
    )
    deep = teams.values_list("id", flat=True)[teams.count() * 4 // 5]
    detail = Organization.objects.filter(subtree_q("region_path", street.path)).first()
    if detail is None:
        raise CommandError("No organization in the benchmark street.")
    match = "o.id IN (SELECT rowid FROM orgs_organization_fts WHERE orgs_organization_fts MATCH %s)"
    if connection.vendor == "postgresql":
        match = "to_tsvector('simple', o.search_tokens) @@ to_tsquery('simple', %s)"
    scoped = f"AND {match} AND o.name LIKE %s"
    # A search's first page and its number of matches, in one pass (as the page does it).
    fts = (
        f"{LIST_ROWS.replace('r.name', 'r.name, COUNT(*) OVER ()')} {scoped} ORDER BY o.id LIMIT 51"
    )
    two = ('"舞蹈"', "%舞蹈%") if connection.vendor != "postgresql" else ("'舞蹈'", "%舞蹈%")
    four = (
        ('"太极" AND "极拳" AND "拳队"', "%太极拳队%")
        if connection.vendor != "postgresql"
        else ("'太极' & '极拳' & '拳队'", "%太极拳队%")
    )
    list_sql = f"{LIST_ROWS} ORDER BY o.region_path, o.id LIMIT 51"
    # Across the country (no jurisdiction range): the first page, and a count that stops past
    # COUNT_LIMIT.
    country_rows = (
        "SELECT o.*, r.name FROM orgs_organization o {join} "
        "JOIN regions_region r ON r.id = o.region_id WHERE TRUE {where}"
    )
    bounded = (
        "SELECT COUNT(*) FROM (SELECT o.id FROM orgs_organization o {join} "
        "WHERE TRUE {where} LIMIT %s) AS matches"
    )
    tagged = "JOIN orgs_organizationtag t ON t.organization_id = o.id"
    tag_where = "AND t.tag = 'elderly'"
    rollup_sql = "SELECT SUM(count) FROM stats_orgrollup WHERE region_code = %s"
    deep_sql = list_sql.replace(
        "ORDER BY",
        "AND o.tier = 'team' AND (o.region_path, o.id) > ((SELECT a.region_path FROM "
        "orgs_organization a WHERE a.id = %s), %s) ORDER BY",
    )
    detail_sql: list[tuple[str, list[Any]]] = [
        (
            "SELECT * FROM orgs_organization o JOIN regions_region r ON r.id = o.region_id "
            "LEFT JOIN regions_region f ON f.id = o.filing_street_id "
            "LEFT JOIN regions_region g ON g.id = o.guiding_committee_id "
            "LEFT JOIN regions_region a ON a.id = o.registration_authority_id WHERE o.id = %s",
            [detail.pk],
        ),
        ("SELECT * FROM orgs_organizationtag WHERE organization_id = %s", [detail.pk]),
        ("SELECT * FROM orgs_honour WHERE organization_id = %s", [detail.pk]),
        (
            "SELECT * FROM orgs_membership m JOIN orgs_person p ON p.id = m.person_id "
            "WHERE m.organization_id = %s AND m.ended_on IS NULL ORDER BY m.role",
            [detail.pk],
        ),
        (
            "SELECT h.history_date, h.history_type, u.username, h.tier, h.name "
            "FROM orgs_historicalorganization h "
            "LEFT JOIN accounts_user u ON u.id = h.history_user_id WHERE h.id = %s "
            "ORDER BY h.history_date DESC LIMIT 30",
            [detail.pk],
        ),
        (
            "SELECT id, kind, state, created_at FROM applications_application "
            "WHERE organization_id = %s ORDER BY id DESC LIMIT 20",
            [detail.pk],
        ),
        (
            "SELECT id, held_on, title, theme, participants FROM activities_activity "
            "WHERE organization_id = %s ORDER BY held_on DESC, id DESC LIMIT 10",
            [detail.pk],
        ),
    ]
    if detail.tier == "registered":
        detail_sql.append(
            (
                "SELECT * FROM evaluation_gradeevaluation WHERE organization_id = %s "
                "AND awarded_on <= %s AND valid_until >= %s ORDER BY grade DESC LIMIT 1",
                [detail.pk, time.strftime("%Y-%m-%d"), time.strftime("%Y-%m-%d")],
            )
        )
    export = f"/stats/{city.code}/export.xlsx"
    ops: list[tuple[str, str, str, Statements | Floor]] = [
        ("trivial view", TRIVIAL, "city", []),
        ("national dashboard", "/stats/national/", "national", national_floor()),
        ("city dashboard", f"/stats/{city.code}/", "city", dashboard_floor(city)),
        ("street dashboard", f"/stats/{street.code}/", "street", dashboard_floor(street)),
        (
            "organization list page 1",
            "/orgs/",
            "city",
            [(list_sql, [low, high]), (rollup_sql, [city.code])],
        ),
        (
            "deep filtered page",
            f"/orgs/?tier=team&after={deep}",
            "city",
            [
                (deep_sql, [low, high, deep, deep]),
                (rollup_sql + " AND tier = 'team'", [city.code]),
            ],
        ),
        ("search 2 characters", "/orgs/?q=舞蹈", "city", [(fts, [low, high, *two])]),
        ("search 4 characters", "/orgs/?q=太极拳队", "city", [(fts, [low, high, *four])]),
        (
            "search 2 characters, whole country",
            "/orgs/?q=舞蹈",
            "national",
            walked_floor(scoped, list(two)),
        ),
        (
            "tag filter, whole country",
            "/orgs/?tag=elderly",
            "national",
            [
                (
                    country_rows.format(join=tagged, where=tag_where)
                    + " ORDER BY o.region_path, o.id LIMIT 51",
                    [],
                ),
                (bounded.format(join=tagged, where=tag_where), [COUNT_LIMIT + 1]),
            ],
        ),
        ("organization detail", f"/orgs/{detail.pk}/", "street", detail_sql),
        (
            "statistics export",
            export,
            "city",
            export_floor(
                [
                    (REGION, [city.code]),
                    (CHILDREN, [city.pk]),
                    (CHILDREN_ROLLUPS, [city.pk, city.pk]),
                    (CHILDREN_INDICATORS, [city.pk, city.pk]),
                ],
                workbook_cells(port, export, cookies["city"]),
            ),
        ),
    ]
    results = []
    ops = [op for op in ops if op[0] == "trivial view" or options["only"] in op[0]]
    for name, path, who, statements in ops:
        floor = statements if callable(statements) else partial(run_sql, statements)
        trivial = name == "trivial view"
        between = "" if trivial else TRIVIAL
        floored = None if trivial else floor
        measure(port, path, cookies[who], clients, clients, between, floored)  # warm up
        found = measure(port, path, cookies[who], n, clients, between, floored)
        p50, p95 = statistics.median(found.page), percentile(found.page, 0.95)
        framework_p50 = p50 if trivial else statistics.median(found.framework)
        floor_ms = 0.0 if trivial else statistics.median(found.floor)
        alone_ms = (
            0.0
            if trivial
            else statistics.median(timed(floor) for _ in range(options["floor_runs"]))
        )
        results.append(
            {
                "op": name,
                "n": len(found.page),
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "floor_ms": round(floor_ms, 2),
                "framework_ms": round(framework_p50, 1),
                "ratio": round(p50 / (floor_ms + framework_p50), 2),
                "floor_alone_ms": round(alone_ms, 2),
            }
        )
    if options["only"] and options["only"] not in "organization detail, 8 clients":
        return results
    started = time.perf_counter()
    done = measure(
        port, f"/orgs/{detail.pk}/", cookies["street"], 8 * options["per_client"], 8
    ).page
    results.append(
        {
            "op": "organization detail, 8 clients",
            "n": len(done),
            "requests_per_s": round(len(done) / (time.perf_counter() - started), 1),
        }
    )
    return results
