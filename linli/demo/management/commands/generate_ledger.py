"""Write a realistic generated ledger (.xlsx) for measurements and demonstrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.demo.ledgers import generate_ledger


class Command(BaseCommand):
    help = "Generate a ledger of N organizations in the communities below a region."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path)
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--under", default="310104", help="region code (default 徐汇区)")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            content = generate_ledger(
                under=options["under"], rows=options["rows"], seed=options["seed"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        options["out"].write_bytes(content)
        self.stdout.write(f"{options['out']}: {options['rows']} rows, {len(content):,} bytes")
