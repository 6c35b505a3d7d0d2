"""Small typed readers for settings that come from the environment."""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from pathlib import Path

import dj_database_url


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def private_dir(path: Path) -> Path:
    """The directory of the platform's local files (SQLite database, keys, uploads), created
    readable by its owner only (0700). One that exists is left as it is."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        path.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and readable by its owner only (0600) if it does not exist, so that
    what is written to it later (SQLite makes its -wal and -shm files with the database file's
    mode) is never readable by others."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return path


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else from an ignored local file made on first run."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        private_dir(var_dir)
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def database(url: str, var_dir: Path) -> dict[str, object]:
    """DATABASES['default'] from DATABASE_URL; SQLite tuned for a web server by default."""
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
        config["CONN_HEALTH_CHECKS"] = True
        if config["ENGINE"] == "django.db.backends.postgresql":
            config["OPTIONS"] = postgres_options(dict(config.get("OPTIONS") or {}))  # type: ignore[call-overload]
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": private_file(private_dir(var_dir) / "linli.sqlite3"),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


def postgres_options(options: dict[str, object]) -> dict[str, object]:
    """Connection options for PostgreSQL."""
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # Parameters bound on the server and statements prepared after their third use, so
        # PostgreSQL stops planning the same page queries again on every request (planning a
        # five-table join took longer than running it). Turn off behind a pooler in
        # transaction mode (PgBouncer without prepared-statement support).
        options.update(server_side_binding=True, prepare_threshold=3)
    server_settings = []
    if not env_bool("DATABASE_JIT", False):
        # JIT compilation pays off for long analytical queries; for a page's query that the
        # planner merely estimates as large it added 60 ms of compiling to 50 ms of work. Behind
        # a pooler that refuses startup options, set DATABASE_JIT=true and turn JIT off on the
        # role instead (ALTER ROLE … SET jit = off).
        server_settings.append("-c jit=off")
    timeout = env_int("DATABASE_STATEMENT_TIMEOUT", 0)
    if timeout > 0:
        # A statement still running when its request has long been given up (the worker timed
        # out, the user left) keeps a core busy until it ends; PostgreSQL stops it instead.
        server_settings.append(f"-c statement_timeout={timeout}s")
    workers = env_int("DATABASE_PARALLEL_WORKERS", -1)
    if workers >= 0:
        # A page's query shares the database's cores with the other requests: parallel workers
        # made a national search 127 ms at p50 with two clients on two cores, 77 ms without.
        server_settings.append(f"-c max_parallel_workers_per_gather={workers}")
    if server_settings:
        options["options"] = " ".join([str(options.get("options", "")), *server_settings]).strip()
    return options


def pii_keys(var_dir: Path) -> tuple[list[tuple[str, str]], str]:
    """SM4 keys (id, base64) and the blind-index key, from the environment or a local file.

    PII_KEYS="k2:<base64>,k1:<base64>" (first encrypts) and PII_INDEX_KEY=<base64>. Without them
    (development, tests) keys are generated once into var/pii_keys, which git ignores.
    """

    raw_keys, index_key = os.environ.get("PII_KEYS", ""), os.environ.get("PII_INDEX_KEY", "")
    if not raw_keys:
        key_file = var_dir / "pii_keys"
        if not key_file.exists():
            private_dir(var_dir)
            fresh = base64.b64encode(secrets.token_bytes(16)).decode()
            index = base64.b64encode(secrets.token_bytes(32)).decode()
            key_file.write_text(f"dev1:{fresh}\n{index}\n", encoding="utf-8")
            key_file.chmod(0o600)
        raw_keys, index_key = key_file.read_text(encoding="utf-8").split()[:2]
    pairs = [tuple(item.split(":", 1)) for item in raw_keys.split(",") if item.strip()]
    return [(kid.strip(), key.strip()) for kid, key in pairs], index_key
