from __future__ import annotations

import pytest
from django.urls import reverse

from linli.core.models import AuditEvent, AuditRecordImmutable

pytestmark = pytest.mark.django_db


def test_each_action_writes_exactly_one_row(people, login) -> None:
    client = login(people.street_a)
    start = AuditEvent.objects.count()
    client.post(
        reverse("regions:community_create", args=["310104003"]),
        {"name": "审计测试居委会", "kind": "urban"},
    )
    assert AuditEvent.objects.count() == start + 1
    event = AuditEvent.objects.first()
    assert event.event_type == "region_create" and event.actor == people.street_a
    assert event.actor_role == "street_office" and event.request_id and event.ip_address
    assert event.region_path == "310000/310104/310104003/"


def test_audit_rows_cannot_be_changed_or_deleted(people) -> None:
    from linli.core import audit
    from linli.core.choices import AuditEventType

    event = audit.record(AuditEventType.EXPORT, actor=people.city)
    event.detail = {"tampered": True}
    with pytest.raises(AuditRecordImmutable):
        event.save()
    with pytest.raises(AuditRecordImmutable):
        event.delete()
    with pytest.raises(AuditRecordImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(detail={})
    with pytest.raises(AuditRecordImmutable):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_audit_log_is_scoped_and_filterable(people, login) -> None:
    login(people.street_a).post(
        reverse("regions:community_create", args=["310104003"]),
        {"name": "甲居委会", "kind": "urban"},
    )
    from django.test import Client

    other = Client()
    other.force_login(people.other_district)
    other.post(
        reverse("regions:community_create", args=["310101002"]),
        {"name": "乙居委会", "kind": "urban"},
    )
    district = Client()
    district.force_login(people.district)
    page = district.get(reverse("core:audit_log"), {"event_type": "region_create"})
    reprs = [e.object_repr for e in page.context["page"]]
    assert reprs == ["甲居委会"]
    city = Client()
    city.force_login(people.city)
    page = city.get(reverse("core:audit_log"), {"event_type": "region_create"})
    assert sorted(e.object_repr for e in page.context["page"]) == ["乙居委会", "甲居委会"]


def test_denied_access_is_recorded(people, login) -> None:
    client = login(people.committee)
    assert client.get(reverse("core:audit_log")).status_code == 403
    event = AuditEvent.objects.get(event_type="access_denied")
    assert event.actor_username == "committee" and event.detail["path"] == "/audit/"


def test_no_secrets_in_audit_rows(people, login) -> None:
    client = login(people.admin)
    response = client.post(reverse("accounts:user_reset_password", args=[people.street_a.pk]))
    password = response.context["password"]
    for event in AuditEvent.objects.all():
        assert password not in str(event.detail) and password not in event.object_repr


def test_inbox_shows_and_marks_notifications(people, login) -> None:
    from linli.core.models import Notification
    from linli.core.notifications import notify

    notify([people.street_a], title="有新的申请待审核：舞蹈队", url="/applications/1/")
    client = login(people.street_a)
    page = client.get(reverse("workbench:home")).content.decode()
    assert 'data-testid="inbox-link"' in page and ">1</span>" in page
    inbox = client.get(reverse("core:inbox")).content.decode()
    assert "舞蹈队" in inbox
    assert Notification.objects.get().read_at is not None


def test_inbox_badge_counts_without_querying_and_survives_a_stale_save(people, login) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from linli.core.notifications import notify

    stale = type(people.street_a).objects.get(pk=people.street_a.pk)  # read before the news
    notify([people.street_a, people.street_b], title="甲")
    notify([people.street_a], title="乙")
    stale.full_name = "改名"
    stale.save()  # an edit made from the stale copy keeps the two new notifications counted
    client = login(people.street_a)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("workbench:home")).content.decode()
    assert ">2</span>" in page
    assert not any("core_notification" in q["sql"] for q in queries.captured_queries)
    client.get(reverse("core:inbox"))
    people.street_a.refresh_from_db()
    people.street_b.refresh_from_db()
    assert people.street_a.unread_notifications == 0
    assert people.street_b.unread_notifications == 1
    assert people.street_a.full_name == "改名"


def test_saving_a_partly_loaded_user_keeps_what_it_did_not_load(people) -> None:
    from linli.accounts.models import User

    User.objects.filter(pk=people.street_a.pk).update(full_name="原名", unread_notifications=3)
    partial = User.objects.only("id", "role").get(pk=people.street_a.pk)
    partial.role = "street_office"
    partial.save()
    fresh = User.objects.get(pk=people.street_a.pk)
    assert fresh.full_name == "原名" and fresh.unread_notifications == 3


def test_an_audit_row_shows_time_event_result_user_role_object_and_request(people, login) -> None:
    from django.utils import timezone

    login(people.committee).get(reverse("core:audit_log"))  # refused: recorded with its path
    event = AuditEvent.objects.get(event_type="access_denied")
    page = login(people.city).get(reverse("core:audit_log"), {"event_type": "access_denied"})
    html = page.content.decode()
    row = html.split("<tbody>")[1].split("</tr>")[0]
    cells = [part.split("</td>")[0].split(">", 1)[1] for part in row.split("<td")[1:]]
    assert cells[0] == f"{timezone.localtime(event.occurred_at):%Y-%m-%d %H:%M:%S}"  # Beijing
    assert cells[1:5] == ["拒绝访问", "拒绝", "committee", "居（村）委会"], cells
    assert "<code>/audit/</code>" in cells[5]
    request_id = event.request_id
    shown = request_id if len(request_id) <= 9 else request_id[:8] + "…"
    assert cells[7] == f'<code class="small">{shown}</code>'
