"""The registry table, drawn in Python (see linli.core.tables)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from linli.core.navigation import fixed_url
from linli.core.tables import Column, body, header
from linli.orgs.choices import Category, OrgStatus, Tier
from linli.orgs.selectors import ListedOrganization


def organization_table(organizations: Iterable[ListedOrganization]) -> dict[str, SafeString]:
    list_url = fixed_url("orgs:list")
    tiers = {value: str(label) for value, label in Tier.choices}
    categories = {value: str(label) for value, label in Category.choices}
    statuses = {value: str(label) for value, label in OrgStatus.choices}
    columns = [
        Column(_("Name"), lambda o: o.name, link=lambda o: f"{list_url}{o.pk}/"),
        Column(_("Tier"), lambda o: tiers.get(o.tier, o.tier)),
        Column(_("Category"), lambda o: categories.get(o.category, o.category)),
        Column(_("Region"), lambda o: o.region_name),
        Column(_("Members"), lambda o: o.member_count),
        Column(_("Status"), lambda o: statuses.get(o.status, o.status)),
    ]
    return {"head": header(columns), "body": body(columns, organizations)}
