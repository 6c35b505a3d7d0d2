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

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.demo.bench.clients import (
    bench_user,
    free_port,
    national_cookie,
    session_cookie,
    start_server,
)
from linli.demo.bench.operations import run_operations
from linli.orgs.models import Organization
from linli.regions.models import Region


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["shanghai", "national"], default="shanghai")
        parser.add_argument("--clients", type=int, default=4)
        parser.add_argument("--requests", type=int, default=40)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--json", default="")
        parser.add_argument(
            "--smoke",
            action="store_true",
            help="one request per operation by one client, on any dataset (a check that every "
            "operation answers and the command works, as `make test-bench` runs it; no figures)",
        )
        parser.add_argument(
            "--only",
            default="",
            help="measure only the operations whose name contains this text (and the trivial view)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        smoke = options["smoke"]
        if smoke:
            options.update(requests=1, clients=1, workers=1)
        options.update(floor_runs=1 if smoke else 31, per_client=1 if smoke else 25)
        city = Region.objects.filter(code="310000").first()
        if city is None or Organization.objects.count() < (1 if smoke else 10_000):
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
        server = start_server(port, options["workers"])
        try:
            results = run_operations(port, cookies, city, street, options)
        finally:
            server.terminate()
            server.wait(timeout=20)
        lines = [json.dumps(r, ensure_ascii=False) for r in results]
        for line in lines:
            self.stdout.write(line)
        if options["json"]:
            Path(options["json"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
