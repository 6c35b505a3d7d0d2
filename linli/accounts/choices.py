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
