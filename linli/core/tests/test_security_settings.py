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
