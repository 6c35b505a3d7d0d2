"""The isolation matrix: role × own/other region × list/detail/edit/history/API.

A street official of street A must not see or change what belongs to street B; a district
official not another district's; out-of-scope objects answer 404 exactly like missing ones.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from linli.accounts.models import User
from linli.regions.models import Region

pytestmark = pytest.mark.django_db

# (user attribute, own community, other community, own street, other street)
SUBJECTS = [
    ("street_a", "310104003001", "310104004001", "310104003", "310104004"),
    ("street_b", "310104004001", "310104003001", "310104004", "310104003"),
    ("district", "310104003001", "310101002001", "310104003", "310101002"),
    ("other_district", "310101002001", "310104003001", "310101002", "310104003"),
    ("city", "310104003001", "460105001001", "310104003", "460105001"),
]

PAGES = ["regions:detail", "regions:history"]
API_PATHS = ["/api/v1/regions/{code}", "/api/v1/regions/{code}/children"]


@pytest.mark.parametrize("subject", SUBJECTS, ids=[s[0] for s in SUBJECTS])
@pytest.mark.parametrize("page", PAGES)
def test_pages_own_versus_other(people, login, subject, page) -> None:
    who, own_c, other_c, own_s, other_s = subject
    client = login(getattr(people, who))
    assert client.get(reverse(page, args=[own_c])).status_code == 200
    assert client.get(reverse(page, args=[other_c])).status_code == 404
    assert client.get(reverse(page, args=[other_s])).status_code == 404
    assert client.get(reverse(page, args=["310104999999"])).status_code == 404


@pytest.mark.parametrize("subject", SUBJECTS, ids=[s[0] for s in SUBJECTS])
def test_changes_own_versus_other(people, login, subject) -> None:
    who, own_c, other_c, own_s, other_s = subject
    client = login(getattr(people, who))
    other = (
        Region.objects.get(code=other_c) if Region.objects.filter(code=other_c).exists() else None
    )
    # Create under the other street: 404 and nothing created.
    before = Region.objects.count()
    response = client.post(
        reverse("regions:community_create", args=[other_s]), {"name": "越权居委会", "kind": "urban"}
    )
    assert response.status_code == 404
    assert Region.objects.count() == before
    # Edit the other street's community: 404 and unchanged.
    if other is not None:
        response = client.post(
            reverse("regions:community_edit", args=[other_c]),
            {"name": "改名", "kind": "urban", "is_active": "on", "version": other.version},
        )
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.name != "改名"
    # Own side works.
    response = client.post(
        reverse("regions:community_create", args=[own_s]),
        {"name": "新建测试居委会", "kind": "urban"},
    )
    assert response.status_code == 302
    assert Region.objects.filter(parent__code=own_s, name="新建测试居委会").exists()


@pytest.mark.parametrize("subject", SUBJECTS, ids=[s[0] for s in SUBJECTS])
@pytest.mark.parametrize("path", API_PATHS)
def test_api_own_versus_other(people, login, subject, path) -> None:
    who, own_c, other_c, own_s, other_s = subject
    client = login(getattr(people, who))
    assert client.get(path.format(code=own_s)).status_code == 200
    assert client.get(path.format(code=other_s)).status_code == 404
    assert client.get(path.format(code=other_c)).status_code == 404


@pytest.mark.parametrize("who", ["street_a", "street_b", "district", "city", "admin"])
def test_list_counts_equal_the_scope(people, login, who) -> None:
    user = getattr(people, who)
    client = login(user)
    root = user.region or Region.objects.get(code="310000")
    expected = Region.objects.restrict(user).filter(parent=root).count()
    api_rows = client.get(f"/api/v1/regions/{root.code}/children").json()
    assert len(api_rows) == expected
    page = client.get(reverse("regions:detail", args=[root.code]))
    assert len(page.context["children"]) == expected


def test_regional_admin_manages_only_accounts_in_scope(people, login) -> None:
    from conftest import make_user

    xuhui_admin = make_user("xuhui_admin", "admin", "310104")
    client = login(xuhui_admin)
    listing = client.get(reverse("accounts:user_list"))
    names = {u.username for u in listing.context["page"]}
    assert "street_a" in names and "other_district" not in names and "admin" not in names
    assert (
        client.get(reverse("accounts:user_edit", args=[people.other_district.pk])).status_code
        == 404
    )
    response = client.post(reverse("accounts:user_reset_password", args=[people.other_district.pk]))
    assert response.status_code == 404
    # Cannot place a new account outside the jurisdiction.
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "outsider",
            "full_name": "外区",
            "role": "street_office",
            "region": "310101002",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="outsider").exists()
    assert "只能" in response.content.decode()
