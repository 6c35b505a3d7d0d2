"""Database helpers shared by migrations."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def byte_order_collation(table: str, column: str, length: int) -> migrations.RunPython:
    """Give a region-path column byte ("C") ordering on PostgreSQL.

    Scoping compares paths as ranges and relies on "/" sorting just before "0"; linguistic
    collations may ignore punctuation. SQLite already compares bytes (BINARY).
    """

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE varchar({length}) COLLATE "C"'
            )

    return migrations.RunPython(forward, migrations.RunPython.noop)
