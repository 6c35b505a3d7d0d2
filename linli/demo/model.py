"""What the generators hand each other: a place, a generated organization, a new person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from linli.classify.data.build_labelled import Stem
from linli.orgs.choices import OrgStatus, Tier
from linli.regions.models import Region


@dataclass(frozen=True)
class Place:
    community: Region
    street: Region
    district: Region | None  # None where streets hang straight from a city (东莞, 中山, 儋州…)
    city_name: str
    city: Region | None = None

    @property
    def authority(self) -> Region:
        """The unit that registers organizations here (and reviews their registration)."""
        return self.district or self.city or self.street


@dataclass(slots=True)
class NewPerson:
    id: int
    full_name: str
    id_number: str
    phone: str
    id_encrypted: str
    id_index: str
    id_masked: str
    phone_encrypted: str
    phone_index: str
    phone_masked: str
    birth_date: date
    is_party_member: bool
    level: str
    created_at: str

    def row(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.full_name,
            self.id_encrypted,
            self.id_index,
            self.id_masked,
            self.phone_encrypted,
            self.phone_index,
            self.phone_masked,
            self.birth_date.isoformat(),
            self.is_party_member,
            self.level,
            self.created_at,
            1,
        )

    def proposal_entry(self) -> dict[str, Any]:
        """The person as an application's proposal holds them (linli.applications.services)."""
        return {
            "role": "responsible",
            "full_name": self.full_name,
            "id_number_enc": self.id_encrypted,
            "id_number_masked": self.id_masked,
            "phone_enc": self.phone_encrypted,
            "phone_masked": self.phone_masked,
            "is_party_member": self.is_party_member,
        }


@dataclass(slots=True)
class GeneratedOrg:
    """What the later steps need to know of one generated organization."""

    name: str
    prefix: str
    stem: Stem
    tier: str
    legal_form: str
    region: Region
    place: Place
    founded_on: date
    recognised_on: date
    member_count: int
    activity_time: str
    activity_place: str
    party_building: str
    party_member_count: int
    tags: tuple[str, ...]
    id: int = 0
    credit_code: str = ""
    # When the approving decision (or, for groups, the recording) was made, seconds after
    # midnight UTC of recognised_on; the application's submission day and time.
    decided_seconds: int = 0
    submitted_on: date | None = None
    submitted_seconds: int = 0
    created_at: str = ""
    person: NewPerson | None = None
    closed_on: date | None = None
    closed_at: str = ""  # when the closure was recorded (the closing decision)
    # The closing application (registered organizations and teams): when it was submitted, and
    # a draw in [0, 1) that picks its reason.
    closing_submitted_on: date | None = None
    closing_submitted_seconds: int = 0
    closing_pick: float = 0.0

    @property
    def category(self) -> str:
        return self.stem.category

    @property
    def status(self) -> str:
        if self.closed_on is None:
            return OrgStatus.ACTIVE.value
        if self.tier == Tier.REGISTERED:
            return OrgStatus.DEREGISTERED.value
        return OrgStatus.FILING_CANCELLED.value

    @property
    def last_day(self) -> date | None:
        """The last day it was on the register as active (None: still is)."""
        return None if self.closed_on is None else self.closed_on - timedelta(days=1)

    @property
    def is_rural(self) -> bool:
        return self.place.community.kind == "rural"
