"""An organization's latest applications, for its page, read as SQL.

Through the ORM this small fixed-shape read cost about 1.5 ms of Python around 0.2 ms of database
work (see linli.orgs.reads); the same SQL runs on SQLite and PostgreSQL. It takes the scope and
the organization read in it, and refuses one outside the scope before it reads anything.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from linli.applications.choices import ApplicationKind, ApplicationState
from linli.applications.models import Application
from linli.core.scoping import Scope, id_in_scope
from linli.core.sql import aware, fetch, table


@dataclass(frozen=True)
class ApplicationLine:
    pk: int
    kind: str
    state: str
    created_at: datetime.datetime

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))

    @property
    def created_on(self) -> str:
        return f"{timezone.localtime(self.created_at):%Y-%m-%d}"


KIND_LABELS = dict(ApplicationKind.choices)
STATE_LABELS = dict(ApplicationState.choices)


def latest_applications(scope: Scope, org: Any, limit: int = 20) -> list[ApplicationLine]:
    org_id = id_in_scope(scope, org)
    rows = fetch(
        "SELECT id, kind, state, created_at "  # noqa: S608
        f"FROM {table(Application)} WHERE organization_id = %s ORDER BY id DESC LIMIT %s",
        [org_id, limit],
    )
    return [ApplicationLine(pk, kind, state, aware(at)) for pk, kind, state, at in rows]
