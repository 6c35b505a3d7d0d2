"""What every step of the workflow shares: who acts (a user, or a resident who proved a mobile
number), the workflow event each step writes, the proposal read back, and who reviews it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from linli.accounts.models import User
from linli.applications import rules
from linli.applications.models import Application, ApplicationEvent
from linli.orgs.services import OrganizationData


@dataclass(frozen=True)
class PublicApplicant:
    """A resident who proved a mobile number by code instead of signing in (team leaders
    without an account). They may file teams and record groups, and see only their own."""

    phone_index: str
    phone_masked: str
    phone_encrypted: str
    name: str = ""

    @property
    def display_name(self) -> str:
        return self.name or self.phone_masked


Applicant = User | PublicApplicant


def _user(actor: Applicant | None) -> User | None:
    return actor if isinstance(actor, User) else None


def organization_data_of(application: Application) -> OrganizationData:
    """The proposal back as OrganizationData (for validation, forms and approval)."""
    p = dict(application.proposed)
    founded = p.get("founded_on")
    return OrganizationData(
        name=p.get("name", ""),
        tier=p.get("tier") or rules.TIER_OF_KIND.get(application.kind, "team"),
        category=p.get("category", ""),
        region=application.region,
        legal_form=p.get("legal_form", ""),
        credit_code=p.get("credit_code", ""),
        hub_type=p.get("hub_type", ""),
        address=p.get("address", ""),
        founded_on=date.fromisoformat(founded) if founded else None,
        member_count=int(p.get("member_count") or 0),
        business_scope=p.get("business_scope", ""),
        activity_time=p.get("activity_time", ""),
        activity_place=p.get("activity_place", ""),
        supervisory_unit=p.get("supervisory_unit", ""),
        party_building=p.get("party_building") or "none",
        party_member_count=int(p.get("party_member_count") or 0),
        charter=p.get("charter", ""),
        tags=list(p.get("tags") or []),
    )


def responsible_of(application: Application) -> dict[str, Any] | None:
    return next(
        (p for p in application.proposed.get("people", []) if p["role"] == "responsible"), None
    )


def _event(
    application: Application,
    action: str,
    actor: Applicant | None,
    from_state: str,
    reason: str = "",
    **detail: Any,
) -> None:
    ApplicationEvent.objects.create(
        application=application,
        action=action,
        from_state=from_state,
        to_state=application.state,
        actor=_user(actor),
        actor_name=(actor.display_name if actor is not None else application.applicant_name),
        reason=reason,
        detail=detail,
    )


def reviewers_of(application: Application) -> list[User]:
    role = rules.REVIEWER_ROLE[application.reviewing_region.level]
    return list(
        User.objects.filter(role=role, region=application.reviewing_region, is_active=True).exclude(
            pk=application.applicant_id
        )
    )
