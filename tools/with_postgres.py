#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python tools/with_postgres.py -- pytest -m "not browser"

The cluster lives in a temporary directory, listens only on a Unix socket there, and is started
from the machine's PostgreSQL binaries (PG_BIN, or the newest /usr/lib/postgresql/*/bin, or PATH).
PostgreSQL refuses to run as root, so as root the cluster runs as the unprivileged user
`postgres` (PG_USER to change); an ordinary user runs it as themselves. DATABASE_URL is set for
the command. Exit status: the command's; 3 if PostgreSQL is not available.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bin() -> Path | None:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
    )
    if versions:
        return Path(versions[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def as_cluster_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    bin_dir = find_bin()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        print("with_postgres: PostgreSQL binaries not found (set PG_BIN)", file=sys.stderr)
        if os.environ.get("CI") == "true":
            return 3
        print("with_postgres: skipping the PostgreSQL run (outside CI only)", file=sys.stderr)
        return 0
    user = os.environ.get("PG_USER", "postgres") if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="linli-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (root, sock):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    run = lambda cmd, **kw: subprocess.run(as_cluster_user(cmd, user), check=True, **kw)  # noqa: E731
    try:
        run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "linli",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-k {sock} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        run(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(root / "server.log"),
                "-w",
                "start",
            ],
            stdout=subprocess.DEVNULL,
        )
        run([str(bin_dir / "createdb"), "-h", str(sock), "-U", "linli", "linli"])
        env = dict(os.environ, DATABASE_URL=f"postgres://linli@/linli?host={sock}")
        return subprocess.call(command, env=env)
    finally:
        subprocess.run(
            as_cluster_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
