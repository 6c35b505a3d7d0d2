"""The workflow through the browser-facing views (HTML forms, as users post them)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linli.applications.models import Application

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

FORM = {
    "name": "天平路街道太极拳队",
    "region": "310104003001",
    "category": "",
    "member_count": 12,
    "business_scope": "练习太极拳",
    "activity_time": "每周二上午",
    "activity_place": "居委会活动室",
    "party_building": "none",
    "party_member_count": 0,
    "responsible_name": "周秀英",
    "responsible_id_number": "11010519491231002X",
    "responsible_phone": "13812345678",
}


def create(client) -> Application:
    response = client.post(reverse("applications:create") + "?kind=filing", FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.latest("id")


def upload(client, app, material: str) -> None:
    client.post(
        reverse("applications:attachment_upload", args=[app.pk]),
        {"material": material, "file": SimpleUploadedFile("a.pdf", PDF)},
    )


def test_leader_files_and_street_decides(people, login) -> None:
    from django.test import Client

    leader = login(people.leader)
    app = create(leader)
    page = leader.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "文体活动类" in page and "缺少材料" in page
    upload(leader, app, "member_list")
    upload(leader, app, "identity")
    response = leader.post(
        reverse("applications:action", args=[app.pk, "submit"]),
        {"version": Application.objects.get(pk=app.pk).version, "commitment": "on"},
    )
    assert response.status_code == 302
    street = Client()
    street.force_login(people.street_a)
    todo = street.get(reverse("applications:list"), {"box": "todo"})
    assert [a.pk for a in todo.context["page"]] == [app.pk]
    app.refresh_from_db()
    street.post(
        reverse("applications:action", args=[app.pk, "approve"]),
        {"version": app.version, "reason": ""},
    )
    app.refresh_from_db()
    assert app.state == "approved" and app.organization.name == "天平路街道太极拳队"
    # The file is served only inside the jurisdiction, as an attachment.
    attachment = app.attachments.first()
    url = reverse("applications:attachment_download", args=[app.pk, attachment.pk])
    download = street.get(url)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    other = Client()
    other.force_login(people.street_b)
    assert other.get(url).status_code == 404
    assert other.get(reverse("applications:detail", args=[app.pk])).status_code == 404


def test_bad_form_input_keeps_what_was_typed(people, login) -> None:
    leader = login(people.leader)
    response = leader.post(
        reverse("applications:create") + "?kind=filing",
        {**FORM, "responsible_id_number": "110105194912310021"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "身份证号无效" in body and "天平路街道太极拳队" in body
    assert Application.objects.count() == 0


def test_submit_without_commitment_changes_nothing(people, login) -> None:
    leader = login(people.leader)
    app = create(leader)
    upload(leader, app, "member_list")
    upload(leader, app, "identity")
    response = leader.post(
        reverse("applications:action", args=[app.pk, "submit"]),
        {"version": Application.objects.get(pk=app.pk).version},
        follow=True,
    )
    assert "信用承诺" in response.content.decode()
    assert Application.objects.get(pk=app.pk).state == "draft"


def test_other_leaders_do_not_see_each_others_applications(people, login) -> None:
    from django.test import Client

    from conftest import make_user

    app = create(login(people.leader))
    neighbour = make_user("neighbour", "org_leader", "310104003001")
    client = Client()
    client.force_login(neighbour)
    assert client.get(reverse("applications:detail", args=[app.pk])).status_code == 404
    assert list(client.get(reverse("applications:list")).context["page"]) == []


def test_invalid_action_and_get_are_refused(people, login) -> None:
    leader = login(people.leader)
    app = create(leader)
    assert leader.get(reverse("applications:action", args=[app.pk, "approve"])).status_code == 405
    assert leader.post(reverse("applications:action", args=[app.pk, "explode"])).status_code == 404


def test_similar_names_are_flagged_and_a_charter_is_drafted(people, login, orgs) -> None:
    leader = login(people.leader)
    response = leader.post(
        reverse("applications:create") + "?kind=filing", {**FORM, "name": "天平路街道舞蹈一队"}
    )
    assert response.status_code == 302
    app = Application.objects.latest("id")
    page = leader.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "天平路街道舞蹈队" in page and 'data-testid="similar-names"' in page
    assert app.proposed["charter"].startswith("天平路街道舞蹈一队简易章程")
    assert "练习太极拳" in app.proposed["charter"] and "天平路街道" in app.proposed["charter"]


def test_the_list_shows_kind_state_applicant_unit_and_marks_overdue_rows(people, login) -> None:
    from datetime import timedelta

    from django.utils import timezone

    leader = login(people.leader)
    late, fresh = create(leader), create(leader)
    Application.objects.filter(pk=late.pk).update(
        state="submitted", due_on=timezone.localdate() - timedelta(days=2)
    )
    Application.objects.filter(pk=fresh.pk).update(
        state="submitted", due_on=timezone.localdate() + timedelta(days=5)
    )
    body = login(people.street_a).get(reverse("applications:list"), {"box": "all"})
    html = body.content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert len(rows) == 2
    by_pk = {
        pk: next(r for r in rows if f'href="/applications/{pk}/"' in r)
        for pk in (late.pk, fresh.pk)
    }
    assert by_pk[late.pk].startswith('<tr class="table-danger">') and "已超期" in by_pk[late.pk]
    assert by_pk[fresh.pk].startswith("<tr>") and "已超期" not in by_pk[fresh.pk]
    from django.utils.translation import override

    from linli.applications.choices import ApplicationState

    with override("zh-hans"):
        submitted = str(ApplicationState.SUBMITTED.label)
    for row in rows:
        assert "团队备案" in row and f">{submitted}<" in row and "天平路街道" in row
    assert [a.pk for a in body.context["page"]] == [fresh.pk, late.pk]  # newest first
