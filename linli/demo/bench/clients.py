"""The benchmark's side of HTTP: the server it starts, the signed-in sessions, and the client
processes that time the requests."""

from __future__ import annotations

import http.client
import io
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.queues import Queue
from typing import Any
from urllib.parse import quote

import openpyxl
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import CommandError
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.accounts.middleware import LOGIN_STARTED_KEY
from linli.accounts.models import User
from linli.demo.bench.floors import Floor, like_the_server, timed
from linli.regions.models import Region

HOST = "127.0.0.1"
FORK = get_context("fork")  # the clients start from this process's loaded settings


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


def workbook_cells(port: int, path: str, cookie: str) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Each sheet of the workbook the page hands over: its name and its rows of values."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
    content = conn.getresponse().read()
    conn.close()
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in workbook]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
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
