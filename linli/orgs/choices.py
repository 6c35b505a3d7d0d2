from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Tier(models.TextChoices):
    REGISTERED = "registered", _("Registered social organization")
    TEAM = "team", _("Mass activity team")
    GROUP = "group", _("Community activity group")


class Category(models.TextChoices):
    CHARITY = "charity", _("Charity and public welfare")
    LIFE_SERVICE = "life_service", _("Life services")
    COMMUNITY_AFFAIRS = "community_affairs", _("Community affairs")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")


class LegalForm(models.TextChoices):
    SOCIAL_GROUP = "social_group", _("Social group")
    SOCIAL_SERVICE_AGENCY = "social_service_agency", _("Social service agency")
    FOUNDATION = "foundation", _("Foundation")


class HubType(models.TextChoices):
    NONE = "", _("Not a hub")
    FEDERATION = "federation", _("Federation")
    COMMUNITY_FOUNDATION = "community_foundation", _("Community foundation")
    SERVICE_CENTER = "service_center", _("Service centre")


class OrgStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("organization status", "Active")
    DEREGISTERED = "deregistered", _("Deregistered")
    FILING_CANCELLED = "filing_cancelled", _("Filing cancelled")


class PartyBuilding(models.TextChoices):
    OWN_ORGANIZATION = "own_organization", _("Own party organization")
    JOINT_BRANCH = "joint_branch", _("Joint party branch")
    INSTRUCTOR = "instructor", _("Party-building instructor or liaison")
    NONE = "none", _("None")


class PersonRole(models.TextChoices):
    RESPONSIBLE = "responsible", _("Responsible person")
    BOARD = "board", _("Board member")
    SUPERVISOR = "supervisor", _("Supervisor")
    MEMBER = "member", _("Member")
    CONTACT = "contact", _("Contact")


class SocialWorkerLevel(models.TextChoices):
    NONE = "", _("None")
    ASSISTANT = "assistant", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR = "senior", _("Senior social worker")
