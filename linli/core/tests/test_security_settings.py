from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_security_headers_on_every_page(client) -> None:
    response = client.get("/accounts/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert len(response["X-Request-ID"]) == 32


def test_no_state_change_by_get(people, login) -> None:
    client = login(people.street_a)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/workbench/").status_code == 200


def test_check_deploy_passes_with_production_settings(tmp_path) -> None:
    env = dict(
        os.environ,
        DEBUG="false",
        SECURE_SSL="true",
        ALLOWED_HOSTS="linli.example.gov.cn",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-" + "y" * 30,
        LINLI_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_translations_are_complete_and_compiled() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from compile_messages import compile_all

    assert compile_all(check=True) == 0


def test_hsts_covers_subdomains_and_preload_only_when_asked(tmp_path) -> None:
    def settings_of(**env: str) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'linli.settings'; "
                "from django.conf import settings as s; "
                "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
                "s.SECURE_HSTS_PRELOAD)",
            ],
            cwd=ROOT,
            env={**os.environ, "LINLI_VAR_DIR": str(tmp_path), "SECURE_SSL": "true", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert settings_of() == "31536000 False False"
    both = {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"}
    assert settings_of(**both) == "31536000 True True"


def test_the_var_directory_and_the_sqlite_database_are_the_owner_s_only(tmp_path) -> None:
    var = tmp_path / "fresh-var"
    env = {**os.environ, "LINLI_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert oct(var.stat().st_mode & 0o777) == "0o700"
    for name in ("linli.sqlite3", "linli.sqlite3-wal", "linli.sqlite3-shm", "secret_key"):
        path = var / name
        if path.exists():
            assert oct(path.stat().st_mode & 0o777) == "0o600", name
    assert (var / "linli.sqlite3").stat().st_size > 0
