"""Two reviewers, one record: on PostgreSQL, both decide the same application at once."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from conftest import make_user
from linli.applications import services
from linli.core.errors import DomainError
from linli.orgs.models import Organization
from linli.orgs.services import OrganizationData
from linli.regions.models import Region

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approve_at_once_one_wins_one_is_told(people) -> None:
    colleague = make_user("street_a2", "street_office", "310104003")
    data = OrganizationData(
        name="天平路街道腰鼓队",
        tier="team",
        category="culture_sports",
        region=Region.objects.get(code="310104003001"),
        member_count=12,
        business_scope="腰鼓表演",
        activity_time="每周三上午",
        activity_place="活动室",
    )
    app = services.application_create(
        actor=people.leader,
        kind="filing",
        data=data,
        responsible=services.Responsible(full_name="周秀英"),
    )
    for material in ("member_list", "identity"):
        services.attachment_add(
            actor=people.leader,
            app_id=app.pk,
            material=material,
            upload=SimpleUploadedFile("a.pdf", PDF),
        )
    app = services.application_submit(
        actor=people.leader, app_id=app.pk, expected_version=None, commitment=True
    )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(reviewer, action) -> None:
        try:
            barrier.wait()
            if action == "approve":
                services.application_approve(
                    actor=reviewer, app_id=app.pk, expected_version=app.version
                )
            else:
                services.application_return(
                    actor=reviewer, app_id=app.pk, expected_version=app.version, reason="请补充材料"
                )
            outcomes.append(action)
        except DomainError as exc:
            outcomes.append(f"refused: {exc.message}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(people.street_a, "approve")),
        threading.Thread(target=decide, args=(colleague, "return")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    decided = [o for o in outcomes if not o.startswith("refused")]
    refused = [o for o in outcomes if o.startswith("refused")]
    assert len(decided) == 1 and len(refused) == 1, outcomes
    assert "刚刚被其他人修改" in refused[0] or "不再等待" in refused[0]
    app.refresh_from_db()
    assert app.version == 3  # submitted (2) → one decision (3)
    assert Organization.objects.count() == (1 if decided == ["approve"] else 0)
