from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from linli.core.errors import DomainError, StaleObjectError
from linli.core.models import AuditEvent
from linli.orgs.models import Organization
from linli.orgs.services import OrganizationData, organization_update
from linli.regions.models import Region
from linli.relabel import services
from linli.relabel.models import RelabelItem, RelabelRun

pytestmark = pytest.mark.django_db

XUHUI, TIANPING, HUNAN = "310104", "310104003", "310104004"


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def tags_of(org: Organization) -> set[str]:
    return set(org.tags.values_list("tag", flat=True))


def item_of(run: RelabelRun, org: Organization) -> RelabelItem:
    return RelabelItem.objects.get(run=run, organization=org)


def start(actor, code: str = XUHUI, **options) -> RelabelRun:
    return services.relabel_run(actor=actor, region=region(code), **options)


def test_run_applies_confident_queues_the_rest_and_skips_unchanged(people, stock) -> None:
    run = start(people.district)
    assert (run.classified_count, run.applied_count, run.queued_count, run.unchanged_count) == (
        5,
        3,
        1,
        1,
    )
    assert run.state == "review" and run.finished_at is not None
    dance = Organization.objects.get(pk=stock.wrong_sure.pk)
    assert dance.category == "culture_sports" and tags_of(dance) == {"culture"}
    assert dance.version == stock.wrong_sure.version + 1
    volunteers = Organization.objects.get(pk=stock.missing_tag.pk)
    assert volunteers.category == "charity" and tags_of(volunteers) == {"volunteer"}
    assert Organization.objects.get(pk=stock.unsure.pk).category == "life_service"
    assert not RelabelItem.objects.filter(organization=stock.right).exists()
    assert Organization.objects.get(pk=stock.other_district.pk).category == "charity"
    queued = item_of(run, stock.unsure)
    assert queued.outcome == "queued" and queued.suggested_category == "charity"
    assert queued.confidence < 0.5 and any("阳光" in reason for reason in queued.reasons)


def test_applied_change_keeps_reason_before_after_and_audit(people, stock) -> None:
    run = start(people.district)
    latest = Organization.history.filter(id=stock.wrong_sure.pk).latest("history_date")
    assert latest.category == "culture_sports" and latest.history_user == people.district
    assert latest.history_change_reason.startswith(f"批量重新归类（第{run.pk}次")
    assert "文体活动类" in latest.history_change_reason
    assert "公益慈善类→文体活动类" in latest.history_change_reason
    assert "加标签 文化" in latest.history_change_reason
    event = AuditEvent.objects.get(event_type="org_update", object_id=str(stock.wrong_sure.pk))
    assert event.actor == people.district and event.detail["relabel_run"] == run.pk
    assert event.detail["category"] == ["charity", "culture_sports"]
    assert event.detail["tags"] == [[], ["culture"]]
    assert AuditEvent.objects.filter(event_type="org_update").count() == 3


def test_threshold_is_per_run(people, stock) -> None:
    run = start(people.district, threshold=0.99)
    assert run.threshold == 0.99
    assert item_of(run, stock.missing_tag).outcome == "applied"  # 0.998
    assert item_of(run, stock.wrong_sure).outcome == "queued"  # 0.969
    with pytest.raises(DomainError):
        start(people.district, threshold=0.3)


def test_tags_are_only_added_and_tags_too_can_be_turned_off(people, stock) -> None:
    Organization.objects.get(pk=stock.right.pk).tags.create(tag="elderly")
    run = start(people.district, tags_too=False)
    assert not RelabelItem.objects.filter(organization=stock.right).exists()
    assert item_of(run, stock.wrong_sure).suggested_tags == []
    assert not RelabelItem.objects.filter(run=run, organization=stock.missing_tag).exists()
    assert tags_of(stock.right) == {"culture", "elderly"}


def test_small_batches_give_the_same_result(people, stock) -> None:
    run = start(people.district, batch_size=2)
    assert (run.classified_count, run.applied_count, run.queued_count) == (5, 3, 1)


def test_inactive_organizations_are_left_alone(people, stock) -> None:
    Organization.objects.filter(pk=stock.wrong_sure.pk).update(status="deregistered")
    run = start(people.district)
    assert run.classified_count == 4
    assert Organization.objects.get(pk=stock.wrong_sure.pk).category == "charity"


def test_street_official_runs_only_inside_the_street(people, stock) -> None:
    with pytest.raises(Http404):
        start(people.street_a, XUHUI)
    with pytest.raises(Http404):
        start(people.street_a, HUNAN)
    with pytest.raises(PermissionDenied):
        start(people.committee, "310104003001")
    run = start(people.street_a, TIANPING)
    assert run.classified_count == 4
    assert Organization.objects.get(pk=stock.other_street.pk).category == "charity"
    assert RelabelRun.objects.count() == 1


def test_accept_applies_the_suggestion_with_reason_and_audit(people, stock) -> None:
    run = start(people.district)
    item = services.relabel_accept(actor=people.street_a, item_id=item_of(run, stock.unsure).pk)
    assert item.outcome == "accepted" and item.decided_by == people.street_a
    org = Organization.objects.get(pk=stock.unsure.pk)
    assert org.category == "charity"
    latest = org.history.latest("history_date")
    assert latest.history_change_reason.startswith(f"复核确认（第{run.pk}次")
    assert "生活服务类→公益慈善类" in latest.history_change_reason
    assert latest.history_user == people.street_a
    event = AuditEvent.objects.filter(object_id=str(org.pk)).latest("id")
    assert event.event_type == "org_update" and event.detail["decision"] == "accepted"
    assert event.detail["category"] == ["life_service", "charity"]
    run.refresh_from_db()
    assert run.state == "done"


def test_reject_keeps_the_organization_as_it_is(people, stock) -> None:
    run = start(people.district)
    version = Organization.objects.get(pk=stock.unsure.pk).version
    item = services.relabel_reject(actor=people.district, item_id=item_of(run, stock.unsure).pk)
    assert item.outcome == "rejected" and item.final_category == "life_service"
    org = Organization.objects.get(pk=stock.unsure.pk)
    assert org.category == "life_service" and org.version == version


def test_correct_sets_the_reviewers_category_and_tags(people, stock) -> None:
    run = start(people.district)
    item = services.relabel_correct(
        actor=people.district,
        item_id=item_of(run, stock.unsure).pk,
        category="community_affairs",
        tags=["disability", "family"],
    )
    assert item.outcome == "corrected" and item.final_tags == ["disability", "family"]
    org = Organization.objects.get(pk=stock.unsure.pk)
    assert org.category == "community_affairs" and tags_of(org) == {"disability", "family"}
    reason = org.history.latest("history_date").history_change_reason
    assert reason.startswith("复核更正") and "加标签 助残、家庭" in reason
    event = AuditEvent.objects.filter(object_id=str(org.pk)).latest("id")
    assert event.detail["tags"] == [[], ["disability", "family"]]


def test_correct_refuses_unknown_values_and_no_change(people, stock) -> None:
    run = start(people.district)
    item_id = item_of(run, stock.unsure).pk
    for category, tags in (("sports", []), ("charity", ["nonsense"]), ("life_service", [])):
        with pytest.raises(DomainError):
            services.relabel_correct(
                actor=people.district, item_id=item_id, category=category, tags=tags
            )
    assert RelabelItem.objects.get(pk=item_id).outcome == "queued"


def test_a_decided_item_cannot_be_decided_again(people, stock) -> None:
    run = start(people.district)
    item_id = item_of(run, stock.unsure).pk
    services.relabel_reject(actor=people.street_a, item_id=item_id)
    with pytest.raises(DomainError) as refused:
        services.relabel_accept(actor=people.district, item_id=item_id)
    assert people.street_a.display_name in refused.value.message
    with pytest.raises(DomainError):
        services.relabel_reject(actor=people.district, item_id=item_id)
    applied = item_of(run, stock.wrong_sure)
    with pytest.raises(DomainError):
        services.relabel_accept(actor=people.district, item_id=applied.pk)
    assert Organization.objects.get(pk=stock.unsure.pk).category == "life_service"


def test_a_stale_suggestion_is_refused_but_can_be_rejected(people, stock) -> None:
    run = start(people.district)
    org = Organization.objects.get(pk=stock.unsure.pk)
    data = OrganizationData(
        name=org.name, tier=org.tier, category="community_affairs", region=org.region
    )
    organization_update(actor=people.street_a, org_id=org.pk, expected_version=None, data=data)
    item_id = item_of(run, stock.unsure).pk
    with pytest.raises(StaleObjectError):
        services.relabel_accept(actor=people.district, item_id=item_id)
    with pytest.raises(StaleObjectError):
        services.relabel_correct(
            actor=people.district, item_id=item_id, category="charity", tags=[]
        )
    assert Organization.objects.get(pk=org.pk).category == "community_affairs"
    assert services.relabel_reject(actor=people.district, item_id=item_id).outcome == "rejected"


def test_a_later_run_replaces_open_suggestions(people, stock) -> None:
    first = start(people.street_a, TIANPING)
    old = item_of(first, stock.unsure)
    second = start(people.district)
    old.refresh_from_db()
    first.refresh_from_db()
    assert old.outcome == "superseded" and first.state == "done"
    assert item_of(second, stock.unsure).outcome == "queued"
    with pytest.raises(DomainError):
        services.relabel_accept(actor=people.street_a, item_id=old.pk)


def test_street_official_cannot_review_outside_the_street(people, stock) -> None:
    Organization.objects.filter(pk=stock.other_street.pk).update(
        name="武康路社区阳光家园", category="culture_sports"
    )
    run = start(people.district)
    item = item_of(run, stock.other_street)
    assert item.outcome == "queued"
    for decide in (services.relabel_accept, services.relabel_reject):
        with pytest.raises(Http404):
            decide(actor=people.street_a, item_id=item.pk)
    with pytest.raises(PermissionDenied):
        services.relabel_accept(actor=people.committee, item_id=item_of(run, stock.unsure).pk)
    item.refresh_from_db()
    assert item.outcome == "queued"


def test_change_reason_fits_the_history_column() -> None:
    many = [tag.code for tag in services.TAGS]
    reason = services.change_reason(
        "批量重新归类（第1次）", ("charity", []), ("life_service", many)
    )
    assert len(reason) == services.REASON_LENGTH and reason.endswith("…")


def test_a_failing_run_keeps_finished_batches_and_says_failed(people, stock, monkeypatch) -> None:
    real, seen = services.suggest, []

    def flaky(org, tags, *, tags_too):
        seen.append(org.pk)
        if len(seen) > 2:
            raise RuntimeError("classifier crashed")
        return real(org, tags, tags_too=tags_too)

    monkeypatch.setattr(services, "suggest", flaky)
    with pytest.raises(RuntimeError):
        start(people.district, batch_size=2)
    run = RelabelRun.objects.get()
    assert run.state == "failed" and run.classified_count == 2
    assert RelabelItem.objects.filter(run=run).count() == run.applied_count + run.queued_count
