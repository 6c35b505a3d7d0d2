from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District / county")
    STREET = "street", _("Street / town")
    COMMUNITY = "community", _("Community")


class CommunityKind(models.TextChoices):
    URBAN = "urban", _("Residents' committee (urban)")
    RURAL = "rural", _("Villagers' committee (rural)")


# The Ministry's table numbers its levels 1-4; communities are ours (5).
LEVEL_BY_MINISTRY_NUMBER = {
    1: RegionLevel.PROVINCE,
    2: RegionLevel.CITY,
    3: RegionLevel.DISTRICT,
    4: RegionLevel.STREET,
}

# Provinces that are themselves cities (直辖市): they have no prefecture level in the table.
MUNICIPALITY_CODES = frozenset({"110000", "120000", "310000", "500000"})
