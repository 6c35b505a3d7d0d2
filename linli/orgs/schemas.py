from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from linli.classify.vocabulary import TAGS_BY_CODE


class RegionBrief(Schema):
    code: str
    name: str


class OrganizationOut(Schema):
    id: int
    name: str
    tier: str
    category: str
    status: str
    tags: list[str]
    region: RegionBrief
    member_count: int
    founded_on: date | None
    recognised_on: date | None
    party_building: str
    credit_code: str
    legal_form: str
    hub_type: str

    @staticmethod
    def resolve_tags(obj: object) -> list[str]:
        return [t.tag for t in obj.tags.all()]  # type: ignore[attr-defined]


class PersonRoleOut(Schema):
    role: str
    name: str
    id_number_masked: str
    phone_masked: str
    is_party_member: bool


class OrganizationDetailOut(OrganizationOut):
    managing_unit: str
    supervisory_unit: str
    address: str
    business_scope: str
    activity_time: str
    activity_place: str
    party_member_count: int
    charter: str
    tag_names: list[str]
    people: list[PersonRoleOut]
    version: int

    @staticmethod
    def resolve_tag_names(obj: object) -> list[str]:
        return [TAGS_BY_CODE[t.tag].name for t in obj.tags.all() if t.tag in TAGS_BY_CODE]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_people(obj: object) -> list[dict[str, object]]:
        return [
            {
                "role": m.role,
                "name": m.person.full_name,
                "id_number_masked": m.person.id_number_masked,
                "phone_masked": m.person.phone_masked,
                "is_party_member": m.person.is_party_member,
            }
            for m in obj.memberships.all()  # type: ignore[attr-defined]
        ]


class OrganizationPage(Schema):
    count: int = Field(description="Matches in scope; when count_exact is false, more than this")
    count_exact: bool
    next_offset: int | None
    next_after: int | None
    results: list[OrganizationOut]
