from __future__ import annotations

from pathlib import Path

from linli.envconf import database

URL = "postgres://linli@db.example:5432/linli"


def test_postgres_connections_prepare_statements_and_turn_jit_off(monkeypatch) -> None:
    for name in (
        "DATABASE_PREPARED_STATEMENTS",
        "DATABASE_JIT",
        "DATABASE_STATEMENT_TIMEOUT",
        "DATABASE_PARALLEL_WORKERS",
    ):
        monkeypatch.delenv(name, raising=False)
    options = database(URL, Path("var"))["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 3, "options": "-c jit=off"}


def test_the_web_server_limits_how_long_a_statement_runs(monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "60")
    monkeypatch.setenv("DATABASE_JIT", "true")
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "false")
    monkeypatch.setenv("DATABASE_PARALLEL_WORKERS", "0")
    assert database(URL, Path("var"))["OPTIONS"] == {
        "options": "-c statement_timeout=60s -c max_parallel_workers_per_gather=0"
    }
    wsgi = (Path(__file__).parents[2] / "wsgi.py").read_text(encoding="utf-8")
    assert 'setdefault("DATABASE_STATEMENT_TIMEOUT"' in wsgi
    assert 'setdefault("DATABASE_PARALLEL_WORKERS", "0")' in wsgi
