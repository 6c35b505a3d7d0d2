from __future__ import annotations

import pytest
from django.http import Http404

from linli.core.scoping import OutOfScope, Scope, ScopeError, checked, path_range
from linli.regions.models import Region

pytestmark = pytest.mark.django_db


def test_path_range_covers_exactly_the_subtree() -> None:
    low, high = path_range("310000/310104/")
    inside = ["310000/310104/", "310000/310104/310104003/", "310000/310104/310104003/310104003001/"]
    outside = ["310000/", "310000/310105/", "310000/3101041/", "310000/310103/"]
    assert all(low <= p < high for p in inside)
    assert not any(low <= p < high for p in outside)


def test_street_official_sees_own_street_and_below_only(people) -> None:
    visible = Region.objects.restrict(people.street_a)
    codes = set(visible.values_list("code", flat=True))
    assert codes == {"310104003", "310104003001", "310104003002"}


def test_district_sees_all_its_streets_not_the_neighbours(people) -> None:
    visible = Region.objects.restrict(people.district)
    assert visible.filter(code="310104004001").exists()
    assert not visible.filter(code="310101002001").exists()
    assert not visible.filter(code="310000").exists()
    assert visible.count() == Region.objects.filter(path__startswith="310000/310104/").count()


def test_national_admin_sees_everything_and_inactive_users_nothing(people) -> None:
    assert Scope.of(people.admin).is_whole_country
    people.street_a.is_active = False
    assert Scope.of(people.street_a).is_nothing
    assert Region.objects.restrict(people.street_a).count() == 0


def test_out_of_scope_is_404_like_missing(people) -> None:
    with pytest.raises(Http404):
        Region.objects.get_in_scope(people.street_a, code="310104004")
    with pytest.raises(Http404):
        Region.objects.get_in_scope(people.street_a, code="999999")


def test_a_scope_holds_its_subtree_only(people) -> None:
    district = Scope.of(people.district)  # 徐汇区
    assert district.contains("310000/310104/310104003/")
    assert not district.contains("310000/")
    assert not district.contains("310000/3101041/")  # a sibling code that shares the prefix
    assert not Scope.of(None).contains("310000/")
    assert Scope.whole_country("test").contains("460000/")
    assert district.root_code == "310104"
    assert district.ancestor_paths == ["310000/", "310000/310104/"]


def test_a_scope_is_made_only_from_a_user_or_a_named_whole_country() -> None:
    with pytest.raises(ScopeError):
        Scope(object(), "310000/", False)  # type: ignore[arg-type]
    for reason in ("", "   "):
        with pytest.raises(ScopeError):
            Scope.whole_country(reason)


def test_narrowing_stays_inside_and_refuses_the_outside(people) -> None:
    street = Scope.of(people.district).narrow("310000/310104/310104003/")
    assert street.contains("310000/310104/310104003/310104003001/")
    assert not street.contains("310000/310104/310104004/")
    with pytest.raises(OutOfScope):
        Scope.of(people.street_a).narrow("310000/310104/310104004/")
    with pytest.raises(OutOfScope):
        Scope.of(people.street_a).narrow("310000/")  # widening is not narrowing
    with pytest.raises(ScopeError):
        Scope.whole_country("test").narrow("")


def test_a_missing_or_empty_scope_is_an_error_not_everything() -> None:
    for missing in (None, "", "310000/", 0):
        with pytest.raises(ScopeError):
            checked(missing)
    with pytest.raises(ScopeError):
        Region.objects.within(None)  # type: ignore[arg-type]


@pytest.mark.postgres
@pytest.mark.django_db
def test_every_region_path_column_compares_bytes_on_postgresql() -> None:
    """Range scoping needs "/" to sort just before "0": a linguistic collation would break it."""
    from django.apps import apps
    from django.db import connection

    columns = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name in ("path", "region_path") and not model.__name__.startswith(
                "Historical"
            ):
                columns.append((model._meta.db_table, field.column))
    assert len(columns) >= 9
    with connection.cursor() as cursor:
        for table, column in columns:
            cursor.execute(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_name = %s AND column_name = %s",
                [table, column],
            )
            assert cursor.fetchone()[0] == "C", f"{table}.{column}"


def test_the_sql_form_of_the_scope_selects_what_the_queryset_does(people) -> None:
    from django.db import connection

    inactive = people.street_a.__class__(is_active=False)
    for user in (people.street_a, people.district, people.admin, inactive):
        expected = set(Region.objects.restrict(user).values_list("code", flat=True))
        for where, params in (Scope.of(user).sql("path"), Scope.of(user).sql_check("path")):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT code FROM regions_region WHERE {where}", params)  # noqa: S608
                found = {code for (code,) in cursor.fetchall()}
            assert found == expected


def test_active_children_stay_inside_the_jurisdiction(people) -> None:
    from linli.regions.selectors import active_children

    district = Region.objects.get(code="310104")
    Region.objects.filter(code="310104004").update(is_active=False)
    codes = [r.code for r in active_children(user=people.district, region=district)]
    assert "310104003" in codes and "310104004" not in codes and codes == sorted(codes)
    street = [r.code for r in active_children(user=people.street_a, region=district)]
    assert street == ["310104003"]  # a sibling street is outside a street official's scope
    provinces = active_children(user=people.admin, region=None)
    assert {r.code for r in provinces} == set(
        Region.objects.filter(parent__isnull=True, is_active=True).values_list("code", flat=True)
    )


def test_region_get_is_404_outside_the_jurisdiction_and_for_unknown_codes(people) -> None:
    from linli.regions.selectors import region_get

    assert region_get(user=people.street_a, code="310104003001").name
    assert region_get(user=people.admin, code="310101").code == "310101"
    for user, code in ((people.street_a, "310104004"), (people.street_a, "999999")):
        with pytest.raises(Http404):
            region_get(user=user, code=code)
    assert region_get(user=people.district, code="310104003", with_parent=True).parent.code == (
        "310104"
    )
