"""Social-work talent posts and leader training: scoped, validated, audited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from linli.core.errors import DomainError
from linli.core.models import AuditEvent
from linli.orgs.services import PersonData, organization_add_person
from linli.talent.models import LeaderTraining, SocialWorkTalent
from linli.talent.services import leader_training_record, talent_post_add, talent_post_end

pytestmark = pytest.mark.django_db


def add_talent(actor, code: str = "310104003001", name: str = "王社工") -> SocialWorkTalent:
    return talent_post_add(
        actor=actor,
        region_code=code,
        person=PersonData(full_name=name, social_worker_level="assistant"),
        post="社工站社工",
        started_on=date(2026, 1, 5),
    )


def test_street_adds_lists_and_ends_posts_in_its_own_communities(people, login) -> None:
    client = login(people.street_a)
    response = client.post(
        reverse("talent:list") + "?region=310104003",
        {
            "region": "310104003001",
            "full_name": "李丽",
            "post": "居委会社工",
            "started_on": "2026-03-01",
            "social_worker_level": "social_worker",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("talent:list"), {"region": "310104003"})
    assert page.context["count"] == 1
    assert "李丽" in page.content.decode()
    assert AuditEvent.objects.filter(event_type="person_update").exists()
    talent = SocialWorkTalent.objects.get()
    client.post(reverse("talent:list"), {"end": talent.pk})
    assert SocialWorkTalent.objects.current().count() == 0


def test_other_streets_neither_see_nor_end_nor_add(people, login) -> None:
    talent = add_talent(people.street_a)
    client = login(people.street_b)
    assert client.get(reverse("talent:list")).context["count"] == 0
    client.post(reverse("talent:list"), {"end": talent.pk})
    assert SocialWorkTalent.objects.current().count() == 1
    with pytest.raises(DomainError):
        add_talent(people.street_b, code="310104003001", name="越权")
    with pytest.raises(DomainError):
        talent_post_end(actor=people.street_b, talent_id=talent.pk)


def test_bad_input_is_refused_in_chinese_and_changes_nothing(people, login) -> None:
    client = login(people.street_a)
    response = client.post(
        reverse("talent:list"),
        {"region": "310104003001", "full_name": "", "post": "", "started_on": "2099-01-01"},
    )
    assert response.status_code == 200 and SocialWorkTalent.objects.count() == 0
    future = client.post(
        reverse("talent:list"),
        {"region": "310104003001", "full_name": "张", "post": "社工", "started_on": "2099-01-01"},
    )
    assert "不能晚于今天" in future.content.decode()
    assert SocialWorkTalent.objects.count() == 0
    add_talent(people.street_a)
    with pytest.raises(DomainError, match="已在"):
        add_talent(people.street_a)


def test_training_is_recorded_for_the_current_responsible_people(people, orgs) -> None:
    def record() -> None:
        leader_training_record(
            actor=people.street_a,
            org_id=orgs.dance_a.pk,
            course="轮训",
            held_on=date(2026, 5, 1),
            hours=Decimal(2),
        )

    with pytest.raises(DomainError, match="没有现任负责人"):
        record()
    organization_add_person(
        actor=people.street_a,
        org_id=orgs.dance_a.pk,
        role="responsible",
        person=PersonData(full_name="赵队长"),
    )
    record()
    assert LeaderTraining.objects.get().person.full_name == "赵队长"
    with pytest.raises(DomainError):
        leader_training_record(
            actor=people.street_a,
            org_id=orgs.dance_a.pk,
            course="轮训",
            held_on=date.today() + timedelta(days=3),  # noqa: DTZ011
            hours=Decimal(2),
        )
    with pytest.raises(DomainError):
        leader_training_record(
            actor=people.street_b,
            org_id=orgs.dance_a.pk,
            course="轮训",
            held_on=date(2026, 5, 1),
            hours=Decimal(2),
        )


def test_the_list_count_comes_from_the_rollup_and_equals_the_posts_listed(people, login) -> None:
    from linli.orgs.services import PersonData as Data

    add_talent(people.street_a)
    add_talent(people.street_a, code="310104003002", name="赵社工")
    ended = add_talent(people.street_a, name="钱社工")
    talent_post_end(actor=people.street_a, talent_id=ended.pk)
    talent_post_add(
        actor=people.district,
        region_code="310104004001",
        person=Data(full_name="孙社工"),  # not a certified social worker
        post="社工站社工",
        started_on=date(2026, 1, 5),
    )
    cases = [
        (people.street_a, {}),
        (people.district, {}),
        (people.admin, {}),
        (people.district, {"certified": "yes"}),
        (people.district, {"certified": "no"}),
        (people.district, {"region": "310104004"}),
        (people.street_a, {"region": "310104004"}),  # a neighbour's street: nothing
        (people.street_a, {"region": "999999"}),
    ]
    for user, params in cases:
        page = login(user).get(reverse("talent:list"), params).context["page"]
        direct = len(list(page.paginator.object_list))
        assert page.paginator.count == direct, (user.username, params)
    counts = [
        login(user).get(reverse("talent:list"), params).context["count"] for user, params in cases
    ]
    assert counts == [2, 3, 3, 2, 1, 1, 0, 0]


@pytest.mark.parametrize("value", ["abc", "", "999999999"])
def test_ending_an_unknown_or_malformed_post_is_a_message_not_an_error(
    people, login, value
) -> None:
    client = login(people.street_a)
    response = client.post(reverse("talent:list"), {"end": value}, follow=True)
    assert response.status_code == 200
    assert "该岗位已结束或不存在" in response.content.decode()
