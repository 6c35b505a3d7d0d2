from __future__ import annotations

import pytest

from linli.orgs.services import PersonData, membership_add, person_upsert

pytestmark = pytest.mark.django_db


def test_list_is_scoped_filtered_and_paged(people, login, orgs) -> None:
    client = login(people.district)
    body = client.get("/api/v1/organizations", {"tier": "team"}).json()
    assert body["count"] == 2 and body["count_exact"] is True
    assert {r["name"] for r in body["results"]} == {
        "天平路街道舞蹈队",
        "湖南路舞蹈队",
    }
    page = client.get("/api/v1/organizations", {"limit": 2}).json()
    assert len(page["results"]) == 2 and page["next_offset"] == 2 and page["count"] == 4
    assert client.get("/api/v1/organizations", {"q": "wdd"}).json()["count"] == 2


def test_detail_carries_masked_people_only(people, login, orgs) -> None:
    person = person_upsert(
        data=PersonData(full_name="周阿姨", id_number="11010519491231002X", phone="13812345678")
    )
    membership_add(organization=orgs.dance_a, person=person, role="responsible")
    client = login(people.street_a)
    response = client.get(f"/api/v1/organizations/{orgs.dance_a.pk}")
    body = response.json()
    assert body["people"][0]["id_number_masked"] == "1101**********002X"
    assert "11010519491231002X" not in response.content.decode()
    assert "13812345678" not in response.content.decode()
    assert body["tag_names"] == ["体育"] and body["managing_unit"] == "天平路街道"


def test_out_of_scope_and_no_permission(people, login, orgs) -> None:
    client = login(people.street_a)
    assert client.get(f"/api/v1/organizations/{orgs.dance_b.pk}").status_code == 404
    leader = login(people.leader)
    assert leader.get("/api/v1/organizations").status_code == 403


def test_keyset_paging_over_the_api(people, login, orgs) -> None:
    client = login(people.district)
    first = client.get("/api/v1/organizations", {"limit": 3}).json()
    assert first["count"] == 4 and len(first["results"]) == 3 and first["next_after"]
    rest = client.get("/api/v1/organizations", {"limit": 3, "after": first["next_after"]}).json()
    assert len(rest["results"]) == 1 and rest["next_after"] is None
    seen = {r["id"] for r in first["results"]} | {r["id"] for r in rest["results"]}
    assert len(seen) == 4


def test_a_count_past_the_limit_is_marked_as_not_exact(people, login, orgs, monkeypatch) -> None:
    from linli.core import counting

    monkeypatch.setattr(counting, "COUNT_LIMIT", 1)
    body = login(people.district).get("/api/v1/organizations", {"q": "舞蹈"}).json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (1, False, 2)


def test_a_national_search_pages_through_every_match_in_id_order(
    people, login, orgs, monkeypatch
) -> None:
    """Past the count limit across the country, a page's ids are found by walking the ids;
    paging by offset or by ``after`` lists every match once, in id order."""
    from conftest import make_org
    from linli.core import counting

    monkeypatch.setattr(counting, "COUNT_LIMIT", 3)
    for i in range(7):
        make_org(f"全国舞蹈{i}队", "team", "culture_sports", "310101002001")
    client = login(people.admin)
    first = client.get("/api/v1/organizations", {"q": "舞蹈", "limit": 5}).json()
    assert (first["count"], first["count_exact"], first["next_offset"]) == (3, False, 5)
    assert first["results"][0]["region"]["code"] == "310104003001"
    rest = client.get(
        "/api/v1/organizations", {"q": "舞蹈", "limit": 5, "after": first["next_after"]}
    ).json()
    by_offset = client.get("/api/v1/organizations", {"q": "舞蹈", "limit": 5, "offset": 5}).json()
    assert by_offset["results"] == rest["results"] and rest["next_after"] is None
    ids = [r["id"] for r in first["results"] + rest["results"]]
    assert ids == sorted(ids) and len(ids) == 9  # the seven above and the two dance teams
