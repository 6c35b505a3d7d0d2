"""Name search: Chinese one- and two-character terms, longer terms, pinyin initials.

Runs on SQLite (FTS5) in `make test-sqlite` and on PostgreSQL (GIN) in `make test-postgres`.
"""

from __future__ import annotations

import pytest

from conftest import make_org
from linli.orgs.models import Organization
from linli.orgs.search import apply_search, initials_of, tokens_for

pytestmark = pytest.mark.django_db


def names(query: str) -> set[str]:
    return set(apply_search(Organization.objects.all(), query).values_list("name", flat=True))


@pytest.fixture
def registry(orgs) -> None:
    make_org("天平社区太极拳队", "team", "culture_sports", "310104003001")
    make_org("永嘉新村沪剧沙龙", "group", "culture_sports", "310104003002")
    make_org("湖南路睦邻点", "group", "community_affairs", "310104004001")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("舞蹈", {"天平路街道舞蹈队", "湖南路舞蹈队"}),
        ("太极", {"天平社区太极拳队"}),
        ("合", {"永嘉合唱小组"}),
        ("沪剧沙龙", {"永嘉新村沪剧沙龙"}),
        ("wdd", {"天平路街道舞蹈队", "湖南路舞蹈队"}),
        ("tjqd", {"天平社区太极拳队"}),
        ("天平 队", {"天平路街道舞蹈队", "天平社区太极拳队"}),
        ("基金会", {"上海市徐汇区天平社区公益基金会"}),
        ("舞蹈团", set()),
        ("xyz", set()),
        ("  ", None),
    ],
)
def test_search(registry, query, expected) -> None:
    if expected is None:
        assert len(names(query)) == Organization.objects.count()
    else:
        assert names(query) == expected


def test_search_follows_a_rename(orgs) -> None:
    from linli.orgs.services import OrganizationData, organization_update

    org = orgs.dance_a
    organization_update(
        actor=None,
        org_id=org.pk,
        expected_version=None,
        data=OrganizationData(
            name="天平路街道腰鼓队", tier="team", category="culture_sports", region=org.region
        ),
    )
    assert "天平路街道腰鼓队" in names("腰鼓")
    assert "天平路街道腰鼓队" not in names("舞蹈")


def test_tokens() -> None:
    assert initials_of("舞蹈队") == "wdd"
    tokens = tokens_for("舞蹈队").split()
    assert {"舞", "舞蹈", "蹈队", "pywd", "pydd"} <= set(tokens)


@pytest.mark.sqlite
def test_search_index_survives_a_table_rebuild(orgs) -> None:
    """SQLite only: PostgreSQL keeps its GIN index through ALTER TABLE."""
    from django.db import connection

    from linli.orgs.search import ensure_sqlite_index

    with connection.cursor() as cursor:  # what a table rebuild in a migration does
        for name in ("orgs_fts_insert", "orgs_fts_delete", "orgs_fts_update"):
            cursor.execute(f"DROP TRIGGER {name}")
    assert ensure_sqlite_index() is True
    make_org("天平社区腰鼓队", "team", "culture_sports", "310104003001")
    assert "天平社区腰鼓队" in names("腰鼓")
    assert names("舞蹈") == {"天平路街道舞蹈队", "湖南路舞蹈队"}


def test_walking_the_ids_finds_what_the_index_finds(people, registry) -> None:
    from linli.orgs.selectors import ids_walking, organization_list

    for i in range(12):
        make_org(f"全国舞蹈{i}队", "team" if i % 3 else "group", "culture_sports", "310101002001")
    for params in ({"q": "舞蹈"}, {"q": "舞蹈", "tier": "team"}, {"q": "wdd"}, {"q": "天平 队"}):
        queryset, _filters = organization_list(user=people.admin, params=params)
        expected = list(queryset.order_by("id").values_list("id", flat=True))
        assert ids_walking(queryset, after=0, wanted=len(expected)) == expected, params
        rest = expected[1:3]
        assert ids_walking(queryset, after=expected[0], wanted=len(rest)) == rest, params
    queryset, _filters = organization_list(user=people.admin, params={"q": "舞蹈"})
    assert ids_walking(queryset, after=0, wanted=100) is None  # fewer than wanted: not sure
    assert ids_walking(queryset, after=0, wanted=3, limit=2) is None  # the walk ran out
    tagged, _filters = organization_list(user=people.admin, params={"q": "舞蹈", "tag": "elderly"})
    assert ids_walking(tagged, after=0, wanted=1) is None  # a join: read through the indexes
    nothing = Organization.objects.none()
    assert ids_walking(nothing, after=0, wanted=1) == []
