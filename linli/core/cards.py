"""Number cards and the number formatter: every page that shows a figure shows it this way.

A card is a figure, what it counts and, where there is one, a link to the list behind it. Cards
are drawn in Python (as linli.core.tables draws tables): a dashboard's dozen cards cost some
seventy template nodes, eight of them ``blocktranslate`` at about 70 µs each. Templates that show
a figure outside a card use the ``grouped`` filter of ``{% load linli %}``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The column each card takes: six on a wide screen, four on a tablet, two on a phone.
DASHBOARD = "col-6 col-md-3 col-xl-2"


def grouped(value: int) -> str:
    """A count grouped by thousands (2,957,040), as every figure of the platform is shown."""
    return f"{value:,}"


@dataclass(frozen=True)
class Card:
    value: str  # already formatted: grouped(n), a ratio, "—"
    label: str
    link: str = ""
    testid: str = ""


def card_row(cards: Iterable[Card], width: str = DASHBOARD) -> SafeString:
    """The cards' HTML, each in a grid column of ``width``."""
    parts = []
    for card in cards:
        testid = f' data-testid="{escape(card.testid)}"' if card.testid else ""
        inner = (
            f'<div class="stat"{testid}>{escape(card.value)}</div>'
            f'<div class="stat-label">{escape(card.label)}</div>'
        )
        if card.link:
            body = (
                f'<a class="card p-3 text-decoration-none text-reset" href="{escape(card.link)}">'
                f"{inner}</a>"
            )
        else:
            body = f'<div class="card p-3">{inner}</div>'
        parts.append(f'<div class="{escape(width)}">{body}</div>')
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
