"""The reviewer's steps on a submitted or resubmitted application: return it for correction,
reject it, or approve it (which writes the registry, see ``registry``). Each checks that the
reviewer is the deciding unit's and that the application still waits for a decision."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.applications import rules
from linli.applications.choices import (
    DECIDED_STATES,
    OPEN_STATES,
    ApplicationKind,
    ApplicationState,
    EventAction,
)
from linli.applications.models import Application
from linli.applications.services._common import _event
from linli.applications.services.drafting import completeness_problems
from linli.applications.services.registry import apply_to_registry
from linli.core import audit
from linli.core.choices import AuditEventType, AuditResult
from linli.core.concurrency import bump_version, lock_current
from linli.core.errors import DomainError
from linli.core.notifications import notify, notify_phone


def can_review(user: Any, application: Application) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.role == rules.REVIEWER_ROLE.get(application.reviewing_region.level)
        and user.region_id == application.reviewing_region_id
        and user.pk != application.applicant_id
    )


def _lock_for_review(actor: User, app_id: int, expected_version: int | None) -> Application:
    application = lock_current(
        Application.objects.restrict(actor).select_related("reviewing_region"),
        pk=app_id,
        expected_version=expected_version,
    )
    if application.applicant_id == actor.pk:
        raise DomainError(_("You cannot review an application you submitted yourself."))
    if not can_review(actor, application):
        raise DomainError(
            _("This application is decided by %(unit)s.")
            % {"unit": application.reviewing_region.name}
        )
    if application.state not in OPEN_STATES:
        raise DomainError(
            _("This application is no longer waiting for a decision (it is now “%(state)s”).")
            % {"state": application.get_state_display()}
        )
    return application


def _decide(
    application: Application, actor: User, state: str, action: str, reason: str, **detail: Any
) -> None:
    before = application.state
    application.state = state
    application.decided_at = timezone.now() if state in DECIDED_STATES else None
    application.decided_by = actor if state in DECIDED_STATES else None
    application.decision_reason = reason
    bump_version(application)
    application.save()
    _event(application, action, actor, before, reason, **detail)
    audit.record(
        AuditEventType.APPLICATION_DECISION,
        actor=actor,
        obj=application,
        region_path=application.region_path,
        result=AuditResult.SUCCESS,
        detail={"decision": state, **detail},
    )
    if application.applicant_id is None:
        notify_phone(
            application.applicant_phone_encrypted,
            text=_("%(title)s: %(state)s. Details: %(url)s")
            % {
                "title": application.title,
                "state": application.get_state_display(),
                "url": f"/file/{application.pk}/",
            },
        )
    notify(
        [application.applicant] if application.applicant_id else [],
        title=_("%(title)s: %(state)s")
        % {"title": application.title, "state": application.get_state_display()},
        body=reason,
        url=f"/applications/{application.pk}/",
    )


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 2:
        raise DomainError(_("Give the reason, so that the applicant knows what to do."))
    return reason


@transaction.atomic
def application_return(
    *, actor: User, app_id: int, expected_version: int | None, reason: str
) -> Application:
    """补正: send back with what must be corrected; the applicant fixes and resubmits."""
    reason = _require_reason(reason)
    application = _lock_for_review(actor, app_id, expected_version)
    _decide(application, actor, ApplicationState.RETURNED, EventAction.RETURN, reason)
    return application


@transaction.atomic
def application_reject(
    *, actor: User, app_id: int, expected_version: int | None, reason: str
) -> Application:
    reason = _require_reason(reason)
    application = _lock_for_review(actor, app_id, expected_version)
    _decide(application, actor, ApplicationState.REJECTED, EventAction.REJECT, reason)
    return application


@transaction.atomic
def application_approve(
    *,
    actor: User,
    app_id: int,
    expected_version: int | None,
    reason: str = "",
    credit_code: str = "",
) -> Application:
    """Approve and write the registry in the same transaction."""
    application = _lock_for_review(actor, app_id, expected_version)
    problems = completeness_problems(application)
    if problems:
        raise DomainError(_("The application is not complete:") + " " + "；".join(problems))
    org = apply_to_registry(application, actor, credit_code.strip())
    application.organization = org
    if application.kind in (ApplicationKind.FILING, ApplicationKind.RECORDING):
        # 64 bits: millions of certificates stay out of reach of guessing (SECURITY.md).
        application.certificate_code = secrets.token_hex(8).upper()
    _decide(
        application,
        actor,
        ApplicationState.APPROVED,
        EventAction.APPROVE,
        reason.strip() or _("Approved."),
        organization=org.pk,
    )
    return application
