from __future__ import annotations

import pytest

from linli.regions.models import Region
from linli.regions.services import regions_load

pytestmark = pytest.mark.django_db


def test_shanghai_has_one_province_16_districts_and_216_streets() -> None:
    shanghai = Region.objects.filter(code__startswith="31").exclude(level="community")
    assert shanghai.count() == 233
    assert shanghai.filter(level="province").count() == 1
    assert shanghai.filter(level="district").count() == 16
    assert shanghai.filter(level="street").count() == 216
    # A municipality has no prefecture level: districts hang from the province row.
    xuhui = Region.objects.get(code="310104")
    assert xuhui.parent.code == "310000"
    assert xuhui.path == "310000/310104/"
    assert Region.objects.get(code="310000").acts_as_city


def test_hainan_keeps_cities_and_counties_under_the_province() -> None:
    assert Region.objects.get(code="460105").path == "460000/460100/460105/"  # 海口市秀英区
    qionghai = Region.objects.get(code="469002")  # 琼海市, administered by the province
    assert qionghai.level == "district"
    assert qionghai.parent.code == "460000"
    town = Region.objects.filter(parent=qionghai).first()
    assert town is not None and town.path.startswith("460000/469002/")


def test_loading_again_changes_nothing() -> None:
    before = Region.objects.count()
    result = regions_load(provinces={"31"})
    assert (result.created, result.updated, result.unchanged) == (0, 0, 233)
    assert Region.objects.count() == before


def test_a_renamed_street_is_corrected_on_reload() -> None:
    Region.objects.filter(code="310104003").update(name="旧名称")
    result = regions_load(provinces={"31"})
    assert result.updated == 1
    assert Region.objects.get(code="310104003").name == "天平路街道"


def test_whole_country_table_is_41934_rows() -> None:
    from linli.regions.table import read_table

    metadata, rows = read_table()
    assert len(rows) == 41934
    assert metadata["data_as_of"] == "2025-12-31"
