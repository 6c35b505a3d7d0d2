"""The application list's table, drawn in Python (see linli.core.tables): fifty rows of six
cells, where a template spent 25 ms, most of it in ``get_<field>_display`` and per-cell tags."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from linli.applications.choices import ApplicationKind, ApplicationState
from linli.applications.models import Application
from linli.core.navigation import fixed_url
from linli.core.tables import Column, body, header


def application_table(applications: Iterable[Application]) -> dict[str, SafeString]:
    list_url = fixed_url("applications:list")
    kinds = {value: str(label) for value, label in ApplicationKind.choices}
    states = {value: str(label) for value, label in ApplicationState.choices}
    overdue = _("Overdue")

    def due(application: Application) -> Any:
        day = application.due_on.isoformat() if application.due_on else "—"
        if application.is_overdue:
            return format_html('{} <span class="badge text-bg-danger">{}</span>', day, overdue)
        return day

    columns = [
        Column(_("Organization name"), lambda a: a.title, link=lambda a: f"{list_url}{a.pk}/"),
        Column(_("Kind"), lambda a: kinds.get(a.kind, a.kind)),
        Column(_("State"), lambda a: states.get(a.state, a.state)),
        Column(_("Applicant"), lambda a: a.applicant_name),
        Column(_("Reviewing unit"), lambda a: a.reviewing_region.name),
        Column(_("Review due"), due),
    ]
    rows = list(applications)
    return {
        "head": header(columns),
        "body": body(columns, rows, lambda a: "table-danger" if a.is_overdue else ""),
    }
