from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from linli.stats.services import rollup_rebuild


class Command(BaseCommand):
    help = "Recount the statistics rollups from the registry (after bulk loads, or as a repair)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"rollups: {rollup_rebuild()} rows")
