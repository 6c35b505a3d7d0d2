from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from linli.applications import services
from linli.applications.choices import EDITABLE_STATES, ApplicationKind
from linli.core.schemas import InputSchema


# JSON bodies: a number is a number and a truth value true or false, as the schema says (no
# "yes" or "12" taken for them).
class ResponsibleIn(InputSchema):
    full_name: str
    id_number: str = ""
    phone: str = ""
    is_party_member: StrictBool = False


class ApplicationIn(InputSchema):
    kind: ApplicationKind
    organization_id: StrictInt | None = None
    name: str = ""
    region: str = ""
    category: str = ""
    tags: list[str] = []
    legal_form: str = ""
    credit_code: str = ""
    hub_type: str = ""
    address: str = ""
    founded_on: date | None = None
    member_count: StrictInt = 0
    business_scope: str = ""
    activity_time: str = ""
    activity_place: str = ""
    supervisory_unit: str = ""
    party_building: str = "none"
    party_member_count: StrictInt = 0
    charter: str = ""
    responsible: ResponsibleIn | None = None
    explanation: str = ""

    @field_validator("founded_on", mode="before")
    @classmethod
    def _a_date_is_written_as_one(cls, value: Any) -> Any:
        """A date is "YYYY-MM-DD", not a number of seconds (pydantic would take that)."""
        if isinstance(value, int | float):
            raise PydanticCustomError("date_type", "日期应写作 YYYY-MM-DD")
        return value


class StepIn(InputSchema):
    version: StrictInt | None = None
    commitment: StrictBool = False
    reason: str = ""
    credit_code: str = ""


class EventOut(Schema):
    action: str
    from_state: str
    to_state: str
    actor_name: str
    reason: str
    occurred_at: datetime


class ApplicationOut(Schema):
    id: int
    kind: str
    state: str
    title: str
    region_code: str
    reviewing_unit: str
    organization_id: int | None
    applicant_name: str
    submitted_at: datetime | None
    due_on: date | None
    is_overdue: bool
    decision_reason: str
    certificate_code: str
    version: int

    @staticmethod
    def resolve_region_code(obj: Any) -> str:
        return str(obj.region.code)

    @staticmethod
    def resolve_reviewing_unit(obj: Any) -> str:
        return str(obj.reviewing_region.name)


class ApplicationDetailOut(ApplicationOut):
    proposed: dict[str, Any]
    events: list[EventOut]
    problems: list[str]

    @staticmethod
    def resolve_proposed(obj: Any) -> dict[str, Any]:
        # Ciphertexts stay on the server; masked numbers are enough for any client.
        people = [
            {k: v for k, v in p.items() if not k.endswith("_enc")}
            for p in obj.proposed.get("people", [])
        ]
        return {**obj.proposed, "people": people}

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return list(obj.events.all())

    @staticmethod
    def resolve_problems(obj: Any) -> list[str]:
        return services.completeness_problems(obj) if obj.state in EDITABLE_STATES else []
