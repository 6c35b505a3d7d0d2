from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PAYLOAD = {
    "kind": "filing",
    "name": "天平路街道合唱团",
    "region": "310104003001",
    "member_count": 20,
    "business_scope": "合唱排练与社区演出",
    "activity_time": "每周五下午",
    "activity_place": "居委会活动室",
    "responsible": {
        "full_name": "陈建华",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
    },
}


def test_the_whole_workflow_over_json(people, login) -> None:
    from django.test import Client

    leader = login(people.leader)
    created = leader.post("/api/v1/applications", PAYLOAD, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    app_id = body["id"]
    assert body["proposed"]["category"] == "culture_sports"
    assert (
        "id_number_enc" not in str(body)
        and body["proposed"]["people"][0]["id_number_masked"] == "1101**********002X"
    )
    assert any("成员名册" in p for p in body["problems"])
    for material in ("member_list", "identity"):
        response = leader.post(
            f"/api/v1/applications/{app_id}/materials",
            {"material": material, "file": SimpleUploadedFile("a.pdf", PDF)},
        )
        assert response.status_code == 201, response.content
    step = leader.post(
        f"/api/v1/applications/{app_id}/submit",
        {"commitment": True},
        content_type="application/json",
    )
    assert step.status_code == 200 and step.json()["state"] == "submitted"
    street = Client()
    street.force_login(people.street_a)
    todo = street.get("/api/v1/applications", {"box": "todo"}).json()
    assert [a["id"] for a in todo] == [app_id]
    stale = street.post(
        f"/api/v1/applications/{app_id}/approve", {"version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409 and "刚刚被其他人修改" in stale.json()["detail"]
    version = todo[0]["version"]
    approved = street.post(
        f"/api/v1/applications/{app_id}/approve",
        {"version": version},
        content_type="application/json",
    )
    assert approved.json()["state"] == "approved" and approved.json()["organization_id"]


def test_api_refusals(people, login) -> None:
    leader = login(people.leader)
    bad = leader.post(
        "/api/v1/applications", {**PAYLOAD, "region": "999"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "没有代码" in bad.json()["detail"]
    app_id = leader.post("/api/v1/applications", PAYLOAD, content_type="application/json").json()[
        "id"
    ]
    no_commitment = leader.post(
        f"/api/v1/applications/{app_id}/submit", {}, content_type="application/json"
    )
    assert no_commitment.status_code == 400 and "承诺" in no_commitment.json()["detail"]
    from django.test import Client

    other = Client()
    other.force_login(people.street_b)
    assert other.get(f"/api/v1/applications/{app_id}").status_code == 404
    assert (
        other.post(
            f"/api/v1/applications/{app_id}/approve", {}, content_type="application/json"
        ).status_code
        == 404
    )


def test_lists_put_the_newest_first_in_a_jurisdiction_and_across_the_country(people, login) -> None:
    leader = login(people.leader)
    ids = [
        leader.post(
            "/api/v1/applications", {**PAYLOAD, "name": name}, content_type="application/json"
        ).json()["id"]
        for name in ("天平路街道合唱团", "天平路街道舞蹈队", "天平路街道读书会")
    ]
    newest_first = sorted(ids, reverse=True)
    assert [a["id"] for a in login(people.street_a).get("/api/v1/applications").json()] == (
        newest_first
    )
    everything = [a["id"] for a in login(people.admin).get("/api/v1/applications").json()]
    assert everything[:3] == newest_first


def test_a_reviewer_who_is_not_the_applicant_may_not_upload_materials(people, login) -> None:
    """The application is in the street office's view, but adding materials is the applicant's:
    403 (it answered 400, as if the request were malformed)."""
    from django.test import Client

    leader = login(people.leader)
    app_id = leader.post("/api/v1/applications", PAYLOAD, content_type="application/json").json()[
        "id"
    ]
    street = Client()
    street.force_login(people.street_a)
    response = street.post(
        f"/api/v1/applications/{app_id}/materials",
        {"material": "member_list", "file": SimpleUploadedFile("名册.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 403 and "申请人" in response.json()["detail"]


def test_huge_offsets_and_ids_answer_an_empty_page_not_an_error(people, login) -> None:
    client = login(people.street_a)
    assert client.get("/api/v1/applications", {"offset": 10**30}).json() == []
    page = client.get("/api/v1/organizations", {"offset": 10**30}).json()
    assert page["results"] == []
    assert client.get("/api/v1/organizations", {"after": 10**30}).json()["results"] == []
