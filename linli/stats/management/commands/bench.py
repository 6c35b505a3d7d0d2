"""Measure the key reads through real HTTP under gunicorn, against a generated dataset.

    python manage.py generate_dataset --scale shanghai
    python manage.py bench --scale shanghai [--clients 4] [--requests 40] [--json FILE]

For each operation it prints one JSON line {"op", "n", "p50_ms", "p95_ms", "floor_ms", "ratio"}:
floor_ms is the median time of raw SQL that yields the same answer, and ratio =
p50 / (floor_ms + the framework floor, the p50 of a trivial view). Loopback only.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from linli.accounts.middleware import LOGIN_STARTED_KEY
from linli.accounts.models import User
from linli.orgs.models import Organization
from linli.regions.models import Region

HOST = "127.0.0.1"
# The rollup rows of a region and its children: what a dashboard reads.
CHILDREN_ROLLUPS = (
    "SELECT region_code, tier, category, status, party, count FROM stats_orgrollup "
    "WHERE region_code IN (SELECT code FROM regions_region WHERE parent_id = %s OR id = %s)"
)
CHILDREN_INDICATORS = (
    "SELECT * FROM stats_indicatorrollup "
    "WHERE region_code IN (SELECT code FROM regions_region WHERE parent_id = %s OR id = %s)"
)
BELOW_TARGET = (
    "SELECT region_code, urban_community_orgs, rural_community_orgs, talents "
    "FROM stats_indicatorrollup WHERE path >= %s AND path < %s "
    "AND communities_below_org_target = 1 AND LENGTH(region_code) = 12 ORDER BY path LIMIT 50"
)
MONTHLY = (
    "SELECT month, tier, opened, closed FROM stats_monthlyrollup WHERE region_code = %s "
    "AND month >= %s"
)


def dashboard_floor(region: Region) -> float:
    """The rows a dashboard shows, read by hand: rollups of the region and its children, the
    first communities below target, and the monthly series."""
    low, high = region.path, region.path[:-1] + "0"
    return sql_floor(
        [
            (CHILDREN_ROLLUPS, [region.pk, region.pk]),
            (CHILDREN_INDICATORS, [region.pk, region.pk]),
            (BELOW_TARGET, [low, high]),
            (MONTHLY, [region.code, first_month()]),
        ]
    )


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


def national_floor() -> float:
    provinces = "SELECT code FROM regions_region WHERE parent_id IS NULL"
    return sql_floor(
        [
            (f"SELECT * FROM stats_orgrollup WHERE region_code IN ({provinces})", []),  # noqa: S608
            (f"SELECT * FROM stats_indicatorrollup WHERE region_code IN ({provinces})", []),  # noqa: S608
            (
                "SELECT region_code, urban_community_orgs, rural_community_orgs, talents "
                "FROM stats_indicatorrollup WHERE communities_below_org_target = 1 "
                "AND LENGTH(region_code) = 12 ORDER BY path LIMIT 50",
                [],
            ),
            (
                f"SELECT * FROM stats_monthlyrollup WHERE region_code IN ({provinces}) "  # noqa: S608
                "AND month >= %s",
                [first_month()],
            ),
        ]
    )


def bench_user(username: str, role: str, region: Region) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"role": role, "region": region, "full_name": username}
    )
    user.set_unusable_password()
    user.save()
    return user


def measure(port: int, path: str, cookie: str, n: int, clients: int) -> list[float]:
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    per_client = max(1, n // clients)
    target = quote(path, safe="/?=&")

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        mine = []
        try:
            for _ in range(per_client):
                started = time.perf_counter()
                conn.request("GET", target, headers={"Cookie": cookie, "Host": HOST})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status}")
                mine.append((time.perf_counter() - started) * 1000)
        except Exception as exc:  # reported after the threads finish
            errors.append(str(exc))
        finally:
            conn.close()
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise CommandError(errors[0])
    return timings


def sql_floor(statements: list[tuple[str, list[Any]]], runs: int = 7) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


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
        low, high = city.path, city.path[:-1] + "0"
        teams = Organization.objects.filter(tier="team").order_by("region_path", "id")
        deep_row = teams.values_list("id", "region_path")[teams.count() * 4 // 5]
        deep = deep_row[0]
        detail = Organization.objects.filter(
            region_path__gte=street.path, region_path__lt=street.path[:-1] + "0"
        ).first()
        if detail is None:
            raise CommandError("No organization in the benchmark street.")
        match = (
            "id IN (SELECT rowid FROM orgs_organization_fts WHERE orgs_organization_fts MATCH %s)"
        )
        if connection.vendor == "postgresql":
            match = "to_tsvector('simple', search_tokens) @@ to_tsquery('simple', %s)"
        scoped = f"WHERE {match} AND name LIKE %s AND region_path >= %s AND region_path < %s"
        fts = f"SELECT * FROM orgs_organization {scoped} ORDER BY id LIMIT 51"  # noqa: S608 (constants)
        fts_count = f"SELECT COUNT(*) FROM orgs_organization {scoped}"  # noqa: S608 (constants)
        two = ('"舞蹈"', "%舞蹈%") if connection.vendor != "postgresql" else ("'舞蹈'", "%舞蹈%")
        four = (
            ('"太极" AND "极拳" AND "拳队"', "%太极拳队%")
            if connection.vendor != "postgresql"
            else ("'太极' & '极拳' & '拳队'", "%太极拳队%")
        )
        list_sql = (
            "SELECT * FROM orgs_organization WHERE region_path >= %s AND region_path < %s "
            "ORDER BY region_path, id LIMIT 51"
        )
        rollup_sql = "SELECT SUM(count) FROM stats_orgrollup WHERE region_code = %s"
        ops: list[tuple[str, str, str, Callable[[], float]]] = [
            ("trivial view", "/healthz", "city", lambda: 0.0),
            ("national dashboard", "/stats/national/", "national", national_floor),
            ("city dashboard", f"/stats/{city.code}/", "city", lambda: dashboard_floor(city)),
            (
                "street dashboard",
                f"/stats/{street.code}/",
                "street",
                lambda: dashboard_floor(street),
            ),
            (
                "organization list page 1",
                "/orgs/",
                "city",
                lambda: sql_floor([(list_sql, [low, high]), (rollup_sql, [city.code])]),
            ),
            (
                "deep filtered page",
                f"/orgs/?tier=team&after={deep}",
                "city",
                lambda: sql_floor(
                    [
                        (
                            list_sql.replace(
                                "ORDER BY",
                                "AND tier = 'team' AND (region_path, id) > (%s, %s) ORDER BY",
                            ),
                            [low, high, deep_row[1], deep],
                        )
                    ]
                ),
            ),
            (
                "search 2 characters",
                "/orgs/?q=舞蹈",
                "city",
                lambda: sql_floor([(fts, [*two, low, high]), (fts_count, [*two, low, high])]),
            ),
            (
                "search 4 characters",
                "/orgs/?q=太极拳队",
                "city",
                lambda: sql_floor([(fts, [*four, low, high]), (fts_count, [*four, low, high])]),
            ),
            (
                "organization detail",
                f"/orgs/{detail.pk}/",
                "street",
                lambda: sql_floor(
                    [
                        ("SELECT * FROM orgs_organization WHERE id = %s", [detail.pk]),
                        ("SELECT * FROM orgs_membership WHERE organization_id = %s", [detail.pk]),
                    ]
                ),
            ),
            (
                "statistics export",
                f"/stats/{city.code}/export.xlsx",
                "city",
                lambda: sql_floor(
                    [
                        (
                            "SELECT region_code, tier, category, count FROM stats_orgrollup "
                            "WHERE region_code IN (SELECT code FROM regions_region "
                            "WHERE parent_id = %s OR id = %s) AND status = 'active'",
                            [city.pk, city.pk],
                        )
                    ]
                ),
            ),
        ]
        results, framework = [], 0.0
        for name, path, who, floor in ops:
            measure(port, path, cookies[who], clients, clients)  # warm up
            timings = measure(port, path, cookies[who], n, clients)
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            floor_ms = floor()
            if name == "trivial view":
                framework = p50
            ratio = p50 / (floor_ms + framework) if framework else 1.0
            results.append(
                {
                    "op": name,
                    "n": len(timings),
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "floor_ms": round(floor_ms, 2),
                    "ratio": round(ratio, 2),
                }
            )
        started = time.perf_counter()
        done = measure(port, f"/orgs/{detail.pk}/", cookies["street"], 8 * 25, 8)
        results.append(
            {
                "op": "organization detail, 8 clients",
                "n": len(done),
                "requests_per_s": round(len(done) / (time.perf_counter() - started), 1),
            }
        )
        return results
