"""Helpers for the few hot reads written as SQL (``<app>/reads.py``; see docs/development.md).

Statements are fixed text with ``%s`` placeholders; values always travel as parameters, and table
names come from the models, quoted by the database backend.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.utils import timezone


def table(model: Any) -> str:
    """The model's table name, quoted for the database in use."""
    return str(connection.ops.quote_name(model._meta.db_table))


def marks(values: list[Any]) -> str:
    """One placeholder per value, for ``IN (…)``."""
    return ", ".join(["%s"] * len(values))


def fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def aware(value: datetime.datetime) -> datetime.datetime:
    """SQLite hands stored UTC times back naive; the ORM would have marked them UTC."""
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value
