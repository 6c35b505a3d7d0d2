from django.db import models
from django.utils.translation import gettext_lazy as _


class RunState(models.TextChoices):
    RUNNING = "running", _("In progress")
    REVIEW = "review", _("Awaiting review")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class Outcome(models.TextChoices):
    APPLIED = "applied", _("Applied automatically")
    QUEUED = "queued", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted by a reviewer")
    REJECTED = "rejected", _("Rejected (kept as it was)")
    CORRECTED = "corrected", _("Corrected by a reviewer")
    SUPERSEDED = "superseded", _("Replaced by a later run")


#: Outcomes that changed the organization.
RELABELLED = (Outcome.APPLIED, Outcome.ACCEPTED, Outcome.CORRECTED)
#: Outcomes a reviewer decided.
REVIEWED = (Outcome.ACCEPTED, Outcome.CORRECTED)
