from __future__ import annotations

import pytest
from django.urls import reverse

from linli.orgs.models import Organization
from linli.regions.models import Region
from linli.relabel import services
from linli.relabel.models import RelabelItem, RelabelRun

pytestmark = pytest.mark.django_db


def district_run(people) -> RelabelRun:
    return services.relabel_run(actor=people.district, region=Region.objects.get(code="310104"))


def open_item(run: RelabelRun, org) -> RelabelItem:
    return RelabelItem.objects.get(run=run, organization=org)


def test_start_a_run_from_the_page(people, login, stock) -> None:
    client = login(people.district)
    page = client.get(reverse("relabel:list"))
    assert page.status_code == 200 and b'data-testid="run-form"' in page.content
    response = client.post(
        reverse("relabel:list"), {"region": "310104", "threshold": "0.9", "tags_too": "on"}
    )
    run = RelabelRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("relabel:run", args=[run.pk])
    assert run.threshold == 0.9 and run.tags_too and run.started_by == people.district
    listed = client.get(reverse("relabel:list"))
    assert list(listed.context["page"]) == [run]


def test_run_form_refuses_regions_outside_the_area_and_bad_thresholds(people, login, stock) -> None:
    client = login(people.street_a)
    for region, threshold in (("310104004", "0.85"), ("310104", "0.85"), ("999999", "0.85")):
        response = client.post(reverse("relabel:list"), {"region": region, "threshold": threshold})
        assert response.status_code == 200 and response.context["form"].errors["region"]
    response = client.post(reverse("relabel:list"), {"region": "310104003", "threshold": "0.2"})
    assert response.context["form"].errors["threshold"]
    assert not RelabelRun.objects.exists()


def test_a_committee_member_sees_runs_but_cannot_start_or_decide(people, login, stock) -> None:
    run = services.relabel_run(actor=people.street_a, region=Region.objects.get(code="310104003"))
    client = login(people.committee)
    page = client.get(reverse("relabel:list"))
    assert page.status_code == 200 and b'data-testid="run-form"' not in page.content
    client.post(reverse("relabel:list"), {"region": "310104003001", "threshold": "0.85"})
    assert RelabelRun.objects.count() == 1
    item = open_item(run, stock.unsure)
    assert client.post(reverse("relabel:accept", args=[item.pk])).status_code == 403


def test_run_page_shows_the_queue_with_reasons(people, login, stock) -> None:
    run = district_run(people)
    client = login(people.district)
    page = client.get(reverse("relabel:run", args=[run.pk]))
    assert page.context["view"] == "queued"
    assert [i.organization_id for i in page.context["page"]] == [stock.unsure.pk]
    text = page.content.decode()
    assert "天平社区阳光家园" in text and "阳光" in text and "0.16" in text
    changed = client.get(reverse("relabel:run", args=[run.pk]), {"show": "changed"})
    assert {i.organization_id for i in changed.context["page"]} == {
        stock.wrong_sure.pk,
        stock.missing_tag.pk,
        stock.other_street.pk,
    }


def test_out_of_scope_runs_and_items_are_404(people, login, stock) -> None:
    run = district_run(people)
    item = open_item(run, stock.unsure)
    client = login(people.street_b)
    assert client.get(reverse("relabel:run", args=[run.pk])).status_code == 404
    for name in ("accept", "reject", "correct"):
        assert client.post(reverse(f"relabel:{name}", args=[item.pk])).status_code == 404
    assert client.get(reverse("relabel:report"), {"region": "310104"}).status_code == 404
    other = login(people.other_district)
    assert other.get(reverse("relabel:run", args=[run.pk])).status_code == 404
    item.refresh_from_db()
    assert item.outcome == "queued"


def test_accept_with_htmx_returns_the_row(people, login, stock) -> None:
    run = district_run(people)
    item = open_item(run, stock.unsure)
    client = login(people.street_a)
    response = client.post(reverse("relabel:accept", args=[item.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="item-{item.pk}"' in body and 'data-testid="item-outcome"' in body
    assert Organization.objects.get(pk=stock.unsure.pk).category == "charity"
    again = client.post(reverse("relabel:reject", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert 'data-testid="item-error"' in again.content.decode()
    item.refresh_from_db()
    assert item.outcome == "accepted"


def test_reject_without_htmx_redirects_to_the_run(people, login, stock) -> None:
    run = district_run(people)
    item = open_item(run, stock.unsure)
    response = login(people.district).post(reverse("relabel:reject", args=[item.pk]))
    assert response.status_code == 302 and response.url.startswith(
        reverse("relabel:run", args=[run.pk])
    )
    item.refresh_from_db()
    assert item.outcome == "rejected" and item.decided_by == people.district


def test_correct_form_inline_and_on_its_own_page(people, login, stock) -> None:
    run = district_run(people)
    item = open_item(run, stock.unsure)
    client = login(people.district)
    url = reverse("relabel:correct", args=[item.pk])
    inline = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="correct-row"' in inline and "<html" not in inline
    assert client.get(url).status_code == 200
    cancelled = client.get(url, {"cancel": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="item-row"' in cancelled
    unchanged = client.post(url, {"category": "life_service"}, HTTP_HX_REQUEST="true")
    assert 'data-testid="correct-row"' in unchanged.content.decode()
    response = client.post(
        url, {"category": "community_affairs", "tags": ["family"]}, HTTP_HX_REQUEST="true"
    )
    assert 'data-testid="item-outcome"' in response.content.decode()
    org = Organization.objects.get(pk=stock.unsure.pk)
    assert org.category == "community_affairs"
    assert set(org.tags.values_list("tag", flat=True)) == {"family"}


def test_pages_render_for_the_phone_layout_classes(people, login, stock) -> None:
    """Tables stack below 576 px (table-responsive-stack) or scroll (the report matrix)."""
    run = district_run(people)
    client = login(people.district)
    queue = client.get(reverse("relabel:run", args=[run.pk])).content.decode()
    assert "table-responsive-stack" in queue and 'data-label="' in queue
    report = client.get(reverse("relabel:report")).content.decode()
    assert 'class="table-responsive"' in report
