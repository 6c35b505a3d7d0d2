from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import make_org
from linli.core.errors import DomainError, StaleObjectError
from linli.core.models import AuditEvent
from linli.orgs.models import Organization, Person
from linli.orgs.services import (
    OrganizationData,
    PersonData,
    membership_add,
    organization_update,
    person_upsert,
)
from linli.regions.models import Region

pytestmark = pytest.mark.django_db


def test_managing_unit_follows_tier_and_place(orgs) -> None:
    assert orgs.dance_a.filing_street.code == "310104003"
    assert orgs.choir_a.guiding_committee.code == "310104003002"
    # A community foundation is registered by the city bureau (004 三(二)).
    assert orgs.fund_a.registration_authority.code == "310000"
    ordinary = make_org(
        "徐汇区康健养老服务社",
        "registered",
        "life_service",
        "310104003",
        legal_form="social_service_agency",
    )
    assert ordinary.registration_authority.code == "310104"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"tier": "registered", "legal_form": "", "credit_code": ""}, "legal_form"),
        (
            {
                "tier": "registered",
                "legal_form": "social_group",
                "credit_code": "91310000ABCDEFGH1X",
            },
            "credit_code",
        ),
        ({"tier": "group", "region": "310104003"}, "region"),
        ({"tags": ["nonsense"]}, "tags"),
        ({"member_count": 5, "party_member_count": 9}, "party_member_count"),
    ],
)
def test_bad_data_is_refused_field_by_field(orgs, changes, field) -> None:
    values = {
        "name": "测试队",
        "tier": "team",
        "category": "culture_sports",
        "region": "310104003001",
    } | changes
    region = Region.objects.get(code=values.pop("region"))
    with pytest.raises(ValidationError) as info:
        organization_update(
            actor=None,
            org_id=orgs.dance_a.pk,
            expected_version=None,
            data=OrganizationData(region=region, **values),
        )
    assert field in info.value.message_dict
    orgs.dance_a.refresh_from_db()
    assert orgs.dance_a.name == "天平路街道舞蹈队"


def test_credit_code_is_unique(orgs) -> None:
    with pytest.raises(DomainError):
        make_org(
            "另一个基金会",
            "registered",
            "charity",
            "310104003",
            legal_form="foundation",
            credit_code="53310104MJ4915237C",
        )


def test_update_is_versioned_audited_and_kept_in_history(orgs, people) -> None:
    org = orgs.dance_a
    data = OrganizationData(
        name="天平路街道舞蹈团",
        tier="team",
        category="culture_sports",
        region=org.region,
        member_count=20,
        tags=["sports", "culture"],
    )
    organization_update(actor=people.street_a, org_id=org.pk, expected_version=1, data=data)
    org.refresh_from_db()
    assert org.version == 2 and sorted(org.tags.values_list("tag", flat=True)) == [
        "culture",
        "sports",
    ]
    assert org.history.count() == 2
    assert AuditEvent.objects.filter(event_type="org_update", object_id=str(org.pk)).count() == 1
    with pytest.raises(StaleObjectError):
        organization_update(actor=people.street_a, org_id=org.pk, expected_version=1, data=data)


def test_out_of_scope_update_is_404(orgs, people) -> None:
    from django.http import Http404

    data = OrganizationData(
        name="越权", tier="team", category="culture_sports", region=orgs.dance_b.region
    )
    with pytest.raises(Http404):
        organization_update(
            actor=people.street_a, org_id=orgs.dance_b.pk, expected_version=None, data=data
        )


def test_moving_an_org_out_of_scope_is_refused(orgs, people) -> None:
    from django.http import Http404

    data = OrganizationData(
        name="天平路街道舞蹈队",
        tier="team",
        category="culture_sports",
        region=Region.objects.get(code="310104004001"),
    )
    with pytest.raises(Http404):
        organization_update(
            actor=people.street_a, org_id=orgs.dance_a.pk, expected_version=None, data=data
        )


def test_one_person_many_roles_is_one_record(orgs) -> None:
    a = person_upsert(
        data=PersonData(full_name="王秀英", id_number="11010519491231002X", phone="13812345678")
    )
    b = person_upsert(data=PersonData(full_name="王秀英", id_number="11010519491231002x"))
    assert a.pk == b.pk and Person.objects.count() == 1
    membership_add(organization=orgs.dance_a, person=a, role="responsible")
    membership_add(organization=orgs.choir_a, person=b, role="member")
    assert a.memberships.count() == 2
    assert a.id_number_masked == "1101**********002X" and a.phone_masked == "138****5678"
    assert a.reveal_id_number() == "11010519491231002X"


@pytest.mark.parametrize(
    ("id_number", "phone"),
    [
        ("110105194912310021", ""),  # wrong check digit
        ("110105204912310027", ""),  # born in the future
        ("", "1381234567"),  # 10 digits
        ("", "23812345678"),
    ],
)
def test_bad_personal_numbers_are_refused_in_chinese(id_number, phone) -> None:
    with pytest.raises(DomainError) as info:
        person_upsert(data=PersonData(full_name="李四", id_number=id_number, phone=phone))
    assert "李四" in info.value.message
    assert Person.objects.count() == 0


def test_raw_sql_shows_no_plaintext_personal_data(orgs) -> None:
    from django.db import connection

    person_upsert(
        data=PersonData(full_name="王秀英", id_number="11010519491231002X", phone="13812345678")
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM orgs_person")
        dump = str(cursor.fetchall())
    assert "11010519491231002X" not in dump and "13812345678" not in dump


def test_org_count_sanity(orgs) -> None:
    assert Organization.objects.count() == 5
