"""Table bodies for the hot pages, built in Python the way Django's admin builds its change list
(``format_html`` per cell): a registry page or a dashboard draws hundreds of cells on every
request, and a template node per cell costs more than the query that fetched the rows.

A column names its header (also the cell's ``data-label``, which the narrow-screen layout shows
beside each value), how to get the value from a row, an optional link and CSS classes. Every value
is escaped; a link is built from a fixed prefix plus escaped parts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from linli.core.choices import AuditEventType, AuditResult
from linli.core.roles import Role


@dataclass(frozen=True)
class Column:
    label: str | Promise
    value: Callable[[Any], Any]
    link: Callable[[Any], str] | None = None
    css: str = ""
    testid: str = ""


def header(columns: Sequence[Column]) -> SafeString:
    return format_html_join(
        "",
        "<th{}>{}</th>",
        ((_class_attr(column.css), column.label) for column in columns),
    )


def body(
    columns: Sequence[Column], rows: Iterable[Any], row_css: Callable[[Any], str] | None = None
) -> SafeString:
    """The ``<tr>`` elements of a table body (``row_css``: a row's classes, if any)."""
    # Labels and attributes are translated and escaped once per table, not once per cell.
    prefixes = [
        format_html(
            '<td data-label="{}"{}{}>',
            column.label,
            _class_attr(column.css),
            format_html(' data-testid="{}"', column.testid) if column.testid else "",
        )
        for column in columns
    ]
    parts: list[str] = []
    for row in rows:
        css = row_css(row) if row_css is not None else ""
        parts.append(f'<tr class="{html.escape(css)}">' if css else "<tr>")
        for column, prefix in zip(columns, prefixes, strict=True):
            text = _escape(column.value(row))
            if column.link is not None:
                text = f'<a href="{_escape(column.link(row))}">{text}</a>'
            parts.append(f"{prefix}{text}</td>")
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 (every part above is escaped)


def _escape(value: Any) -> str:
    """What ``conditional_escape`` does, without its lazy-string wrapper (hundreds of cells)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _class_attr(css: str) -> SafeString:
    return format_html(' class="{}"', css) if css else mark_safe("")


def audit_table(events: Iterable[Any]) -> dict[str, SafeString]:
    """The audit log's fifty rows: eight cells each, drawn here rather than through template
    nodes (``get_<field>_display`` alone rebuilt the choices 100 times a page)."""

    kinds = {value: str(label) for value, label in AuditEventType.choices}
    results = {value: str(label) for value, label in AuditResult.choices}
    roles = {value: str(label) for value, label in Role.choices}

    def what(event: Any) -> Any:
        path = event.detail.get("path") if isinstance(event.detail, dict) else None
        name = event.object_repr or "—"
        return format_html("{} <code>{}</code>", name, path) if path else name

    def request(event: Any) -> SafeString:
        rid = event.request_id
        return format_html('<code class="small">{}</code>', rid if len(rid) <= 9 else rid[:8] + "…")

    columns = [
        Column(_("Time"), lambda e: f"{timezone.localtime(e.occurred_at):%Y-%m-%d %H:%M:%S}"),
        Column(_("Event"), lambda e: kinds.get(e.event_type, e.event_type)),
        Column(_("Result"), lambda e: results.get(e.result, e.result)),
        Column(_("User"), lambda e: e.actor_username or "—"),
        Column(_("Role"), lambda e: roles.get(e.actor_role, "") or "—"),
        Column(_("Object"), what),
        Column(_("IP address"), lambda e: e.ip_address or "—"),
        Column(_("Request"), request),
    ]
    return {"head": header(columns), "body": body(columns, events)}
