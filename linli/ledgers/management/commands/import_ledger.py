"""Import a ledger (.xlsx) from the command line, through the same checks as the web page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from linli.accounts.models import User
from linli.core.errors import DomainError
from linli.ledgers.services import ImportReport, ledger_dry_run, ledger_import

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = (
        "Import an organization ledger (.xlsx) as USER: all rows or none; --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="username whose jurisdiction applies")
        parser.add_argument("--dry-run", action="store_true", help="check and report only")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['user']!r}")
        path: Path = options["file"]
        content = path.read_bytes()
        run = ledger_dry_run if options["dry_run"] else ledger_import
        try:
            report = run(actor=user, content=content, filename=path.name)
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} may not change organizations") from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.print_report(report, dry_run=options["dry_run"])
        if not report.ok:
            raise CommandError(f"{report.error_rows} rows have errors; nothing was imported")

    def print_report(self, report: ImportReport, *, dry_run: bool) -> None:
        for error in report.errors[:SHOWN_ERRORS]:
            self.stderr.write(f"row {error['row']} · {error['column'] or '-'}: {error['message']}")
        rate = report.total_rows / report.seconds if report.seconds else 0.0
        mode = "dry run" if dry_run else ("imported" if report.committed else "refused")
        self.stdout.write(
            f"{mode}: {report.total_rows} rows · {report.created} create · {report.updated} "
            f"update · {report.unchanged} unchanged · {report.error_rows} with errors · "
            f"{report.seconds:.2f} s ({rate:.0f} rows/s)"
        )
