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

_STAFF = {VIEW_REGIONS, USE_API_TOKENS}
_BUREAU = _STAFF | {MANAGE_COMMUNITIES, VIEW_REGION_HISTORY, VIEW_AUDIT}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CITY_BUREAU: frozenset(_BUREAU),
    Role.DISTRICT_BUREAU: frozenset(_BUREAU),
    Role.STREET_OFFICE: frozenset(_STAFF | {MANAGE_COMMUNITIES, VIEW_REGION_HISTORY}),
    Role.COMMITTEE: frozenset(_STAFF),
    Role.ORG_LEADER: frozenset({VIEW_REGIONS}),
    Role.BASE_OPERATOR: frozenset(_STAFF),
    Role.EXPERT: frozenset({VIEW_REGIONS}),
    Role.ADMIN: frozenset(_BUREAU | {MANAGE_USERS}),
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
