"""A realistic generated ledger, for tests and measurements (``manage.py generate_ledger``).

Names, tiers, categories and tags follow the mix of a Shanghai street's stock; credit codes and ID
numbers carry valid check characters (python-stdnum), phones are plausible mobile numbers, and
places are real communities from the region table.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from openpyxl import Workbook
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from linli.core.scoping import subtree_q
from linli.demo.codes import credit_code
from linli.demo.people import id_number, person_name
from linli.ledgers.columns import (
    CATEGORY_LABELS,
    COLUMNS,
    DATA_SHEET,
    LEGAL_FORM_LABELS,
    PARTY_BUILDING_LABELS,
    TAG_NAME_BY_CODE,
    TIER_LABELS,
    label_of,
)
from linli.orgs.choices import LegalForm
from linli.regions.models import Region

# (activity, category, tag codes)
ACTIVITIES = (
    ("广场舞", "culture_sports", ["sports"]),
    ("合唱", "culture_sports", ["culture"]),
    ("太极拳", "culture_sports", ["sports"]),
    ("书画", "culture_sports", ["culture"]),
    ("沪剧", "culture_sports", ["culture", "heritage"]),
    ("读书", "culture_sports", ["culture"]),
    ("志愿服务", "charity", ["volunteer"]),
    ("爱心编织", "charity", ["donation"]),
    ("助老", "life_service", ["elderly"]),
    ("助餐", "life_service", ["meals"]),
    ("亲子", "life_service", ["childcare", "family"]),
    ("人民调解", "community_affairs", ["mediation"]),
    ("平安巡逻", "community_affairs", ["security"]),
    ("垃圾分类", "community_affairs", ["environment"]),
    ("心理关爱", "community_affairs", ["mental_health"]),
    ("睦邻互助", "community_affairs", ["neighbourhood"]),
)
REGISTERED_KINDS = (("协会", LegalForm.SOCIAL_GROUP), ("服务社", LegalForm.SOCIAL_SERVICE_AGENCY))
ID_BIRTHPLACE_FALLBACK = "310104"


def birthplace_of(region_code: str) -> str:
    """The region's district code if python-stdnum knows it (ID numbers are checked against it)."""
    candidate = region_code[:6]
    try:
        ric.get_birth_place(candidate + "19500101001" + "0")
    except StdnumError:
        return ID_BIRTHPLACE_FALLBACK
    return candidate


def short_place(name: str) -> str:
    for suffix in ("居民委员会", "村民委员会", "居委会", "村委会", "社区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def generated_rows(communities: Sequence[Region], rows: int, seed: int = 0) -> list[list[Any]]:
    rng = random.Random(seed)  # noqa: S311 (test data, not security)
    used_names: set[tuple[int | None, str]] = set()
    used_codes: set[str] = set()
    used_ids: set[str] = set()
    birthplaces: dict[str, str] = {}
    result = []
    for _index in range(rows):
        community = rng.choice(communities)
        street = community.parent
        activity, category, tags = rng.choice(ACTIVITIES)
        roll = rng.random()
        tier = "registered" if roll < 0.1 else "team" if roll < 0.55 else "group"
        values: dict[str, Any] = {key.key: "" for key in COLUMNS}
        place = short_place(community.name)
        if tier == "registered":
            suffix, legal_form = rng.choice(REGISTERED_KINDS)
            base = f"{street.name if street else place}{activity}{suffix}"
            code = credit_code(legal_form, community.code, rng.randrange(31**6))
            while code in used_codes:
                code = credit_code(legal_form, community.code, rng.randrange(31**6))
            used_codes.add(code)
            values.update(
                credit_code=code,
                legal_form=label_of(LEGAL_FORM_LABELS, legal_form),
                region=street.code if street else community.code,
                member_count=rng.randint(30, 300),
                supervisory_unit=f"{street.name if street else place}办事处",
            )
        else:
            base = f"{place}{activity}{'队' if tier == 'team' else '小组'}"
            values.update(
                region=community.code,
                member_count=rng.randint(10, 80) if tier == "team" else rng.randint(3, 9),
            )
        name = unique_name(base, street.pk if street else None, used_names)
        birthplace = birthplaces.setdefault(community.code, birthplace_of(community.code))
        person_id = id_number(rng, birthplace, born_from=1945, years=45)
        while person_id in used_ids:
            person_id = id_number(rng, birthplace, born_from=1945, years=45)
        used_ids.add(person_id)
        values.update(
            name=name,
            tier=label_of(TIER_LABELS, tier),
            category=label_of(CATEGORY_LABELS, category),
            tags="、".join(TAG_NAME_BY_CODE[tag] for tag in tags),
            founded_on=date(2000, 1, 1) + timedelta(days=rng.randrange(0, 365 * 24)),
            business_scope=f"组织居民开展{activity}活动，丰富社区生活，促进邻里交流。",
            activity_time="每周" + rng.choice("一二三四五六日") + rng.choice(["上午", "下午"]),
            activity_place=f"{place}活动室",
            party_building=rng.choice(list(PARTY_BUILDING_LABELS)),
            party_member_count=rng.randint(0, 3),
            person_name=person_name(rng),
            person_id_number=person_id,
            person_phone=f"1{rng.choice('3589')}{rng.randrange(0, 10**9):09d}",
        )
        result.append([values[column.key] for column in COLUMNS])
    return result


def unique_name(base: str, street_id: int | None, used: set[tuple[int | None, str]]) -> str:
    name, number = base, 1
    while (street_id, name) in used:
        number += 1
        name = (
            f"{base[:-1]}{number}{base[-1]}" if base.endswith(("队", "组")) else f"{base}{number}"
        )
    used.add((street_id, name))
    return name


def workbook_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.append([column.header for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def generate_ledger(*, under: str, rows: int, seed: int = 0) -> bytes:
    """A ledger of ``rows`` organizations in the communities below region ``under``."""
    base = Region.objects.get(code=under)
    communities = list(
        Region.objects.filter(subtree_q("path", base.path), level="community", is_active=True)
        .select_related("parent")
        .order_by("code")
    )
    if not communities:
        raise ValueError(f"no communities below {under}: run generate_communities first")
    return workbook_bytes(generated_rows(communities, rows, seed))
