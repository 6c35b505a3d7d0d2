"""The application workflow: draft → submitted → (returned ⇄ resubmitted) → approved/rejected,
or withdrawn. Each step is one transaction that checks the current state and version, writes
the workflow event and the audit row, and notifies on commit. Approval writes the registry
through linli.orgs.services in the same transaction."""

from __future__ import annotations

from linli.applications.services._common import (
    Applicant,
    PublicApplicant,
    organization_data_of,
    responsible_of,
    reviewers_of,
)
from linli.applications.services.drafting import (
    CHANGE_KINDS,
    PUBLIC_KINDS,
    Responsible,
    application_create,
    application_submit,
    application_update,
    application_withdraw,
    attachment_add,
    completeness_problems,
    responsible_as_input,
)
from linli.applications.services.review import (
    application_approve,
    application_reject,
    application_return,
    can_review,
)

__all__ = [
    "CHANGE_KINDS",
    "PUBLIC_KINDS",
    "Applicant",
    "PublicApplicant",
    "Responsible",
    "application_approve",
    "application_create",
    "application_reject",
    "application_return",
    "application_submit",
    "application_update",
    "application_withdraw",
    "attachment_add",
    "can_review",
    "completeness_problems",
    "organization_data_of",
    "responsible_as_input",
    "responsible_of",
    "reviewers_of",
]
