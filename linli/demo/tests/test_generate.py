"""The dataset generator: deterministic, consistent with the workflow, findable by search, and
the same through COPY (PostgreSQL) as through plain inserts."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from stdnum.cn import ric, uscc

from linli.activities.models import Activity
from linli.applications.models import Application, ApplicationEvent
from linli.demo.bulkload import Loader
from linli.demo.codes import credit_code
from linli.demo.communities import communities_generate
from linli.demo.registry import Generator, generate_organizations, generated_tables
from linli.evaluation.models import GradeEvaluation
from linli.orgs.models import Membership, Organization, OrganizationTag, Person
from linli.orgs.search import apply_search, initials_of, tokens_for
from linli.orgs.selectors import organization_list
from linli.orgs.services import OrganizationData, organization_create
from linli.regions.models import Region
from linli.stats.services import rollup_rebuild
from linli.talent.models import LeaderTraining, SocialWorkTalent

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
History = Organization.history.model


def communities() -> list[Region]:
    return list(Region.objects.filter(level="community").order_by("code"))


def generate(seed: int = 7, places: list[Region] | None = None, **options: Any) -> int:
    options = {"extras": True, "activities_per_org": 6.0, "today": TODAY, **options}
    return generate_organizations(
        communities=places if places is not None else communities(),
        mean_per_community=13,
        seed=seed,
        **options,
    )


def snapshot() -> dict[str, Any]:
    """What the generator wrote, without ids or ciphertexts (random nonces)."""
    org_names = dict(Organization.objects.values_list("id", "name"))
    return {
        "orgs": sorted(
            Organization.objects.values_list(
                "name",
                "tier",
                "category",
                "region_id",
                "founded_on",
                "recognised_on",
                "member_count",
                "party_building",
                "name_initials",
                "search_tokens",
                "created_at",
                "legal_form",
                "registration_authority_id",
                "filing_street_id",
                "guiding_committee_id",
            )
        ),
        "tags": sorted(
            (org_names[o], t) for o, t in OrganizationTag.objects.values_list("organization", "tag")
        ),
        "people": sorted(
            Person.objects.values_list(
                "full_name",
                "id_number_masked",
                "id_number_index",
                "phone_index",
                "birth_date",
                "is_party_member",
                "social_worker_level",
                "created_at",
            )
        ),
        "roles": sorted(
            (org_names[o], p)
            for o, p in Membership.objects.values_list("organization", "person__id_number_index")
        ),
        "history": sorted(History.objects.values_list("name", "history_type", "history_date")),
        "activities": sorted(
            (org_names[o], *rest)
            for o, *rest in Activity.objects.values_list(
                "organization", "held_on", "title", "theme", "place", "participants", "created_at"
            )
        ),
        "applications": sorted(
            Application.objects.values_list(
                "title",
                "kind",
                "state",
                "region_id",
                "reviewing_region_id",
                "submitted_at",
                "due_on",
                "decided_at",
                "decision_reason",
                "certificate_code",
                "version",
                "applicant_name",
                "organization__name",
            )
        ),
        "events": sorted(
            ApplicationEvent.objects.values_list(
                "application__title",
                "action",
                "from_state",
                "to_state",
                "actor_name",
                "reason",
                "occurred_at",
            )
        ),
        "trainings": sorted(
            LeaderTraining.objects.values_list(
                "person__id_number_index", "course", "provider", "held_on", "hours", "mode"
            )
        ),
        "talents": sorted(
            SocialWorkTalent.objects.values_list(
                "person__id_number_index", "region_id", "post", "started_on"
            )
        ),
        "grades": sorted(
            GradeEvaluation.objects.values_list(
                "organization__name", "grade", "awarded_on", "valid_until", "evaluator"
            )
        ),
    }


def delete_generated() -> None:
    ApplicationEvent.objects.all().delete()
    Application.objects.all().delete()
    Activity.objects.all().delete()
    LeaderTraining.objects.all().delete()
    SocialWorkTalent.objects.all().delete()
    GradeEvaluation.objects.all().delete()
    Membership.objects.all().delete()
    OrganizationTag.objects.all().delete()
    Organization.objects.all().delete()
    History.objects.all().delete()  # after: deleting writes a "-" row
    Person.objects.all().delete()


def test_same_seed_same_data_other_seed_other_data() -> None:
    made = generate(seed=7)
    assert made == Organization.objects.count() > 50
    first = snapshot()
    delete_generated()
    assert generate(seed=7) == made
    assert snapshot() == first
    delete_generated()
    generate(seed=8)
    assert snapshot()["orgs"] != first["orgs"]


def test_names_keep_the_first_versions_draws() -> None:
    """Adding applications, activities and the rest did not move the names a seed gives."""
    generate(seed=7, extras=False)
    plain = sorted(Organization.objects.values_list("name", flat=True))
    delete_generated()
    generate(seed=7)
    assert sorted(Organization.objects.values_list("name", flat=True)) == plain


def test_recognition_dates_do_not_pile_up_on_the_last_day() -> None:
    """Recognition follows founding by up to 200 days; for an organization founded lately that
    must still fall before today, spread over the days there are, not all on yesterday (which
    put a spike at the end of every dashboard's monthly series)."""
    made = generate_organizations(
        communities=communities(),
        mean_per_community=4000 / len(communities()),
        seed=7,
        with_people=False,
        today=TODAY,
    )
    assert made > 1500
    days = Counter(Organization.objects.values_list("recognised_on", flat=True))
    assert max(days) < TODAY
    # About 2,000 organizations over 25 years: a day holds none or a few; clamping put 4 on
    # yesterday here, and 10,181 on one day in the national data (a day there holds about 390).
    assert days[TODAY - timedelta(days=1)] <= 2


def test_activities_belong_to_their_organization() -> None:
    generate()
    activities = Activity.objects.select_related("organization")
    assert activities.count() > 0
    window_start = TODAY - timedelta(days=3 * 365)
    for activity in activities:
        org = activity.organization
        assert activity.region_path == org.region_path
        assert org.founded_on is not None
        assert window_start <= activity.held_on <= TODAY
        assert activity.held_on >= org.founded_on
        assert activity.place == org.activity_place
        assert 5 <= activity.participants <= 80
        assert activity.title
    per_org = Activity.objects.count() / Organization.objects.count()
    assert 4 < per_org < 8  # 6 requested; young organizations hold fewer
    themes = Counter(Activity.objects.values_list("theme", flat=True))
    assert 0 < sum(n for theme, n in themes.items() if theme) < 0.2 * sum(themes.values())


def test_each_team_and_registered_org_has_its_approved_application() -> None:
    generate()
    for org in Organization.objects.select_related(
        "region", "filing_street", "registration_authority"
    ):
        apps = [a for a in org.applications.all() if a.kind in ("filing", "registration")]
        if org.tier == "group":
            assert apps == []
            continue
        assert len(apps) == 1
        app = apps[0]
        assert app.state == "approved"
        assert app.title == org.name
        assert app.region_id == org.region_id and app.region_path == org.region_path
        if org.tier == "team":
            assert app.kind == "filing"
            assert app.reviewing_region_id == org.filing_street_id
            assert len(app.certificate_code) == 8
        else:
            assert app.kind == "registration"
            assert app.reviewing_region_id == org.registration_authority_id
            assert app.proposed["credit_code"] == org.credit_code
        assert app.decided_at is not None and app.submitted_at is not None
        assert app.submitted_at < app.decided_at
        assert app.decided_at == org.created_at
        assert app.proposed["name"] == org.name
        assert org.recognised_on is not None
        assert app.due_on is not None and app.due_on > app.submitted_at.date()
        assert [e.action for e in app.events.all()] == ["submit", "approve"]
        approve = app.events.get(action="approve")
        assert approve.detail == {"organization": org.pk}
        assert approve.from_state == "submitted" and approve.to_state == "approved"
        person = org.memberships.get(role="responsible").person
        assert app.proposed["people"][0]["id_number_masked"] == person.id_number_masked
        assert app.applicant_name == person.full_name


def test_a_few_other_applications_wait_or_were_turned_down() -> None:
    generate(places=many_communities())
    approved = Application.objects.filter(state="approved").count()
    others = Application.objects.exclude(state="approved")
    assert 0 < others.count() < 0.08 * approved
    assert not others.filter(organization__isnull=False).exists()
    for app in others.prefetch_related("events"):
        actions = [e.action for e in app.events.all()]
        assert actions[0] == "submit"
        assert app.events.last().to_state == app.state  # type: ignore[union-attr]
        assert (app.decided_at is not None) == (app.state == "rejected")
        if app.state in ("returned", "rejected"):
            assert app.decision_reason


def test_every_organization_has_its_created_history_row() -> None:
    generate()
    assert History.objects.filter(history_type="+").count() == Organization.objects.count()
    assert (
        History.objects.filter(history_type="~").count()
        == Organization.objects.exclude(status="active").count()
    )
    org = Organization.objects.order_by("id").first()
    assert org is not None
    record = org.history.get()
    assert record.history_type == "+"
    assert record.name == org.name and record.tier == org.tier
    assert record.history_date == org.created_at
    assert record.registration_authority_id == org.registration_authority_id


def test_some_organizations_closed_as_the_platform_closes_them() -> None:
    """About a tenth of those on the register for a year closed: status and date, the history's
    change row, the approved deregistration or filing cancellation (none for a group, recorded
    by its committee), no activity or grade after closing, and the dashboard's closures."""
    from linli.core.scoping import Scope
    from linli.regions.models import Region as RegionModel
    from linli.stats.selectors import monthly

    generate(places=many_communities())
    orgs = Organization.objects.all()
    old_enough = orgs.filter(recognised_on__lte=TODAY - timedelta(days=365))
    closed = list(orgs.exclude(status="active").prefetch_related("applications__events"))
    assert 0.05 * old_enough.count() < len(closed) < 0.16 * old_enough.count()
    tz = timezone.get_default_timezone()
    for org in closed:
        assert org.closed_on is not None
        assert org.recognised_on + timedelta(days=180) <= org.closed_on < TODAY
        assert org.status == ("deregistered" if org.tier == "registered" else "filing_cancelled")
        change = org.history.get(history_type="~")
        assert change.status == org.status and change.closed_on == org.closed_on
        assert change.history_date == org.updated_at and org.version == 2
        closing = [
            a for a in org.applications.all() if a.kind in ("deregistration", "filing_cancellation")
        ]
        if org.tier == "group":
            assert closing == []
        else:
            (app,) = closing
            assert app.state == "approved" and len(app.proposed["explanation"]) > 10
            assert app.kind == (
                "deregistration" if org.tier == "registered" else "filing_cancellation"
            )
            assert app.decided_at is not None and app.submitted_at is not None
            assert app.decided_at.astimezone(tz).date() == org.closed_on
            assert app.submitted_at < app.decided_at
            assert [e.action for e in app.events.all()] == ["submit", "approve"]
        assert not Activity.objects.filter(organization=org, held_on__gte=org.closed_on).exists()
        assert not GradeEvaluation.objects.filter(
            organization=org, awarded_on__gte=org.closed_on
        ).exists()
    rollup_rebuild()
    district = RegionModel.objects.get(code="310104")
    series = monthly(Scope.whole_country("test"), district)
    first = date.fromisoformat(series[0]["month"] + "-01")
    in_series = [
        o for o in closed if o.closed_on >= first and o.region_path.startswith(district.path)
    ]
    assert sum(m["closed"] for m in series) == len(in_series) > 0


def test_people_are_valid_and_unique() -> None:
    generate()
    people = list(Person.objects.all())
    assert len({p.id_number_index for p in people}) == len(people)
    for person in people[:50]:
        number = person.reveal_id_number()
        # The check digit is right; the place code is today's, which for people born before a
        # district was formed is not what their card says (ric.validate would refuse those).
        assert number[-1] == ric.calc_check_digit(number)
        assert ric.get_birth_date(number) == person.birth_date
        assert person.reveal_phone().startswith("1")
    for code in Organization.objects.exclude(credit_code="").values_list("credit_code", flat=True):
        assert uscc.is_valid(code)
    assert Organization.objects.filter(tier="registered", credit_code="").count() == 0


def test_credit_codes_are_valid_and_distinct() -> None:
    codes = {credit_code("social_group", "310104", n) for n in range(0, 5000, 7)}
    assert len(codes) == len(range(0, 5000, 7))
    assert all(uscc.is_valid(code) for code in codes)


def many_communities() -> list[Region]:
    streets = Region.objects.filter(level="street").filter(code__regex=r"^(310104|310117|460105)")
    communities_generate(streets=list(streets), per_street=5, seed=3)
    return communities()


def test_talents_trainings_and_grades_in_plausible_proportions() -> None:
    places = many_communities()
    generate(places=places, activities_per_org=0.5)
    by_kind = Counter(c.kind for c in places)
    talents = Counter(SocialWorkTalent.objects.values_list("region__kind", flat=True))
    assert by_kind["rural"] > 10 and by_kind["urban"] > 30
    assert 1.8 < talents["urban"] / by_kind["urban"] < 2.8
    assert 0.8 < talents["rural"] / by_kind["rural"] < 1.7
    per_place = Counter(SocialWorkTalent.objects.values_list("region_id", flat=True))
    below = sum(1 for c in places if per_place[c.pk] < (2 if c.kind == "urban" else 1))
    assert 0.05 < below / len(places) < 0.3
    certified = SocialWorkTalent.objects.exclude(person__social_worker_level="").count()
    assert 0.45 < certified / SocialWorkTalent.objects.count() < 0.75
    responsible = Membership.objects.filter(role="responsible")
    assert responsible.count() == Organization.objects.count()
    leaders = responsible.exclude(organization__tier="group")
    trained = leaders.filter(person__trainings__isnull=False).distinct().count()
    assert 0.6 < trained / leaders.count() < 0.8
    assert not LeaderTraining.objects.filter(
        person__memberships__organization__tier="group"
    ).exists()
    old = LeaderTraining.objects.filter(held_on__lt=TODAY - timedelta(days=5 * 365)).count()
    assert 0 < old < 0.5 * LeaderTraining.objects.count()
    certified_leaders = responsible.exclude(person__social_worker_level="").count()
    assert 0.01 < certified_leaders / responsible.count() < 0.1
    registered = Organization.objects.filter(tier="registered").count()
    graded = GradeEvaluation.objects.count()
    assert registered > 50
    assert 0.2 < graded / registered < 0.5
    for grade in GradeEvaluation.objects.select_related("organization"):
        assert grade.organization.tier == "registered"
        assert grade.valid_until == grade.awarded_on.replace(year=grade.awarded_on.year + 5)
        assert grade.awarded_on <= TODAY
    assert GradeEvaluation.objects.filter(valid_until__lt=TODAY).exists()
    grades = Counter(GradeEvaluation.objects.values_list("grade", flat=True))
    assert grades.most_common(1)[0][0] == 3
    assert rollup_rebuild() > 0


def test_generated_organizations_are_found_by_name_search(people: Any) -> None:
    generate()
    orgs = list(Organization.objects.all())
    for org in orgs:
        assert org.name_initials == initials_of(org.name)
        assert org.search_tokens == tokens_for(org.name)
    dance = next(o for o in orgs if "舞蹈" in o.name)
    found, _filters = organization_list(user=people.admin, params={"q": "舞蹈"})
    assert dance in found
    assert all("舞蹈" in o.name for o in found)
    found, _filters = organization_list(user=people.admin, params={"q": dance.name})
    assert list(found) == [dance]
    letters = dance.name_initials[-3:]
    found, _filters = organization_list(user=people.admin, params={"q": letters})
    assert dance in found


def test_normal_writes_continue_after_generation() -> None:
    generate()
    highest = Organization.objects.order_by("-id").values_list("id", flat=True)[0]
    region = Region.objects.get(code="310104003001")
    org = organization_create(
        actor=None,
        data=OrganizationData(
            name="永嘉新村社区新生舞蹈队", tier="team", category="culture_sports", region=region
        ),
    )
    assert org.pk > highest
    assert org.history.count() == 1
    activity = Activity.objects.create(
        organization=org, region_path=org.region_path, held_on=TODAY, title="排练"
    )
    assert activity.pk > Activity.objects.exclude(pk=activity.pk).order_by("-id")[0].pk
    person = Person.objects.create(full_name="新人")
    assert person.pk == Person.objects.order_by("-id")[0].pk


@pytest.mark.postgres
def test_copy_writes_the_same_rows_as_inserts() -> None:
    assert connection.vendor == "postgresql"
    copy = Loader(method="copy")
    generate(seed=11, loader=copy)
    through_copy = snapshot()
    counts = dict(copy.counts)
    delete_generated()
    insert = Loader(method="insert")
    generate(seed=11, loader=insert)
    assert dict(insert.counts) == counts
    assert snapshot() == through_copy
    assert counts["activities_activity"] > 0 and counts["applications_application"] > 0


@pytest.mark.postgres
def test_copy_leaves_sequences_and_foreign_keys_right() -> None:
    generate(seed=12, loader=Loader(method="copy"))
    with connection.cursor() as cursor:
        for table, column, parent in (
            ("activities_activity", "organization_id", "orgs_organization"),
            ("orgs_membership", "person_id", "orgs_person"),
            ("orgs_membership", "organization_id", "orgs_organization"),
            ("applications_applicationevent", "application_id", "applications_application"),
            ("applications_application", "organization_id", "orgs_organization"),
            ("talent_leadertraining", "person_id", "orgs_person"),
            ("talent_socialworktalent", "person_id", "orgs_person"),
            ("talent_socialworktalent", "region_id", "regions_region"),
            ("evaluation_gradeevaluation", "organization_id", "orgs_organization"),
            ("orgs_organization", "region_id", "regions_region"),
        ):
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} c LEFT JOIN {parent} p ON p.id = c.{column} "  # noqa: S608
                f"WHERE c.{column} IS NOT NULL AND p.id IS NULL"
            )
            assert cursor.fetchone()[0] == 0, (table, column)
    highest = Organization.objects.order_by("-id").values_list("id", flat=True)[0]
    org = Organization.objects.create(
        name="新建团队", tier="team", category="culture_sports",
        region=Region.objects.get(code="310104003001"), region_path="310000/",
    )  # fmt: skip
    assert org.pk == highest + 1
    assert History.objects.filter(id=org.pk).count() == 1
    assert (
        Activity.objects.create(
            organization=org, region_path=org.region_path, held_on=TODAY, title="排练"
        ).pk
        > 1
    )


def index_definitions() -> list[tuple[str, str]]:
    names = [table.name for table in generated_tables()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY 1",
            [names],
        )
        return list(cursor.fetchall())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pipelined_copy_with_deferred_indexes_writes_the_same() -> None:
    """What generate_dataset does on PostgreSQL: a writer thread with its own connection, and
    the secondary indexes dropped for the load and built again after it."""
    generate(seed=13, loader=Loader(method="copy"))
    expected = snapshot()
    delete_generated()
    indexes = index_definitions()
    loader = Loader(pipeline=True)
    assert loader.pipelined
    generator = Generator(loader=loader, today=TODAY, extras=True, activities_per_org=6.0)
    with loader.indexes_deferred(generated_tables()):
        assert len(index_definitions()) < len(indexes)
        generator.generate(communities=communities(), mean_per_community=13, seed=13)
        loader.finish()
    assert index_definitions() == indexes
    assert loader.deferred_indexes and "orgs_org_search_gin" in loader.deferred_indexes
    assert set(loader.writer_seconds) == {t.name for t in generated_tables()}
    assert snapshot() == expected
    assert loader.counts["orgs_organization"] == Organization.objects.count()
    dance = Organization.objects.filter(name__contains="舞蹈").first()
    assert dance is not None
    assert dance in apply_search(Organization.objects.all(), "舞蹈")
    highest = Organization.objects.order_by("-id").values_list("id", flat=True)[0]
    org = organization_create(
        actor=None,
        data=OrganizationData(
            name="永嘉新村社区新生合唱队",
            tier="team",
            category="culture_sports",
            region=Region.objects.get(code="310104003002"),
        ),
    )
    assert org.pk == highest + 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_indexes_dropped_by_a_killed_load_are_built_again() -> None:
    from linli.core.indexes import restore_deferred_indexes
    from linli.core.models import DeferredIndex

    indexes = index_definitions()
    killed = Loader().indexes_deferred(generated_tables())
    killed.__enter__()  # the load starts, drops the indexes, and its process dies here
    assert len(index_definitions()) < len(indexes)
    assert DeferredIndex.objects.count() == len(indexes) - len(index_definitions())
    with Loader().indexes_deferred(generated_tables()):  # the next load restores them first
        assert DeferredIndex.objects.count() == len(indexes) - len(index_definitions())
    assert index_definitions() == indexes and not DeferredIndex.objects.exists()
    assert restore_deferred_indexes() == []
