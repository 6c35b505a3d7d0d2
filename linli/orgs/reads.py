"""What the organization page shows beside the organization itself, read as SQL.

The page lists an organization's tags, honours, current people and latest changes (its activities
and applications are read by their own apps, linli.activities.reads and linli.applications.reads):
small fixed-shape reads of a few rows each. Through the ORM each cost about
1.5 ms of Python (building and compiling the queryset, making model instances) around 0.2 ms of
database work, which made the detail page three times its SQL. The same SQL runs on SQLite and
PostgreSQL.

The organization itself is read with the user's jurisdiction in its SQL (the ``Scope``'s SQL form);
every other function takes the same scope and the organization read that way, and refuses one
outside the scope (``OutOfScope``, a 404) before it reads anything.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from linli.accounts.models import User
from linli.classify.vocabulary import TAGS_BY_CODE
from linli.core.scoping import Scope, checked, id_in_scope
from linli.core.sql import aware, fetch, table
from linli.orgs.choices import PersonRole, Tier
from linli.orgs.models import Honour, Membership, Organization, OrganizationTag, Person
from linli.regions.models import Region


def organization_with_region(org_id: int, scope: Scope) -> Organization | None:
    """The organization if it lies in ``scope``, with its region's code and name as
    ``region_code`` and ``region_name``; through the ORM this one-row read cost four times its
    SQL."""
    where, params = checked(scope).sql("o.region_path")
    found = list(
        Organization.objects.raw(
            "SELECT o.*, r.code AS region_code, r.name AS region_name "  # noqa: S608
            f"FROM {table(Organization)} o JOIN {table(Region)} r ON r.id = o.region_id "
            f"WHERE o.id = %s AND {where}",
            [org_id, *params],
        )
    )
    return found[0] if found else None


def managing_unit(scope: Scope, org: Organization) -> str:
    """``org.managing_unit`` without loading the unit's region as a model."""
    id_in_scope(scope, org)
    if org.managing_unit_id is None:
        return ""
    found = fetch(f"SELECT name FROM {table(Region)} WHERE id = %s", [org.managing_unit_id])  # noqa: S608
    return org.managing_unit_named(found[0][0] if found else "")


def tag_names(scope: Scope, org: Organization) -> list[str]:
    """The names of the organization's service-field tags, in vocabulary order."""
    org_id = id_in_scope(scope, org)
    codes = {
        code
        for (code,) in fetch(
            f"SELECT tag FROM {table(OrganizationTag)} WHERE organization_id = %s",  # noqa: S608
            [org_id],
        )
    }
    return [tag.name for code, tag in TAGS_BY_CODE.items() if code in codes]


@dataclass(frozen=True)
class HonourLine:
    title: str
    awarded_by: str
    awarded_on: datetime.date | None


def honours(scope: Scope, org: Organization) -> list[HonourLine]:
    org_id = id_in_scope(scope, org)
    rows = fetch(
        "SELECT title, awarded_by, awarded_on "  # noqa: S608
        f"FROM {table(Honour)} WHERE organization_id = %s ORDER BY awarded_on DESC, id",
        [org_id],
    )
    return [HonourLine(*row) for row in rows]


@dataclass(frozen=True)
class PersonLine:
    """A current role and the person in it, with only the masked ID number and phone."""

    pk: int
    role: str
    is_community_representative: bool
    full_name: str
    id_number_masked: str
    phone_masked: str
    is_party_member: bool

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


ROLE_LABELS = dict(PersonRole.choices)


def current_people(scope: Scope, org: Organization) -> list[PersonLine]:
    org_id = id_in_scope(scope, org)
    rows = fetch(
        "SELECT m.id, m.role, m.is_community_representative, p.full_name, "  # noqa: S608
        "p.id_number_masked, p.phone_masked, p.is_party_member "
        f"FROM {table(Membership)} m JOIN {table(Person)} p ON p.id = m.person_id "
        "WHERE m.organization_id = %s AND m.ended_on IS NULL ORDER BY m.role, m.id",
        [org_id],
    )
    return [
        PersonLine(pk, role, bool(rep), name, id_masked, phone, bool(party))
        for pk, role, rep, name, id_masked, phone, party in rows
    ]


@dataclass(frozen=True)
class HistoryLine:
    at: datetime.datetime
    change: str
    username: str
    tier: str
    name: str

    @property
    def when(self) -> str:
        """The time in the platform's time zone, to the minute."""
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M}"


def history(scope: Scope, org: Organization, limit: int = 30) -> list[HistoryLine]:
    """The latest changes of an organization (who, when, what it was called and its tier)."""
    org_id = id_in_scope(scope, org)

    historical = Organization.history.model  # type: ignore[attr-defined]
    # The labels simple-history gives its change types ("+" created, "~" changed, "-" deleted).
    kinds = dict(historical._meta.get_field("history_type").choices)
    tiers = dict(Tier.choices)
    rows = fetch(
        "SELECT h.history_date, h.history_type, u.username, h.tier, h.name "  # noqa: S608
        f"FROM {table(historical)} h LEFT JOIN {table(User)} u ON u.id = h.history_user_id "
        "WHERE h.id = %s ORDER BY h.history_date DESC LIMIT %s",
        [org_id, limit],
    )
    return [
        HistoryLine(
            aware(at), str(kinds.get(kind, kind)), user or "", str(tiers.get(tier, tier)), name
        )
        for at, kind, user, tier, name in rows
    ]
