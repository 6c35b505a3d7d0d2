"""The registry tables the generator writes, with their columns in row order."""

from __future__ import annotations

from linli.demo.bulkload import Table
from linli.orgs.models import Membership, Organization, OrganizationTag, Person

ORGANIZATION = Table(
    Organization,
    (
        "id", "name", "tier", "category", "legal_form", "credit_code", "hub_type", "region_id",
        "region_path", "address", "founded_on", "member_count", "business_scope",
        "activity_time", "activity_place", "registration_authority_id", "supervisory_unit",
        "filing_street_id", "guiding_committee_id", "status", "party_building",
        "party_member_count", "charter", "recognised_on", "closed_on", "name_initials",
        "search_tokens", "created_at", "updated_at", "version",
    ),
)  # fmt: skip
HISTORY = Table(
    Organization.history.model,
    (
        "id", "name", "tier", "category", "legal_form", "credit_code", "hub_type",
        "region_path", "address", "founded_on", "member_count", "business_scope",
        "activity_time", "activity_place", "supervisory_unit", "status", "party_building",
        "party_member_count", "charter", "recognised_on", "closed_on", "created_at", "version",
        "region_id", "registration_authority_id", "filing_street_id", "guiding_committee_id",
        "history_id", "history_date", "history_change_reason", "history_type",
        "history_user_id",
    ),
)  # fmt: skip
TAG = Table(OrganizationTag, ("id", "organization_id", "tag"))
PERSON = Table(
    Person,
    (
        "id", "full_name", "id_number_encrypted", "id_number_index", "id_number_masked",
        "phone_encrypted", "phone_index", "phone_masked", "birth_date", "is_party_member",
        "social_worker_level", "created_at", "version",
    ),
)  # fmt: skip
MEMBERSHIP = Table(
    Membership,
    (
        "id", "organization_id", "person_id", "role", "is_community_representative",
        "started_on", "ended_on",
    ),
)  # fmt: skip
