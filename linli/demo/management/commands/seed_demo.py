from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from linli.demo.seed import seed_accounts, seed_regions, seed_registry, write_accounts_file


class Command(BaseCommand):
    help = "Load demo regions, communities and one account per role (only what is missing)."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self.seed_and_print()

    def seed_and_print(self) -> None:
        seed_regions()
        generated = seed_registry()
        if generated:
            self.stdout.write(f"Demo registry: {generated} organizations in 徐汇区")
        made = seed_accounts()
        if made:
            write_accounts_file(made)
        path = settings.DEMO_ACCOUNTS_FILE
        if path.exists():
            self.stdout.write("Demo accounts (role, username, password, region):")
            self.stdout.write(path.read_text(encoding="utf-8"))
            self.stdout.write(f"(kept in {path})")
