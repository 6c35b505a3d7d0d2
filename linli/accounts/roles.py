"""What each role may do and where it may sit. Permissions are plain strings checked with
``user.has_perm``; the RolePermissionBackend grants them from this table."""

from __future__ import annotations

from linli.accounts.choices import Role
from linli.regions.choices import RegionLevel

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

# The levels of region a user of each role may be bound to. A municipality (直辖市) is a
# province-level row that acts as a city.
ROLE_REGION_LEVELS: dict[str, frozenset[str]] = {
    Role.CITY_BUREAU: frozenset({RegionLevel.CITY, RegionLevel.PROVINCE}),
    Role.DISTRICT_BUREAU: frozenset({RegionLevel.DISTRICT}),
    Role.STREET_OFFICE: frozenset({RegionLevel.STREET}),
    Role.COMMITTEE: frozenset({RegionLevel.COMMUNITY}),
    Role.ORG_LEADER: frozenset({RegionLevel.STREET, RegionLevel.COMMUNITY}),
    Role.BASE_OPERATOR: frozenset({RegionLevel.CITY, RegionLevel.DISTRICT, RegionLevel.STREET}),
    Role.EXPERT: frozenset({RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.DISTRICT}),
    Role.ADMIN: frozenset(RegionLevel.values),
}


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
