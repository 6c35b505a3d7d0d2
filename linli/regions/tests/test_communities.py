from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from linli.core.errors import DomainError, StaleObjectError
from linli.regions.models import Region
from linli.regions.services import community_create, community_update

pytestmark = pytest.mark.django_db


def test_codes_follow_the_ministry_convention(people) -> None:
    street = Region.objects.get(code="310104003")
    urban = community_create(
        actor=people.street_a, street=street, name="衡山路居委会", kind="urban"
    )
    rural = community_create(
        actor=people.street_a, street=street, name="新桥村村委会", kind="rural"
    )
    assert urban.code == "310104003003"  # 001 and 002 exist
    assert rural.code == "310104003200"
    assert urban.path == "310000/310104/310104003/310104003003/"


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("", "", "必填"),
        ("天平路第一居委会", "", "已有名为"),
        ("新居委会", "31010400300", "12 位"),
        ("新居委会", "310104004009", "开头"),
        ("新居委会", "310104003001", "已被使用"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(people, login, name, code, message) -> None:
    client = login(people.street_a)
    before = Region.objects.count()
    response = client.post(
        reverse("regions:community_create", args=["310104003"]),
        {"name": name, "kind": "urban", "code": code},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Region.objects.count() == before


def test_communities_only_under_streets(people) -> None:
    with pytest.raises(DomainError):
        community_create(
            actor=people.district,
            street=Region.objects.get(code="310104"),
            name="错误层级",
            kind="urban",
        )


def test_edit_keeps_history_with_who_and_what(people, login) -> None:
    community = Region.objects.get(code="310104003001")
    client = login(people.street_a)
    response = client.post(
        reverse("regions:community_edit", args=[community.code]),
        {
            "name": "天平路第一居民委员会",
            "kind": "urban",
            "is_active": "on",
            "version": community.version,
        },
    )
    assert response.status_code == 302
    history = client.get(reverse("regions:history", args=[community.code]))
    assert history.status_code == 200
    text = history.content.decode()
    assert "天平路第一居民委员会" in text and "street_a" in text


def test_a_region_loaded_without_history_says_so(people, login) -> None:
    street = Region.objects.get(code="310104003")
    assert not street.history.exists()  # loaded from the Ministry's table
    response = login(people.street_a).get(reverse("regions:history", args=[street.code]))
    assert response.status_code == 200
    assert "暂无变更记录" in response.content.decode()


def test_stale_edit_is_refused(people) -> None:
    community = Region.objects.get(code="310104003002")
    community_update(
        actor=people.street_a,
        community_id=community.pk,
        expected_version=community.version,
        name="第一次",
        kind="urban",
        is_active=True,
    )
    with pytest.raises(StaleObjectError):
        community_update(
            actor=people.street_a,
            community_id=community.pk,
            expected_version=community.version,
            name="第二次",
            kind="urban",
            is_active=True,
        )
    community.refresh_from_db()
    assert community.name == "第一次"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_editors_at_once_one_wins_the_other_is_told(people) -> None:
    """Real concurrency on PostgreSQL: both load version N and save at the same moment."""
    community = Region.objects.get(code="310104003001")
    version = community.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(name: str) -> None:
        try:
            barrier.wait()
            community_update(
                actor=people.street_a,
                community_id=community.pk,
                expected_version=version,
                name=name,
                kind="urban",
                is_active=True,
            )
            outcomes.append("saved")
        except StaleObjectError:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("甲方改名", "乙方改名")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    community.refresh_from_db()
    assert community.version == version + 1
