from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    FILING = "filing", _("Team filing")
    RECORDING = "recording", _("Group recording")
    AMENDMENT = "amendment", _("Amendment")
    DEREGISTRATION = "deregistration", _("Deregistration")
    FILING_CANCELLATION = "filing_cancellation", _("Cancellation of filing")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EventAction(models.TextChoices):
    CREATE = "create", _("Created")
    EDIT = "edit", _("Edited")
    SUBMIT = "submit", _("Submitted")
    RETURN = "return_for_correction", _("Returned for correction")
    RESUBMIT = "resubmit", _("Resubmitted")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    WITHDRAW = "withdraw", _("Withdrawn")
    ATTACH = "attach", _("Material added")


OPEN_STATES = (ApplicationState.SUBMITTED, ApplicationState.RESUBMITTED)
EDITABLE_STATES = (ApplicationState.DRAFT, ApplicationState.RETURNED)
DECIDED_STATES = (ApplicationState.APPROVED, ApplicationState.REJECTED)
