from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from linli.core.indexes import restore_deferred_indexes
from linli.stats.indicators import indicators_rebuild
from linli.stats.services import rollup_rebuild


class Command(BaseCommand):
    help = (
        "Recount the statistics rollups from the registry (after bulk loads, or as a repair). "
        "With --indicators, only the indicator rollup: run it nightly, because a training older "
        "than five years stops counting and a grade expires without any write."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--indicators", action="store_true", help="only the indicator rollup (nightly)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        for name in restore_deferred_indexes():
            self.stdout.write(f"index {name} (dropped by an interrupted load) built again")
        if options["indicators"]:
            rows = indicators_rebuild()
            self.stdout.write(f"indicator rollup: {rows} rows")
        else:
            self.stdout.write(f"rollups: {rollup_rebuild()} rows")
        self.stdout.write(f"{time.perf_counter() - started:.1f} s")
