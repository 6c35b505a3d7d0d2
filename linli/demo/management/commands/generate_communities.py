from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from linli.demo.communities import communities_generate
from linli.regions.choices import RegionLevel
from linli.regions.models import Region


class Command(BaseCommand):
    help = "Generate residents' and villagers' committees for streets that have none (demo data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", default="31", help="two-digit province code")
        parser.add_argument("--per-street", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args: Any, **options: Any) -> None:
        streets = list(
            Region.objects.filter(level=RegionLevel.STREET, code__startswith=options["province"])
        )
        made = communities_generate(
            streets=streets, per_street=options["per_street"], seed=options["seed"]
        )
        self.stdout.write(f"communities: {made} generated under {len(streets)} streets")
