"""The filing workflow end to end at service level, and its illegal transitions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user
from linli.applications import services
from linli.applications.models import Application
from linli.core.errors import DomainError, StaleObjectError
from linli.core.models import AuditEvent, Notification
from linli.orgs.models import Organization
from linli.orgs.services import OrganizationData
from linli.regions.models import Region

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def filing_data(**changes) -> OrganizationData:
    values = {
        "name": "天平路街道太极拳队",
        "tier": "team",
        "category": "",
        "region": Region.objects.get(code="310104003001"),
        "member_count": 12,
        "business_scope": "每周练习二十四式太极拳",
        "activity_time": "每周二、四上午",
        "activity_place": "天平路第一居委会活动室",
    } | changes
    return OrganizationData(**values)


def responsible() -> services.Responsible:
    return services.Responsible(
        full_name="周秀英",
        id_number="11010519491231002X",
        phone="13812345678",
        is_party_member=True,
    )


def attach(actor, application) -> None:
    services.attachment_add(
        actor=actor,
        app_id=application.pk,
        material="member_list",
        upload=SimpleUploadedFile("名册.pdf", PDF),
    )
    services.attachment_add(
        actor=actor,
        app_id=application.pk,
        material="identity",
        upload=SimpleUploadedFile("身份证.jpg", JPG),
    )


@pytest.fixture
def draft(people) -> Application:
    application = services.application_create(
        actor=people.leader, kind="filing", data=filing_data(), responsible=responsible()
    )
    attach(people.leader, application)
    return application


def test_a_new_filing_is_classified_and_goes_to_the_street(draft, people) -> None:
    assert draft.reviewing_region.code == "310104003"
    assert draft.proposed["category"] == "culture_sports"  # filled from the suggestion
    assert draft.proposed["tags"] == ["sports"]
    assert draft.proposed["suggestion"]["reasons"]
    assert draft.proposed["people"][0]["id_number_masked"] == "1101**********002X"
    assert "11010519491231002X" not in str(draft.proposed)


def test_filing_round_trip_return_resubmit_approve(draft, people) -> None:
    with pytest.raises(DomainError, match="承诺"):
        services.application_submit(
            actor=people.leader, app_id=draft.pk, expected_version=None, commitment=False
        )
    app = services.application_submit(
        actor=people.leader, app_id=draft.pk, expected_version=None, commitment=True
    )
    assert app.state == "submitted" and app.due_on is not None and app.commitment_signed_at
    assert Notification.objects.filter(recipient=people.street_a).count() == 1
    app = services.application_return(
        actor=people.street_a,
        app_id=app.pk,
        expected_version=app.version,
        reason="请补充成员名册的联系电话",
    )
    assert app.state == "returned"
    assert Notification.objects.filter(recipient=people.leader).count() == 1
    app = services.application_update(
        actor=people.leader,
        app_id=app.pk,
        expected_version=app.version,
        data=filing_data(member_count=15),
        responsible=None,
    )
    app = services.application_submit(
        actor=people.leader, app_id=app.pk, expected_version=app.version, commitment=True
    )
    assert app.state == "resubmitted"
    app = services.application_approve(
        actor=people.street_a, app_id=app.pk, expected_version=app.version
    )
    org = Organization.objects.get(pk=app.organization_id)
    assert org.tier == "team" and org.filing_street.code == "310104003"
    assert org.member_count == 15 and org.category == "culture_sports"
    assert org.memberships.get().person.full_name == "周秀英"
    assert len(app.certificate_code) == 16  # 64 bits
    actions = list(app.events.values_list("action", flat=True))
    assert actions == [
        "create",
        "attach",
        "attach",
        "submit",
        "return_for_correction",
        "edit",
        "resubmit",
        "approve",
    ]
    decisions = AuditEvent.objects.filter(event_type="application_decision")
    assert decisions.count() == 2 and AuditEvent.objects.filter(event_type="org_create").exists()


def test_team_criteria_are_enforced_with_clear_reasons(people) -> None:
    app = services.application_create(
        actor=people.leader,
        kind="filing",
        data=filing_data(member_count=6, activity_place="", name="中国太极"),
        responsible=None,
    )
    problems = " ".join(services.completeness_problems(app))
    for words in ("至少 10", "负责人", "时间和地点", "中国", "名册"):
        assert words in problems, words
    with pytest.raises(DomainError):
        services.application_submit(
            actor=people.leader, app_id=app.pk, expected_version=None, commitment=True
        )
    assert Application.objects.get(pk=app.pk).state == "draft"


def test_the_rule_is_configurable_per_region(people) -> None:
    from linli.applications.models import FilingRule

    FilingRule.objects.create(region=Region.objects.get(code="310104"), min_members=5)
    app = services.application_create(
        actor=people.leader,
        kind="filing",
        data=filing_data(member_count=6),
        responsible=responsible(),
    )
    assert not any("至少" in p for p in services.completeness_problems(app))


@pytest.fixture
def submitted(draft, people) -> Application:
    return services.application_submit(
        actor=people.leader, app_id=draft.pk, expected_version=None, commitment=True
    )


def test_illegal_transitions(submitted, people) -> None:
    app = submitted
    with pytest.raises(DomainError, match="已经提交"):  # submit twice
        services.application_submit(
            actor=people.leader, app_id=app.pk, expected_version=None, commitment=True
        )
    with pytest.raises(DomainError, match="理由"):  # return without reason
        services.application_return(
            actor=people.street_a, app_id=app.pk, expected_version=None, reason=" "
        )
    with pytest.raises(DomainError):  # the committee does not decide filings
        services.application_approve(actor=people.committee, app_id=app.pk, expected_version=None)
    with pytest.raises(DomainError):  # the applicant cannot decide
        services.application_approve(actor=people.leader, app_id=app.pk, expected_version=None)
    from django.http import Http404

    with pytest.raises(Http404):  # another street cannot even see it
        services.application_approve(actor=people.street_b, app_id=app.pk, expected_version=None)
    services.application_reject(
        actor=people.street_a, app_id=app.pk, expected_version=None, reason="活动内容与社区服务无关"
    )
    with pytest.raises(DomainError, match="不再等待"):  # decided: no second decision
        services.application_approve(actor=people.street_a, app_id=app.pk, expected_version=None)
    with pytest.raises(DomainError):  # decided: cannot withdraw
        services.application_withdraw(actor=people.leader, app_id=app.pk, expected_version=None)


def test_submitter_never_reviews_own_application(people) -> None:
    app = services.application_create(
        actor=people.street_a, kind="filing", data=filing_data(), responsible=responsible()
    )
    attach(people.street_a, app)
    services.application_submit(
        actor=people.street_a, app_id=app.pk, expected_version=None, commitment=True
    )
    with pytest.raises(DomainError, match="自己"):
        services.application_approve(actor=people.street_a, app_id=app.pk, expected_version=None)
    colleague = make_user("street_a2", "street_office", "310104003")
    services.application_approve(actor=colleague, app_id=app.pk, expected_version=None)


def test_stale_decision_is_refused(submitted, people) -> None:
    colleague = make_user("street_a2", "street_office", "310104003")
    version = submitted.version
    services.application_return(
        actor=people.street_a, app_id=submitted.pk, expected_version=version, reason="请补充材料"
    )
    with pytest.raises(StaleObjectError):
        services.application_approve(actor=colleague, app_id=submitted.pk, expected_version=version)


def test_recording_a_group_goes_to_the_committee(people) -> None:
    app = services.application_create(
        actor=people.leader,
        kind="recording",
        data=filing_data(
            name="永嘉编织小组",
            tier="group",
            member_count=6,
            region=Region.objects.get(code="310104003001"),
        ),
        responsible=responsible(),
    )
    assert app.reviewing_region.code == "310104003001"
    services.application_submit(
        actor=people.leader, app_id=app.pk, expected_version=None, commitment=True
    )
    app = services.application_approve(actor=people.committee, app_id=app.pk, expected_version=None)
    assert app.organization.tier == "group"
    assert app.organization.guiding_committee.code == "310104003001"


def test_a_group_moves_up_to_a_team_keeping_its_identity(people) -> None:
    group = services.application_create(
        actor=people.leader,
        kind="recording",
        data=filing_data(name="天平太极拳小组", member_count=6),
        responsible=responsible(),
    )
    services.application_submit(
        actor=people.leader, app_id=group.pk, expected_version=None, commitment=True
    )
    org = services.application_approve(
        actor=people.committee, app_id=group.pk, expected_version=None
    ).organization
    team = services.application_create(
        actor=people.leader,
        kind="filing",
        data=filing_data(name="天平太极拳队"),
        responsible=responsible(),
        organization=org,
    )
    attach(people.leader, team)
    services.application_submit(
        actor=people.leader, app_id=team.pk, expected_version=None, commitment=True
    )
    services.application_approve(actor=people.street_a, app_id=team.pk, expected_version=None)
    org.refresh_from_db()
    assert org.tier == "team" and org.name == "天平太极拳队"
    assert Organization.objects.count() == 1
    assert [h.tier for h in org.history.order_by("history_date")] == ["group", "team"]
    assert org.applications.count() == 2


def test_cancellation_of_filing(submitted, people) -> None:
    app = services.application_approve(
        actor=people.street_a, app_id=submitted.pk, expected_version=None
    )
    org = app.organization
    with pytest.raises(DomainError, match="说明"):
        services.application_create(
            actor=people.leader, kind="filing_cancellation", data=filing_data(), organization=org
        )
    closing = services.application_create(
        actor=people.leader,
        kind="filing_cancellation",
        data=filing_data(),
        organization=org,
        explanation="成员年事已高，自愿解散",
    )
    assert closing.reviewing_region.code == "310104003"
    services.application_submit(
        actor=people.leader, app_id=closing.pk, expected_version=None, commitment=True
    )
    services.application_approve(actor=people.street_a, app_id=closing.pk, expected_version=None)
    org.refresh_from_db()
    assert org.status == "filing_cancelled"


def test_registration_needs_the_credit_code_at_approval(people) -> None:
    data = filing_data(
        name="上海市徐汇区天平社区睦邻服务社",
        tier="registered",
        legal_form="social_service_agency",
        region=Region.objects.get(code="310104003"),
    )
    app = services.application_create(
        actor=people.street_a, kind="registration", data=data, responsible=responsible()
    )
    assert app.reviewing_region.code == "310104"
    for material in ("application_letter", "charter", "identity", "premises", "funds"):
        services.attachment_add(
            actor=people.street_a,
            app_id=app.pk,
            material=material,
            upload=SimpleUploadedFile("a.pdf", PDF),
        )
    services.application_submit(
        actor=people.street_a, app_id=app.pk, expected_version=None, commitment=True
    )
    with pytest.raises(DomainError, match="信用代码"):
        services.application_approve(actor=people.district, app_id=app.pk, expected_version=None)
    app = services.application_approve(
        actor=people.district,
        app_id=app.pk,
        expected_version=None,
        credit_code="52310104MJ4915238J",
    )
    assert app.organization.tier == "registered"
    assert app.organization.registration_authority.code == "310104"


def test_deadline_counts_working_days() -> None:
    from datetime import date

    from linli.applications.deadlines import add_working_days, working_days_between

    # National Day 2026: 1–7 October off; Saturday 10 October is a make-up workday.
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 8), 2) == date(2026, 10, 10)
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2
    assert add_working_days(date(2030, 1, 4), 1) == date(2030, 1, 7)  # beyond the calendar


def test_amending_a_registered_organization_keeps_its_tier_and_credit_code(orgs, people) -> None:
    fund = orgs.fund_a
    data = OrganizationData(
        name="上海市徐汇区天平社区公益基金会",
        tier="registered",
        category="charity",
        region=fund.region,
        legal_form="foundation",
        hub_type="community_foundation",
        credit_code=fund.credit_code,
        address="天平路 100 号",
        member_count=9,
    )
    app = services.application_create(
        actor=people.street_a, kind="amendment", data=data, organization=fund
    )
    assert app.reviewing_region.code == "310000" and app.proposed["tier"] == "registered"
    services.application_submit(
        actor=people.street_a, app_id=app.pk, expected_version=None, commitment=True
    )
    services.application_approve(actor=people.city, app_id=app.pk, expected_version=None)
    fund.refresh_from_db()
    assert fund.tier == "registered" and fund.address == "天平路 100 号"
    assert fund.credit_code == "53310104MJ4915237C" and fund.legal_form == "foundation"
