"""``POST /api/v1/classify``: a suggestion for one name, signed-in callers only."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/api/v1/classify"


def post(client: Client, body: object):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def messages(response) -> list[str]:
    return [error["msg"] for error in response.json()["detail"]]


def test_anonymous_caller_is_refused() -> None:
    response = post(Client(), {"name": "某某街道太极拳队"})
    assert response.status_code == 401


def test_tai_chi_team_is_culture_and_sports(people, login) -> None:
    response = post(login(people.street_a), {"name": "某某街道太极拳队"})
    assert response.status_code == 200
    body = response.json()
    assert body["category"] == "culture_sports" and body["category_label"] == "文体活动类"
    assert "体育" in body["tags"]
    assert 0.5 < body["confidence"] <= 1.0
    assert any("太极" in reason for reason in body["reasons"])


def test_scope_adds_evidence_and_null_scope_is_none(people, login) -> None:
    client = login(people.street_a)
    scope = "为社区老年人提供助餐、助浴和日间照料服务"
    with_scope = post(client, {"name": "阳光家园", "scope": scope}).json()
    without = post(client, {"name": "阳光家园", "scope": None}).json()
    assert with_scope["category"] == "life_service" and "助餐" in with_scope["tags"]
    assert with_scope["confidence"] > 0.5 > without["confidence"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": ""}, "组织名称不能为空"),
        ({"name": "   "}, "组织名称不能为空"),
        ({}, "请填写组织名称"),
        ({"name": None}, "组织名称应为文本"),
        ({"name": 42}, "组织名称应为文本"),
        ({"name": "太" * 201}, "组织名称不能超过 200 个字（现有 201 个）"),
        ({"name": "太极拳队", "scope": "健" * 2001}, "业务范围不能超过 2000 个字（现有 2001 个）"),
        ({"name": "太极拳队", "scope": ["健身"]}, "业务范围应为文本"),
    ],
)
def test_bad_input_gets_422_in_chinese(people, login, body, message) -> None:
    response = post(login(people.street_a), body)
    assert response.status_code == 422
    assert messages(response) == [message]


def test_limits_count_after_trimming(people, login) -> None:
    response = post(login(people.street_a), {"name": "  " + "太" * 200 + "  "})
    assert response.status_code == 200


def test_session_post_needs_the_csrf_token(people) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.street_a)
    refused = post(client, {"name": "某某街道太极拳队"})
    assert refused.status_code in (401, 403)
    client.get("/api/v1/docs")  # any page that sets the CSRF cookie
    token = client.cookies.get("csrftoken")
    assert token is not None
    accepted = client.post(
        URL,
        data=json.dumps({"name": "某某街道太极拳队"}),
        content_type="application/json",
        headers={"X-CSRFToken": token.value},
    )
    assert accepted.status_code == 200


def test_operation_is_documented(people, login) -> None:
    spec = login(people.street_a).get("/api/v1/openapi.json").json()
    operation = spec["paths"][URL]["post"]
    assert operation["summary"].startswith("Suggest a category")
