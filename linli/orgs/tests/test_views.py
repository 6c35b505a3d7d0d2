from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from linli.core.models import AuditEvent
from linli.orgs.models import Organization
from linli.orgs.services import PersonData, membership_add, person_upsert

pytestmark = pytest.mark.django_db


def listed(client, **params) -> set[str]:
    response = client.get(reverse("orgs:list"), params)
    assert response.status_code == 200
    return {org.name for org in response.context["page"]}


def test_street_sees_only_its_own_registry(people, login, orgs) -> None:
    client = login(people.street_a)
    assert listed(client) == {"天平路街道舞蹈队", "永嘉合唱小组", "上海市徐汇区天平社区公益基金会"}
    assert client.get(reverse("orgs:detail", args=[orgs.dance_b.pk])).status_code == 404
    assert client.get(reverse("orgs:edit", args=[orgs.dance_b.pk])).status_code == 404


def test_filters_and_count_equal_the_list(people, login, orgs) -> None:
    client = login(people.district)
    assert listed(client, tier="team") == {"天平路街道舞蹈队", "湖南路舞蹈队"}
    assert listed(client, category="charity") == {"上海市徐汇区天平社区公益基金会"}
    assert listed(client, tag="culture") == {"永嘉合唱小组"}
    assert listed(client, region="310104004") == {"湖南路舞蹈队"}
    assert listed(client, region="310101") == set()  # outside: narrows, never widens
    assert listed(client, q="wdd") == {"天平路街道舞蹈队", "湖南路舞蹈队"}
    response = client.get(reverse("orgs:list"), {"tier": "team"})
    assert response.context["count"] == 2
    partial = client.get(reverse("orgs:list"), {"tier": "team"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content


def test_bad_filter_values_show_nothing_rather_than_everything(people, login, orgs) -> None:
    client = login(people.district)
    assert listed(client, tier="nonsense") == set()


def test_detail_masks_personal_data_and_reveal_is_audited(people, login, orgs) -> None:
    person = person_upsert(
        data=PersonData(full_name="周阿姨", id_number="11010519491231002X", phone="13812345678")
    )
    membership = membership_add(organization=orgs.dance_a, person=person, role="responsible")
    client = login(people.street_a)
    page = client.get(reverse("orgs:detail", args=[orgs.dance_a.pk])).content.decode()
    assert "1101**********002X" in page and "138****5678" in page
    assert "11010519491231002X" not in page and "13812345678" not in page
    url = reverse("orgs:person_reveal", args=[orgs.dance_a.pk, membership.pk])
    revealed = client.post(url, {"purpose": "核对备案信息"}).content.decode()
    assert "11010519491231002X" in revealed and "13812345678" in revealed
    event = AuditEvent.objects.get(event_type="personal_data_reveal")
    assert event.detail["purpose"] == "核对备案信息" and event.actor == people.street_a
    assert "11010519491231002X" not in str(event.detail)
    assert "请说明" in client.post(url, {"purpose": ""}).content.decode()


def test_roles_without_the_permission_cannot_reveal(people, login, orgs) -> None:
    person = person_upsert(data=PersonData(full_name="周阿姨", id_number="11010519491231002X"))
    membership = membership_add(organization=orgs.dance_a, person=person, role="responsible")
    client = login(people.committee)
    url = reverse("orgs:person_reveal", args=[orgs.dance_a.pk, membership.pk])
    assert client.post(url, {"purpose": "好奇"}).status_code == 403
    assert not AuditEvent.objects.filter(event_type="personal_data_reveal").exists()


@pytest.mark.parametrize("who", ["street_b", "other_district"])
def test_a_reveal_outside_the_jurisdiction_is_404_unaudited_and_shows_nothing(
    people, login, orgs, who
) -> None:
    person = person_upsert(
        data=PersonData(full_name="周阿姨", id_number="11010519491231002X", phone="13812345678")
    )
    membership = membership_add(organization=orgs.dance_a, person=person, role="responsible")
    client = login(getattr(people, who))  # their role may reveal, but not outside their area
    own_org = orgs.dance_b if who == "street_b" else orgs.mediation_other
    urls = [
        reverse("orgs:person_reveal", args=[orgs.dance_a.pk, membership.pk]),
        # Their own organization with street A's person: still not theirs.
        reverse("orgs:person_reveal", args=[own_org.pk, membership.pk]),
    ]
    for url in urls:
        for purpose in ("核对备案信息", ""):
            response = client.post(url, {"purpose": purpose})
            assert response.status_code == 404, (url, purpose)
            body = response.content.decode()
            assert "11010519491231002X" not in body and "13812345678" not in body
            assert "1101**********002X" not in body and "周阿姨" not in body
    assert not AuditEvent.objects.filter(event_type="personal_data_reveal").exists()


def test_edit_with_errors_keeps_input_and_changes_nothing(people, login, orgs) -> None:
    client = login(people.street_a)
    url = reverse("orgs:edit", args=[orgs.dance_a.pk])
    response = client.post(
        url,
        {
            "name": "天平路街道舞蹈队（新）",
            "tier": "group",
            "category": "culture_sports",
            "region": "310104003",
            "member_count": 18,
            "party_building": "none",
            "party_member_count": 0,
            "version": 1,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "天平路街道舞蹈队（新）" in body and "居（村）委会" in body
    orgs.dance_a.refresh_from_db()
    assert orgs.dance_a.name == "天平路街道舞蹈队"


def test_edit_saves(people, login, orgs) -> None:
    client = login(people.street_a)
    response = client.post(
        reverse("orgs:edit", args=[orgs.dance_a.pk]),
        {
            "name": "天平路街道舞蹈队",
            "tier": "team",
            "category": "culture_sports",
            "region": "310104003001",
            "member_count": 25,
            "party_building": "instructor",
            "party_member_count": 2,
            "tags": ["sports", "culture"],
            "version": 1,
        },
    )
    assert response.status_code == 302
    orgs.dance_a.refresh_from_db()
    assert orgs.dance_a.member_count == 25 and orgs.dance_a.version == 2


def test_people_and_honours_are_managed_with_audit(people, login, orgs) -> None:
    client = login(people.street_a)
    url = reverse("orgs:people", args=[orgs.dance_a.pk])
    response = client.post(
        url,
        {
            "add_person": "1",
            "full_name": "王建国",
            "role": "board",
            "id_number": "11010519491231002X",
            "is_party_member": "on",
            "is_community_representative": "on",
        },
    )
    assert response.status_code == 302
    membership = orgs.dance_a.memberships.get()
    assert membership.role == "board" and membership.is_community_representative
    assert membership.person.is_party_member
    # The same person joins another organization: still one record.
    client.post(
        reverse("orgs:people", args=[orgs.choir_a.pk]),
        {
            "add_person": "1",
            "full_name": "王建国",
            "role": "responsible",
            "id_number": "11010519491231002X",
        },
    )
    assert membership.person.memberships.count() == 2
    client.post(url, {"end_role": membership.pk})
    membership.refresh_from_db()
    assert membership.ended_on is not None
    client.post(
        url, {"add_honour": "1", "title": "徐汇区优秀群众团队", "awarded_by": "徐汇区民政局"}
    )
    assert orgs.dance_a.honours.get().title == "徐汇区优秀群众团队"
    assert AuditEvent.objects.filter(event_type="person_update").count() == 3
    bad = client.post(
        url, {"add_person": "1", "full_name": "李四", "role": "board", "id_number": "123"}
    )
    assert "身份证号无效" in bad.content.decode()
    assert client.get(reverse("orgs:people", args=[orgs.dance_b.pk])).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"tier": "team"},
        {"status": "active"},
        {"region": "310104003"},
        {"region": "310104004", "tier": "team", "category": "culture_sports"},
        {"q": "舞蹈"},
        {"tag": "sports"},
        {"region": "310101"},
    ],
)
def test_list_count_equals_the_rows(people, login, orgs, params) -> None:
    from linli.orgs.models import Organization
    from linli.orgs.selectors import organization_list

    client = login(people.district)
    response = client.get(reverse("orgs:list"), params)
    exact = organization_list(user=people.district, params=params)[0].count()
    assert response.context["count"] == exact == len(list(response.context["page"]))
    assert Organization.objects.count() == 5


def test_deep_pages_use_keyset_pagination(people, login, orgs) -> None:
    from conftest import make_org

    for i in range(55):
        make_org(f"天平社区第{i}队", "team", "culture_sports", "310104003001")
    client = login(people.street_a)
    first = client.get(reverse("orgs:list"))
    assert first.context["count"] == 58 and len(first.context["page"].items) == 50
    after = first.context["page"].next_after
    second = client.get(reverse("orgs:list"), {"after": after})
    names = {o.name for o in first.context["page"]} | {o.name for o in second.context["page"]}
    assert len(second.context["page"].items) == 8 and len(names) == 58
    assert second.context["page"].next_after is None
    assert f"after={after}" in first.content.decode()


def test_search_pages_count_every_match_once(people, login, orgs) -> None:
    from conftest import make_org

    for i in range(55):
        make_org(f"天平社区舞蹈{i}队", "team", "culture_sports", "310104003001")
    client = login(people.street_a)
    first = client.get(reverse("orgs:list"), {"q": "舞蹈"})
    assert first.context["count"] == 56 and len(first.context["page"].items) == 50
    after = first.context["page"].next_after
    second = client.get(reverse("orgs:list"), {"q": "舞蹈", "after": after})
    assert second.context["count"] == 56 and len(second.context["page"].items) == 6
    shown = [o.pk for o in first.context["page"]] + [o.pk for o in second.context["page"]]
    assert shown == sorted(shown) and len(set(shown)) == 56
    assert client.get(reverse("orgs:list"), {"q": "没有这个"}).context["count"] == 0


def test_past_the_count_limit_the_list_says_more_than(people, login, orgs, monkeypatch) -> None:
    """A count no rollup answers stops at the limit; the page says "more than" and still shows
    the first rows in order."""
    from conftest import make_org
    from linli.core import counting

    monkeypatch.setattr(counting, "COUNT_LIMIT", 20)
    for i in range(30):
        make_org(
            f"天平社区舞蹈{i}队",
            "team",
            "culture_sports",
            "310104003001",
            founded_on=date(2020, 1, 1),
        )
    client = login(people.street_a)
    searched = client.get(reverse("orgs:list"), {"q": "舞蹈"})
    assert (searched.context["count"], searched.context["count_exact"]) == (20, False)
    shown = [o.pk for o in searched.context["page"]]
    assert shown == sorted(shown) and len(shown) == 31  # every match fits one page of 50
    assert "超过 20 个组织" in searched.content.decode()
    founded = client.get(reverse("orgs:list"), {"founded_from": "2019-01-01"})
    assert (founded.context["count"], founded.context["count_exact"]) == (20, False)
    by_tier = client.get(reverse("orgs:list"), {"tier": "team"})  # from the rollups: exact
    assert (by_tier.context["count"], by_tier.context["count_exact"]) == (31, True)
    few = client.get(reverse("orgs:list"), {"q": "湖南"})
    assert (few.context["count"], few.context["count_exact"]) == (0, True)


def test_detail_lists_people_honours_activities_applications_and_history(
    people, login, orgs
) -> None:
    from datetime import UTC, datetime

    from linli.activities.models import Activity
    from linli.applications.models import Application
    from linli.orgs.models import Honour, Organization

    org = orgs.dance_a
    ended = membership_add(
        organization=org, person=person_upsert(data=PersonData(full_name="钱老师")), role="member"
    )
    ended.ended_on = date(2025, 1, 1)
    ended.save()
    membership_add(
        organization=org,
        person=person_upsert(data=PersonData(full_name="周阿姨", phone="13812345678")),
        role="responsible",
    )
    Honour.objects.create(organization=org, title="优秀社区社会组织", awarded_on=date(2025, 6, 1))
    Activity.objects.create(
        organization=org,
        region_path=org.region_path,
        held_on=date(2026, 3, 8),
        title="广场舞展演",
        theme="culture",
        participants=40,
    )
    Application.objects.create(
        kind="amendment",
        organization=org,
        region=org.region,
        region_path=org.region_path,
        reviewing_region=org.region,
        title=org.name,
    )
    renamed = Organization.objects.get(pk=org.pk)
    renamed.name = "阳光舞蹈队（新）"
    renamed._history_user = people.street_a  # type: ignore[attr-defined]
    renamed.save()
    renamed.history.filter(history_type="~").update(
        history_date=datetime(2026, 5, 1, 16, 30, tzinfo=UTC)
    )

    page = login(people.street_a).get(reverse("orgs:detail", args=[org.pk])).content.decode()

    assert "周阿姨" in page and "138****5678" in page and "钱老师" not in page  # current roles only
    assert "负责人" in page  # the role's label
    assert "优秀社区社会组织" in page and "2025" in page
    assert "2026-03-08 · 广场舞展演 · 文化铸魂 · 40人参加" in page  # the theme's label
    from django.utils import timezone

    # the application's kind and state labels, and the day it was made (Beijing time)
    assert f"变更</a> · 草稿 · {timezone.localdate():%Y-%m-%d}" in page
    # Times show in Beijing time, the user who changed it by name, the generated row as "system".
    assert f"2026-05-02 00:30 · 已修改 · {people.street_a.username}" in page
    assert "创建 · 系统" in page
    assert '<dd class="col-sm-8">天平路街道' in page  # the filing street manages a team


def test_the_detail_page_names_the_managing_unit_of_every_tier(orgs) -> None:
    from linli.core.scoping import Scope
    from linli.orgs import reads

    whole = Scope.whole_country("test")
    units = [reads.managing_unit(whole, org) for org in (orgs.fund_a, orgs.dance_a, orgs.choir_a)]
    assert units == [org.managing_unit for org in (orgs.fund_a, orgs.dance_a, orgs.choir_a)]
    assert units[0].endswith("民政局") and units[1] == "天平路街道"


def test_a_national_search_counts_to_the_limit_then_reads_the_page(
    people, login, orgs, monkeypatch
) -> None:
    from conftest import make_org
    from linli.core import counting

    monkeypatch.setattr(counting, "COUNT_LIMIT", 20)
    for i in range(55):
        make_org(f"全国舞蹈{i}队", "team", "culture_sports", "310101002001")
    client = login(people.admin)
    first = client.get(reverse("orgs:list"), {"q": "舞蹈"})
    assert (first.context["count"], first.context["count_exact"]) == (20, False)
    shown = [o.pk for o in first.context["page"]]
    assert shown == sorted(shown) and len(shown) == 50
    after = first.context["page"].next_after
    rest = client.get(reverse("orgs:list"), {"q": "舞蹈", "after": after}).context["page"]
    assert len(shown) + len(list(rest)) == 57  # the 55 above and the two dance teams
    few = client.get(reverse("orgs:list"), {"q": "调解"})
    assert (few.context["count"], few.context["count_exact"]) == (1, True)


def test_a_list_row_shows_name_tier_category_region_members_and_status(people, login, orgs) -> None:
    client = login(people.street_a)
    for params in ({}, {"q": "舞蹈"}, {"tier": "team", "after": str(orgs.fund_a.pk)}):
        body = client.get(reverse("orgs:list"), params).content.decode()
        row = body[body.index(f'href="/orgs/{orgs.dance_a.pk}/"') :].split("</tr>")[0]
        cells = [part.split("</td>")[0].split(">")[-1] for part in row.split("<td")[1:]]
        assert cells == ["群众活动团队", "文体活动类", "天平路第一居委会", "18", "正常"], params


def test_the_organization_page_opens_inside_the_jurisdiction_only(people, login, orgs) -> None:
    def status(user, org_id: int) -> int:
        return login(user).get(reverse("orgs:detail", args=[org_id])).status_code

    assert status(people.street_a, orgs.dance_a.pk) == 200
    assert status(people.street_a, orgs.dance_b.pk) == 404  # a neighbouring street's
    assert status(people.street_a, 999_999) == 404  # missing looks the same
    assert status(people.district, orgs.dance_b.pk) == 200
    assert status(people.admin, orgs.mediation_other.pk) == 200  # national: everywhere


def test_a_closed_organization_shows_when_it_closed(people, login, orgs) -> None:
    from linli.orgs.services import organization_set_status

    client = login(people.street_a)
    page = client.get(reverse("orgs:detail", args=[orgs.dance_a.pk])).content.decode()
    assert 'data-testid="org-closed-on"' not in page
    organization_set_status(actor=None, org_id=orgs.dance_a.pk, status="filing_cancelled")
    closed = Organization.objects.get(pk=orgs.dance_a.pk).closed_on
    page = client.get(reverse("orgs:detail", args=[orgs.dance_a.pk])).content.decode()
    assert f'data-testid="org-closed-on">{closed:%Y-%m-%d}<' in page
    assert "已取消备案" in page


@pytest.mark.parametrize("value", ["abc", "", "999999999", "-3", "１"])
def test_ending_an_unknown_or_malformed_role_is_a_message_not_an_error(
    people, login, orgs, value
) -> None:
    client = login(people.street_a)
    url = reverse("orgs:people", args=[orgs.dance_a.pk])
    response = client.post(url, {"end_role": value}, follow=True)
    assert response.status_code == 200
    assert "该职务已结束或不存在" in response.content.decode()
    assert not AuditEvent.objects.filter(event_type="person_update").exists()


def test_ending_a_role_twice_says_it_has_ended(people, login, orgs) -> None:
    """The double click: the second post finds the role already ended."""
    client = login(people.street_a)
    url = reverse("orgs:people", args=[orgs.dance_a.pk])
    client.post(url, {"add_person": "1", "full_name": "王建国", "role": "board"})
    membership = orgs.dance_a.memberships.get()
    assert client.post(url, {"end_role": membership.pk}).status_code == 302
    again = client.post(url, {"end_role": membership.pk}, follow=True)
    assert again.status_code == 200 and "该职务已结束或不存在" in again.content.decode()
    assert AuditEvent.objects.filter(event_type="person_update").count() == 2  # added, ended
