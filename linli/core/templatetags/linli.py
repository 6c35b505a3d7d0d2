"""Template filters every app's templates use: ``{% load linli %}``."""

from __future__ import annotations

from django import template

from linli.core.cards import grouped as grouped_number

register = template.Library()


@register.filter
def grouped(value: int | None) -> str:
    """A count grouped by thousands, as the platform's cards and tables show it."""
    return "" if value is None else grouped_number(int(value))
