"""Roles and what each may do: the platform's permissions are plain strings checked with
``user.has_perm``, granted by linli.accounts.backends.RolePermissionBackend from this table.
Every app's views check them, so they live in the foundation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_BUREAU = "city_bureau", _("City civil-affairs bureau")
    DISTRICT_BUREAU = "district_bureau", _("District civil-affairs bureau")
    STREET_OFFICE = "street_office", _("Street / town office")
    COMMITTEE = "committee", _("Residents' / villagers' committee")
    ORG_LEADER = "org_leader", _("Organization leader")
    BASE_OPERATOR = "base_operator", _("Incubation base operator")
    EXPERT = "expert", _("Evaluation expert")
    ADMIN = "admin", _("System administrator")


VIEW_REGIONS = "regions.view_region"
MANAGE_COMMUNITIES = "regions.manage_community"
VIEW_REGION_HISTORY = "regions.view_history"
MANAGE_USERS = "accounts.manage_users"
VIEW_AUDIT = "core.view_audit"
USE_API_TOKENS = "accounts.use_api_tokens"
VIEW_ORGS = "orgs.view_organization"
CHANGE_ORGS = "orgs.change_organization"
REVEAL_PERSONAL_DATA = "orgs.reveal_personal_data"
VIEW_APPLICATIONS = "applications.view_application"
APPLY = "applications.apply"
REVIEW = "applications.review"

_STAFF = {VIEW_REGIONS, USE_API_TOKENS, VIEW_ORGS, VIEW_APPLICATIONS}
_BUREAU = _STAFF | {
    MANAGE_COMMUNITIES,
    VIEW_REGION_HISTORY,
    VIEW_AUDIT,
    CHANGE_ORGS,
    REVEAL_PERSONAL_DATA,
    APPLY,
    REVIEW,
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CITY_BUREAU: frozenset(_BUREAU),
    Role.DISTRICT_BUREAU: frozenset(_BUREAU),
    Role.STREET_OFFICE: frozenset(
        _STAFF
        | {
            MANAGE_COMMUNITIES,
            VIEW_REGION_HISTORY,
            CHANGE_ORGS,
            REVEAL_PERSONAL_DATA,
            APPLY,
            REVIEW,
        }
    ),
    Role.COMMITTEE: frozenset(_STAFF | {APPLY, REVIEW}),
    Role.ORG_LEADER: frozenset({VIEW_REGIONS, APPLY, VIEW_APPLICATIONS}),
    Role.BASE_OPERATOR: frozenset(_STAFF),
    Role.EXPERT: frozenset({VIEW_REGIONS}),
    # The system administrator manages accounts and reads the audit log, but has no business
    # reason to change organizations or see personal data (least privilege).
    Role.ADMIN: frozenset(
        _STAFF | {MANAGE_COMMUNITIES, VIEW_REGION_HISTORY, VIEW_AUDIT, MANAGE_USERS}
    ),
}


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
