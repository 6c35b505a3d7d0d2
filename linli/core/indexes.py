"""Indexes a bulk load dropped to write faster, and the repair that builds them again.

A PostgreSQL bulk load (linli.demo.bulkload) drops the secondary indexes of the tables it fills
and records each in ``DeferredIndex`` before it does; a load killed halfway leaves them recorded.
The nightly ``rebuild_rollups`` and every new load build them again first.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from linli.core.models import DeferredIndex


def restore_deferred_indexes(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Build again every index a bulk load dropped and has not rebuilt (each in its own
    transaction with the removal of its record); returns their names."""
    if connections[using].vendor != "postgresql":
        return []  # only PostgreSQL loads drop indexes
    restored = []
    for index in DeferredIndex.objects.using(using).order_by("id"):
        with transaction.atomic(using=using):
            with connections[using].cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
                    "AND indexname = %s",
                    [index.name],
                )
                if cursor.fetchone() is None:
                    cursor.execute(index.definition)
            index.delete()
        restored.append(index.name)
    return restored
