"""Filing without an account: code by SMS, form, materials, submit, follow, certificate."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from linli.applications import services
from linli.applications.models import Application, PhoneVerification
from linli.core import notifications

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = "13912345678"


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.NOTIFICATION_BACKEND = "linli.core.notifications.LocmemBackend"
    notifications.OUTBOX.clear()
    return notifications.OUTBOX


def last_code(outbox) -> str:
    return re.search(r"(\d{6})", outbox[-1][1]).group(1)


def verified_client(outbox, phone: str = PHONE) -> Client:
    client = Client()
    assert client.post(reverse("public_filing:start"), {"phone": phone}).status_code == 302
    assert outbox[-1][0] == phone
    response = client.post(reverse("public_filing:verify"), {"code": last_code(outbox)})
    assert response.status_code == 302 and response["Location"] == reverse("public_filing:home")
    return client


FORM = {
    "name": "永嘉社区木兰拳队",
    "region": "310104003002",
    "member_count": 11,
    "business_scope": "木兰拳练习",
    "activity_time": "每周一上午",
    "activity_place": "永嘉新村广场",
    "responsible_name": "沈阿姨",
    "responsible_phone": PHONE,
}


def test_whole_public_filing(outbox, people, django_capture_on_commit_callbacks) -> None:
    client = verified_client(outbox)
    response = client.post(reverse("public_filing:new") + "?kind=filing", FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    app = Application.objects.get()
    assert app.applicant is None and app.applicant_phone_masked == "139****5678"
    assert app.reviewing_region.code == "310104003"
    assert app.proposed["category"] == "culture_sports"
    for material in ("member_list", "identity"):
        client.post(
            reverse("public_filing:upload", args=[app.pk]),
            {"material": material, "file": SimpleUploadedFile("a.pdf", PDF)},
        )
    app.refresh_from_db()
    client.post(
        reverse("public_filing:action", args=[app.pk, "submit"]),
        {"version": app.version, "commitment": "on"},
    )
    app.refresh_from_db()
    assert app.state == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(actor=people.street_a, app_id=app.pk, expected_version=None)
    assert any("已通过" in text for _phone, text in outbox)  # the applicant is told by SMS
    page = client.get(reverse("public_filing:detail", args=[app.pk])).content.decode()
    assert "已通过" in page
    app.refresh_from_db()
    certificate = client.get(reverse("public_filing:certificate", args=[app.pk])).content.decode()
    assert app.certificate_code_display in certificate and "永嘉社区木兰拳队" in certificate
    check = Client().get(reverse("public_filing:check"), {"code": app.certificate_code.lower()})
    body = check.content.decode()
    assert "永嘉社区木兰拳队" in body and "正常" in body and "沈阿姨" not in body
    assert PHONE not in body and "5678" not in body


def test_wrong_codes_and_rate_limits(outbox) -> None:
    client = Client()
    client.post(reverse("public_filing:start"), {"phone": PHONE})
    for _ in range(5):
        response = client.post(reverse("public_filing:verify"), {"code": "000000"})
        assert "错误或已过期" in response.content.decode()
    response = client.post(reverse("public_filing:verify"), {"code": last_code(outbox)})
    assert response.status_code == 200  # five wrong tries burn the code
    again = client.post(reverse("public_filing:start"), {"phone": PHONE})
    assert again.status_code == 429 and "一分钟" in again.content.decode()
    assert PhoneVerification.objects.count() == 1
    bad = client.post(reverse("public_filing:start"), {"phone": "12345"})
    assert "11 位" in bad.content.decode()


def test_numbers_do_not_see_each_others_filings(outbox) -> None:
    first = verified_client(outbox)
    first.post(reverse("public_filing:new") + "?kind=filing", FORM)
    app = Application.objects.get()
    second = verified_client(outbox, phone="13700001111")
    assert second.get(reverse("public_filing:detail", args=[app.pk])).status_code == 404
    assert "永嘉社区木兰拳队" not in second.get(reverse("public_filing:home")).content.decode()
    assert Client().get(reverse("public_filing:home"))["Location"] == reverse("public_filing:start")


def test_public_can_only_file_teams_or_record_groups(outbox) -> None:
    client = verified_client(outbox)
    assert client.get(reverse("public_filing:new") + "?kind=registration").status_code == 404
    response = client.post(
        reverse("public_filing:new") + "?kind=filing", {**FORM, "region": "310104003"}
    )
    assert response.status_code == 200 and Application.objects.count() == 0


def test_region_picker_offers_children_inside_the_public_root(outbox) -> None:
    client = Client()
    html = client.get(reverse("public_filing:region_options"), {"parent": "310104003"})
    assert "天平路第一居委会" in html.content.decode()
    assert client.get(reverse("public_filing:region_options"), {"parent": "460105"}).content == b""
