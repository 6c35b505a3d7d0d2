"""Measure the key reads through real HTTP under gunicorn, against a generated dataset.

    python manage.py generate_dataset --scale shanghai
    python manage.py bench --scale shanghai [--clients 4] [--requests 40] [--json FILE]

For each operation it prints one JSON line {"op", "n", "p50_ms", "p95_ms", "floor_ms",
"framework_ms", "ratio", "floor_alone_ms"}: floor_ms is the median time of raw SQL that yields
the same answer and framework_ms the p50 of a trivial view, both run by the same clients (one
process each) between the operation's own requests (the same concurrency, the same minutes), and
ratio = p50 / (floor_ms + framework_ms). floor_alone_ms is the same SQL run by this process on
the idle machine afterwards, for comparison. Loopback only.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import xlsxwriter
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from linli.accounts.middleware import LOGIN_STARTED_KEY
from linli.accounts.models import User
from linli.core.counting import COUNT_LIMIT
from linli.core.scoping import path_range, subtree_q
from linli.core.sql import fetch
from linli.orgs.models import Organization
from linli.orgs.selectors import WALK_LIMIT
from linli.regions.models import Region

HOST = "127.0.0.1"
FORK = get_context("fork")  # the clients start from this process's loaded settings
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def session_cookie(user: User) -> str:
    """A signed-in session made directly (the benchmark measures reads, not the login form)."""
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "linli.accounts.backends.PasswordBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session[LOGIN_STARTED_KEY] = time.time()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def national_cookie() -> str:
    """A national administrator's session, past the second factor they must use."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _created = User.objects.get_or_create(
        username="bench.national", defaults={"role": "admin", "full_name": "bench.national"}
    )
    user.set_unusable_password()
    user.save()
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    cookie = session_cookie(user)
    session = SessionStore(session_key=cookie.split("=", 1)[1])
    session["otp_device_id"] = device.persistent_id
    session.save()
    return cookie


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


def bench_user(username: str, role: str, region: Region) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"role": role, "region": region, "full_name": username}
    )
    user.set_unusable_password()
    user.save()
    return user


@dataclass
class Timings:
    """Milliseconds per request of the operation, of the trivial view requested after each one,
    and of the operation's floor SQL run after that."""

    page: list[float] = field(default_factory=list)
    framework: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


def measure(
    port: int,
    path: str,
    cookie: str,
    n: int,
    clients: int,
    between: str = "",
    floor: Floor | None = None,
) -> Timings:
    """``n`` requests for ``path`` from ``clients`` processes (independent clients, not threads
    sharing one interpreter). With ``between``, each client requests that path after every one of
    them, and with ``floor`` it then runs those statements on its own database connection: the
    machine's speed drifts over a run and the clients share its cores, so an operation's framework
    floor and SQL floor are measured in the same minutes and at the same concurrency as the
    operation itself."""
    per_client = max(1, n // clients)
    results: Queue[Timings | str] = FORK.Queue()

    def get(conn: http.client.HTTPConnection, target: str) -> float:
        started = time.perf_counter()
        conn.request("GET", quote(target, safe="/?=&"), headers={"Cookie": cookie, "Host": HOST})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{target}: HTTP {response.status}")
        return (time.perf_counter() - started) * 1000

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        mine = Timings()
        try:
            if floor:
                like_the_server()
            for _ in range(per_client):
                mine.page.append(get(conn, path))
                if between:
                    mine.framework.append(get(conn, between))
                if floor:
                    mine.floor.append(timed(floor))
            results.put(mine)
        except Exception as exc:  # reported by the parent
            results.put(str(exc))
        finally:
            conn.close()
            connection.close()

    connection.close()  # each client opens its own; none inherits this process's socket
    processes = [FORK.Process(target=client) for _ in range(clients)]
    for process in processes:
        process.start()
    found = Timings()
    for _ in processes:
        mine = results.get(timeout=600)
        if isinstance(mine, str):
            raise CommandError(mine)
        found.page += mine.page
        found.framework += mine.framework
        found.floor += mine.floor
    for process in processes:
        process.join()
    return found


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


def workbook_cells(port: int, path: str, cookie: str) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Each sheet of the workbook the page hands over: its name and its rows of values."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
    content = conn.getresponse().read()
    conn.close()
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in workbook]


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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["shanghai", "national"], default="shanghai")
        parser.add_argument("--clients", type=int, default=4)
        parser.add_argument("--requests", type=int, default=40)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--json", default="")
        parser.add_argument(
            "--only",
            default="",
            help="measure only the operations whose name contains this text (and the trivial view)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        city = Region.objects.filter(code="310000").first()
        if city is None or Organization.objects.count() < 10_000:
            raise CommandError(
                f"Generate the data first: manage.py generate_dataset --scale {options['scale']}"
            )
        street = Region.objects.filter(level="street", code__startswith="310104").first()
        if street is None:
            raise CommandError("No street under 310104 in this dataset.")
        cookies = {
            "city": session_cookie(bench_user("bench.city", "city_bureau", city)),
            "street": session_cookie(bench_user("bench.street", "street_office", street)),
            "national": national_cookie(),
        }
        port = free_port()
        server = self.start_server(port, options["workers"])
        try:
            results = self.run_ops(port, cookies, city, street, options)
        finally:
            server.terminate()
            server.wait(timeout=20)
        lines = [json.dumps(r, ensure_ascii=False) for r in results]
        for line in lines:
            self.stdout.write(line)
        if options["json"]:
            Path(options["json"]).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def start_server(self, port: int, workers: int) -> subprocess.Popen[bytes]:
        env = dict(os.environ, ALLOWED_HOSTS=HOST, DEBUG="false")
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn, loopback only)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "linli.wsgi",
                "-w",
                str(workers),
                "-b",
                f"{HOST}:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=1)
                conn.request("GET", "/healthz", headers={"Host": HOST})
                if conn.getresponse().status == 200:
                    return server
            except OSError:
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not start")

    def run_ops(
        self,
        port: int,
        cookies: dict[str, str],
        city: Region,
        street: Region,
        options: dict[str, Any],
    ) -> list[dict[str, Any]]:
        n, clients = options["requests"], options["clients"]
        low, high = path_range(city.path)
        # Four fifths into the city's teams, in list order: a deep page the city user can open.
        teams = Organization.objects.filter(
            subtree_q("region_path", city.path), tier="team"
        ).order_by("region_path", "id")
        deep = teams.values_list("id", flat=True)[teams.count() * 4 // 5]
        detail = Organization.objects.filter(subtree_q("region_path", street.path)).first()
        if detail is None:
            raise CommandError("No organization in the benchmark street.")
        match = (
            "o.id IN (SELECT rowid FROM orgs_organization_fts WHERE orgs_organization_fts MATCH %s)"
        )
        if connection.vendor == "postgresql":
            match = "to_tsvector('simple', o.search_tokens) @@ to_tsquery('simple', %s)"
        scoped = f"AND {match} AND o.name LIKE %s"
        # A search's first page and its number of matches, in one pass (as the page does it).
        fts = (
            f"{LIST_ROWS.replace('r.name', 'r.name, COUNT(*) OVER ()')} {scoped} "
            "ORDER BY o.id LIMIT 51"
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
            alone_ms = 0.0 if trivial else statistics.median(timed(floor) for _ in range(31))
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
        done = measure(port, f"/orgs/{detail.pk}/", cookies["street"], 8 * 25, 8).page
        results.append(
            {
                "op": "organization detail, 8 clients",
                "n": len(done),
                "requests_per_s": round(len(done) / (time.perf_counter() - started), 1),
            }
        )
        return results
