"""Where each role may sit in the region tree (what each may do: linli.core.roles)."""

from __future__ import annotations

from linli.core.roles import Role
from linli.regions.choices import RegionLevel

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
