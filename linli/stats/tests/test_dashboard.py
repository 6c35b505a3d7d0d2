from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_org
from linli.regions.models import Region

pytestmark = pytest.mark.django_db


def number(html: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}">([\d,]+)<', html)
    assert match, testid
    return int(match.group(1).replace(",", ""))


def test_every_number_equals_the_list_behind_it(people, login, orgs) -> None:
    make_org("天平社区编织小组", "group", "culture_sports", "310104003001")
    client = login(people.district)
    page = client.get(reverse("stats:dashboard", args=["310104"]))
    assert page.status_code == 200
    html = page.content.decode()
    total = number(html, "total-active")
    listed = client.get(reverse("orgs:list"), {"region": "310104", "status": "active"})
    assert total == listed.context["count"] == len(list(listed.context["page"])) == 5
    assert (
        number(html, "tier-team")
        == client.get(
            reverse("orgs:list"), {"region": "310104", "status": "active", "tier": "team"}
        ).context["count"]
    )
    rows = {row["region"].code: row for row in page.context["children"]}
    street_a = rows["310104003"]
    assert (
        street_a["totals"].active
        == client.get(reverse("orgs:list"), {"region": "310104003", "status": "active"}).context[
            "count"
        ]
    )
    # Two communities of street A in the fixtures: 2 and 1 active organizations, target 12.
    assert street_a["indicators"].urban_communities == 2
    assert street_a["indicators"].below_count == 2


def test_dashboard_is_scoped(people, login, orgs) -> None:
    client = login(people.street_a)
    assert client.get(reverse("stats:dashboard", args=["310104004"])).status_code == 404
    assert client.get(reverse("stats:dashboard", args=["310104003"])).status_code == 200
    assert client.get(reverse("stats:home"))["Location"].endswith("/stats/310104003/")


def test_cancelled_organizations_leave_the_active_count(people, login, orgs) -> None:
    from linli.orgs.services import organization_set_status

    organization_set_status(actor=None, org_id=orgs.dance_a.pk, status="filing_cancelled")
    html = login(people.street_a).get(reverse("stats:dashboard", args=["310104003"])).content
    assert number(html.decode(), "total-active") == 2


def test_party_coverage_and_monthly_trend(people, login) -> None:
    from datetime import date

    from linli.orgs.services import OrganizationData, organization_create
    from linli.regions.models import Region

    community = Region.objects.get(code="310104003001")
    today = date.today()  # noqa: DTZ011
    for i, party in enumerate(["joint_branch", "none", "none", "instructor"]):
        organization_create(
            actor=None,
            recognised_on=today,
            data=OrganizationData(
                name=f"天平第{i}队",
                tier="team",
                category="culture_sports",
                region=community,
                party_building=party,
            ),
        )
    page = login(people.street_a).get(reverse("stats:dashboard", args=["310104003"]))
    html = page.content.decode()
    assert re.search(r"data-testid=\"party-coverage\">\s*50%", html), html[
        html.find("party-coverage") :
    ][:80]
    this_month = page.context["monthly"][-1]
    assert this_month["opened"] == 4 and this_month["net"] == 4


def test_the_country_series_sums_the_provinces_month_by_month(people, login) -> None:
    from datetime import date, timedelta

    from linli.orgs.services import OrganizationData, organization_create

    today = date.today()  # noqa: DTZ011
    long_ago = today - timedelta(days=800)  # outside the 24 months shown
    shanghai = Region.objects.get(code="310104003001")
    hainan = Region.objects.filter(code__startswith="46", level="street").first()
    for i, (region, day) in enumerate([(shanghai, today), (hainan, today), (hainan, long_ago)]):
        organization_create(
            actor=None,
            recognised_on=day,
            data=OrganizationData(
                name=f"全国第{i}队", tier="team", category="culture_sports", region=region
            ),
        )
    series = login(people.admin).get(reverse("stats:national")).context["monthly"]
    assert len(series) == 24 and series[-1]["month"] == today.strftime("%Y-%m")
    assert series[-1]["opened"] == 2 and series[-1]["net"] == 2
    assert sum(month["opened"] for month in series) == 2
    assert all(month["closed"] == 0 for month in series)


def test_statistics_export_matches_the_dashboard(people, login, orgs) -> None:
    import io

    from openpyxl import load_workbook

    from linli.core.models import AuditEvent

    client = login(people.district)
    response = client.get(reverse("stats:export", args=["310104"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][0] == "合计" and rows[-1][-1] == 4
    by_code = {row[1]: row for row in rows[2:]}
    assert by_code["310104003"][-1] == 3 and by_code["310104004"][-1] == 1
    assert AuditEvent.objects.filter(event_type="export").count() == 1
    indicators = load_workbook(io.BytesIO(response.content))["指标"]
    rows = list(indicators.iter_rows(values_only=True))
    total = rows[-1]
    assert total[0] == "合计" and total[2] == 4  # 徐汇区's four urban communities in the fixtures
    page = client.get(reverse("stats:dashboard", args=["310104"]))
    assert total[6] == page.context["indicators"].communities_below_org_target
    assert login(people.street_a).get(reverse("stats:export", args=["310104"])).status_code == 404


def test_export_lists_the_sub_regions_the_dashboard_lists(people, login, orgs) -> None:
    import io

    from openpyxl import load_workbook

    Region.objects.filter(code="310104004").update(is_active=False)
    client = login(people.district)
    shown = [
        row["region"].code
        for row in client.get(reverse("stats:dashboard", args=["310104"])).context["children"]
    ]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("stats:export", args=["310104"])).content)
    ).active
    exported = [row[1] for row in list(sheet.iter_rows(values_only=True))[2:-1]]
    assert exported == shown and "310104004" not in exported


def test_national_dashboard_sums_the_provinces_and_links_to_lists(people, login, orgs) -> None:
    import io

    from openpyxl import load_workbook

    client = login(people.admin)
    assert client.get(reverse("stats:home"))["Location"].endswith("/stats/national/")
    page = client.get(reverse("stats:national"))
    assert page.status_code == 200
    html = page.content.decode()
    total = number(html, "total-active")
    assert total == 5  # four in 徐汇区, one in 黄浦区
    listed = client.get(reverse("orgs:list"), {"region": "", "status": "active"})
    assert listed.context["count"] == total
    codes = {row["region"].code for row in page.context["children"]}
    assert {"310000", "460000"} <= codes
    assert page.context["indicators"].communities == sum(
        row["indicators"].communities for row in page.context["children"]
    )
    sheet = load_workbook(io.BytesIO(client.get(reverse("stats:national_export")).content)).active
    assert list(sheet.iter_rows(values_only=True))[-1][-1] == total
    assert login(people.city).get(reverse("stats:national")).status_code == 404
    assert login(people.city).get(reverse("stats:national_export")).status_code == 404


def test_export_writes_text_that_looks_like_a_formula_as_text() -> None:
    import io

    import xlsxwriter
    from openpyxl import load_workbook

    from linli.stats.export import Sheet

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = Sheet(workbook, "表")
    sheet.append(["=1+1", "@SUM(A1)", 3, None, 2.5], bold=True)
    workbook.close()
    cells = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    assert [c.value for c in cells] == ["=1+1", "@SUM(A1)", 3, None, 2.5]
    assert cells[0].data_type == "s" and cells[0].font.b and cells[2].data_type == "n"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_cards_group_thousands_as_the_tables_do(language: str) -> None:
    from django.template import engines
    from django.utils import translation

    from linli.core.cards import Card, card_row
    from linli.stats.selectors import Indicators, Totals
    from linli.stats.tables import subregion_table

    inline = engines["django"].from_string("{% load linli %}{{ n|grouped }}")
    region = Region(code="310104", name="徐汇区")
    row = {"region": region, "totals": Totals(active=2957040), "indicators": Indicators()}
    with translation.override(language):
        shown = inline.render({"n": 2957040})
        card = card_row([Card("2,957,040", "在册")])
        table = subregion_table({"tiers": [], "children": [row]})
    assert shown == "2,957,040"
    assert '<div class="stat">2,957,040</div>' in card
    assert ">2,957,040<" in table["body"]


def test_a_long_below_target_list_folds_the_rest_under_its_count(
    people, login, monkeypatch
) -> None:
    import linli.stats.views as views

    monkeypatch.setattr(views, "FOLD", 1)
    page = login(people.street_a).get("/stats/310104003/").content.decode()
    assert page.count("<details") == 2  # organizations and talents: both lists are folded
    assert "展开其余 1 个社区" in page


def test_the_breadcrumb_of_a_dashboard_stays_on_dashboards(people, login) -> None:
    page = login(people.district).get("/stats/310104003/").content.decode()
    trail = page[page.index('data-testid="breadcrumb"') :].split("</ol>")[0]
    assert 'href="/stats/310104/"' in trail and "/regions/" not in trail


def test_a_community_s_dashboard_has_no_sub_region_chart(people, login) -> None:
    page = login(people.street_a).get("/stats/310104003001/").content.decode()
    assert 'data-chart="attainment"' not in page and 'data-chart="category"' in page
    street = login(people.street_a).get("/stats/310104003/").content.decode()
    assert 'data-chart="attainment"' in street


def test_a_ratio_without_a_denominator_says_what_is_missing(people, login) -> None:
    """天平路街道 has no villagers' committees and, here, no organizations: no bare "—"."""
    page = login(people.street_a).get("/stats/310104003/").content.decode()
    rural = page[page.index('data-testid="rural-average"') :].split("</div>")[0]
    assert "没有农村社区" in rural
    assert 'data-testid="training-coverage">尚无负责人' in page
