"""Control characters are refused in every text field with a clear Chinese message, and nothing
is saved: forms (a text area still takes tab and line breaks), the JSON API, and the registry
services behind both and the ledger import."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from linli.core.forms import StyledForm
from linli.orgs.models import Organization
from linli.orgs.services import OrganizationData, validate_organization
from linli.regions.models import Region

pytestmark = pytest.mark.django_db

REFUSED = "请删除这段文字中看不见的控制字符"


class Sample(StyledForm):
    name = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, required=False)


@pytest.mark.parametrize("bad", ["a\x00b", "a\x07b", "a\x1bb", "a\x7fb", "a\tb", "a\nb"])
def test_a_one_line_field_refuses_control_characters_in_chinese(bad: str) -> None:
    with translation.override("zh-hans"):
        form = Sample({"name": bad})
        assert not form.is_valid()
        assert form.errors["name"] == [
            "请删除这段文字中看不见的控制字符（如空字符 NUL，或单行输入框中的制表符、换行）。"
        ]


def test_a_text_area_takes_tab_and_line_breaks_but_not_nul() -> None:
    assert Sample({"name": "舞蹈队", "notes": "第一行\r\n第二行\t备注"}).is_valid()
    with translation.override("zh-hans"):
        form = Sample({"name": "舞蹈队", "notes": "a\x00b"})
        assert not form.is_valid() and REFUSED in form.errors["notes"][0]


def test_django_s_own_nul_message_reads_right_in_chinese() -> None:
    from django.core.validators import ProhibitNullCharactersValidator

    with translation.override("zh-hans"):
        assert str(ProhibitNullCharactersValidator.message) == "不能包含空字符（NUL）。"


def test_the_edit_page_refuses_and_saves_nothing(people, login, orgs) -> None:
    client = login(people.street_a)
    team = orgs.dance_a
    response = client.post(
        reverse("orgs:edit", args=[team.pk]),
        {
            "name": "天平路\x1b舞蹈队",
            "tier": "team",
            "category": "culture_sports",
            "region": "310104003001",
            "member_count": 18,
            "party_building": "none",
            "party_member_count": 0,
            "version": team.version,
        },
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    team.refresh_from_db()
    assert team.name == "天平路街道舞蹈队" and team.version == 1


def test_the_api_refuses_control_characters_with_the_field_named(people, login) -> None:
    from linli.applications.tests.test_api import PAYLOAD

    client = login(people.leader)
    body = {**PAYLOAD, "activity_place": "居委会\x07活动室"}
    response = client.post("/api/v1/applications", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "activity_place"
    assert REFUSED in response.json()["detail"][0]["msg"]


def test_the_registry_services_refuse_them_for_every_caller() -> None:
    region = Region.objects.get(code="310104003001")
    data = OrganizationData(
        name="舞蹈队", tier="team", category="culture_sports", region=region,
        activity_time="每周二\t上午", business_scope="第一行\n第二行",
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        validate_organization(data)
    assert set(caught.value.message_dict) == {"activity_time"}
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/talent/", {"region": "3101\x0004003"}),
        ("get", "/orgs/", {"q": "舞\x00蹈"}),
        ("post", "/file/new/?kind=filing", {"region": "310104003001\x00"}),
    ],
)
def test_a_nul_anywhere_in_a_request_is_400_before_any_view(
    people, login, method, path, data
) -> None:
    """PostgreSQL cannot compare text with a NUL: a raw lookup with one was a 500 there."""
    client = login(people.street_a)
    response = getattr(client, method)(path, data)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


def test_a_reveal_purpose_with_control_characters_is_refused(people, login, reveal_url) -> None:
    from conftest import REVEALED_PHONE
    from linli.core.models import AuditEvent

    response = login(people.street_a).post(reveal_url, {"purpose": "核对\x07信息"})
    text = response.content.decode()
    assert REFUSED in text and REVEALED_PHONE not in text
    assert not AuditEvent.objects.filter(event_type="personal_data_reveal").exists()
